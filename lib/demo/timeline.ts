import type { StageKey, StageStatus } from "../db/generated/enums.ts";
import { STAGES, type EvidenceRequirement, type StageDefinition } from "../rules/stages.ts";
import { waitingOnFor } from "../rules/waiting-on.ts";
import { CHANGE_REQUESTS } from "./catalogue.ts";
import type { Person } from "./people.ts";
import { assignmentsOf, workerFor, type Ctx, type Plan } from "./plan.ts";
import { between, DAY, earliest, HOUR, latest, MINUTE, ms, nineUtc, onWeekday, plus } from "./time.ts";

/**
 * The timeline of each planned handoff: when every stage it reached was entered, started,
 * evidenced, submitted and decided, spread over the time since the deal was won. Random numbers are
 * drawn whether or not a time-dependent branch uses them, so the demo does not change with the
 * hour it is started.
 */

export interface CapturedEvidence {
  id: string;
  requirement: EvidenceRequirement;
  at: Date;
}

/** One stage of a handoff as it was worked: when, by whom, with what evidence and which decisions. */
export interface StageRun {
  id: string;
  def: StageDefinition;
  status: StageStatus;
  enteredAt: Date;
  startedAt: Date | null;
  worker: Person;
  approver: Person;
  evidence: CapturedEvidence[];
  submissions: Date[];
  changesRequested: { at: Date; comment: string } | null;
  approvedAt: Date | null;
}

/** A handoff's history in time: its stages, and the moments the handoff row keeps. */
export interface Timeline {
  runs: StageRun[];
  stageEnteredAt: Date;
  dueAt: Date | null;
  acknowledgedAt: Date | null;
  kickoff: { scheduledAt: Date; scheduledEventAt: Date; heldAt: Date | null } | null;
  completedAt: Date | null;
}

interface RunWindow {
  enteredAt: Date;
  startedAt: Date | null;
  /** Evidence is captured from here on (after the meeting, for the kickoff). */
  evidenceFrom: Date;
  /** When the gate was approved, or "now" for the current stage. */
  until: Date;
  /** For an in-progress stage: which requirements already have evidence. */
  partial?: readonly string[];
}

export function timelineOf(plan: Plan, ctx: Ctx): Timeline {
  return plan.status === "COMPLETED" ? completedTimeline(plan, ctx) : openTimeline(plan, ctx);
}

/** Who decides a gate the worker submits: whoever the domain has the handoff wait on then (waitingOnFor). */
function approverFor(stage: StageKey, plan: Plan, worker: Person, ctx: Ctx): Person {
  return ctx.staff.byId(waitingOnFor(stage, "AWAITING_APPROVAL", "IN_PROGRESS", assignmentsOf(plan), worker.id));
}

function stageRun(def: StageDefinition, status: StageStatus, window: RunWindow, plan: Plan, worker: Person, ctx: Ctx): StageRun {
  const { rng } = ctx;
  const run: StageRun = {
    id: ctx.newId(),
    def,
    status,
    enteredAt: window.enteredAt,
    startedAt: window.startedAt,
    worker,
    approver: approverFor(def.key, plan, worker, ctx),
    evidence: [],
    submissions: [],
    changesRequested: null,
    approvedAt: null,
  };
  if (status === "NOT_STARTED") return run;

  const { evidenceFrom, until } = window;
  if (status === "IN_PROGRESS") {
    const keys = window.partial ?? rng.sample(def.evidence, rng.int(1, def.evidence.length - 1)).map((r) => r.key);
    const requirements = def.evidence.filter((r) => keys.includes(r.key));
    run.evidence = captureTimes(requirements, evidenceFrom, until, def.key === "ACKNOWLEDGEMENT", ctx);
    return run;
  }

  const cycle = status === "CHANGES_REQUESTED" || (status === "APPROVED" && def.key !== "KICKOFF_QA" && rng.chance(0.12));
  const submittedAt = between(evidenceFrom, until, status === "APPROVED" ? rng.float(0.55, 0.85) : rng.float(0.35, 0.9));
  const firstSubmission = cycle && status === "APPROVED" ? between(evidenceFrom, submittedAt, rng.float(0.35, 0.55)) : submittedAt;
  run.evidence = captureTimes(def.evidence, evidenceFrom, firstSubmission, def.key === "ACKNOWLEDGEMENT", ctx);

  if (status === "CHANGES_REQUESTED") {
    run.submissions = [submittedAt];
    run.changesRequested = { at: between(submittedAt, until, rng.float(0.2, 0.8)), comment: rng.pick(CHANGE_REQUESTS[def.key]) };
  } else if (status === "AWAITING_APPROVAL") {
    run.submissions = [submittedAt];
  } else {
    run.submissions = cycle ? [firstSubmission, submittedAt] : [submittedAt];
    if (cycle) run.changesRequested = { at: between(firstSubmission, submittedAt, rng.float(0.3, 0.7)), comment: rng.pick(CHANGE_REQUESTS[def.key]) };
    run.approvedAt = until;
  }
  return run;
}

