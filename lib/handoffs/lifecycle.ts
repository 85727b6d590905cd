import { z } from "zod";
import type { HandoffStatus, RiskLevel, StageKey, StageStatus } from "../db/generated/enums.ts";
import { mayDecide, type Actor } from "../auth/roles.ts";
import { conflict, forbidden, invalid } from "../errors.ts";
import { STAGE_KEYS, previousStage, stageDefinition, type StageDefinition } from "../rules/stages.ts";

/**
 * The handoff lifecycle as pure rules: given the state of a handoff, who is acting
 * and what they ask for, either allow it or say precisely why not. The database
 * layer (transition.ts) loads the state under a row lock, calls `assertAllowed`,
 * and applies the change with its audit event in one transaction.
 */

const stageKey = z.enum(STAGE_KEYS as [StageKey, ...StageKey[]]);

const MAX_TEXT = 2000;
/** A free-text field people type into, with a message that names it. */
const longText = (what: string) => z.string().trim().max(MAX_TEXT, `Keep the ${what} under 2,000 characters.`);
const comment = longText("comment");

export const commandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("START_STAGE"), stage: stageKey }),
  z.object({
    type: z.literal("CAPTURE_EVIDENCE"),
    stage: stageKey,
    requirementKey: z.string().min(1, "Say which evidence item this is."),
    note: longText("note").optional(),
    url: z
      .string()
      .trim()
      .max(MAX_TEXT, "Keep the link under 2,000 characters.")
      .refine((value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value), "Give a web link that starts with https:// or http://.")
      .optional(),
  }),
  z.object({ type: z.literal("SUBMIT_GATE"), stage: stageKey }),
  z.object({ type: z.literal("APPROVE_GATE"), stage: stageKey, comment: comment.optional() }),
  z.object({
    type: z.literal("REQUEST_CHANGES"),
    stage: stageKey,
    comment: comment.min(3, "Say what needs to change (at least 3 characters)."),
  }),
  z.object({ type: z.literal("ACKNOWLEDGE"), comment: comment.optional() }),
  z.object({ type: z.literal("ACCEPT_RISK"), riskId: z.string().min(1) }),
  z.object({
    type: z.literal("REJECT_RISK"),
    riskId: z.string().min(1),
    comment: comment.min(3, "Say why this risk cannot be accepted as it stands (at least 3 characters)."),
  }),
  z.object({
    type: z.literal("REVISE_RISK"),
    riskId: z.string().min(1),
    mitigation: longText("mitigation").min(3, "Describe the revised mitigation (at least 3 characters)."),
    ownerName: z.string().trim().max(200, "Keep the owner's name under 200 characters.").optional(),
  }),
  z.object({
    type: z.literal("SCHEDULE_KICKOFF"),
    date: z.iso.date("Enter the kickoff date as YYYY-MM-DD."),
  }),
  z.object({ type: z.literal("CONFIRM_CLIENT_DATES") }),
  z.object({
    type: z.literal("RECORD_KICKOFF"),
    date: z.iso.date("Enter the day the kickoff was held as YYYY-MM-DD."),
    note: longText("list of attendees").min(3, "Say who attended (at least 3 characters)."),
  }),
  z.object({
    type: z.literal("LOG_SCOPE_CHANGE"),
    description: longText("scope change").min(5, "Describe the scope change (at least 5 characters)."),
  }),
]);

export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command["type"];

export interface StageState {
  status: StageStatus;
  submittedById: string | null;
  evidenceKeys: readonly string[];
}

export interface LifecycleState {
  status: HandoffStatus;
  stage: StageKey;
  assignments: {
    psLeaderId: string | null;
    projectManagerId: string | null;
    revOpsId: string | null;
    deliveryLeadId: string | null;
  };
  stages: Record<StageKey, StageState>;
  acknowledgedAt: Date | null;
  kickoffScheduledAt: Date | null;
  actualKickoffAt: Date | null;
  intakeIssueCount: number;
  risks: readonly LifecycleRisk[];
  /** An approved override lets a blocked intake proceed. */
  intakeOverridden: boolean;
}

