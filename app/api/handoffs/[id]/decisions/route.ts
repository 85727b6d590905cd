import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { addDecision } from "@/lib/delivery/commands";
import { readJson, route } from "@/lib/http/route";

/** POST a decision to the handoff's append-only decision log. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireActor("handoffs:view");
  const { id } = await params;
  return NextResponse.json(await addDecision(actor, id, await readJson(request)), { status: 201 });
});
