import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { matchIdentitiesByEmail } from "@/lib/delivery/identities";

/** POST: link everyone not yet linked whose email ClickUp or Slack knows. */
export const POST = route(async () => {
  const actor = await requireActor();
  return NextResponse.json(await matchIdentitiesByEmail(actor));
});
