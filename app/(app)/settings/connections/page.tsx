import type { Metadata } from "next";
import { ConnectionCard } from "@/components/settings/connection-card";
import { requirePageActor } from "@/lib/auth/session";
import { connectionStatus } from "@/lib/connections/manage";
import { TOOL_ORDER, TOOLS } from "@/lib/connections/tools";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  await requirePageActor("connections:manage");
  const statuses = await Promise.all(TOOL_ORDER.map((vendor) => connectionStatus(vendor)));
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Connections</h1>
        <p className="mt-1 text-sm text-slate-500">Credentials for the tools handoffs flow through. Tokens are encrypted at rest and never shown again after saving.</p>
      </div>
      {statuses.map((status) => {
        const tool = TOOLS[status.vendor];
        return (
          <ConnectionCard
            key={status.vendor}
            status={status}
            form={{ tokenLabel: tool.tokenLabel, tokenHelp: tool.tokenHelp, purpose: tool.purpose, fields: tool.fields.map((f) => ({ key: f.key, label: f.label, help: f.help, required: f.required })) }}
          />
        );
      })}
    </div>
  );
}