export interface LifecycleRisk {
  id: string;
  status: string;
  title: string;
  severity: RiskLevel;
  /** Whether the risk names an owner (one of our people or a name from the CRM). */
  hasOwner: boolean;
  mitigation: string | null;
}

/**
 * What stops “Critical risks have an owner and a mitigation” from being true: each risk the
 * deal recorded (its critical risks) that lacks an owner or a mitigation, named. Closed risks
 * need neither.
 */
export function riskGaps(risks: readonly LifecycleRisk[]): string[] {
  return risks
    .filter((r) => r.status !== "CLOSED")
    .flatMap((r) => {
      const missing = [!r.hasOwner && "no owner", !r.mitigation?.trim() && "no mitigation"].filter(Boolean);
      return missing.length ? [`“${r.title}” has ${missing.join(" and ")}`] : [];
    });
}

function assertRisksReviewable(state: LifecycleState) {
  const gaps = riskGaps(state.risks);
  if (gaps.length) {
    throw conflict(`Every critical risk needs an owner and a mitigation first: ${gaps.join("; ")}. Fix the risk on the CRM deal; the handoff picks it up when the deal is captured again.`);
  }
}

/**
 * The first day that is not yet over anywhere (the date at UTC−12): a kickoff on an earlier
 * day is in the past for everyone, whatever their time zone.
 */
export function earliestToday(now = new Date()): string {
  return new Date(now.getTime() - 12 * 3_600_000).toISOString().slice(0, 10);
}

/** The latest day a kickoff may be scheduled: two years out. A later one is a typo, not a plan. */
export function latestKickoffDay(now = new Date()): string {
  return new Date(now.getTime() + 2 * 366 * 86_400_000).toISOString().slice(0, 10);
}

/** What acknowledging means for the risks as they stand, in the words the delivery lead reads. */
export function acknowledgementTerms(risks: readonly Pick<LifecycleRisk, "status" | "title">[]): string {
  const open = risks.filter((r) => r.status === "OPEN").length;
  const sentBack = risks.filter((r) => r.status === "REJECTED");
  const accepted = risks.filter((r) => r.status === "ACCEPTED").length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (sentBack.length) {
    return `${plural(sentBack.length, "risk")} ${sentBack.length === 1 ? "was" : "were"} sent back (${sentBack.map((r) => `“${r.title}”`).join(", ")}): the project manager must revise ${sentBack.length === 1 ? "it" : "them"} before the handoff can be acknowledged${open ? `; ${plural(open, "open risk")} still await${open === 1 ? "s" : ""} a decision` : ""}.`;
  }
  if (open) return `By acknowledging, the delivery lead accepts this handoff and ${plural(open, "open risk")}${accepted ? ` (${accepted} already accepted)` : ""}.`;
  if (accepted) return `By acknowledging, the delivery lead accepts this handoff; every risk is already accepted.`;
  return "By acknowledging, the delivery lead accepts this handoff and confirms there are no open risks.";
}

function isAssignedProjectManager(state: LifecycleState, actor: Actor) {
  return actor.role === "PROJECT_MANAGER" && state.assignments.projectManagerId === actor.userId;
}

/** May this actor schedule the kickoff and confirm client dates (once acknowledged)? */
export function canManageKickoff(state: LifecycleState, actor: Actor): boolean {
  return isAssignedProjectManager(state, actor) || actor.role === "PS_LEADER";
}

/** May this actor work (capture evidence for, start, submit) the stage? */
export function canWorkStage(state: LifecycleState, actor: Actor, def: StageDefinition): boolean {
  if (!def.workers.includes(actor.role)) return false;
  if (actor.role === "PROJECT_MANAGER") return isAssignedProjectManager(state, actor);
  if (actor.role === "DELIVERY_LEAD") return state.assignments.deliveryLeadId === actor.userId;
  return true;
}

/** May this actor sign off the stage's gate (ignoring who submitted it)? */
export function canApproveStage(state: LifecycleState, actor: Actor, def: StageDefinition): boolean {
  if (!def.approvers.includes(actor.role)) return false;
  if (actor.role === "PROJECT_MANAGER") return isAssignedProjectManager(state, actor);
  return true;
}

export function missingEvidence(def: StageDefinition, stage: StageState): string[] {
  return def.evidence.filter((r) => !stage.evidenceKeys.includes(r.key)).map((r) => r.label);
}

