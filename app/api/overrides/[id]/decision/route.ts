import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { decideOverride } from "@/lib/intake/overrides";
import { readJson, route } from "@/lib/http/route";

/** The second approver confirms or rejects a material override. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireActor("overrides:confirm");
  const { id } = await params;
  return NextResponse.json(await decideOverride(actor, id, await readJson(request)));
});
