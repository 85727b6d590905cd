import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";
import { parseVendor, removeVendorConnection, saveVendorConnection } from "@/lib/integrations/connections";

type Context = { params: Promise<{ vendor: string }> };

/** Saves a ClickUp, Notion or Slack token and its configuration (the token encrypted; never returned). */
export const POST = route<Context>(async (request, { params }) => {
  const actor = await requireActor("connections:manage");
  await saveVendorConnection(actor, parseVendor((await params).vendor), await readJson(request));
  return NextResponse.json({ saved: true });
});

export const DELETE = route<Context>(async (_request, { params }) => {
  const actor = await requireActor("connections:manage");
  await removeVendorConnection(actor, parseVendor((await params).vendor));
  return NextResponse.json({ removed: true });
});
