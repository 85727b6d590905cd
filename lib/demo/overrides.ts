import type { Prisma } from "../db/generated/client.ts";
import type { OverrideClassification, StageKey } from "../db/generated/enums.ts";
import { isMaterial as isMaterialUnderPolicy } from "../intake/overrides.ts";
import type { Person } from "./people.ts";
import { DEMO_POLICY, intakeIssues, type Ctx, type IssueField, type OverrideDraft, type Plan } from "./plan.ts";
import type { Random } from "./random.ts";
import type { Timeline } from "./timeline.ts";
import { between } from "./time.ts";

/**
 * The demo's policy exceptions: intakes let through despite validation, and gates approved with a
 * piece of evidence bypassed. Materiality (whether a second approver must confirm) is the domain's
 * rule, under the demo's policy.
 */

const CLASSIFICATIONS: readonly OverrideClassification[] = [
  "JUSTIFIED", "FALSE_POSITIVE", "JUSTIFIED", "FALSE_NEGATIVE", "UNCLASSIFIED", "JUSTIFIED", "FALSE_POSITIVE", "UNCLASSIFIED", "JUSTIFIED",
];

const QUARTER_END = "Signed at quarter end; sales confirmed the missing details by email and will update the CRM this week.";
const RENEWAL = "Renewal of an existing engagement; scope carried over from the previous SOW.";

/** Why someone let a blocked intake through, by the first thing validation flagged. */
const INTAKE_OVERRIDE_REASONS: Record<IssueField, string> = {
  scope_in: RENEWAL,
  scope_out: RENEWAL,
  promised_kickoff_date: "Client asked to start discovery immediately; the kickoff date typo is known and the right date confirmed.",
  critical_risks: "The risk owner is the client's IT director, who is not a HubSpot user.",
  commercial_terms: QUARTER_END,
  dependencies: QUARTER_END,
  milestones: QUARTER_END,
};

const GATE_BYPASSES: Partial<Record<StageKey, { requirementKey: string; problem: string; reason: string }>> = {
  DELIVERY_WORKSPACE: {
    requirementKey: "workspace_link",
    problem: "List created from the client's own ClickUp template, not the standard one.",
    reason: "Client runs delivery in their own ClickUp workspace; the standard phases were mapped by hand.",
  },
  IMPLEMENTATION_BRIEF: {
    requirementKey: "brief_link",
    problem: "Brief published in the client's Confluence, not in Notion.",
    reason: "Client security policy keeps project documents in their Confluence; the Notion page links to it.",
  },
  HANDOFF_DIGEST: {
    requirementKey: "digest_posted",
    problem: "Digest posted in a Slack Connect channel shared with the client.",
    reason: "There is no internal delivery channel yet; the shared channel is where the team works.",
  },
};

/** Whether an override on this deal needs a second approver: the domain's rule under the policy in force. */
function isMaterial(plan: Plan): boolean {
  return isMaterialUnderPolicy(DEMO_POLICY, { amount: plan.amount, riskLevel: plan.riskLevel });
}

function secondApprover(plan: Plan, requester: Person): Person {
  return requester.id === plan.psLeader.id ? plan.projectManager : plan.psLeader;
}

/** About ten overrides: one awaiting its second approval, the rest decided in the past. */
export function draftOverrides(plans: Plan[], timelines: Map<Plan, Timeline>, ctx: Ctx): void {
  let classification = 0;
  const nextClassification = () => CLASSIFICATIONS[classification++ % CLASSIFICATIONS.length];
  pendingIntakeOverride(plans, ctx);
  pastIntakeOverrides(plans, timelines, nextClassification, ctx);
  gateOverrides(plans, timelines, nextClassification, ctx);
}

/** Only a material override waits for a second approver: the largest blocked deal that is material has one. */
function pendingIntakeOverride(plans: Plan[], ctx: Ctx): void {
  const { rng, now } = ctx;
  const blocked = plans.filter((p) => p.status === "INTAKE_BLOCKED" && isMaterial(p)).sort((a, b) => b.amount - a.amount)[0];
  if (!blocked) return;
  const requestedAt = between(blocked.createdAt, now, rng.float(0.3, 0.8));
  blocked.override = {
    id: ctx.newId(),
    kind: "INTAKE_VALIDATION",
    stageKey: "INTAKE",
    reason: "Client wants discovery to start next week; sales will fix the CRM fields after the holiday.",
    bypassed: { issues: blocked.capturedIssues as unknown as Prisma.InputJsonValue },
    material: isMaterial(blocked),
    pending: true,
    requestedBy: blocked.psLeader,
    confirmedBy: null,
    classification: "UNCLASSIFIED",
    requestedAt,
    confirmedAt: null,
  };
}

