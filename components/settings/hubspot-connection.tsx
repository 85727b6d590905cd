"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConnectionBadge, lastCheckText } from "./connection-status";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { usePost } from "@/components/ui/use-post";
import type { ConnectionStatus, PreflightResult } from "@/lib/integrations/hubspot/connection";

export function HubSpotConnectionCard({ status, required }: { status: ConnectionStatus; required: { scope: string; why: string }[] }) {
  const { post, pending, error } = usePost();
  const [token, setToken] = useState("");
  const [basePath, setBasePath] = useState("");
  const [portalId, setPortalId] = useState("");
  const [check, setCheck] = useState<PreflightResult | null>(null);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  async function remove() {
    setRemoving(true);
    setRemoveError(null);
    const response = await fetch("/api/connections/hubspot", { method: "DELETE" });
    setRemoving(false);
    if (response.ok) window.location.reload();
    else setRemoveError("Could not remove the connection. Try again.");
  }

  const scopes = check?.scopes ?? required.map((r) => ({ ...r, granted: false }));

  return (
    <Card aria-labelledby="hubspot-heading">
      <CardHeader
        id="hubspot-heading"
        title="HubSpot"
        description="Deals in, handoff status and tasks out."
        actions={<ConnectionBadge status={status} />}
      />
      <div className="space-y-5 px-5 py-4 text-sm">
        {status.configured && (
          <dl className="grid grid-cols-2 gap-2">
            <dt className="text-slate-500">Token</dt>
            <dd className="font-mono">{status.tokenHint}</dd>
            <dt className="text-slate-500">API</dt>
            <dd className="font-mono">{status.basePath}</dd>
            <dt className="text-slate-500">Last check</dt>
            <dd>{lastCheckText(status)}</dd>
          </dl>
        )}

        {error && <Alert>{error.message}</Alert>}
        {removeError && <Alert>{removeError}</Alert>}

        {status.configured && (
          <div className="space-y-3">
            <div className="flex gap-2">
              <Button variant="secondary" pending={pending} onClick={async () => setCheck(await post<PreflightResult>("/api/connections/hubspot/check", {}))}>
                Run pre-flight check
              </Button>
              {status.source === "connection" && (
                <Button variant="danger" pending={removing} onClick={remove}>
                  Remove token
                </Button>
              )}
            </div>
            {check && (
              <Alert tone={check.ok ? "success" : "error"} title={check.ok ? "Pre-flight check passed" : "Pre-flight check failed"}>
                {check.error ?? "The token works, deals can be read, and every needed scope is granted."}
              </Alert>
            )}
            <table className="min-w-full text-sm">
              <caption className="sr-only">Scopes needed versus granted</caption>
              <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="py-1.5">Scope</th>
                  <th scope="col" className="py-1.5">Needed to</th>
                  <th scope="col" className="py-1.5">Granted</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {scopes.map((s) => (
                  <tr key={s.scope}>
                    <td className="py-1.5 font-mono text-xs">{s.scope}</td>
                    <td className="py-1.5 text-slate-600">{s.why}</td>
                    <td className="py-1.5">{check ? s.granted ? <Badge tone="green">Granted</Badge> : <Badge tone="red">Missing</Badge> : <span className="text-slate-400">Run the check</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <form
          className="space-y-3 border-t border-slate-100 pt-4"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await post("/api/connections/hubspot", { accessToken: token, basePath, portalId })) {
              setToken("");
              setCheck(null);
            }
          }}
        >
          <p className="font-medium text-slate-800">{status.configured ? "Replace the token" : "Connect HubSpot"}</p>
          <Field label="Access token" hint="A private-app token (pat-…) or an OAuth access token." error={error?.fieldErrors?.accessToken?.[0]}>
            {(p) => <input {...p} type="password" autoComplete="off" className={inputClass} value={token} onChange={(e) => setToken(e.target.value)} required />}
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="API base URL (optional)" hint="Leave empty for api.hubapi.com.">
              {(p) => <input {...p} className={inputClass} value={basePath} onChange={(e) => setBasePath(e.target.value)} placeholder="https://api.hubapi.com" />}
            </Field>
            <Field label="Portal (hub) id (optional)" hint="Used to link to deal records." error={error?.fieldErrors?.portalId?.[0]}>
              {(p) => <input {...p} inputMode="numeric" className={inputClass} value={portalId} onChange={(e) => setPortalId(e.target.value)} />}
            </Field>
          </div>
          <Button type="submit" pending={pending}>
            Save token
          </Button>
        </form>
      </div>
    </Card>
  );
}
