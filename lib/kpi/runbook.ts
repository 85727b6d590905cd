import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { Role } from "../db/generated/enums.ts";
import { db } from "../db/client.ts";
import { can, ROLE_LABEL, type Actor } from "../auth/roles.ts";
import { currentTaskTemplate } from "../delivery/template.ts";
import { env } from "../env.ts";
import { forbidden } from "../errors.ts";
import { auditExport } from "./exports.ts";
import { currentIntakePolicy } from "../intake/policy-store.ts";
import { APPROVAL_SLA_HOURS, KICKOFF_SLA_DAYS } from "../rules/sla.ts";
import { STAGES } from "../rules/stages.ts";

/**
 * The implementation runbook (DOCX), written from the live configuration: who owns what, by
 * name; which events start what; each gate with its evidence and SLA; how work is escalated; the
 * intake policy in force; and how to roll back. Every download is an audit event.
 */

/** What each role owns in the handoff, as the runbook says it. */
const DUTIES: Record<Role, string> = {
  PS_LEADER: "Primary owner: accountable for every handoff, signs off gates, second approver of material overrides and of relaxed policies.",
  PROJECT_MANAGER: "Works the handoff queue and the delivery gates; approves gates they did not submit.",
  REVOPS: "Support owner: intake gates, the intake policy, connections, people and assignment.",
  DELIVERY_LEAD: "Acknowledges the handoff and accepts or sends back each risk; no kickoff is scheduled before.",
  SALES: "Fills the mandatory deal fields in HubSpot; sees their own deals' handoffs.",
  VIEWER: "Reads handoffs and the dashboard.",
  ADMIN: "Users, connections, operations and the audit trail.",
};

const TRIGGERS: [event: string, starts: string][] = [
  ["A HubSpot deal moves to a closed-won stage (signed webhook)", "Intake: the deal is validated against the intake policy; a handoff is created, blocked with the reasons or ready for its gate, and the deal owner is told in HubSpot."],
  ["Every 10 minutes", "Reconciliation: deals changed in HubSpot whose webhook never arrived are captured."],
  ["A gate is approved", "The next stage opens, with its SLA clock, and whose move it is follows."],
  ["Delivery workspace starts", "A ClickUp folder and list are built from the task template in force, with owners, due dates and dependency gates."],
  ["Implementation brief starts", "The brief is published to Notion and kept in step; decisions are only ever appended."],
  ["Delivery-lead acknowledgement starts", "The delivery lead is asked in Slack to acknowledge and accept the risks."],
  ["Handoff digest starts", "The digest (accountable owner, first 30-day milestones, open risks, escalation contacts) is posted to Slack."],
  ["A QA run is started (monthly)", "Recent handoffs are sampled for scoring on completeness and promise accuracy."],
];

const ROLLBACK: [when: string, steps: string][] = [
  ["An effect failed (a list, a brief, a message, a HubSpot write-back)", "Operations lists it as a dead letter with the vendor's answer. Fix the cause, then Replay it, or Cancel it if it must not happen. Nothing is sent twice: every effect is idempotent."],
  ["Outbound automation to a tool must stop", "Remove the tool's connection on Connections (and the environment's token, if set). Its effects are then parked as dead letters, visible on Operations; handoffs go on being tracked. Reconnect, then replay them."],
  ["A change to the intake policy or the task template misfired", "Edit it back on its settings page and save it with a note saying what it undoes: every version is kept, with who saved it and why. A change that relaxes a control waits for a second PS leader."],
  ["A handoff went to the wrong person", "Reassign its PS leader, project manager or delivery lead from its People card; the Approvals inbox follows at once."],
  ["The audit trail is in doubt", "Verify the chain on Audit trail against a head noted earlier (or `npm run audit:verify`), and export the period for the auditor."],
];

const text = (value: string, bold = false) => new Paragraph({ children: [new TextRun({ text: value, bold })] });
const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1) => new Paragraph({ text: value, heading: level });

function table(header: string[], rows: string[][]): Table {
  const cell = (c: string, bold: boolean) => new TableCell({ children: [text(c, bold)], margins: { top: 60, bottom: 0, left: 100, right: 100 }, ...(bold ? { shading: { fill: "E2E8F0" } } : {}) });
  const row = (cells: string[], bold: boolean) => new TableRow({ tableHeader: bold, children: cells.map((c) => cell(c, bold)) });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(header, true), ...rows.map((r) => row(r, false))] });
}

