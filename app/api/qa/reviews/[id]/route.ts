import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";
import { submitReview } from "@/lib/qa/runs";

/** POST { completenessScore, promiseAccuracy, failurePatterns, notes }: score a sampled handoff. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireActor("qa:review");
  await submitReview(actor, (await params).id, await readJson(request));
  return NextResponse.json({ ok: true });
});
