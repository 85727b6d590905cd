"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime, formatMoney, handoffRef } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";
import { WaitingLabel } from "./waiting-label";

export interface PendingOverride {
  id: string;
  reason: string;
  requestedBy: string;
  createdAt: string;
  bypassed: { field: string; label: string; problem: string }[];
  handoff: { id: string; number: number; title: string; amount: string | null; riskLevel: string };
}

export function OverrideCard({ override, waitedMs, onDecided }: { override: PendingOverride; waitedMs: number; onDecided: (message: string) => void }) {
  const { post, pending, error, errorRef } = usePost();
  const headingId = `override-${override.id}`;
  const ref = handoffRef(override.handoff.number);
  const decide = async (decision: "CONFIRM" | "REJECT") => {
    if (await post(`/api/overrides/${override.id}/decision`, { decision })) onDecided(`${decision === "CONFIRM" ? "Override confirmed" : "Override rejected"}: ${ref}.`);
  };
  return (
    <Card aria-labelledby={headingId} className="border-l-4 border-l-red-500">
      <div className="flex flex-col gap-3 border-b border-slate-100 px-5 py-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <p className="text-xs font-medium uppercase tracking-wide text-red-700">Material override · second approval</p>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            <Link href={`/handoffs/${override.handoff.id}`} className="hover:underline">
              <span className="mr-2 font-mono text-sm text-slate-600">{ref}</span> {override.handoff.title}
            </Link>
          </h2>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
            <span>
              Requested by {override.requestedBy} on {formatDateTime(override.createdAt)} · {formatMoney(override.handoff.amount)}
            </span>
            <Badge tone="amber">risk {override.handoff.riskLevel.toLowerCase()}</Badge>
          </p>
        </div>
        <WaitingLabel waitedMs={waitedMs} dueAt={null} overdue={false} />
      </div>
      <div className="space-y-3 px-5 py-4 text-sm">
        <p className="text-slate-700">“{override.reason}”</p>
        <div>
          <p className="text-xs font-medium text-slate-600">What it bypasses</p>
          <ul className="mt-1 list-disc pl-5 text-slate-700">
            {override.bypassed.map((b) => (
              <li key={b.field + b.problem}>
                <span className="font-medium">{b.label}:</span> {b.problem}
              </li>
            ))}
          </ul>
        </div>
        {error && <Alert ref={errorRef}>{error.message}</Alert>}
        <div className="flex flex-wrap gap-2">
          <Button pending={pending} onClick={() => decide("CONFIRM")}>
            Confirm override<span className="sr-only"> for {ref}</span>
          </Button>
          <Button variant="danger" disabled={pending} onClick={() => decide("REJECT")}>
            Reject<span className="sr-only"> the override for {ref}</span>
          </Button>
        </div>
      </div>
    </Card>
  );
}