function assertOpen(state: LifecycleState) {
  if (state.status === "COMPLETED") throw conflict("This handoff is completed; nothing more can change.");
  if (state.status === "CANCELLED") throw conflict("This handoff was cancelled.");
}

function assertCurrentStage(state: LifecycleState, stage: StageKey) {
  if (state.stage !== stage) {
    const def = stageDefinition(stage);
    const current = stageDefinition(state.stage);
    throw conflict(`${def.label} is not the current stage; the handoff is at ${current.label}.`);
  }
}

function assertWorker(state: LifecycleState, actor: Actor, def: StageDefinition) {
  if (!canWorkStage(state, actor, def)) {
    const who =
      def.owner === "deliveryLead"
        ? "the assigned delivery lead"
        : def.workers.includes("PROJECT_MANAGER")
          ? "the assigned project manager or a PS leader"
          : "its owners";
    throw forbidden(`Only ${who} can work the ${def.label} stage.`);
  }
}

const WORKABLE: readonly StageStatus[] = ["IN_PROGRESS", "CHANGES_REQUESTED"];

/** A stage can be worked (evidence, submit, acknowledge) while in progress or sent back. */
export function isWorkable(status: StageStatus): boolean {
  return WORKABLE.includes(status);
}

type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
type Rule<T extends CommandType> = (state: LifecycleState, actor: Actor, command: CommandOf<T>) => void;

function mayStartStage(state: LifecycleState, actor: Actor, command: CommandOf<"START_STAGE">): void {
  const def = stageDefinition(command.stage);
  assertWorker(state, actor, def);
  assertCurrentStage(state, command.stage);
  const prev = previousStage(command.stage);
  if (prev && state.stages[prev].status !== "APPROVED") {
    throw conflict(`The ${stageDefinition(prev).label} gate must be approved before ${def.label} can start.`);
  }
  if (state.stages[command.stage].status !== "NOT_STARTED") {
    throw conflict(`${def.label} has already started.`);
  }
}

function mayCaptureEvidence(state: LifecycleState, actor: Actor, command: CommandOf<"CAPTURE_EVIDENCE">): void {
  const def = stageDefinition(command.stage);
  assertWorker(state, actor, def);
  assertCurrentStage(state, command.stage);
  if (!WORKABLE.includes(state.stages[command.stage].status)) {
    throw conflict(`Evidence can only be added while ${def.label} is in progress.`);
  }
  const requirement = def.evidence.find((r) => r.key === command.requirementKey);
  if (!requirement) throw invalid(`${def.label} has no evidence item "${command.requirementKey}".`);
  if (requirement.recordedBy) throw conflict(`“${requirement.label}” is recorded by ${requirement.recordedBy}, not by hand.`);
  if (requirement.kind === "NOTE" && !command.note) {
    throw invalid(`“${requirement.label}” needs a note.`, { note: ["Write what was confirmed, by whom and when."] });
  }
  if (command.stage === "INTAKE" && requirement.key === "risks_reviewed") assertRisksReviewable(state);
}

function maySubmitGate(state: LifecycleState, actor: Actor, command: CommandOf<"SUBMIT_GATE">): void {
  const def = stageDefinition(command.stage);
  assertWorker(state, actor, def);
  assertCurrentStage(state, command.stage);
  const stage = state.stages[command.stage];
  if (!WORKABLE.includes(stage.status)) {
    throw conflict(
      stage.status === "AWAITING_APPROVAL"
        ? `The ${def.label} gate is already awaiting approval.`
        : `${def.label} must be started before its gate can be submitted.`,
    );
  }
  if (command.stage === "INTAKE" && !state.intakeOverridden && (state.status === "INTAKE_BLOCKED" || state.intakeIssueCount > 0)) {
    throw conflict(
      `Intake is blocked: ${state.intakeIssueCount} mandatory field${state.intakeIssueCount === 1 ? " is" : "s are"} missing or invalid in the CRM.`,
    );
  }
  const missing = missingEvidence(def, stage);
  if (missing.length > 0) {
    throw invalid(`The ${def.label} gate is missing evidence: ${missing.join("; ")}.`);
  }
  // The risk check must still hold: a risk may have changed since it was confirmed.
  if (command.stage === "INTAKE") assertRisksReviewable(state);
}

