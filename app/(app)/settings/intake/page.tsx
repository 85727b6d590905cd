import type { Metadata } from "next";
import { PolicyEditor } from "@/components/intake/policy-editor";
import { ReconcileCard } from "@/components/intake/reconcile-card";
import { VersionHistory } from "@/components/settings/version-history";
import { requirePageActor } from "@/lib/auth/session";
import { FIELD_FORMAT_HELP, FIELD_KIND } from "@/lib/intake/policy";
import { currentIntakePolicy, listIntakePolicyVersions } from "@/lib/intake/policy-store";
import { lastReconciledAt } from "@/lib/intake/reconcile";

export const metadata: Metadata = { title: "Intake policy" };

export default async function IntakeSettingsPage() {
  await requirePageActor("policy:edit");
  const [current, versions, lastSweep] = await Promise.all([currentIntakePolicy(), listIntakePolicyVersions(), lastReconciledAt()]);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Intake policy</h1>
        <p className="mt-1 text-sm text-slate-500">
          What a closed-won deal must carry before it can become a handoff. Every save is a new version; each intake decision records the version it used.
        </p>
      </div>
      <PolicyEditor policy={current.policy} version={current.version} kinds={FIELD_KIND} formats={FIELD_FORMAT_HELP} />
      <div className="grid gap-6 md:grid-cols-2">
        <ReconcileCard lastSweep={lastSweep?.toISOString() ?? null} />
        <VersionHistory id="versions-heading" versions={versions} />
      </div>
    </div>
  );
}
