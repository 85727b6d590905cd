"use client";

import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";
import type { DeliveryOutputsStatus } from "@/lib/delivery/commands";

const JOB_STATE: Record<string, { label: string; tone: Tone }> = {
  PENDING: { label: "Queued", tone: "blue" },
  RUNNING: { label: "Syncing", tone: "blue" },
  FAILED: { label: "Retrying", tone: "amber" },
  DEAD: { label: "Failed", tone: "red" },
  CANCELLED: { label: "Cancelled", tone: "slate" },
  SUCCEEDED: { label: "Synced", tone: "green" },
};

/** What each tool holds for this handoff, how its last sync went, and a way to sync it again. */
export function DeliveryOutputs({ handoffId, outputs, mayResync }: { handoffId: string; outputs: DeliveryOutputsStatus; mayResync: boolean }) {
  const { post, pending, error, errorRef } = usePost();
  const shown = outputs.filter((o) => o.active || o.job || o.url);
  return (
    <Card aria-labelledby="outputs-heading">
      <CardHeader id="outputs-heading" title="Delivery outputs" description="What ClickUp, Notion and Slack hold for this handoff. Each is kept in step with the handoff." />
      {shown.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">Nothing yet: the delivery list is created when the Delivery workspace stage starts.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {shown.map((o) => {
            const state = o.job ? JOB_STATE[o.job.status] : null;
            return (
              <li key={o.key} className="space-y-2 px-5 py-3 text-sm">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="flex items-center gap-2">
                    <span className="font-medium text-slate-900">{o.label}</span>
                    {state && <Badge tone={state.tone}>{state.label}</Badge>}
                    {o.briefStatus && <Badge tone={o.briefStatus === "Changed after approval" ? "amber" : "slate"}>{o.briefStatus}</Badge>}
                  </div>
                  <div className="flex items-center gap-3">
                    {o.url ? (
                      <a href={o.url} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        Open<span className="sr-only"> the {o.label}</span>
                      </a>
                    ) : (
                      <span className="text-slate-600">Not created yet</span>
                    )}
                    {mayResync && o.active && (
                      <Button size="sm" variant="secondary" pending={pending} onClick={() => post(`/api/handoffs/${handoffId}/outputs/${o.key}`, {})}>
                        Sync again<span className="sr-only"> the {o.label}</span>
                      </Button>
                    )}
                  </div>
                </div>
                {o.job && (
                  <p className="text-xs text-slate-600">
                    Last sync {formatDateTime(o.job.updatedAt)} · attempt {o.job.attempts}
                    {o.job.lastError && o.job.status !== "SUCCEEDED" && <span className="text-red-700"> · {o.job.lastError}</span>}
                  </p>
                )}
                {o.unmapped.length > 0 && (
                  <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
                    {o.unmapped.length} owner{o.unmapped.length === 1 ? " is" : "s are"} not mapped to ClickUp, so their tasks have no assignee:{" "}
                    {o.unmapped.map((u) => u.owner).join(", ")}.{" "}
                    <a href="#owners-heading" className="font-medium underline underline-offset-2">
                      Resolve them
                    </a>
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <div className="px-5 pb-4">
          <Alert ref={errorRef}>{error.message}</Alert>
        </div>
      )}
    </Card>
  );
}
