import type { Metadata } from "next";
import Link from "next/link";
import { HandoffQueue } from "@/components/handoffs/handoff-queue";
import { formatDate } from "@/components/ui/format";
import { requirePageActor } from "@/lib/auth/session";
import { listOwners, listQueue, queueQuerySchema } from "@/lib/handoffs/queue";
import { DRILL_KEYS, type QueueQuery } from "@/lib/handoffs/queue-query";
import { stageDefinition } from "@/lib/rules/stages";

export const metadata: Metadata = { title: "Handoff queue" };

/** What a dashboard drill-down narrowed the queue to, in words. */
function drillSummary(query: QueueQuery, people: { id: string; name: string }[]): string[] {
  const parts: string[] = [];
  if (query.closedFrom || query.closedTo) parts.push(`closed-won ${query.closedFrom ? formatDate(query.closedFrom) : "…"} – ${query.closedTo ? formatDate(query.closedTo) : "…"}`);
  if (query.kickoffFrom || query.kickoffTo) parts.push(`kicked off ${query.kickoffFrom ? formatDate(query.kickoffFrom) : "…"} – ${query.kickoffTo ? formatDate(query.kickoffTo) : "…"}`);
  if (query.reviewedFrom || query.reviewedTo) parts.push(`reviewed by QA ${query.reviewedFrom ? formatDate(query.reviewedFrom) : "…"} – ${query.reviewedTo ? formatDate(query.reviewedTo) : "…"}`);
  if (query.gate || query.decidedFrom || query.decidedTo) parts.push(`${query.gate ? stageDefinition(query.gate).label : "a"} gate decided ${query.decidedFrom ? formatDate(query.decidedFrom) : "…"} – ${query.decidedTo ? formatDate(query.decidedTo) : "…"}`);
  if (query.override || query.overrideFrom || query.overrideTo) parts.push(`intake override${query.override ? ` (${query.override.toLowerCase().replace("_", " ")})` : ""} requested ${query.overrideFrom ? formatDate(query.overrideFrom) : "…"} – ${query.overrideTo ? formatDate(query.overrideTo) : "…"}`);
  if (query.delayed) parts.push("kickoff later than promised");
  if (query.scopeFrom || query.scopeTo) parts.push(`scope changed after the brief ${query.scopeFrom ? formatDate(query.scopeFrom) : "…"} – ${query.scopeTo ? formatDate(query.scopeTo) : "…"}`);
  else if (query.scopeChanged) parts.push("scope changed after the brief");
  if (query.team) parts.push(`team ${query.team}`);
  if (query.segment) parts.push(`segment ${query.segment}`);
  if (query.pipeline) parts.push(`pipeline ${query.pipeline}`);
  if (query.cohort) parts.push(query.cohort === "pilot" ? "pilot cohort" : "outside the pilot");
  if (query.accountable) parts.push(`owned by ${people.find((p) => p.id === query.accountable)?.name ?? "one person"}`);
  return parts;
}

export default async function HandoffsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("handoffs:view");
  const raw = await searchParams;
  const query = queueQuerySchema.parse(raw);
  const [page, owners] = await Promise.all([listQueue(actor, query), listOwners()]);
  const drill = drillSummary(query, owners);
  const withoutDrill = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => ((DRILL_KEYS as readonly string[]).includes(k) || v === undefined ? [] : [[k, String(v)]])));
  return (
    <div className="mx-auto max-w-7xl">
      <div className="mb-5">
        <h1 className="text-xl font-semibold text-slate-900">Handoff queue</h1>
        <p className="mt-1 text-sm text-slate-500">Every closed-won deal on its way to delivery. Filters and sorting are kept in the address, so a view can be bookmarked and shared.</p>
      </div>
      {drill.length > 0 && (
        <div role="status" className="mb-4 flex flex-wrap items-center justify-between gap-2 rounded-md bg-violet-50 px-4 py-2.5 text-sm text-violet-900">
          <p>
            <span className="font-medium">From the dashboard:</span> {drill.join(" · ")} — {page.total} handoff{page.total === 1 ? "" : "s"}.
          </p>
          <div className="flex gap-3">
            <Link href="/dashboard" className="font-medium underline">
              Back to the dashboard
            </Link>
            <Link href={`/handoffs${withoutDrill.size ? `?${withoutDrill}` : ""}`} className="font-medium underline">
              Show all handoffs
            </Link>
          </div>
        </div>
      )}
      <HandoffQueue page={page} owners={owners} />
    </div>
  );
}
