import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";
import { addRetrainingAction } from "@/lib/qa/runs";

/** POST { pattern, description, ownerId, dueDate, runId? }: record a retraining action. */
export const POST = route(async (request) => {
  const actor = await requireActor("qa:run");
  return NextResponse.json(await addRetrainingAction(actor, await readJson(request)), { status: 201 });
});
