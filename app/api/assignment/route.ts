import { NextResponse } from "next/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { saveAssignmentRule } from "@/lib/intake/assign";
import { readJson, route } from "@/lib/http/route";

const bodySchema = z.object({ rule: z.unknown(), note: z.string().max(2000, "Keep the note under 2,000 characters.").default("") });

/** POST { rule, note }: save a new version of the rule that assigns new handoffs. */
export const POST = route(async (request) => {
  const actor = await requireActor("assignment:edit");
  const { rule, note } = bodySchema.parse(await readJson(request));
  const saved = await saveAssignmentRule(actor, rule, note);
  return NextResponse.json({ version: saved.version }, { status: 201 });
});
