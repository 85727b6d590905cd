import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";

/** What every tool's connection reports, whichever tool it is. */
export interface ConnectionState {
  configured: boolean;
  source: string | null;
  lastCheckedAt: string | null;
  lastCheckOk: boolean | null;
  lastCheckError: string | null;
}

/** Connected (and where the token comes from), failing its last check, or not connected. */
export function ConnectionBadge({ status }: { status: ConnectionState }) {
  if (!status.configured) return <Badge tone="amber">Not connected</Badge>;
  return <Badge tone={status.lastCheckOk === false ? "red" : "green"}>{status.source === "environment" ? "Connected (environment)" : "Connected"}</Badge>;
}

/** The "Last check" line: when, and how it went. */
export function lastCheckText(status: ConnectionState): string {
  if (!status.lastCheckedAt) return "Never";
  return `${formatDateTime(status.lastCheckedAt)} — ${status.lastCheckOk ? "passed" : (status.lastCheckError ?? "failed")}`;
}
