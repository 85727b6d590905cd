import type { Metadata } from "next";
import { HubSpotConnectionCard } from "@/components/settings/hubspot-connection";
import { VendorConnectionCard } from "@/components/settings/vendor-connection";
import { requirePageActor } from "@/lib/auth/session";
import { vendorConnectionStatus } from "@/lib/integrations/connections";
import { hubspotConnectionStatus } from "@/lib/integrations/hubspot/connection";
import { VENDORS, type DeliveryVendor } from "@/lib/integrations/settings";

export const metadata: Metadata = { title: "Connections" };

const PURPOSE: Record<DeliveryVendor, string> = {
  CLICKUP: "Delivery lists and tasks from the standard template.",
  NOTION: "Implementation briefs with their decision logs.",
  SLACK: "Acknowledgement requests with buttons, and handoff digests.",
};

export default async function ConnectionsPage() {
  await requirePageActor("connections:manage");
  const vendors = ["CLICKUP", "NOTION", "SLACK"] as const;
  const [hubspot, ...others] = await Promise.all([hubspotConnectionStatus(), ...vendors.map((v) => vendorConnectionStatus(v))]);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Connections</h1>
        <p className="mt-1 text-sm text-slate-500">Credentials for the tools handoffs flow through. Tokens are encrypted at rest and never shown again after saving.</p>
      </div>
      <HubSpotConnectionCard status={hubspot} />
      {others.map((status) => {
        const d = VENDORS[status.vendor];
        return (
          <VendorConnectionCard
            key={status.vendor}
            status={status}
            form={{ tokenLabel: d.tokenLabel, tokenHelp: d.tokenHelp, purpose: PURPOSE[status.vendor], fields: d.fields.map((f) => ({ key: f.key, label: f.label, help: f.help, required: f.required })) }}
          />
        );
      })}
    </div>
  );
}
