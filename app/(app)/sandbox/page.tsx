import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SandboxPanel } from "@/components/sandbox/sandbox-panel";
import { requirePageActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { currentIntakePolicy } from "@/lib/intake/policy-store";
import { handoffsByDeal, sandboxEnabled, sandboxState } from "@/lib/integrations/hubspot/sandbox-panel";

export const metadata: Metadata = { title: "HubSpot sandbox" };

export default async function SandboxPage() {
  const actor = await requirePageActor("handoffs:view");
  if (!sandboxEnabled()) notFound();
  const [state, { policy }] = await Promise.all([sandboxState(), currentIntakePolicy()]);
  const handoffs = await handoffsByDeal(state.deals.map((d) => d.id));
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">HubSpot sandbox</h1>
        <p className="mt-1 text-sm text-slate-500">
          A local stand-in for HubSpot, for the demo. Change a deal here as a salesperson would in HubSpot; it sends signed webhooks to this app, which runs the intake.
        </p>
      </div>
      <SandboxPanel
        deals={state.deals.map((d) => ({ ...d, handoff: handoffs.get(d.id) ?? null }))}
        tasks={state.tasks}
        webhooksDropped={state.webhooksDropped}
        fields={policy.fields.map((f) => ({ key: f.key, label: f.label, property: f.property }))}
        canEdit={actor.role !== "VIEWER"}
        canControlWebhooks={can(actor.role, "policy:edit")}
      />
    </div>
  );
}
