import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";
import type { CheckItem, CheckResult } from "@/lib/connections/manage";

/** What every tool's connection reports, whichever tool it is. */
export interface ConnectionState {
  configured: boolean;
  source: string | null;
  lastCheckedAt: string | null;
  lastCheckOk: boolean | null;
  lastCheckError: string | null;
}

/** Not connected, failing its last check, or connected (and where the token comes from). */
export function connectionBadge(status: ConnectionState): { tone: "amber" | "red" | "green"; label: string } {
  if (!status.configured) return { tone: "amber", label: "Not connected" };
  if (status.lastCheckOk === false) return { tone: "red", label: "Check failed" };
  return { tone: "green", label: status.source === "environment" ? "Connected (environment)" : "Connected" };
}

export function ConnectionBadge({ status }: { status: ConnectionState }) {
  const { tone, label } = connectionBadge(status);
  return <Badge tone={tone}>{label}</Badge>;
}

/** The "Last check" line: when, and how it went. */
export function lastCheckText(status: ConnectionState): string {
  if (!status.lastCheckedAt) return "Never";
  return `${formatDateTime(status.lastCheckedAt)} — ${status.lastCheckOk ? "passed" : (status.lastCheckError ?? "failed")}`;
}

/** The card's state once a check has run: its time and outcome, before the page data catches up. */
export function withCheck<S extends ConnectionState>(status: S, result: Pick<CheckResult, "ok" | "checkedAt" | "error"> | null): S {
  return result ? { ...status, lastCheckedAt: result.checkedAt, lastCheckOk: result.ok, lastCheckError: result.error } : status;
}

/** What a check found, item by item: the same list on every tool's card. */
export function CheckList({ name, checks }: { name: string; checks: CheckItem[] }) {
  return (
    <ul className="space-y-1" aria-label={`${name} checks`}>
      {checks.map((c) => (
        <li key={c.label} className="flex gap-2">
          <span aria-hidden="true" className={c.ok ? "text-emerald-600" : "text-red-600"}>
            {c.ok ? "✓" : "✗"}
          </span>
          <span>
            <span className="font-medium text-slate-800">{c.label}</span>
            <span className="sr-only">{c.ok ? " (passed)" : " (failed)"}</span> — <span className="text-slate-600">{c.detail}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
