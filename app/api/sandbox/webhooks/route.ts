import { NextResponse } from "next/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";
import { setSandboxWebhooksDropped } from "@/lib/sandbox/hubspot";

/** Makes the stand-in drop (or deliver) its webhooks, to see reconciliation at work. */
export const POST = route(async (request) => {
  const actor = await requireActor("policy:edit");
  const { dropped } = z.object({ dropped: z.boolean() }).parse(await readJson(request));
  await setSandboxWebhooksDropped(actor, dropped);
  return NextResponse.json({ dropped });
});
