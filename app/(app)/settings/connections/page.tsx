import type { Metadata } from "next";
import { HubSpotConnectionCard } from "@/components/settings/hubspot-connection";
import { requirePageActor } from "@/lib/auth/session";
import { REQUIRED_SCOPES, hubspotConnectionStatus } from "@/lib/integrations/hubspot/connection";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  await requirePageActor("connections:manage");
  const status = await hubspotConnectionStatus();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Connections</h1>
        <p className="mt-1 text-sm text-slate-500">Credentials for the tools handoffs flow through. Tokens are encrypted at rest and never shown again after saving.</p>
      </div>
      <HubSpotConnectionCard status={status} required={REQUIRED_SCOPES.map((s) => ({ ...s }))} />
    </div>
  );
}