/** Intakes that validation blocked and someone let through, before the intake gate was submitted. */
function pastIntakeOverrides(plans: Plan[], timelines: Map<Plan, Timeline>, classify: () => OverrideClassification, ctx: Ctx): void {
  const { rng } = ctx;
  for (const plan of materialMix(plans.filter((p) => p.stageIndex > 0 || p.status === "COMPLETED"), 4, rng)) {
    const submittedAt = timelines.get(plan)!.runs[0].submissions[0];
    plan.capturedIssues = intakeIssues(plan, rng.int(1, 2), rng);
    const requestedBy = rng.chance(0.5) ? plan.revOps : plan.psLeader;
    const requestedAt = between(plan.createdAt, submittedAt, rng.float(0.05, 0.3));
    const request = {
      kind: "INTAKE_VALIDATION",
      stageKey: "INTAKE",
      reason: INTAKE_OVERRIDE_REASONS[plan.capturedIssues[0].field as IssueField],
      bypassed: { issues: plan.capturedIssues as unknown as Prisma.InputJsonValue },
      requestedBy,
      requestedAt,
    } as const;
    plan.override = decidedOverride(plan, request, { before: submittedAt, within: [0.2, 0.6] }, classify, ctx);
  }
}

/** Gates approved with one piece of evidence bypassed, rotating over the kinds of exception. */
function gateOverrides(plans: Plan[], timelines: Map<Plan, Timeline>, classify: () => OverrideClassification, ctx: Ctx): void {
  const { rng } = ctx;
  const bypassable = (p: Plan) => timelines.get(p)!.runs.filter((r) => r.status === "APPROVED" && GATE_BYPASSES[r.def.key]);
  const candidates = plans.filter((p) => !p.override && bypassable(p).length > 0);
  materialMix(candidates, 5, rng).forEach((plan, i) => {
    const runs = bypassable(plan);
    const run = runs[i % runs.length];
    const bypass = GATE_BYPASSES[run.def.key]!;
    const requirement = run.def.evidence.find((r) => r.key === bypass.requirementKey)!;
    const submittedAt = run.submissions[run.submissions.length - 1];
    const lastEvidence = run.evidence[run.evidence.length - 1]?.at ?? run.startedAt ?? run.enteredAt;
    const request = {
      kind: "GATE_EVIDENCE",
      stageKey: run.def.key,
      reason: bypass.reason,
      bypassed: { stage: run.def.key, requirements: [{ key: requirement.key, label: requirement.label, problem: bypass.problem }] },
      requestedBy: run.worker.role === "PROJECT_MANAGER" || run.worker.role === "PS_LEADER" ? run.worker : plan.projectManager,
      requestedAt: between(lastEvidence, submittedAt, rng.float(0.2, 0.5)),
    } as const;
    plan.override = decidedOverride(plan, request, { before: submittedAt, within: [0.3, 0.8] }, classify, ctx);
  });
}

type OverrideRequest = Pick<OverrideDraft, "kind" | "stageKey" | "reason" | "bypassed" | "requestedBy" | "requestedAt">;

/** An override decided in the past: a material one was confirmed by a second person before `confirm.before`. */
function decidedOverride(plan: Plan, request: OverrideRequest, confirm: { before: Date; within: [number, number] }, classify: () => OverrideClassification, ctx: Ctx): OverrideDraft {
  const material = isMaterial(plan);
  return {
    id: ctx.newId(),
    ...request,
    material,
    pending: false,
    confirmedBy: material ? secondApprover(plan, request.requestedBy) : null,
    classification: classify(),
    confirmedAt: material ? between(request.requestedAt, confirm.before, ctx.rng.float(...confirm.within)) : null,
  };
}

/** Roughly half material, half not, so both override paths appear. */
function materialMix(candidates: Plan[], count: number, rng: Random): Plan[] {
  const material = rng.sample(candidates.filter(isMaterial), Math.ceil(count / 2));
  const minor = rng.sample(candidates.filter((p) => !isMaterial(p)), count - material.length);
  const picked = [...material, ...minor];
  return [...picked, ...rng.sample(candidates.filter((p) => !picked.includes(p)), count - picked.length)];
}
