import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { unlockAccount } from "@/lib/auth/throttle";
import { route } from "@/lib/http/route";

/** POST: an admin lifts the sign-in lock of an account locked after repeated failures. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
  const actor = await requireActor("users:manage");
  const { id } = await params;
  await unlockAccount(actor, id);
  return NextResponse.json({ unlocked: true });
});
