import { createHash } from "node:crypto";
import { firstMonthMilestones } from "./brief.ts";
import { isoDay, kickoffDate, type DeliveryModel, type Person } from "./model.ts";

/**
 * The two Slack messages of a handoff, as Block Kit: the request that the delivery lead
 * acknowledge the handoff and accept its risks (with buttons), and the handoff digest.
 * Pure functions of the model; the sync posts them once and then edits them in place.
 */

export const ACTION = {
  acknowledge: "hcc_acknowledge",
  acceptRisk: "hcc_risk_accept",
  rejectRisk: "hcc_risk_reject",
  open: "hcc_open",
} as const;

/** The input the delivery lead types a send-back comment into. */
export const COMMENT_BLOCK = "hcc_comment_block";
export const COMMENT_ACTION = "hcc_comment";

export type SlackPurpose = "ack" | "digest";

export interface SlackMessageContent {
  text: string;
  blocks: Record<string, unknown>[];
  revision: string;
}

const plain = (text: string) => ({ type: "plain_text", text: text.slice(0, 150), emoji: true });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text: text.slice(0, 3000) });
/** Slack's mrkdwn needs &, < and > escaped in user-supplied text. */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const esc = escapeMrkdwn;
const link = (url: string, label: string) => `<${url}|${esc(label)}>`;
const mention = (p: Person | null) => (p ? (p.slackUserId ? `<@${p.slackUserId}>` : esc(p.name)) : "_unassigned_");

/** The marker in the fallback text that finds a message again after a lost answer. */
export function messageMarker(model: Pick<DeliveryModel, "ref">, purpose: SlackPurpose): string {
  return `ref ${model.ref}/${purpose}`;
}

function finish(text: string, blocks: Record<string, unknown>[]): SlackMessageContent {
  return { text, blocks, revision: createHash("sha256").update(JSON.stringify({ text, blocks })).digest("hex").slice(0, 12) };
}

function toolLinks(model: DeliveryModel): string {
  const parts = [link(model.url, `Handoff ${model.ref}`)];
  if (model.links.clickup?.url) parts.push(link(model.links.clickup.url, "ClickUp list"));
  if (model.links.notion?.url) parts.push(link(model.links.notion.url, "Implementation brief"));
  return parts.join("  ·  ");
}

const MAX_BLOCKS = 50;

export function ackRequestMessage(model: DeliveryModel): SlackMessageContent {
  const lead = model.people.deliveryLead;
  const acknowledged = Boolean(model.acknowledgedAt);
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: plain(acknowledged ? `${model.ref} acknowledged` : `${model.ref} needs the delivery lead's acknowledgement`) },
    {
      type: "section",
      text: mrkdwn(
        acknowledged
          ? `*${esc(model.title)}* (${esc(model.customerName)}) was acknowledged by ${esc(model.acknowledgedBy ?? "the delivery lead")} on ${isoDay(model.acknowledgedAt!)}. Kickoff can now be scheduled.`
          : `${mention(lead)}, please read the brief for *${esc(model.title)}* (${esc(model.customerName)}), then accept each open risk or send it back with a comment, and acknowledge the handoff.`,
      ),
    },
    { type: "context", elements: [mrkdwn(toolLinks(model))] },
    { type: "divider" },
  ];

  // Slack takes at most 50 blocks a message: risks beyond what fits are decided in the app.
  const reserved = 3; // the "more in the app" note, the comment input and the acknowledge buttons
  let shown = 0;
  for (const risk of model.risks) {
    const needed = risk.status === "OPEN" && !acknowledged ? 2 : 1;
    if (blocks.length + needed > MAX_BLOCKS - reserved) break;
    shown++;
    const status =
      risk.status === "OPEN"
        ? "awaiting your decision"
        : risk.status === "REJECTED"
          ? `sent back${risk.comment ? `: “${esc(risk.comment)}”` : ""}`
          : `${risk.status.toLowerCase()}${risk.acceptedBy ? ` by ${esc(risk.acceptedBy)}` : ""}`;
    const section: Record<string, unknown> = {
      type: "section",
      block_id: `risk_${risk.id}`,
      text: mrkdwn(`*${esc(risk.title)}* — ${risk.severity.toLowerCase()} severity\nMitigation: ${esc(risk.mitigation ?? "none")}\n_${status}_`),
    };
    blocks.push(section);
    if (risk.status === "OPEN" && !acknowledged) {
      blocks.push({
        type: "actions",
        block_id: `risk_actions_${risk.id}`,
        elements: [
          { type: "button", action_id: ACTION.acceptRisk, text: plain("Accept risk"), value: `${model.id}:${risk.id}`, style: "primary" },
          { type: "button", action_id: ACTION.rejectRisk, text: plain("Send back"), value: `${model.id}:${risk.id}`, style: "danger" },
        ],
      });
    }
  }
  if (model.risks.length === 0) blocks.push({ type: "section", text: mrkdwn("_No risks were recorded for this handoff._") });
  if (shown < model.risks.length) {
    const more = model.risks.length - shown;
    blocks.push({ type: "section", text: mrkdwn(`_${more} more risk${more === 1 ? "" : "s"} than a Slack message can hold: <${model.url}|decide ${more === 1 ? "it" : "them"} in the app>._`) });
  }

  if (!acknowledged) {
    if (model.risks.some((r) => r.status === "OPEN")) {
      blocks.push({
        type: "input",
        block_id: COMMENT_BLOCK,
        optional: true,
        label: plain("Comment (required to send a risk back)"),
        element: { type: "plain_text_input", action_id: COMMENT_ACTION, multiline: true },
      });
    }
    blocks.push({
      type: "actions",
      block_id: "ack_actions",
      elements: [
        { type: "button", action_id: ACTION.acknowledge, text: plain("Acknowledge and accept open risks"), value: model.id, style: "primary" },
        { type: "button", action_id: ACTION.open, text: plain("Open in the app"), url: model.url },
      ],
    });
  }
  // The fallback text is mrkdwn too (notifications, unfurls): a customer named "<!here>" must stay text.
  return finish(`${model.ref} (${esc(model.customerName)}) needs the delivery lead's acknowledgement · ${messageMarker(model, "ack")}`, blocks);
}

