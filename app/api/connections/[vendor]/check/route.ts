import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { checkConnection } from "@/lib/connections/manage";
import { parseTool } from "@/lib/connections/tools";

/** Pre-flight: does the token work, can it reach the configured workspace, and does it have the scopes it needs? */
export const POST = route<{ params: Promise<{ vendor: string }> }>(async (_request, { params }) => {
  const actor = await requireActor("connections:manage");
  return NextResponse.json(await checkConnection(actor, parseTool((await params).vendor)));
});
