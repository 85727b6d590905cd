import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";
import { requestSlackLink, unlinkMySlack } from "@/lib/delivery/slack-link";

/** POST { slackUserId? }: ask to link one's own Slack account; Slack asks that user to confirm. */
export const POST = route(async (request) => {
  const actor = await requireActor();
  return NextResponse.json(await requestSlackLink(actor, await readJson(request)));
});

/** DELETE: unlink one's own Slack account and withdraw a pending request. */
export const DELETE = route(async () => {
  const actor = await requireActor();
  return NextResponse.json(await unlinkMySlack(actor));
});