function riskStanding(risk: DeliveryModel["risks"][number]): string {
  if (risk.status === "ACCEPTED") return risk.acceptedBy ? `accepted by ${esc(risk.acceptedBy)}` : "accepted";
  if (risk.status === "REJECTED") return "sent back to the PM";
  return "not yet accepted";
}

export function digestMessage(model: DeliveryModel): SlackMessageContent {
  const kickoff = kickoffDate(model);
  const milestones = firstMonthMilestones(model);
  const openRisks = model.risks.filter((r) => r.status === "OPEN" || r.status === "ACCEPTED" || r.status === "REJECTED");
  const escalation = [model.people.psLeader && `${mention(model.people.psLeader)} (PS leader)`, model.people.projectManager && `${mention(model.people.projectManager)} (project manager)`, model.people.revOps && `${mention(model.people.revOps)} (RevOps)`]
    .filter(Boolean)
    .join(", ");

  const blocks: Record<string, unknown>[] = [
    { type: "header", text: plain(`Handoff digest: ${model.ref} · ${model.customerName}`) },
    { type: "section", text: mrkdwn(`*${esc(model.title)}* is handed to delivery.`) },
    {
      type: "section",
      fields: [
        mrkdwn(`*Accountable owner*\n${mention(model.people.psLeader)}`),
        mrkdwn(`*Delivery lead*\n${mention(model.people.deliveryLead)}`),
        mrkdwn(`*Project manager*\n${mention(model.people.projectManager)}`),
        mrkdwn(`*Kickoff*\n${isoDay(kickoff)}${model.kickoffScheduledAt ? "" : " (promised, not yet scheduled)"}`),
      ],
    },
    {
      type: "section",
      text: mrkdwn(`*First 30 days*\n${milestones.length ? milestones.map((m) => `• ${isoDay(m.dueDate)} — ${esc(m.name)}${m.ownerName ? ` (${esc(m.ownerName)})` : ""}`).join("\n") : "_No milestone falls in the first 30 days._"}`),
    },
    {
      type: "section",
      // Accepted risks are still carried into delivery; each line says where it stands.
      text: mrkdwn(`*Risks carried into delivery*\n${openRisks.length ? openRisks.map((r) => `• ${esc(r.title)} — ${r.severity.toLowerCase()}, owner ${esc(r.ownerName ?? "unassigned")}, ${riskStanding(r)}`).join("\n") : "_No risks carried into delivery._"}`),
    },
    { type: "section", text: mrkdwn(`*Escalation contacts*\n${escalation || "_none assigned_"}${model.escalationNote ? `\n${esc(model.escalationNote)}` : ""}`) },
    { type: "context", elements: [mrkdwn(toolLinks(model))] },
  ];
  return finish(`Handoff digest: ${model.ref} (${esc(model.customerName)}) · ${messageMarker(model, "digest")}`, blocks);
}

export function slackMessage(model: DeliveryModel, purpose: SlackPurpose): SlackMessageContent {
  return purpose === "ack" ? ackRequestMessage(model) : digestMessage(model);
}

/** The button on the direct message that asks a Slack user to confirm a link to one of our people. */
export const IDENTITY_ACTION = { confirm: "identity.confirm" } as const;

export interface SlackLinkRequestContent {
  requestId: string;
  /** The person in Handoff Control Center who asked to link this Slack account. */
  person: { name: string; email: string };
  expiresAt: Date;
  /** Where the person sees and cancels the request. */
  accountUrl: string;
}

/**
 * The direct message to a Slack user that someone asked to link to themselves. It says who
 * asked, what linking means, and that ignoring it is the answer when it was not them: nothing
 * is linked until this Slack user clicks "Yes, this is me".
 */
export function slackLinkRequestMessage(request: SlackLinkRequestContent): SlackMessageContent {
  const who = `*${esc(request.person.name)}* (${esc(request.person.email)})`;
  const until = `${request.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: plain("Link this Slack account to Handoff Control Center?") },
    {
      type: "section",
      text: mrkdwn(
        `${who} asked to link this Slack account to their Handoff Control Center account. Once linked, your clicks on handoff buttons in Slack count as theirs: acknowledging handoffs and accepting or sending back risks in their name.`,
      ),
    },
    {
      type: "actions",
      block_id: "identity_actions",
      elements: [{ type: "button", action_id: IDENTITY_ACTION.confirm, text: plain("Yes, this is me"), value: request.requestId, style: "primary" }],
    },
    {
      type: "context",
      elements: [mrkdwn(`Not you, or you did not ask? Ignore this message: nothing is linked unless you confirm. The request expires at ${until}. ${link(request.accountUrl, "Your account")}`)],
    },
  ];
  return finish(`${esc(request.person.name)} asked to link this Slack account to Handoff Control Center · link ${request.requestId}`, blocks);
}
