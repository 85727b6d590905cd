import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { cancelJob } from "@/lib/sync/operations";

export const POST = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
  const actor = await requireActor("operations:view");
  return NextResponse.json(await cancelJob(actor, (await params).id));
});
