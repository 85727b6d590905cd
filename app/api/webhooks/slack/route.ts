import { NextResponse } from "next/server";
import { MAX_INTERACTION_BYTES, receiveSlackInteraction } from "@/lib/handoffs/slack-interactions";
import { readBodyText } from "@/lib/http/body";
import { logger } from "@/lib/log/logger";

/** Slack's Interactivity Request URL: verify, store, act, answer within Slack's 3 seconds. */
export async function POST(request: Request) {
  // Read no further than the limit: an oversized body is refused without being buffered.
  let rawBody: string;
  try {
    rawBody = await readBodyText(request, MAX_INTERACTION_BYTES);
  } catch {
    return NextResponse.json({ ok: false, error: "The body is larger than 256 KB." }, { status: 413 });
  }
  try {
    const answer = await receiveSlackInteraction({
      rawBody,
      signature: request.headers.get("x-slack-signature"),
      timestamp: request.headers.get("x-slack-request-timestamp"),
    });
    return answer.body === null ? new NextResponse(null, { status: answer.status }) : NextResponse.json(answer.body, { status: answer.status });
  } catch (error) {
    logger.error({ err: error, event: "webhook.failed", provider: "slack" }, "could not handle a Slack interaction");
    return NextResponse.json({ ok: false, error: "Could not handle the click; try again." }, { status: 500 });
  }
}
