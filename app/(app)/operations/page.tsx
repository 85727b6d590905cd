import type { Metadata } from "next";
import { JobTable } from "@/components/operations/job-table";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import Link from "next/link";
import { chainHead, publishedHead } from "@/lib/audit/chain";
import { can } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { jobFilterSchema, listJobs, operationsOverview } from "@/lib/sync/operations";
import { VENDOR_LIMITS } from "@/lib/sync/rate-limit";

export const metadata: Metadata = { title: "Operations" };

function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

function Stat({ label, value, tone }: { label: string; value: React.ReactNode; tone?: "red" | "amber" }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold ${tone === "red" ? "text-red-700" : tone === "amber" ? "text-amber-700" : "text-slate-900"}`}>{value}</dd>
    </div>
  );
}

export default async function OperationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("operations:view");
  const filter = jobFilterSchema.parse(await searchParams);
  const [overview, jobs, head] = await Promise.all([operationsOverview(), listJobs(actor, filter), chainHead()]);
  const queued = overview.counts.PENDING + overview.counts.FAILED + overview.counts.RUNNING;
  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Operations</h1>
        <p className="mt-1 text-sm text-slate-500">Every outbound effect is a durable job: committed with the change that caused it, retried with backoff, parked as a dead letter when it cannot succeed.</p>
      </div>

      <dl className="grid grid-cols-2 gap-4 md:grid-cols-3 lg:grid-cols-6">
        <Stat label="Queue depth" value={queued} />
        <Stat label="Oldest waiting" value={duration(overview.oldestPendingSeconds)} tone={overview.oldestPendingSeconds && overview.oldestPendingSeconds > 600 ? "amber" : undefined} />
        <Stat label="Dead letters" value={overview.counts.DEAD} tone={overview.counts.DEAD ? "red" : undefined} />
        <Stat label="Done in 24 h" value={overview.latency24h.succeeded} />
        <Stat label="p95 commit → effect" value={overview.latency24h.p95Ms === null ? "—" : `${(overview.latency24h.p95Ms / 1000).toFixed(1)} s`} />
        <Stat label="Webhooks waiting" value={overview.webhookBacklog} />
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="failures-heading">
          <CardHeader id="failures-heading" title="Failed attempts, last 24 h" description="By vendor and error class" />
          {overview.failures24h.length === 0 ? (
            <p className="px-5 py-4 text-sm text-slate-500">No failed attempts.</p>
          ) : (
            <table className="min-w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-5 py-2">Vendor</th>
                  <th scope="col" className="px-3 py-2">Error class</th>
                  <th scope="col" className="px-3 py-2 text-right">Attempts</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {overview.failures24h.map((f) => (
                  <tr key={`${f.vendor}-${f.errorClass}`}>
                    <td className="px-5 py-2">{f.vendor}</td>
                    <td className="px-3 py-2 font-mono text-xs">{f.errorClass}</td>
                    <td className="px-3 py-2 text-right">{f.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card aria-labelledby="vendors-heading">
          <CardHeader id="vendors-heading" title="Vendor connections" description="Rate limits we keep to, and circuit breakers" />
          <ul className="divide-y divide-slate-100 text-sm">
            {(Object.keys(VENDOR_LIMITS) as (keyof typeof VENDOR_LIMITS)[]).map((vendor) => {
              const circuit = overview.circuits.find((c) => c.vendor === vendor);
              return (
                <li key={vendor} className="flex items-start justify-between gap-4 px-5 py-2.5">
                  <div>
                    <p className="font-medium text-slate-800">{vendor}</p>
                    <p className="text-xs text-slate-500">{VENDOR_LIMITS[vendor].source}</p>
                    {circuit?.state === "OPEN" && <p className="text-xs text-red-700">Open until {formatDateTime(circuit.openedUntil)} — {circuit.lastError}</p>}
                  </div>
                  <Badge tone={circuit?.state === "OPEN" ? "red" : circuit?.state === "HALF_OPEN" ? "amber" : "green"}>{(circuit?.state ?? "CLOSED").toLowerCase().replace("_", "-")}</Badge>
                </li>
              );
            })}
          </ul>
        </Card>
      </div>

      <Card aria-labelledby="chain-heading">
        <CardHeader
          id="chain-heading"
          title="Audit chain head"
          description="The newest audit event's place and hash, also written to the log every hour. Keep a copy outside this system: a later check against it shows whether the trail was rewritten."
          actions={
            can(actor.role, "audit:verify") ? (
              <Link href="/settings/audit" className="text-sm font-medium text-brand-700 hover:underline">
                Verify the chain
              </Link>
            ) : undefined
          }
        />
        <p className="px-5 py-3">
          <code className="block break-all font-mono text-xs text-slate-800">
            {publishedHead(head)}
          </code>
          {head.at && <span className="mt-1 block text-xs text-slate-500">Last event {formatDateTime(head.at)}</span>}
        </p>
      </Card>

      <JobTable data={jobs} status={filter.status ?? null} />
    </div>
  );
}
