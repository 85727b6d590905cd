import { NextResponse } from "next/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";
import { saveIntakePolicy } from "@/lib/intake/policy-store";

const bodySchema = z.object({ policy: z.unknown(), note: z.string() });

/** Saves a new version of the intake policy (RevOps and admins). */
export const POST = route(async (request) => {
  const actor = await requireActor("policy:edit");
  const body = bodySchema.parse(await readJson(request));
  const saved = await saveIntakePolicy(actor, body.policy, body.note);
  // 202 when the change waits for a second person's approval before it applies.
  return NextResponse.json({ version: saved.version, status: saved.status, relaxations: saved.relaxations }, { status: saved.status === "ACTIVE" ? 201 : 202 });
});
