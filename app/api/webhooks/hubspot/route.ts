import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { MAX_WEBHOOK_BYTES, receiveHubSpotWebhook } from "@/lib/intake/webhook";
import { readBodyText } from "@/lib/http/body";
import { logger } from "@/lib/log/logger";

/** HubSpot webhook receiver: verify, store, answer fast; the worker does the rest. */
export async function POST(request: Request) {
  // Read no further than the limit: an oversized body is refused without being buffered.
  let rawBody: string;
  try {
    rawBody = await readBodyText(request, MAX_WEBHOOK_BYTES);
  } catch {
    return NextResponse.json({ error: "The body is larger than 1 MB." }, { status: 413 });
  }

  // HubSpot signs the URL it called: our public URL, whatever proxy sits in front.
  const url = new URL(request.url);
  const uri = `${env().APP_URL.replace(/\/$/, "")}${url.pathname}${url.search}`;
  try {
    const answer = await receiveHubSpotWebhook({
      method: "POST",
      uri,
      rawBody,
      signature: request.headers.get("x-hubspot-signature-v3"),
      timestamp: request.headers.get("x-hubspot-request-timestamp"),
    });
    return NextResponse.json(answer.body, { status: answer.status });
  } catch (error) {
    logger.error({ err: error, event: "webhook.failed", provider: "hubspot" }, "could not store webhook");
    // 5xx: HubSpot retries the delivery, so nothing is lost.
    return NextResponse.json({ error: "Could not store the events; retry later." }, { status: 503 });
  }
}
