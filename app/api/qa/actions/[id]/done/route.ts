import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { completeRetrainingAction } from "@/lib/qa/runs";

/** POST: mark a retraining action done. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
  const actor = await requireActor("qa:review");
  await completeRetrainingAction(actor, (await params).id);
  return NextResponse.json({ ok: true });
});