async function namedOwners(): Promise<string[][]> {
  const people = await db().user.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { name: true, email: true, role: true } });
  return (Object.keys(DUTIES) as Role[]).map((role) => {
    const named = people.filter((p) => p.role === role).map((p) => `${p.name} <${p.email}>`);
    return [ROLE_LABEL[role], DUTIES[role], named.length ? named.join("; ") : "Nobody yet: name an owner before going live."];
  });
}

function gates(): (Paragraph | Table)[] {
  return STAGES.flatMap((stage, i) => [
    heading(`${i + 1}. ${stage.label}${stage.tool ? ` (${stage.tool})` : ""}`, HeadingLevel.HEADING_2),
    text(`Worked by: ${stage.workers.map((r) => ROLE_LABEL[r]).join(", ")}. Signed off by: ${stage.approvers.map((r) => ROLE_LABEL[r]).join(", ")}, never by whoever submitted it. SLA: ${stage.slaHours} hours.`),
    table(
      ["Evidence", "Recorded by"],
      stage.evidence.map((e) => [e.label, e.recordedBy ?? "the person working the stage"]),
    ),
  ]);
}

async function policySection(): Promise<(Paragraph | Table)[]> {
  const [{ version, policy }, template] = await Promise.all([currentIntakePolicy(), currentTaskTemplate()]);
  const { amountThreshold, severityThreshold } = policy.materiality;
  return [
    heading("Configuration in force"),
    text(`Intake policy version ${version}${version === 0 ? " (the built-in default: publish your own before going live)" : ""}; task template version ${template.version}.`),
    text(`An override of a blocked intake needs a reason. It is material when the deal amount is at least ${amountThreshold.toLocaleString("en-US")} or a risk is ${severityThreshold.toLowerCase()} or worse; a material override needs a second, different person.`),
    table(
      ["Mandatory field", "HubSpot property", "Required"],
      policy.fields.map((f) => [f.label, f.property, f.required ? "Yes" : "No"]),
    ),
  ];
}

/** The runbook's document, from the live configuration. */
export async function runbookDocument(now = new Date()): Promise<Document> {
  const children = [
    new Paragraph({ text: "Handoff implementation runbook", heading: HeadingLevel.TITLE }),
    text(`Written on ${now.toISOString().slice(0, 10)} from the live configuration of ${env().APP_URL}.`),
    heading("Roles and named owners"),
    table(["Role", "Owns", "Named"], await namedOwners()),
    heading("Triggers"),
    table(["When", "What starts"], TRIGGERS),
    heading("Quality gates and their evidence"),
    ...gates(),
    heading("SLAs and escalation"),
    text(`Each stage has its SLA above; past it the handoff is overdue in the queue and on its page. A gate should be signed off within ${APPROVAL_SLA_HOURS} hours of submission. Without a promised date, a kickoff later than ${KICKOFF_SLA_DAYS} days after closed-won counts as delayed.`),
    text("Escalation: the person whose move it is sees the handoff under “Waiting for me” and in Approvals. Past its SLA the handoff is flagged overdue in the queue (the PS leader's overdue view) and on its page, and the PS leader can reassign the work. Each handoff's escalation contacts — its PS leader (accountable), project manager and RevOps — are named in its Slack digest."),
    ...(await policySection()),
    heading("Rollback and recovery"),
    table(["When", "Do this"], ROLLBACK),
  ];
  return new Document({
    creator: "Handoff Control Center",
    title: "Handoff implementation runbook",
    styles: { default: { document: { run: { font: "Calibri", size: 21 }, paragraph: { spacing: { after: 120 } } } } },
    sections: [{ children }],
  });
}

/** The runbook as a DOCX file for someone who may see the dashboard; recorded in the audit trail. */
export async function exportRunbook(actor: Actor): Promise<{ filename: string; body: Buffer }> {
  if (!can(actor.role, "dashboard:view")) throw forbidden("Only people who may see the dashboard can download the runbook.");
  const now = new Date();
  const body = await Packer.toBuffer(await runbookDocument(now));
  await auditExport(actor, "runbook", "docx");
  return { filename: `implementation-runbook-${now.toISOString().slice(0, 10)}.docx`, body };
}
