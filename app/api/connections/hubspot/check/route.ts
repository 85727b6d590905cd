import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { checkHubSpotConnection } from "@/lib/integrations/hubspot/connection";

/** Pre-flight: does the token work, and which of the needed scopes does it carry? */
export const POST = route(async () => {
  const actor = await requireActor("connections:manage");
  return NextResponse.json(await checkHubSpotConnection(actor));
});
