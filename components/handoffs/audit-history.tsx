import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import type { HandoffDetail } from "@/lib/handoffs/detail";
import { STAGES } from "@/lib/rules/stages";

const ACTION_LABEL: Record<string, string> = {
  "handoff.created": "Handoff created from the CRM",
  "intake.validated": "Intake validated",
  "intake.blocked": "Intake blocked",
  "intake.unblocked": "Intake unblocked",
  "stage.started": "Stage started",
  "evidence.captured": "Evidence captured",
  "gate.submitted": "Gate submitted for approval",
  "gate.approved": "Gate approved",
  "gate.changes_requested": "Changes requested",
  "handoff.acknowledged": "Acknowledged; risks accepted",
  "kickoff.scheduled": "Kickoff scheduled",
  "client_dates.confirmed": "Client dates confirmed",
  "override.requested": "Override requested",
  "override.confirmed": "Override confirmed by a second approver",
  "override.rejected": "Override rejected by the second approver",
  "override.applied": "Override applied",
  "override.withdrawn": "Pending override withdrawn: the deal now passes intake",
  "override.classified": "Override classified",
  "risk.accepted": "Risk accepted",
  "risk.rejected": "Risk sent back",
  "risk.revised": "Risk revised and reopened",
  "deal.changed_after_intake": "CRM deal changed after intake",
  "kickoff.held": "Kickoff recorded as held",
  "scope.changed": "Scope change logged",
  "decision.recorded": "Decision recorded",
  "workspace.synced": "ClickUp delivery list synced",
  "brief.created": "Notion brief created",
  "brief.updated": "Notion brief updated",
  "slack.ack_posted": "Acknowledgement request posted to Slack",
  "slack.ack_updated": "Acknowledgement request updated in Slack",
  "slack.digest_posted": "Handoff digest posted to Slack",
  "slack.digest_updated": "Handoff digest updated in Slack",
  "output.resync_requested": "Sync requested again",
  "qa.reviewed": "Reviewed by monthly QA",
  "handoff.assigned": "People assigned by the assignment rule",
  "handoff.reassigned": "Handoff reassigned",
  "owner.reassigned": "Owner of delivery items changed",
  "identities.changed": "Person linked to a ClickUp member",
  "sync_job.replayed": "Failed sync replayed",
  "sync_job.cancelled": "Failed sync cancelled",
};

const STAGE_NAME: Record<string, string> = Object.fromEntries(STAGES.map((s) => [s.key, s.label]));

const ROLE_LABEL: Record<string, string> = { projectManager: "project manager", deliveryLead: "delivery lead", psLeader: "PS leader" };

function describe(data: Record<string, unknown>): string | null {
  const parts: string[] = [];
  if (typeof data.stage === "string") parts.push(STAGE_NAME[data.stage] ?? data.stage.toLowerCase().replaceAll("_", " "));
  if (typeof data.requirementKey === "string") parts.push(data.requirementKey.replaceAll("_", " "));
  if (typeof data.title === "string") parts.push(`“${data.title}”`);
  if (typeof data.comment === "string" && data.comment) parts.push(`“${data.comment}”`);
  if (typeof data.date === "string") parts.push(data.date);
  if (typeof data.description === "string") parts.push(`“${data.description}”`);
  if (typeof data.role === "string" && typeof data.to === "string") parts.push(`${ROLE_LABEL[data.role] ?? data.role}: ${typeof data.from === "string" ? `${data.from} → ` : ""}${data.to}`);
  else if (typeof data.to === "string") parts.push(`to ${data.to}`);
  if (Array.isArray(data.items)) parts.push(data.items.map((i) => (i && typeof i === "object" && "name" in i ? `“${String(i.name)}”` : "")).filter(Boolean).join(", "));
  if (typeof data.clickupMember === "string") parts.push(`ClickUp member ${data.clickupMember}`);
  if (typeof data.rule === "string") parts.push(`rule “${data.rule.replace("_", "-")}”, version ${String(data.ruleVersion ?? 0)}`);
  if (data.via === "slack" && typeof data.slackUserId === "string") parts.push(`from Slack user ${data.slackUserId}${typeof data.slackTeamId === "string" ? ` in workspace ${data.slackTeamId}` : ""}`);
  return parts.length ? parts.join(" · ") : null;
}

/** The handoff's audit trail, newest first: who did what, when, and on which source record. */
export function AuditHistory({ events }: { events: HandoffDetail["audit"] }) {
  return (
    <Card aria-labelledby="history-heading">
      <CardHeader id="history-heading" title="History" description="Append-only audit trail" />
      {events.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">Nothing has happened yet.</p>
      ) : (
        <ol className="max-h-[28rem] divide-y divide-slate-100 overflow-y-auto" tabIndex={0} aria-label="Audit events">
          {events.map((e) => (
            <li key={e.id} className="px-5 py-2.5 text-sm">
              <p className="text-slate-800">
                <span className="font-medium">{e.actor}</span> — {ACTION_LABEL[e.action] ?? e.action}
              </p>
              {describe(e.data) && <p className="text-xs text-slate-600">{describe(e.data)}</p>}
              <p className="text-xs text-slate-600">
                {formatDateTime(e.at)}
                {e.sourceUrl && (
                  <>
                    {" · "}
                    <a href={e.sourceUrl} className="text-brand-700 underline underline-offset-2" target="_blank" rel="noreferrer">
                      source record
                    </a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
