import type { StageKey, StageStatus } from "../db/generated/enums.ts";
import { STAGES } from "../rules/stages.ts";
import { isOverdue } from "../rules/overdue.ts";
import type { Person } from "./people.ts";
import { intakeIssues, workerFor, type Ctx, type Plan } from "./plan.ts";
import { HOUR, plus } from "./time.ts";

/**
 * Where each planned handoff stands today: its stage and the stage's status, who is working it,
 * which intakes are blocked, which handoffs are overdue, and enough work in the inboxes of the
 * primary demo logins.
 */

/** Shares of the open, unblocked handoffs past intake, furthest along first. */
const MIDDLE_SHARES: readonly (readonly [number, number])[] = [[5, 28], [4, 18], [3, 28], [2, 28], [1, 26]];

function stageForShare(position: number, total: number): number {
  const sum = MIDDLE_SHARES.reduce((s, [, w]) => s + w, 0);
  const fraction = (position + 0.5) / total;
  let cumulative = 0;
  for (const [stage, weight] of MIDDLE_SHARES) {
    cumulative += weight / sum;
    if (fraction <= cumulative) return stage;
  }
  return 1;
}

/** A worker other than the project manager, so the gate lands in the PM's inbox. */
function workerOtherThanPm(stageKey: StageKey, plan: Plan): Person {
  if (stageKey === "INTAKE") return plan.revOps;
  if (stageKey === "ACKNOWLEDGEMENT") return plan.deliveryLead;
  return plan.psLeader;
}

/**
 * Older handoffs are further along. The youngest are still at intake (a 48-hour
 * stage), blocked intakes linger a little longer, and the rest are ranked by age with
 * some noise: the oldest quarter is complete, the others spread over the stages between.
 */
export function assignProgress(plans: Plan[], ctx: Ctx): void {
  const { rng } = ctx;
  const n = plans.length;
  const intakeCount = Math.round(n * 0.06);
  const blockedCount = Math.min(8, Math.round(n * 0.04));
  const youngestFirst = [...plans].reverse();
  const intake = youngestFirst.slice(0, intakeCount);
  const blocked = rng.sample(youngestFirst.slice(intakeCount, intakeCount + 4 * blockedCount), blockedCount);
  const rest = plans.filter((p) => !intake.includes(p) && !blocked.includes(p));

  const completedCount = Math.min(rest.length, Math.round(n * 0.25));
  const ranked = rest
    .map((plan, i) => ({ plan, score: (rest.length - i) / rest.length + rng.noise(0.08) }))
    .sort((a, b) => b.score - a.score)
    .map((r) => r.plan);
  const completed = ranked.slice(0, completedCount);
  const middle = ranked.slice(completedCount);

  for (const plan of completed) Object.assign(plan, { stageIndex: 5, stageStatus: "APPROVED", status: "COMPLETED" });
  middle.forEach((plan, i) => {
    plan.stageIndex = stageForShare(i, middle.length);
    plan.stageStatus = rng.weighted<StageStatus>([["NOT_STARTED", 15], ["IN_PROGRESS", 40], ["AWAITING_APPROVAL", 30], ["CHANGES_REQUESTED", 15]]);
  });
  for (const plan of intake) {
    plan.stageStatus = rng.weighted<StageStatus>([["IN_PROGRESS", 55], ["AWAITING_APPROVAL", 35], ["CHANGES_REQUESTED", 10]]);
  }
  for (const plan of blocked) {
    Object.assign(plan, { status: "INTAKE_BLOCKED", stageStatus: "IN_PROGRESS" });
    plan.capturedIssues = intakeIssues(plan, rng.int(1, 3), rng);
  }
  for (const plan of rng.sample(plans, Math.round(n * 0.2))) plan.pilotCohort = true;
  for (const plan of plans) {
    if (plan.status !== "COMPLETED" && plan.stageStatus !== "NOT_STARTED") {
      plan.currentWorker = workerFor(STAGES[plan.stageIndex].key, plan, rng);
    }
    // A spare draw: the demo's later draws (workers, timelines, content) are laid out with one
    // here, and dropping it would reshuffle the whole demo.
    rng.float();
  }
}

/**
 * Every demo login should have work waiting: Dana has acknowledgements to give and
 * Marco has gates to approve that someone else submitted.
 */
export function guaranteeInboxes(plans: Plan[], ctx: Ctx): void {
  const dana = ctx.staff.get("lead@demo.local");
  const marco = ctx.staff.get("pm@demo.local");
  const open = plans.filter((p) => p.status === "IN_PROGRESS");
  const isAck = (p: Plan) => STAGES[p.stageIndex].key === "ACKNOWLEDGEMENT";

  const danaAcks = open.filter((p) => isAck(p) && p.deliveryLead === dana && p.stageStatus === "IN_PROGRESS");
  const reserved = new Set(danaAcks);
  for (const plan of open.filter(isAck)) {
    if (reserved.size >= 3) break;
    if (reserved.has(plan) || (plan.projectManager === marco && plan.stageStatus === "AWAITING_APPROVAL")) continue;
    Object.assign(plan, { deliveryLead: dana, stageStatus: "IN_PROGRESS", currentWorker: dana });
    reserved.add(plan);
  }

  const marcoGates = () => open.filter((p) => p.projectManager === marco && p.stageStatus === "AWAITING_APPROVAL" && p.currentWorker !== marco).length;
  const candidates = [
    ...open.filter((p) => p.projectManager === marco && p.stageStatus === "AWAITING_APPROVAL"),
    ...open.filter((p) => p.projectManager === marco && p.stageStatus === "IN_PROGRESS"),
    ...open.filter((p) => p.projectManager === marco && p.stageStatus !== "AWAITING_APPROVAL" && p.stageStatus !== "IN_PROGRESS"),
  ];
  for (const plan of candidates) {
    if (marcoGates() >= 12) break;
    if (reserved.has(plan) || (plan.stageStatus === "AWAITING_APPROVAL" && plan.currentWorker !== marco)) continue;
    plan.stageStatus = "AWAITING_APPROVAL";
    plan.currentWorker = workerOtherThanPm(STAGES[plan.stageIndex].key, plan);
  }
}

/**
 * About 15% of the open handoffs are past their stage SLA. Young intakes decide themselves: the
 * intake stage starts at capture, so the domain's rule (isOverdue) says whether it is late.
 */
export function chooseOverdue(plans: Plan[], ctx: Ctx): void {
  const open = plans.filter((p) => p.status !== "COMPLETED");
  const intakeSla = STAGES[0].slaHours * HOUR;
  let overdue = 0;
  for (const plan of open) {
    if (plan.stageIndex === 0 && isOverdue({ dueAt: plus(plan.createdAt, intakeSla), status: plan.status }, ctx.now)) {
      plan.overdue = true;
      overdue++;
    }
  }
  const target = Math.round(open.length * 0.15);
  for (const plan of ctx.rng.sample(open.filter((p) => p.stageIndex > 0), target - overdue)) plan.overdue = true;
}
