import { NextResponse } from "next/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";
import { updateSandboxDeal } from "@/lib/sandbox/hubspot";

/** Edits a deal in the local HubSpot stand-in, as a person would in HubSpot. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireActor("sandbox:use");
  const { id } = await params;
  const body = z.object({ properties: z.unknown() }).parse(await readJson(request));
  return NextResponse.json(await updateSandboxDeal(actor, id, body.properties));
});
