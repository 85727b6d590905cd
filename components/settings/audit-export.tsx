"use client";

import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

type Format = "csv" | "jsonl";
const FIELDS = ["from", "to", "handoff", "actor", "action"] as const;
type Values = Record<(typeof FIELDS)[number], string>;

/**
 * Downloads the audit trail for a period. The file is fetched first, so a period or filter the
 * server refuses shows its reason here instead of replacing the page with an error.
 */
export function AuditExportForm({ defaultFrom, defaultTo }: { defaultFrom: string; defaultTo: string }) {
  const [values, setValues] = useState<Values>({ from: defaultFrom, to: defaultTo, handoff: "", actor: "", action: "" });
  const [pending, setPending] = useState<Format | null>(null);
  const [error, setError] = useState<{ message: string; fieldErrors?: Record<string, string[]> } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  async function download(format: Format) {
    setPending(format);
    setError(null);
    setDone(null);
    const query = new URLSearchParams({ format, ...Object.fromEntries(FIELDS.map((k) => [k, values[k].trim()]).filter(([, v]) => v)) });
    const response = await fetch(`/api/audit/export?${query}`).catch(() => null);
    setPending(null);
    if (!response?.ok) {
      const body = await response?.json().catch(() => null);
      setError(body?.error ?? { message: "The export could not be made. Try again." });
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? `audit-trail.${format}`;
    const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(await response.blob()), download: name });
    link.click();
    URL.revokeObjectURL(link.href);
    setDone(`${name}: ${Number(response.headers.get("X-Row-Count") ?? 0).toLocaleString("en-US")} events.`);
  }

  const field = (key: keyof Values, label: string, hint: string, type = "text") => (
    <Field label={label} hint={hint} error={error?.fieldErrors?.[key]?.[0]}>
      {(p) => <input {...p} type={type} className={inputClass} value={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />}
    </Field>
  );

  return (
    <form className="space-y-4 px-5 py-4" onSubmit={(e) => e.preventDefault()}>
      <div className="grid gap-4 sm:grid-cols-2">
        {field("from", "From", "The first day (UTC).", "date")}
        {field("to", "To", "The last day, included. At most three years.", "date")}
        {field("handoff", "Handoff (optional)", "Its reference, such as HO-123.")}
        {field("actor", "Person (optional)", "Their email, or a system name such as HubSpot intake.")}
        {field("action", "Action (optional)", "Such as gate.approved, or gate. for every gate action.")}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="button" pending={pending === "csv"} onClick={() => download("csv")}>
          Download CSV
        </Button>
        <Button type="button" variant="secondary" pending={pending === "jsonl"} onClick={() => download("jsonl")}>
          Download JSON Lines
        </Button>
      </div>
      {error && (
        <Alert ref={errorRef} title="Nothing was exported">
          {error.message}
        </Alert>
      )}
      {done && (
        <p role="status" className="text-sm text-slate-700">
          Downloaded {done} The export is in the audit trail.
        </p>
      )}
    </form>
  );
}
