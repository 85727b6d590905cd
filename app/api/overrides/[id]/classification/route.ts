import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { classifyOverride } from "@/lib/intake/overrides";
import { readJson, route } from "@/lib/http/route";

/** Classifies an override after the fact: was the validation right to block? */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireActor("handoffs:view");
  const { id } = await params;
  return NextResponse.json(await classifyOverride(actor, id, await readJson(request)));
});
