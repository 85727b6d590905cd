"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { formatDate, formatDateTime } from "@/components/ui/format";
import type { HandoffDetail } from "@/lib/handoffs/detail";
import { earliestToday, latestKickoffDay } from "@/lib/handoffs/lifecycle";
import { useCommand } from "./use-command";

/** Kickoff scheduling and client-date confirmation: locked until the delivery lead has acknowledged. */
export function KickoffPanel({ handoff, mayManage }: { handoff: HandoffDetail; mayManage: boolean }) {
  const { run, pending, error } = useCommand(handoff.id);
  const [date, setDate] = useState(handoff.kickoffScheduledAt?.slice(0, 10) ?? handoff.promisedKickoffAt?.slice(0, 10) ?? "");
  const [heldOn, setHeldOn] = useState(handoff.kickoffScheduledAt?.slice(0, 10) ?? "");
  const [attendees, setAttendees] = useState("");
  /** Which form the error (if any) answers: both have a date. */
  const [sent, setSent] = useState<"schedule" | "record" | null>(null);
  const locked = !handoff.acknowledgedAt;
  const mayRecord = handoff.allowed.includes("RECORD_KICKOFF");
  const closed = handoff.status === "COMPLETED" || handoff.status === "CANCELLED";

  return (
    <Card aria-labelledby="kickoff-heading">
      <CardHeader id="kickoff-heading" title="Kickoff and client dates" description={`Promised kickoff: ${formatDate(handoff.promisedKickoffAt)}`} />
      <div className="space-y-3 px-5 py-4 text-sm">
        <dl className="grid grid-cols-2 gap-2">
          <dt className="text-slate-500">Kickoff scheduled</dt>
          <dd>{formatDate(handoff.kickoffScheduledAt)}</dd>
          <dt className="text-slate-500">Kickoff held</dt>
          <dd>{handoff.actualKickoffAt ? formatDate(handoff.actualKickoffAt) : "Not yet"}</dd>
          <dt className="text-slate-500">Client dates confirmed</dt>
          <dd>{handoff.clientDateConfirmedAt ? formatDateTime(handoff.clientDateConfirmedAt) : "Not yet"}</dd>
        </dl>
        {locked && (
          <p id="kickoff-locked" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
            Locked until the delivery lead acknowledges the handoff and accepts its risks.
          </p>
        )}
        {error && <Alert>{error.message}</Alert>}
        {mayManage && !closed && (
          <div className="space-y-3">
            <form
              className="flex items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                setSent("schedule");
                run({ type: "SCHEDULE_KICKOFF", date });
              }}
            >
              <div className="flex-1">
                <Field label="Kickoff date" error={sent === "schedule" ? error?.fieldErrors?.date?.[0] : undefined}>
                  {(p) => (
                    <input {...p} type="date" required min={earliestToday()} max={latestKickoffDay()} className={inputClass} value={date} onChange={(e) => setDate(e.target.value)} disabled={locked} aria-describedby={locked ? "kickoff-locked" : p["aria-describedby"]} />
                  )}
                </Field>
              </div>
              <Button type="submit" variant="secondary" disabled={locked} pending={pending}>
                Schedule kickoff
              </Button>
            </form>
            <Button variant="secondary" disabled={locked || Boolean(handoff.clientDateConfirmedAt)} pending={pending} onClick={() => {
                setSent(null);
                run({ type: "CONFIRM_CLIENT_DATES" });
              }} aria-describedby={locked ? "kickoff-locked" : undefined}>
              Confirm client dates
            </Button>
          </div>
        )}
        {mayRecord && (
          <form
            aria-label="Record the kickoff"
            className="space-y-3 border-t border-slate-100 pt-3"
            onSubmit={(e) => {
              e.preventDefault();
              setSent("record");
              run({ type: "RECORD_KICKOFF", date: heldOn, note: attendees });
            }}
          >
            <p className="text-slate-600">Once the kickoff has taken place, record the day and who attended: it dates the kickoff for the delay KPI.</p>
            <Field label="Held on" error={sent === "record" ? error?.fieldErrors?.date?.[0] : undefined}>
              {(p) => <input {...p} type="date" required className={inputClass} value={heldOn} max={new Date().toISOString().slice(0, 10)} onChange={(e) => setHeldOn(e.target.value)} />}
            </Field>
            <Field label="Attendees" error={sent === "record" ? error?.fieldErrors?.note?.[0] : undefined}>
              {(p) => <input {...p} required minLength={3} maxLength={2000} className={inputClass} value={attendees} onChange={(e) => setAttendees(e.target.value)} placeholder="Client sponsor, PM, delivery lead" />}
            </Field>
            <Button type="submit" pending={pending}>
              Record kickoff held
            </Button>
          </form>
        )}
      </div>
    </Card>
  );
}
