"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { formatDateTime, formatMoney, handoffRef } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";
import { POLL_MS, handoffWait, handoffWaitText } from "./handoff-wait";

type Value = string | number | boolean | null;

interface Deal {
  id: string;
  properties: Record<string, Value>;
  updatedAt: string;
  handoff: { id: string; number: number; status: string } | null;
}

interface Task {
  id: string;
  properties: Record<string, Value>;
  updatedAt: string;
}

interface FieldRef {
  key: string;
  label: string;
  property: string;
}

const text = (v: Value | undefined) => (v === null || v === undefined ? "" : String(v));

export function SandboxPanel({
  deals,
  tasks,
  webhooksDropped,
  fields,
  canEdit,
  canControlWebhooks,
}: {
  deals: Deal[];
  tasks: Task[];
  webhooksDropped: boolean;
  fields: FieldRef[];
  canEdit: boolean;
  canControlWebhooks: boolean;
}) {
  const { post, pending, error } = usePost();
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  /** Deals moved to closed-won here, by when: their handoff is on its way. */
  const [moved, setMoved] = useState<Record<string, number>>({});
  const [now, setNow] = useState(() => Date.now());
  const waiting = deals.some((d) => handoffWait(d, moved[d.id], now) === "waiting");

  // The webhook is processed after the click's answer: read the deals again until the handoff shows.
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      router.refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, router]);

  return (
    <div className="space-y-6">
      {error && <Alert>{error.message}</Alert>}
      <Card aria-labelledby="sandbox-deals">
        <CardHeader
          id="sandbox-deals"
          title="Deals in the HubSpot stand-in"
          description="Moving a deal to closed-won fires a deal.propertyChange webhook; the intake fetches the deal and validates it."
          actions={
            canControlWebhooks ? (
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" className="h-4 w-4 accent-brand-600" checked={webhooksDropped} disabled={pending} onChange={(e) => post("/api/sandbox/webhooks", { dropped: e.target.checked })} />
                Drop webhooks
              </label>
            ) : undefined
          }
        />
        {webhooksDropped && (
          <div className="px-5 pt-3">
            <Alert tone="warning">Webhooks are being dropped: changes reach the app only through reconciliation (Intake policy → Run reconciliation now).</Alert>
          </div>
        )}
        {deals.length === 0 ? (
          <EmptyState title="No deals in the sandbox" />
        ) : (
          <ul className="divide-y divide-slate-100">
            {deals.map((deal) => {
              const closedWon = deal.properties.dealstage === "closedwon";
              const wait = handoffWait(deal, moved[deal.id], now);
              return (
                <li key={deal.id} id={`deal-${deal.id}`} className="scroll-mt-6 px-5 py-4 target:bg-brand-50" aria-label={`Deal ${text(deal.properties.dealname)}`}>
                  <div className="flex flex-wrap items-center justify-between gap-3">
                    <div>
                      <p className="font-medium text-slate-900">{text(deal.properties.dealname) || `Deal ${deal.id}`}</p>
                      <p className="text-xs text-slate-500">
                        Deal {deal.id} · {formatMoney(text(deal.properties.amount) || null)} · stage <span className="font-mono">{text(deal.properties.dealstage)}</span> · updated {formatDateTime(deal.updatedAt)}
                      </p>
                    </div>
                    <div className="flex flex-wrap items-center gap-2">
                      {wait && (
                        <span role="status" className={wait === "late" ? "text-sm text-amber-800" : "text-sm text-slate-600"}>
                          {handoffWaitText(wait, webhooksDropped)}
                        </span>
                      )}
                      {deal.handoff && (
                        <Link href={`/handoffs/${deal.handoff.id}`} className="text-sm font-medium text-brand-600 hover:underline">
                          {handoffRef(deal.handoff.number)} {deal.handoff.status === "INTAKE_BLOCKED" ? (
                            <Badge tone="red">Intake blocked</Badge>
                          ) : deal.handoff.status === "COMPLETED" ? (
                            <Badge tone="slate">Completed</Badge>
                          ) : deal.handoff.status === "CANCELLED" ? (
                            <Badge tone="slate">Cancelled</Badge>
                          ) : (
                            <Badge tone="green">In delivery</Badge>
                          )}
                        </Link>
                      )}
                      {canEdit && !closedWon && (
                        <Button
                          size="sm"
                          pending={pending}
                          onClick={async () => {
                            if (await post(`/api/sandbox/deals/${deal.id}`, { properties: { dealstage: "closedwon" } })) {
                              const at = Date.now();
                              setNow(at);
                              setMoved((m) => ({ ...m, [deal.id]: at }));
                            }
                          }}
                        >
                          Move to closed won
                        </Button>
                      )}
                      {canEdit && (
                        <Button size="sm" variant="secondary" onClick={() => setEditing(editing === deal.id ? null : deal.id)} aria-expanded={editing === deal.id}>
                          {editing === deal.id ? "Close" : "Edit properties"}
                        </Button>
                      )}
                    </div>
                  </div>
                  {editing === deal.id && (
                    <DealEditor
                      deal={deal}
                      fields={fields}
                      pending={pending}
                      onSave={async (properties) => {
                        if (await post(`/api/sandbox/deals/${deal.id}`, { properties })) setEditing(null);
                      }}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      <Card aria-labelledby="sandbox-tasks">
        <CardHeader id="sandbox-tasks" title="Tasks the intake wrote back to HubSpot" description="A blocked intake tells the deal owner exactly what to fix." />
        {tasks.length === 0 ? (
          <EmptyState title="No tasks yet">When a closed-won deal is blocked, a task listing its problems appears here.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {tasks.map((task) => (
              <li key={task.id} className="px-5 py-3 text-sm">
                <p className="font-medium text-slate-800">{text(task.properties.hs_task_subject)}</p>
                <pre className="mt-1 whitespace-pre-wrap font-sans text-xs text-slate-600">{text(task.properties.hs_task_body)}</pre>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function DealEditor({ deal, fields, pending, onSave }: { deal: Deal; fields: FieldRef[]; pending: boolean; onSave: (properties: Record<string, string>) => void }) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.property, text(deal.properties[f.property])])));
  return (
    <form
      className="mt-4 grid gap-3 rounded-md bg-slate-50 p-4 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(values);
      }}
    >
      {fields.map((f) => (
        <label key={f.property} className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">
            {f.label} <span className="font-mono text-xs font-normal text-slate-600">{f.property}</span>
          </span>
          <textarea rows={f.key === "promised_kickoff_date" || f.key === "amount" ? 1 : 3} className={`${inputClass} font-mono text-xs`} value={values[f.property] ?? ""} onChange={(e) => setValues({ ...values, [f.property]: e.target.value })} />
        </label>
      ))}
      <div className="md:col-span-2">
        <Button type="submit" pending={pending}>
          Save to HubSpot
        </Button>
      </div>
    </form>
  );
}
