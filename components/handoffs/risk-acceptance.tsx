"use client";

import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { HandoffDetail } from "@/lib/handoffs/detail";
import { RiskBadge } from "./labels";
import { useCommand } from "./use-command";

type Risk = HandoffDetail["risks"][number];
type Run = (command: Parameters<ReturnType<typeof useCommand>["run"]>[0], done: string) => Promise<boolean>;

/**
 * Step 4, risk by risk: the delivery lead accepts each open risk or sends it back with
 * a comment; the project manager revises what was sent back, which reopens it.
 */
export function RiskAcceptance({ handoff }: { handoff: HandoffDetail }) {
  const { run: send, pending, error, errorRef } = useCommand(handoff.id);
  // Focus lands on the outcome once a decision is saved, not on the page.
  const [notice, setNotice] = useState("");
  const statusRef = useRef<HTMLParagraphElement>(null);
  const run: Run = async (command, done) => {
    setNotice("");
    const ok = await send(command, { focus: () => statusRef.current });
    if (ok) setNotice(done);
    return ok;
  };
  const allowed = new Set(handoff.allowed);
  const canDecide = allowed.has("ACCEPT_RISK");
  const canRevise = allowed.has("REVISE_RISK");
  if (handoff.risks.length === 0) return <p className="text-sm text-slate-600">No risks were recorded for this handoff.</p>;

  return (
    <div>
      <h3 className="mb-2 text-sm font-medium text-slate-800">Risks to accept</h3>
      <p ref={statusRef} tabIndex={-1} role="status" className={notice ? "mb-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" : "sr-only"}>
        {notice}
      </p>
      {error && (
        <Alert ref={errorRef} className="mb-2">
          {error.message}
        </Alert>
      )}
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Risks to accept">
        {handoff.risks.map((risk) => (
          <RiskRow key={risk.id} risk={risk} canDecide={canDecide && risk.status === "OPEN"} canRevise={canRevise && risk.status === "REJECTED"} pending={pending} run={run} />
        ))}
      </ul>
    </div>
  );
}

function RiskRow({
  risk,
  canDecide,
  canRevise,
  pending,
  run,
}: {
  risk: Risk;
  canDecide: boolean;
  canRevise: boolean;
  pending: boolean;
  run: Run;
}) {
  const [mode, setMode] = useState<"idle" | "reject" | "revise">("idle");
  const [text, setText] = useState("");
  const [owner, setOwner] = useState(risk.owner ?? "");
  return (
    <li className="px-4 py-3 text-sm" aria-label={`Risk ${risk.title}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium text-slate-800">
            {risk.title} <RiskBadge level={risk.severity} />
          </p>
          <p className="text-xs text-slate-600">
            Owner: {risk.owner ?? "none"} · Mitigation: {risk.mitigation ?? "none"}
          </p>
          {risk.status === "REJECTED" && risk.comment && <p className="mt-1 text-xs text-amber-800">Sent back: “{risk.comment}”</p>}
          {risk.status === "ACCEPTED" && risk.acceptedBy && <p className="mt-1 text-xs text-emerald-700">Accepted by {risk.acceptedBy}</p>}
        </div>
        <div className="flex items-center gap-2">
          <Badge tone={risk.status === "ACCEPTED" ? "green" : risk.status === "REJECTED" ? "amber" : "slate"}>{risk.status === "REJECTED" ? "sent back" : risk.status.toLowerCase()}</Badge>
          {canDecide && mode === "idle" && (
            <>
              <Button size="sm" pending={pending} onClick={() => run({ type: "ACCEPT_RISK", riskId: risk.id }, `Risk “${risk.title}” accepted.`)}>
                Accept
              </Button>
              <Button size="sm" variant="secondary" disabled={pending} onClick={() => setMode("reject")}>
                Send back
              </Button>
            </>
          )}
          {canRevise && mode === "idle" && (
            <Button size="sm" variant="secondary" onClick={() => setMode("revise")}>
              Revise
            </Button>
          )}
        </div>
      </div>
      {mode !== "idle" && (
        <form
          className="mt-3 space-y-2"
          onSubmit={async (e) => {
            e.preventDefault();
            const ok =
              mode === "reject"
                ? await run({ type: "REJECT_RISK", riskId: risk.id, comment: text }, `Risk “${risk.title}” returned to the project manager.`)
                : await run({ type: "REVISE_RISK", riskId: risk.id, mitigation: text, ownerName: owner || undefined }, `Risk “${risk.title}” revised and reopened.`);
            if (ok) {
              setMode("idle");
              setText("");
            }
          }}
        >
          {mode === "revise" && (
            <Field label={`Owner of “${risk.title}”`}>{(p) => <input {...p} className={inputClass} value={owner} onChange={(e) => setOwner(e.target.value)} />}</Field>
          )}
          <Field label={mode === "reject" ? `Why “${risk.title}” cannot be accepted` : `Revised mitigation for “${risk.title}”`}>
            {(p) => <textarea {...p} rows={2} required minLength={3} className={inputClass} value={text} onChange={(e) => setText(e.target.value)} autoFocus />}
          </Field>
          <div className="flex gap-2">
            <Button type="submit" size="sm" pending={pending}>
              {mode === "reject" ? "Send back to the PM" : "Save and reopen"}
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setMode("idle")}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}
