import type { Metadata } from "next";
import { PolicyEditor } from "@/components/intake/policy-editor";
import { ReconcileCard } from "@/components/intake/reconcile-card";
import { VersionHistory } from "@/components/settings/version-history";
import { requirePageActor } from "@/lib/auth/session";
import { FIELD_FORMAT_HELP, FIELD_KIND } from "@/lib/intake/policy";
import { currentIntakePolicy, listIntakePolicyVersions, pendingIntakePolicyChange } from "@/lib/intake/policy-store";
import { PolicyChangeCard } from "@/components/approvals/policy-change-card";
import { lastReconciledAt } from "@/lib/intake/reconcile";

export const metadata: Metadata = { title: "Intake policy" };

export default async function IntakeSettingsPage() {
  const actor = await requirePageActor("policy:edit");
  const [current, versions, lastSweep, pending] = await Promise.all([currentIntakePolicy(), listIntakePolicyVersions(), lastReconciledAt(), pendingIntakePolicyChange()]);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Intake policy</h1>
        <p className="mt-1 text-sm text-slate-500">
          What a closed-won deal must carry before it can become a handoff. Every save is a new version; each intake decision records the version it used. A change that relaxes a control applies only once a PS leader other than its editor approves it.
        </p>
      </div>
      {pending && <PolicyChangeCard change={pending} mode={pending.proposedById === actor.userId ? "withdraw" : "view"} />}
      <PolicyEditor policy={current.policy} version={current.version} kinds={FIELD_KIND} formats={FIELD_FORMAT_HELP} />
      <div className="grid gap-6 md:grid-cols-2">
        <ReconcileCard lastSweep={lastSweep?.toISOString() ?? null} />
        <VersionHistory id="versions-heading" versions={versions} />
      </div>
    </div>
  );
}