function mayDecideGate(state: LifecycleState, actor: Actor, command: CommandOf<"APPROVE_GATE" | "REQUEST_CHANGES">): void {
  const def = stageDefinition(command.stage);
  if (!canApproveStage(state, actor, def)) {
    throw forbidden(`Only the assigned project manager or a PS leader can sign off the ${def.label} gate.`);
  }
  assertCurrentStage(state, command.stage);
  const stage = state.stages[command.stage];
  if (stage.status !== "AWAITING_APPROVAL") {
    throw conflict(`The ${def.label} gate is not awaiting approval.`);
  }
  if (stage.submittedById === actor.userId) {
    throw forbidden("You submitted this gate; a different approver must sign it off.");
  }
}

/** The assigned delivery lead, while Acknowledgement is in progress. */
function assertAcknowledgementOpen(state: LifecycleState, actor: Actor): void {
  const def = stageDefinition("ACKNOWLEDGEMENT");
  if (actor.role !== "DELIVERY_LEAD" || state.assignments.deliveryLeadId !== actor.userId) {
    throw forbidden("Only the assigned delivery lead can acknowledge this handoff and accept or reject its risks.");
  }
  assertCurrentStage(state, "ACKNOWLEDGEMENT");
  if (!WORKABLE.includes(state.stages.ACKNOWLEDGEMENT.status)) {
    throw conflict(`${def.label} must be in progress to acknowledge.`);
  }
}

function mayAcknowledge(state: LifecycleState, actor: Actor): void {
  assertAcknowledgementOpen(state, actor);
  if (state.acknowledgedAt) throw conflict("This handoff is already acknowledged.");
  const sentBack = state.risks.filter((r) => r.status === "REJECTED");
  if (sentBack.length) {
    throw conflict(`${sentBack.length} risk${sentBack.length === 1 ? " was" : "s were"} sent back (${sentBack.map((r) => `“${r.title}”`).join(", ")}); the project manager must revise ${sentBack.length === 1 ? "it" : "them"} first.`);
  }
}

function mayDecideRisk(state: LifecycleState, actor: Actor, command: CommandOf<"ACCEPT_RISK" | "REJECT_RISK">): void {
  assertAcknowledgementOpen(state, actor);
  const risk = state.risks.find((r) => r.id === command.riskId);
  if (!risk) throw invalid("This risk does not belong to this handoff.");
  if (risk.status !== "OPEN") throw conflict(`“${risk.title}” is ${risk.status.toLowerCase()}, not open.`);
}

function mayReviseRisk(state: LifecycleState, actor: Actor, command: CommandOf<"REVISE_RISK">): void {
  if (!canManageKickoff(state, actor)) {
    throw forbidden("Only the assigned project manager or a PS leader can revise a risk the delivery lead sent back.");
  }
  assertCurrentStage(state, "ACKNOWLEDGEMENT");
  const risk = state.risks.find((r) => r.id === command.riskId);
  if (!risk) throw invalid("This risk does not belong to this handoff.");
  if (risk.status !== "REJECTED") throw conflict(`Only a risk the delivery lead sent back can be revised; “${risk.title}” is ${risk.status.toLowerCase()}.`);
}

function mayManageDates(state: LifecycleState, actor: Actor, command: CommandOf<"SCHEDULE_KICKOFF" | "CONFIRM_CLIENT_DATES">): void {
  if (!canManageKickoff(state, actor)) {
    throw forbidden("Only the assigned project manager or a PS leader can schedule the kickoff or confirm client dates.");
  }
  if (!state.acknowledgedAt) {
    throw conflict(
      "Not yet: the delivery lead must acknowledge the handoff and accept its risks before the kickoff is scheduled or client dates are confirmed.",
    );
  }
  if (command.type === "SCHEDULE_KICKOFF" && command.date < earliestToday()) {
    throw invalid(`The kickoff cannot be scheduled in the past (${command.date}): pick today or a later day.`, { date: ["Pick today or a later day."] });
  }
  if (command.type === "SCHEDULE_KICKOFF" && command.date > latestKickoffDay()) {
    throw invalid(`The kickoff cannot be scheduled more than two years ahead (${command.date}): check the year.`, { date: ["Pick a day within the next two years."] });
  }
}

