import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { resyncOutput } from "@/lib/delivery/commands";
import { route } from "@/lib/http/route";

/** POST: sync one delivery output (workspace, brief, ack, digest) of the handoff again. */
export const POST = route<{ params: Promise<{ id: string; key: string }> }>(async (_request, { params }) => {
  const actor = await requireActor("handoffs:view");
  const { id, key } = await params;
  return NextResponse.json(await resyncOutput(actor, id, key), { status: 202 });
});
