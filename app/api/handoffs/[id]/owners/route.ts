import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { resolveOwner } from "@/lib/delivery/owners";
import { readJson, route } from "@/lib/http/route";

/** POST: resolve a delivery-workspace owner: link a ClickUp member, or reassign the items. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireActor("handoffs:view");
  const { id } = await params;
  return NextResponse.json(await resolveOwner(actor, id, await readJson(request)));
});
