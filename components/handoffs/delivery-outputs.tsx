"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";
import type { DeliveryOutputsStatus } from "@/lib/delivery/actions";

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
  const { post, pending, error } = usePost();
  const shown = outputs.filter((o) => o.active || o.job || o.url);
  return (
    <Card aria-labelledby="outputs-heading">
      <CardHeader id="outputs-heading" title="Delivery outputs" description="What ClickUp, Notion and Slack hold for this handoff. Each is kept in step with the handoff." />
      {shown.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">Nothing yet: the delivery list is created when the Delivery workspace stage starts.</p>
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
                      <a href={o.url} target="_blank" rel="noreferrer" className="font-medium text-brand-600 hover:underline">
                        Open<span className="sr-only"> the {o.label}</span>
                      </a>
                    ) : (
                      <span className="text-slate-400">Not created yet</span>
                    )}
                    {mayResync && o.active && (
                      <Button size="sm" variant="secondary" pending={pending} onClick={() => post(`/api/handoffs/${handoffId}/outputs/${o.key}`, {})}>
                        Sync again<span className="sr-only"> the {o.label}</span>
                      </Button>
                    )}
                  </div>
                </div>
                {o.job && (
                  <p className="text-xs text-slate-500">
                    Last sync {formatDateTime(o.job.updatedAt)} · attempt {o.job.attempts}
                    {o.job.lastError && o.job.status !== "SUCCEEDED" && <span className="text-red-700"> · {o.job.lastError}</span>}
                  </p>
                )}
                {o.unmapped.length > 0 && (
                  <Alert tone="warning" title={`${o.unmapped.length} owner${o.unmapped.length === 1 ? " is" : "s are"} not mapped to ClickUp: their tasks have no assignee`}>
                    <ul className="mt-1 list-disc pl-5">
                      {o.unmapped.map((u) => (
                        <li key={u.owner}>
                          <span className="font-medium">{u.owner}</span> ({u.reason}): {u.tasks.join("; ")}
                        </li>
                      ))}
                    </ul>
                    <p className="mt-2">
                      Link people to their ClickUp accounts on the{" "}
                      <Link href="/settings/people" className="font-medium underline">
                        People page
                      </Link>
                      , then sync the list again.
                    </p>
                  </Alert>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <div className="px-5 pb-4">
          <Alert>{error.message}</Alert>
        </div>
      )}
    </Card>
  );
}
