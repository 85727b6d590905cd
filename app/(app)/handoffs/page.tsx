import type { Metadata } from "next";
import { HandoffQueue } from "@/components/handoffs/handoff-queue";
import { requirePageActor } from "@/lib/auth/session";
import { listOwners, listQueue, queueQuerySchema } from "@/lib/handoffs/queue";

export const metadata: Metadata = { title: "Handoff queue" };

export default async function HandoffsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("handoffs:view");
  const query = queueQuerySchema.parse(await searchParams);
  const [page, owners] = await Promise.all([listQueue(actor, query), listOwners()]);
  return (
    <div className="mx-auto max-w-7xl">
      <div className="mb-5">
        <h1 className="text-xl font-semibold text-slate-900">Handoff queue</h1>
        <p className="mt-1 text-sm text-slate-500">Every closed-won deal on its way to delivery. Filters and sorting are kept in the address, so a view can be bookmarked and shared.</p>
      </div>
      <HandoffQueue page={page} owners={owners} />
    </div>
  );
}
