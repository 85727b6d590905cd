import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { reconcileDeals } from "@/lib/intake/reconcile";

/** Runs the reconciliation sweep now (RevOps and admins). */
export const POST = route(async () => {
  const actor = await requireActor("policy:edit");
  return NextResponse.json(await reconcileDeals({ actor }));
});