/** The delivery lead's acknowledgement records both of its items at once. */
function captureTimes(requirements: readonly EvidenceRequirement[], from: Date, to: Date, together: boolean, ctx: Ctx): CapturedEvidence[] {
  const { rng } = ctx;
  const once = between(from, to, rng.float(0.3, 0.8));
  return requirements
    .map((requirement) => ({ id: ctx.newId(), requirement, at: together ? once : between(from, to, rng.float(0.05, 0.95)) }))
    .sort((a, b) => ms(a.at) - ms(b.at));
}

/** Splits the time before the current stage over the approved stages, in proportion to their SLAs. */
function approvedRuns(plan: Plan, from: Date, to: Date, count: number, ctx: Ctx): StageRun[] {
  const { rng } = ctx;
  const defs = STAGES.slice(0, count);
  const weights = defs.map((d) => d.slaHours * rng.float(0.5, 1.8));
  const total = weights.reduce((s, w) => s + w, 0);
  let cursor = from;
  return defs.map((def, k) => {
    const end = plus(cursor, ((ms(to) - ms(from)) * weights[k]) / total);
    const startedAt = k === 0 ? cursor : between(cursor, end, rng.float(0.02, 0.15));
    const run = stageRun(def, "APPROVED", { enteredAt: cursor, startedAt, evidenceFrom: startedAt, until: end }, plan, workerFor(def.key, plan, rng), ctx);
    cursor = end;
    return run;
  });
}

function acknowledgement(runs: StageRun[]): Date | null {
  const ack = runs.find((r) => r.def.key === "ACKNOWLEDGEMENT");
  return ack?.evidence[0]?.at ?? null;
}

/** Every stage approved. Kicked off: on or before the promised date for most, later for about 30%. */
function completedTimeline(plan: Plan, ctx: Ctx): Timeline {
  const { rng, now } = ctx;
  const late = rng.chance(0.3);
  let kickoff = late
    ? nineUtc(onWeekday(plus(plan.promisedKickoffAt, rng.int(2, 12) * DAY), 1))
    : nineUtc(onWeekday(plus(plan.promisedKickoffAt, -rng.int(0, 4) * DAY), -1));
  kickoff = earliest(kickoff, nineUtc(onWeekday(plus(now, -5 * DAY), -1)));
  kickoff = latest(kickoff, plus(plan.createdAt, 3 * DAY));

  const natural = plus(plan.createdAt, 240 * HOUR * rng.float(0.6, 1.6));
  const floor = between(plan.createdAt, kickoff, 0.3);
  const kickoffEntered = latest(floor, earliest(natural, plus(kickoff, -1.5 * DAY)));
  const runs = approvedRuns(plan, plan.createdAt, kickoffEntered, 5, ctx);

  const startedAt = earliest(plus(kickoffEntered, rng.float(0.5, 8) * HOUR), between(kickoffEntered, kickoff, 0.3));
  const completedAt = earliest(plus(kickoff, rng.float(1.5, 4) * DAY), plus(now, -HOUR));
  const def = STAGES[5];
  runs.push(
    stageRun(def, "APPROVED", { enteredAt: kickoffEntered, startedAt, evidenceFrom: plus(kickoff, HOUR), until: completedAt }, plan, workerFor(def.key, plan, rng), ctx),
  );
  return {
    runs,
    stageEnteredAt: startedAt,
    dueAt: null,
    acknowledgedAt: acknowledgement(runs),
    kickoff: { scheduledAt: kickoff, scheduledEventAt: between(startedAt, kickoff, rng.float(0.05, 0.4)), heldAt: kickoff },
    completedAt,
  };
}

