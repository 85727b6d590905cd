import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { reassignHandoff } from "@/lib/handoffs/reassign";
import { readJson, route } from "@/lib/http/route";

/** POST { role, userId }: give the handoff's project manager, delivery lead or PS leader role to someone else. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireActor("handoffs:view");
  const { id } = await params;
  return NextResponse.json(await reassignHandoff(actor, id, await readJson(request)));
});