function mayRecordKickoff(state: LifecycleState, actor: Actor, command: CommandOf<"RECORD_KICKOFF">): void {
  if (!canManageKickoff(state, actor)) {
    throw forbidden("Only the assigned project manager or a PS leader can record the kickoff.");
  }
  if (!state.kickoffScheduledAt) throw conflict("Schedule the kickoff before recording that it was held.");
  if (state.actualKickoffAt) throw conflict("The kickoff has already been recorded.");
  assertCurrentStage(state, "KICKOFF_QA");
  if (!WORKABLE.includes(state.stages.KICKOFF_QA.status)) {
    throw conflict("Start the Kickoff & QA stage before recording the kickoff.");
  }
  if (command.date > new Date().toISOString().slice(0, 10)) throw invalid("The kickoff cannot be recorded before the day it is held.", { date: ["Pick today or an earlier day."] });
}

function mayLogScopeChange(state: LifecycleState, actor: Actor): void {
  if (!mayDecide(actor, state.assignments)) {
    throw forbidden("Only the assigned project manager, the assigned delivery lead or a PS leader can log a scope change.");
  }
}

/** The rule for each command: adding a command without one fails to compile. */
const RULES: { [T in CommandType]: Rule<T> } = {
  START_STAGE: mayStartStage,
  CAPTURE_EVIDENCE: mayCaptureEvidence,
  SUBMIT_GATE: maySubmitGate,
  APPROVE_GATE: mayDecideGate,
  REQUEST_CHANGES: mayDecideGate,
  ACKNOWLEDGE: mayAcknowledge,
  ACCEPT_RISK: mayDecideRisk,
  REJECT_RISK: mayDecideRisk,
  REVISE_RISK: mayReviseRisk,
  SCHEDULE_KICKOFF: mayManageDates,
  CONFIRM_CLIENT_DATES: mayManageDates,
  RECORD_KICKOFF: mayRecordKickoff,
  LOG_SCOPE_CHANGE: mayLogScopeChange,
};

/** Throws a DomainError saying why the command is not allowed; returns when it is. */
export function assertAllowed(state: LifecycleState, actor: Actor, command: Command): void {
  assertOpen(state);
  (RULES[command.type] as Rule<CommandType>)(state, actor, command);
}

/** Every command the actor could issue right now, for showing and hiding controls. */
export function allowedCommands(state: LifecycleState, actor: Actor): Set<CommandType> {
  const allowed = new Set<CommandType>();
  const stage = state.stage;
  const probes: Command[] = [
    { type: "START_STAGE", stage },
    { type: "SUBMIT_GATE", stage },
    { type: "APPROVE_GATE", stage },
    { type: "REQUEST_CHANGES", stage, comment: "probe" },
    { type: "ACKNOWLEDGE" },
    { type: "SCHEDULE_KICKOFF", date: latestKickoffDay() },
    { type: "CONFIRM_CLIENT_DATES" },
    { type: "RECORD_KICKOFF", date: "2000-01-01", note: "probe" },
    { type: "LOG_SCOPE_CHANGE", description: "probe" },
  ];
  const open = state.risks.find((r) => r.status === "OPEN");
  const sentBack = state.risks.find((r) => r.status === "REJECTED");
  if (open) probes.push({ type: "ACCEPT_RISK", riskId: open.id }, { type: "REJECT_RISK", riskId: open.id, comment: "probe" });
  if (sentBack) probes.push({ type: "REVISE_RISK", riskId: sentBack.id, mitigation: "probe" });
  for (const probe of probes) {
    try {
      assertAllowed(state, actor, probe);
      allowed.add(probe.type);
    } catch {
      // not allowed now
    }
  }
  const def = stageDefinition(stage);
  if (stage !== "ACKNOWLEDGEMENT" && canWorkStage(state, actor, def) && WORKABLE.includes(state.stages[stage].status)) {
    allowed.add("CAPTURE_EVIDENCE");
  }
  return allowed;
}
