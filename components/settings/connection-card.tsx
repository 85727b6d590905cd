"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { CheckList, ConnectionBadge, lastCheckText, withCheck } from "./connection-status";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { usePost } from "@/components/ui/use-post";
import type { CheckResult, ConnectionStatus } from "@/lib/connections/manage";

export interface ConnectionForm {
  tokenLabel: string;
  tokenHelp: string;
  purpose: string;
  fields: { key: string; label: string; help: string; required: boolean }[];
}

/** A tool's connection (HubSpot, ClickUp, Notion or Slack): what is in force, a form to replace it, and a check. */
export function ConnectionCard({ status, form }: { status: ConnectionStatus; form: ConnectionForm }) {
  const { post, pending, error } = usePost();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(form.fields.map((f) => [f.key, status.config[f.key] ?? ""])));
  const [token, setToken] = useState("");
  const [check, setCheck] = useState<CheckResult | null>(null);
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
        actions={<ConnectionBadge status={withCheck(status, check)} />}
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
            <dd>{lastCheckText(withCheck(status, check))}</dd>
          </dl>
        )}
        {error && <Alert>{error.message}</Alert>}
        {removeError && <Alert>{removeError}</Alert>}
        {check && <CheckList name={status.name} checks={check.checks} />}
        <form
          className="space-y-3"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await post(`/api/connections/${slug}`, { token, ...values })) {
              setToken("");
              setCheck(null);
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
                  const result = await post<CheckResult>(`/api/connections/${slug}/check`, {});
                  if (result) setCheck(result);
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
