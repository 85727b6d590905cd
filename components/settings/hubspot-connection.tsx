"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { CheckList, ConnectionBadge, lastCheckText, withCheck } from "./connection-status";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { usePost } from "@/components/ui/use-post";
import type { ConnectionStatus, PreflightResult } from "@/lib/integrations/hubspot/connection";

/** The HubSpot connection: what is in force, a check shown like every other tool's, and a form to replace the token. */
export function HubSpotConnectionCard({ status }: { status: ConnectionStatus }) {
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
            <dd>{lastCheckText(withCheck(status, check))}</dd>
          </dl>
        )}

        {error && <Alert>{error.message}</Alert>}
        {removeError && <Alert>{removeError}</Alert>}
        {check && <CheckList name="HubSpot" checks={check.checks} />}

        <form
          className="space-y-3"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await post("/api/connections/hubspot", { accessToken: token, basePath, portalId })) {
              setToken("");
              setCheck(null);
            }
          }}
        >
          <Field label="Access token" hint="A private-app token (pat-…) or an OAuth access token." error={error?.fieldErrors?.accessToken?.[0]}>
            {(p) => <input {...p} type="password" autoComplete="off" className={inputClass} value={token} onChange={(e) => setToken(e.target.value)} required />}
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="API base URL (optional)" hint="Leave empty for api.hubapi.com.">
              {(p) => <input {...p} className={inputClass} value={basePath} onChange={(e) => setBasePath(e.target.value)} placeholder="https://api.hubapi.com" />}
            </Field>
            <Field label="Portal (hub) id (optional)" hint="Used to link to deal records." error={error?.fieldErrors?.portalId?.[0]}>
              {(p) => <input {...p} inputMode="numeric" className={inputClass} value={portalId} onChange={(e) => setPortalId(e.target.value)} />}
            </Field>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" pending={pending}>
              Save HubSpot connection
            </Button>
            {status.configured && (
              <Button
                type="button"
                variant="secondary"
                pending={pending}
                onClick={async () => {
                  const result = await post<PreflightResult>("/api/connections/hubspot/check", {});
                  if (result) setCheck(result);
                }}
              >
                Check HubSpot connection
              </Button>
            )}
            {status.source === "connection" && (
              <Button type="button" variant="danger" pending={removing} onClick={remove}>
                Remove
              </Button>
            )}
          </div>
        </form>
      </div>
    </Card>
  );
}
