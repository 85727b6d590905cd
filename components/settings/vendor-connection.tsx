"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConnectionBadge, lastCheckText } from "./connection-status";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { usePost } from "@/components/ui/use-post";
import type { CheckItem, VendorConnectionStatus } from "@/lib/integrations/connections";

export interface VendorForm {
  tokenLabel: string;
  tokenHelp: string;
  purpose: string;
  fields: { key: string; label: string; help: string; required: boolean }[];
}

/** A ClickUp, Notion or Slack connection: what is in force, a form to replace it, and a check. */
export function VendorConnectionCard({ status, form }: { status: VendorConnectionStatus; form: VendorForm }) {
  const { post, pending, error } = usePost();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(form.fields.map((f) => [f.key, status.config[f.key] ?? ""])));
  const [token, setToken] = useState("");
  const [checks, setChecks] = useState<CheckItem[] | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const slug = status.vendor.toLowerCase();

  async function remove() {
    setRemoveError(null);
    const response = await fetch(`/api/connections/${slug}`, { method: "DELETE" });
    if (response.ok) window.location.reload();
    else setRemoveError("Could not remove the connection. Try again.");
  }

  return (
    <Card aria-labelledby={`${slug}-heading`}>
      <CardHeader
        id={`${slug}-heading`}
        title={status.name}
        description={form.purpose}
        actions={<ConnectionBadge status={status} />}
      />
      <div className="space-y-5 px-5 py-4 text-sm">
        {status.configured && (
          <dl className="grid grid-cols-2 gap-2">
            <dt className="text-slate-500">{form.tokenLabel}</dt>
            <dd className="font-mono">{status.tokenHint}</dd>
            {form.fields.map((f) => (
              <div key={f.key} className="contents">
                <dt className="text-slate-500">{f.label}</dt>
                <dd className="break-all font-mono">{status.config[f.key] ?? "—"}</dd>
              </div>
            ))}
            <dt className="text-slate-500">Last check</dt>
            <dd>{lastCheckText(status)}</dd>
          </dl>
        )}
        {error && <Alert>{error.message}</Alert>}
        {removeError && <Alert>{removeError}</Alert>}
        {checks && (
          <ul className="space-y-1" aria-label={`${status.name} checks`}>
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
        )}
        <form
          className="space-y-3"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await post(`/api/connections/${slug}`, { token, ...values })) {
              setToken("");
              setChecks(null);
            }
          }}
        >
          <Field label={form.tokenLabel} hint={form.tokenHelp} error={error?.fieldErrors?.token?.[0]}>
            {(p) => <input {...p} type="password" autoComplete="off" className={inputClass} value={token} onChange={(e) => setToken(e.target.value)} required />}
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            {form.fields.map((f) => (
              <Field key={f.key} label={f.required ? f.label : `${f.label} (optional)`} hint={f.help} error={error?.fieldErrors?.[f.key]?.[0]}>
                {(p) => <input {...p} className={inputClass} value={values[f.key] ?? ""} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} required={f.required} />}
              </Field>
            ))}
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" pending={pending}>
              Save {status.name} connection
            </Button>
            {status.configured && (
              <Button
                type="button"
                variant="secondary"
                pending={pending}
                onClick={async () => {
                  const result = await post<{ ok: boolean; checks: CheckItem[] }>(`/api/connections/${slug}/check`, {});
                  if (result) setChecks(result.checks);
                }}
              >
                Check {status.name} connection
              </Button>
            )}
            {status.source === "connection" && (
              <Button type="button" variant="danger" onClick={remove}>
                Remove
              </Button>
            )}
          </div>
        </form>
      </div>
    </Card>
  );
}
