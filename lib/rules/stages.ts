import type { EvidenceKind, Role, StageKey } from "../db/generated/enums.ts";

/** The owner of a stage, as a handoff assignment. */
export type Assignment = "revOps" | "projectManager" | "deliveryLead" | "psLeader";

export interface EvidenceRequirement {
  key: string;
  label: string;
  /** What a person must supply: a link (URL), a note, or a confirmation. */
  kind: EvidenceKind;
  help: string;
  /**
   * Who records it, when no person may: the system, from what a tool answered (a source link
   * behind every automated decision), or a dedicated action that also updates the handoff.
   */
  recordedBy?: string;
}

export interface StageDefinition {
  key: StageKey;
  label: string;
  tool: string | null;
  /** Whose move it is while the stage is being worked. */
  owner: Assignment;
  /** Roles that may work the stage (capture evidence, submit the gate). */
  workers: readonly Role[];
  /** Roles that may sign off the gate. The submitter can never approve their own gate. */
  approvers: readonly Role[];
  /** How long the stage may take before the handoff counts as overdue. */
  slaHours: number;
  evidence: readonly EvidenceRequirement[];
}

export const STAGES: readonly StageDefinition[] = [
  {
    key: "INTAKE",
    label: "Intake",
    tool: "HubSpot",
    owner: "revOps",
    workers: ["REVOPS", "PS_LEADER", "PROJECT_MANAGER"],
    approvers: ["PROJECT_MANAGER", "PS_LEADER"],
    slaHours: 48,
    evidence: [
      { key: "deal_snapshot", label: "Validated deal snapshot", kind: "SNAPSHOT", help: "Captured automatically when the CRM deal passes intake validation (or an override is approved).", recordedBy: "the HubSpot intake" },
      { key: "scope_confirmed", label: "Scope boundaries confirmed with sales", kind: "NOTE", help: "Who confirmed the in-scope and out-of-scope items, and when." },
      { key: "risks_reviewed", label: "Critical risks have an owner and a mitigation", kind: "CHECK", help: "Each critical risk names its owner and mitigation." },
    ],
  },
  {
    key: "DELIVERY_WORKSPACE",
    label: "Delivery workspace",
    tool: "ClickUp",
    owner: "projectManager",
    workers: ["PROJECT_MANAGER", "PS_LEADER"],
    approvers: ["PROJECT_MANAGER", "PS_LEADER"],
    slaHours: 48,
    evidence: [
      { key: "workspace_link", label: "Delivery list created from the standard template", kind: "LINK", help: "The ClickUp list URL.", recordedBy: "the ClickUp sync, from ClickUp's answer (if it is missing, use “Sync again” under Delivery outputs)" },
      { key: "owners_mapped", label: "Every task has an owner", kind: "CHECK", help: "Commitments and milestones are assigned to people.", recordedBy: "the ClickUp sync once every owner is mapped to a ClickUp member" },
      { key: "dependency_gates", label: "Dependency gates set", kind: "CHECK", help: "Tasks that wait on a dependency are linked to it.", recordedBy: "the ClickUp sync" },
    ],
  },
  {
    key: "IMPLEMENTATION_BRIEF",
    label: "Implementation brief",
    tool: "Notion",
    owner: "projectManager",
    workers: ["PROJECT_MANAGER", "PS_LEADER"],
    approvers: ["PROJECT_MANAGER", "PS_LEADER"],
    slaHours: 72,
    evidence: [
      { key: "brief_link", label: "Implementation brief published", kind: "LINK", help: "The Notion page URL.", recordedBy: "the Notion sync, from Notion's answer (if it is missing, use “Sync again” under Delivery outputs)" },
      { key: "brief_reviewed", label: "In/out of scope, assumptions and constraints reviewed", kind: "NOTE", help: "What was reviewed and any corrections made." },
    ],
  },
  {
    key: "ACKNOWLEDGEMENT",
    label: "Delivery-lead acknowledgement",
    tool: null,
    owner: "deliveryLead",
    workers: ["DELIVERY_LEAD"],
    approvers: ["PROJECT_MANAGER", "PS_LEADER"],
    slaHours: 48,
    evidence: [
      { key: "lead_acknowledged", label: "Delivery lead acknowledged the handoff", kind: "CHECK", help: "The assigned delivery lead read the brief and accepts the handoff.", recordedBy: "the delivery lead's “Acknowledge and accept risks”" },
      { key: "risks_accepted", label: "Open risks accepted", kind: "CHECK", help: "Every open risk is accepted by the delivery lead.", recordedBy: "the delivery lead's “Acknowledge and accept risks”" },
    ],
  },
  {
    key: "HANDOFF_DIGEST",
    label: "Handoff digest",
    tool: "Slack",
    owner: "projectManager",
    workers: ["PROJECT_MANAGER", "PS_LEADER"],
    approvers: ["PROJECT_MANAGER", "PS_LEADER"],
    slaHours: 24,
    evidence: [
      { key: "digest_posted", label: "Digest posted to the delivery channel", kind: "LINK", help: "The Slack message link.", recordedBy: "the Slack sync, from Slack's answer (if it is missing, use “Sync again” under Delivery outputs)" },
      { key: "escalation_contacts", label: "Escalation contacts confirmed", kind: "NOTE", help: "Who to call when something slips." },
    ],
  },
  {
    key: "KICKOFF_QA",
    label: "Kickoff & QA",
    tool: null,
    owner: "projectManager",
    workers: ["PROJECT_MANAGER", "PS_LEADER"],
    approvers: ["PS_LEADER", "PROJECT_MANAGER"],
    slaHours: 120,
    evidence: [
      { key: "kickoff_held", label: "Kickoff held with the client", kind: "NOTE", help: "Date and attendees of the kickoff.", recordedBy: "“Record kickoff held” under Kickoff and client dates, which also dates it for the KPIs" },
      { key: "client_dates_confirmed", label: "Client dates confirmed", kind: "CHECK", help: "The milestone dates were confirmed with the client.", recordedBy: "“Confirm client dates” under Kickoff and client dates, which also dates the confirmation" },
    ],
  },
];

export const STAGE_KEYS: readonly StageKey[] = STAGES.map((s) => s.key);

export function stageDefinition(key: StageKey): StageDefinition {
  const found = STAGES.find((s) => s.key === key);
  if (!found) throw new Error(`Unknown stage ${key}`);
  return found;
}

export function stageIndex(key: StageKey): number {
  return STAGE_KEYS.indexOf(key);
}

export function nextStage(key: StageKey): StageKey | null {
  return STAGE_KEYS[stageIndex(key) + 1] ?? null;
}

export function previousStage(key: StageKey): StageKey | null {
  const i = stageIndex(key);
  return i > 0 ? STAGE_KEYS[i - 1] : null;
}

export const STAGE_STATUS_LABEL = {
  NOT_STARTED: "Ready to start",
  IN_PROGRESS: "In progress",
  AWAITING_APPROVAL: "Awaiting approval",
  CHANGES_REQUESTED: "Changes requested",
  APPROVED: "Approved",
} as const;

export const HANDOFF_STATUS_LABEL = {
  INTAKE_BLOCKED: "Intake blocked",
  IN_PROGRESS: "In progress",
  ON_HOLD: "On hold",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
} as const;
