import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";
import { createQaRun } from "@/lib/qa/runs";

/** POST { month, sampleSize, rule }: start a monthly QA run (overrides are always sampled). */
export const POST = route(async (request) => {
  const actor = await requireActor("qa:run");
  return NextResponse.json(await createQaRun(actor, await readJson(request)), { status: 201 });
});