/** The stages before the current one approved; the current one as the plan has it, overdue if planned so. */
function openTimeline(plan: Plan, ctx: Ctx): Timeline {
  const { rng, now } = ctx;
  const def = STAGES[plan.stageIndex];
  const sla = def.slaHours * HOUR;
  const until = plus(now, -5 * MINUTE);

  let anchor = plan.createdAt;
  let enteredAt = plan.createdAt;
  if (plan.stageIndex > 0) {
    const wanted = plan.overdue ? sla + rng.float(3, 96) * HOUR : sla * rng.float(0.08, 0.85);
    const elapsed = Math.min(wanted, (ms(now) - ms(plan.createdAt)) * 0.6);
    anchor = plus(now, -elapsed);
    enteredAt = plan.stageStatus === "NOT_STARTED" ? anchor : plus(anchor, -Math.min(rng.float(0.5, 12) * HOUR, (ms(anchor) - ms(plan.createdAt)) * 0.15));
  }
  const runs = approvedRuns(plan, plan.createdAt, enteredAt, plan.stageIndex, ctx);
  const started = plan.stageStatus !== "NOT_STARTED";
  const worker = plan.currentWorker ?? workerFor(def.key, plan, rng);

  let kickoff: Timeline["kickoff"] = null;
  let evidenceFrom = anchor;
  let partial: readonly string[] | undefined;
  if (def.key === "KICKOFF_QA") {
    kickoff = openKickoff(plan, enteredAt, anchor, ctx);
    if (kickoff.heldAt) evidenceFrom = latest(anchor, earliest(plus(kickoff.heldAt, HOUR), between(kickoff.heldAt, until, 0.3)));
    if (plan.stageStatus === "IN_PROGRESS") partial = kickoff.heldAt ? ["kickoff_held"] : [];
  } else if (def.key === "ACKNOWLEDGEMENT" && plan.stageStatus === "IN_PROGRESS") {
    partial = [];
  } else if (plan.status === "INTAKE_BLOCKED") {
    partial = rng.chance(0.5) ? ["scope_confirmed"] : [];
  }

  runs.push(stageRun(def, plan.stageStatus, { enteredAt, startedAt: started ? anchor : null, evidenceFrom, until, partial }, plan, worker, ctx));
  return {
    runs,
    stageEnteredAt: anchor,
    dueAt: plus(anchor, sla),
    acknowledgedAt: acknowledgement(runs),
    kickoff,
    completedAt: null,
  };
}

/** At the kickoff stage the meeting is either held already or scheduled in the next two weeks. */
function openKickoff(plan: Plan, enteredAt: Date, anchor: Date, ctx: Ctx): NonNullable<Timeline["kickoff"]> {
  const { rng, now } = ctx;
  const mustBeHeld = plan.stageStatus === "AWAITING_APPROVAL" || plan.stageStatus === "CHANGES_REQUESTED";
  const coin = rng.chance(0.5);
  const held = mustBeHeld || (plan.stageStatus === "IN_PROGRESS" && ms(now) - ms(anchor) > 20 * HOUR && coin);
  if (held) {
    const point = between(anchor, now, rng.float(0.1, 0.35));
    const morning = nineUtc(point);
    const heldAt = ms(morning) <= ms(point) && ms(morning) >= ms(enteredAt) ? morning : point;
    return { scheduledAt: heldAt, scheduledEventAt: between(enteredAt, heldAt, rng.float(0.1, 0.6)), heldAt };
  }
  const scheduledAt = nineUtc(onWeekday(plus(now, rng.int(1, 10) * DAY), 1));
  return { scheduledAt, scheduledEventAt: between(enteredAt, now, rng.float(0.1, 0.7)), heldAt: null };
}
