import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { transitionHandoff } from "@/lib/handoffs/transition";
import { readJson, route } from "@/lib/http/route";

/** POST a lifecycle command (see lib/handoffs/lifecycle.ts) for one handoff. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireActor("handoffs:view");
  const { id } = await params;
  const result = await transitionHandoff(actor, id, await readJson(request));
  return NextResponse.json(result);
});
