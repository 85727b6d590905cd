import { NextResponse } from "next/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { saveTaskTemplate } from "@/lib/delivery/template";
import { readJson, route } from "@/lib/http/route";

const bodySchema = z.object({ template: z.unknown(), note: z.string().default("") });

/** POST { template, note }: save a new version of the standard task template. */
export const POST = route(async (request) => {
  const actor = await requireActor();
  const { template, note } = bodySchema.parse(await readJson(request));
  const saved = await saveTaskTemplate(actor, template, note);
  return NextResponse.json({ version: saved.version }, { status: 201 });
});
