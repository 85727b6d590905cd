import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { requestIntakeOverride } from "@/lib/intake/overrides";
import { readJson, route } from "@/lib/http/route";

/** Requests an override of the intake validation for a blocked handoff. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  // Visibility first (a handoff the person cannot see is a 404), then the role: see requestIntakeOverride.
  const actor = await requireActor("handoffs:view");
  const { id } = await params;
  return NextResponse.json(await requestIntakeOverride(actor, id, await readJson(request)), { status: 201 });
});
