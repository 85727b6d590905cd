import { NextResponse } from "next/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";
import { decideIntakePolicy } from "@/lib/intake/policy-store";

const bodySchema = z.object({
  decision: z.enum(["approve", "reject", "withdraw"], { error: "Say whether to approve, reject or withdraw the change." }),
  note: z.string().max(2000, "Keep the note under 2,000 characters.").default(""),
});

/** POST { decision, note }: a PS leader approves or rejects a pending policy change; its editor may withdraw it. */
export const POST = route<{ params: Promise<{ version: string }> }>(async (request, { params }) => {
  const actor = await requireActor();
  const { version } = await params;
  const number = /^\d{1,9}$/.test(version) ? Number(version) : NaN;
  if (!Number.isInteger(number)) return NextResponse.json({ error: { code: "NOT_FOUND", message: "There is no such version of the intake policy." } }, { status: 404 });
  const { decision, note } = bodySchema.parse(await readJson(request));
  return NextResponse.json(await decideIntakePolicy(actor, number, decision, note));
});
