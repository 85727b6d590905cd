import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";
import { clickSlackButton } from "@/lib/sandbox/tools";

/** POST: click a button on a message in the Slack stand-in, as the signed-in person's Slack user. */
export const POST = route(async (request) => {
  // Who may click what (a role that does not use the sandbox only confirms its own Slack link) is decided in clickSlackButton.
  const actor = await requireActor();
  return NextResponse.json(await clickSlackButton(actor, await readJson(request)));
});
