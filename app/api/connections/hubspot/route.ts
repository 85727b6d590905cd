import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";
import { removeHubSpotConnection, saveHubSpotConnection } from "@/lib/integrations/hubspot/connection";

/** Saves the HubSpot token (encrypted at rest; never returned). */
export const POST = route(async (request) => {
  const actor = await requireActor("connections:manage");
  await saveHubSpotConnection(actor, await readJson(request));
  return NextResponse.json({ saved: true });
});

export const DELETE = route(async () => {
  const actor = await requireActor("connections:manage");
  await removeHubSpotConnection(actor);
  return NextResponse.json({ removed: true });
});
