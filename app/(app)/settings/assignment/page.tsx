import type { Metadata } from "next";
import { AssignmentRuleEditor } from "@/components/settings/assignment-rule";
import { VersionHistory } from "@/components/settings/version-history";
import { requirePageActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { assignmentRuleHistory, assignmentTeams, currentAssignmentRule, STRATEGY_LABEL } from "@/lib/intake/assign";

export const metadata: Metadata = { title: "Assignment" };

export default async function AssignmentPage() {
  const actor = await requirePageActor("assignment:edit");
  const [current, versions, teams] = await Promise.all([currentAssignmentRule(), assignmentRuleHistory(), assignmentTeams()]);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Assignment</h1>
        <p className="mt-1 text-sm text-slate-600">
          Who a new handoff goes to when a deal closes: a project manager, a PS leader, a RevOps owner and a delivery lead, chosen by this rule. PS leaders and RevOps can
          reassign any open handoff from its page.
        </p>
      </div>
      <AssignmentRuleEditor rule={current.config} version={current.version} labels={STRATEGY_LABEL} teams={teams} mayEdit={can(actor.role, "assignment:edit")} />
      <VersionHistory id="assignment-versions-heading" versions={versions} />
    </div>
  );
}
