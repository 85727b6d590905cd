import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";
import { updateIdentities } from "@/lib/delivery/identities";

/** POST { clickupUserId, slackUserId }: link a person to their ClickUp and Slack accounts. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireActor();
  const { id } = await params;
  await updateIdentities(actor, id, await readJson(request));
  return NextResponse.json({ ok: true });
});
