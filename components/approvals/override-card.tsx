"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime, formatMoney, handoffRef } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";

export interface PendingOverride {
  id: string;
  reason: string;
  requestedBy: string;
  createdAt: string;
  bypassed: { field: string; label: string; problem: string }[];
  handoff: { id: string; number: number; title: string; amount: string | null; riskLevel: string };
}

export function OverrideCard({ override }: { override: PendingOverride }) {
  const { post, pending, error } = usePost();
  const headingId = `override-${override.id}`;
  return (
    <Card aria-labelledby={headingId}>
      <div className="border-b border-slate-100 px-5 py-4">
        <p className="text-xs font-medium uppercase tracking-wide text-red-700">Material override · second approval</p>
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          <Link href={`/handoffs/${override.handoff.id}`} className="hover:underline">
            <span className="mr-2 font-mono text-sm text-slate-500">{handoffRef(override.handoff.number)}</span>
            {override.handoff.title}
          </Link>
        </h2>
        <p className="text-xs text-slate-500">
          Requested by {override.requestedBy} on {formatDateTime(override.createdAt)} · {formatMoney(override.handoff.amount)} · risk{" "}
          <Badge tone="amber">{override.handoff.riskLevel.toLowerCase()}</Badge>
        </p>
      </div>
      <div className="space-y-3 px-5 py-4 text-sm">
        <p className="text-slate-700">“{override.reason}”</p>
        <div>
          <p className="text-xs font-medium text-slate-500">What it bypasses</p>
          <ul className="mt-1 list-disc pl-5 text-slate-700">
            {override.bypassed.map((b) => (
              <li key={b.field + b.problem}>
                <span className="font-medium">{b.label}:</span> {b.problem}
              </li>
            ))}
          </ul>
        </div>
        {error && <Alert>{error.message}</Alert>}
        <div className="flex gap-2">
          <Button pending={pending} onClick={() => post(`/api/overrides/${override.id}/decision`, { decision: "CONFIRM" })}>
            Confirm override
          </Button>
          <Button variant="danger" disabled={pending} onClick={() => post(`/api/overrides/${override.id}/decision`, { decision: "REJECT" })}>
            Reject
          </Button>
        </div>
      </div>
    </Card>
  );
}
