import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";
import { removeConnection, saveConnection } from "@/lib/connections/manage";
import { parseTool } from "@/lib/connections/tools";

type Context = { params: Promise<{ vendor: string }> };

/** Saves a tool's token and its configuration (the token encrypted; never returned). */
export const POST = route<Context>(async (request, { params }) => {
  const actor = await requireActor("connections:manage");
  await saveConnection(actor, parseTool((await params).vendor), await readJson(request));
  return NextResponse.json({ saved: true });
});

export const DELETE = route<Context>(async (_request, { params }) => {
  const actor = await requireActor("connections:manage");
  await removeConnection(actor, parseTool((await params).vendor));
  return NextResponse.json({ removed: true });
});
