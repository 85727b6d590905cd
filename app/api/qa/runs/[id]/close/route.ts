import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { closeQaRun } from "@/lib/qa/runs";

/** POST: close a QA run whose every sampled handoff is reviewed; its scores are final. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
  const actor = await requireActor("qa:run");
  await closeQaRun(actor, (await params).id);
  return NextResponse.json({ ok: true });
});
