import { createHash } from "node:crypto";
import { z } from "zod";
import type { Prisma } from "../db/generated/client.ts";
import { db } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import type { CommitmentStatus } from "../db/generated/enums.ts";
import { isRecordId } from "../db/ids.ts";
import { conflict, forbidden, invalid, notFound, parseInput } from "../errors.ts";
import { PROMISE_OUTCOMES, RUBRIC_LEVELS, promiseAccuracyOf, rubricScore } from "../rules/rubric.ts";

/**
 * Monthly handoff QA. A run samples the handoffs closed-won in a month — every handoff
 * with an intake override, always (the finance control "monthly control sampling on
 * overrides"), plus a sample of the rest by the chosen rule — and assigns each to a
 * reviewer who is not its own project manager. Reviewers score completeness and promise
 * accuracy and tag the failure patterns; the report turns patterns into retraining.
 */

export const FAILURE_PATTERNS = {
  "missing-dependency": "Missing client dependency",
  "optimistic-timeline": "Optimistic timeline",
  "unowned-risk": "Unowned risk",
  "unclear-scope": "Unclear scope boundary",
  "missing-commercial-terms": "Missing commercial terms",
  "undocumented-commitment": "Undocumented sales commitment",
} as const;
export type FailurePattern = keyof typeof FAILURE_PATTERNS;
const PATTERN_KEYS = Object.keys(FAILURE_PATTERNS) as [FailurePattern, ...FailurePattern[]];

export const SAMPLING_RULES = {
  random: "Random (reproducible for the run)",
  "lowest-completeness": "Lowest completeness first",
  "highest-risk": "Highest risk first",
} as const;

export const runInputSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Choose a month (YYYY-MM)."),
  sampleSize: z.coerce.number().int().min(1, "Sample at least one handoff.").max(500, "Sample at most 500 handoffs."),
  rule: z.enum(Object.keys(SAMPLING_RULES) as [keyof typeof SAMPLING_RULES, ...(keyof typeof SAMPLING_RULES)[]], "Choose a sampling rule."),
});

/**
 * The reviewer's rubric. Completeness: each part of the handoff completeness rubric is met,
 * partly met or missed, weighted as the score on record is. Promise accuracy: each sales
 * commitment's outcome; the share delivered as promised among those whose outcome is known.
 */
const level = z.enum(Object.keys(RUBRIC_LEVELS) as [keyof typeof RUBRIC_LEVELS, ...(keyof typeof RUBRIC_LEVELS)[]], "Score every part of the rubric.");
export const reviewInputSchema = z.object({
  rubric: z.object({ fields: level, evidence: level, risks: level, commitments: level }, "Score every part of the rubric."),
  commitments: z
    .array(z.object({ id: z.string().min(1), outcome: z.enum(Object.keys(PROMISE_OUTCOMES) as [CommitmentStatus, ...CommitmentStatus[]], "Choose each commitment's outcome.") }))
    .max(500)
    .default([]),
  failurePatterns: z.array(z.enum(PATTERN_KEYS)).max(PATTERN_KEYS.length).default([]),
  notes: z.string().trim().max(2000, "Keep the notes under 2,000 characters.").optional(),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export const actionInputSchema = z.object({
  pattern: z.enum(PATTERN_KEYS, "Choose the failure pattern this addresses."),
  description: z.string().trim().min(3, "Describe the retraining (at least 3 characters).").max(500),
  ownerId: z.string().min(1, "Choose an owner."),
  dueDate: z.iso.date("Enter the due date as YYYY-MM-DD."),
  runId: z.string().optional(),
});

const mayRun = (actor: Actor) => can(actor.role, "qa:run");

function monthRange(month: string) {
  const from = new Date(`${month}-01T00:00:00Z`);
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  return { from, to };
}

/** A stable shuffle: the same run always samples the same handoffs. */
const rank = (seed: string, id: string) => createHash("sha256").update(`${seed}:${id}`).digest("hex");
const RISK_ORDER = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as const;

export async function createQaRun(actor: Actor, input: unknown) {
  if (!mayRun(actor)) throw forbidden("Only PS leaders, RevOps and admins can start a QA run.");
  const { month, sampleSize, rule } = parseInput(runInputSchema, input);
  const { from, to } = monthRange(month);
  await assertNoRunFor(month);

  // The month's handoffs, and every handoff with an override made in the month — whenever it
  // was closed-won and whatever became of it: the control samples every override.
  const candidates = await db().handoff.findMany({
    where: {
      OR: [{ closedWonAt: { gte: from, lt: to }, status: { not: "CANCELLED" } }, { overrides: { some: { createdAt: { gte: from, lt: to } } } }],
    },
    select: {
      id: true,
      projectManagerId: true,
      completenessScore: true,
      riskLevel: true,
      closedWonAt: true,
      _count: { select: { overrides: { where: { createdAt: { gte: from, lt: to } } } } },
      overrides: { select: { id: true }, take: 1 },
    },
  });
  if (candidates.length === 0) throw conflict(`No handoff was closed-won or overridden in ${month}: there is nothing to sample.`);
  const reviewers = await db().user.findMany({ where: { active: true, role: { in: ["PS_LEADER", "PROJECT_MANAGER"] } }, select: { id: true }, orderBy: { id: "asc" } });
  if (reviewers.length === 0) throw conflict("There is no active PS leader or project manager to review.");

  const seed = `${month}:${Date.now()}`;
  const inMonth = (c: (typeof candidates)[number]) => c.closedWonAt >= from && c.closedWonAt < to;
  // Overridden: an override made this month, or a handoff of this month with any override.
  const isOverridden = (c: (typeof candidates)[number]) => c._count.overrides > 0 || (inMonth(c) && c.overrides.length > 0);
  const overridden = candidates.filter(isOverridden);
  const others = candidates.filter((c) => !isOverridden(c));
  others.sort((a, b) =>
    rule === "lowest-completeness"
      ? a.completenessScore - b.completenessScore || rank(seed, a.id).localeCompare(rank(seed, b.id))
      : rule === "highest-risk"
        ? RISK_ORDER[a.riskLevel] - RISK_ORDER[b.riskLevel] || rank(seed, a.id).localeCompare(rank(seed, b.id))
        : rank(seed, a.id).localeCompare(rank(seed, b.id)),
  );
  // Overrides are always in, even beyond the sample size.
  const sample = [...overridden, ...others.slice(0, Math.max(0, sampleSize - overridden.length))];

  return db().$transaction(async (tx) => {
    const run = await tx.qaRun.create({ data: { month, sampleSize: sample.length, rule: { rule, requested: sampleSize, overrides: overridden.length, seed } as Prisma.InputJsonValue, createdById: actor.userId } });
    // Round-robin, skipping a handoff's own project manager: reviews are independent.
    let next = 0;
    const rows = sample.map((h) => {
      let reviewer = reviewers[next % reviewers.length];
      if (reviewer.id === h.projectManagerId && reviewers.length > 1) reviewer = reviewers[++next % reviewers.length];
      next++;
      return { runId: run.id, handoffId: h.id, reviewerId: reviewer.id };
    });
    await tx.qaReview.createMany({ data: rows });
    await recordAudit(tx, { actor, action: "qa.run_started", entityType: "QaRun", entityId: run.id, data: { month, rule, requested: sampleSize, sampled: sample.length, overrides: overridden.length } });
    return { id: run.id, sampled: sample.length, overrides: overridden.length };
  }).catch(async (error: unknown) => {
    // Two people starting the same month at once: the unique month lets one win; the other hears why.
    if ((error as { code?: unknown }).code === "P2002") await assertNoRunFor(month);
    throw error;
  });
}

const monthLabel = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

/** One run per month (the database holds the rule too): a second would sample and score the same handoffs again. */
async function assertNoRunFor(month: string) {
  const existing = await db().qaRun.findUnique({ where: { month }, select: { createdAt: true, createdBy: { select: { name: true } } } });
  if (existing) {
    const started = existing.createdAt.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
    throw conflict(`${monthLabel(month)} already has a QA run, started ${started} by ${existing.createdBy?.name ?? "someone"}: open it from the list of runs instead of starting another.`);
  }
}

export async function submitReview(actor: Actor, reviewId: string, input: unknown) {
  const review = isRecordId(reviewId) ? await db().qaReview.findUnique({ where: { id: reviewId }, include: { run: { select: { status: true } } } }) : null;
  if (!review) throw notFound("This review does not exist.");
  const data = parseInput(reviewInputSchema, input);
  if (review.reviewerId !== actor.userId && actor.role !== "PS_LEADER") throw forbidden("Only the assigned reviewer or a PS leader can score this handoff.");
  if (review.run.status === "CLOSED") throw conflict("This QA run is closed.");
  const { rubric, commitments, failurePatterns, notes } = data;

  const known = await db().commitment.findMany({ where: { handoffId: review.handoffId }, select: { id: true } });
  const stray = commitments.find((c) => !known.some((k) => k.id === c.id));
  if (stray) throw invalid("A commitment scored is not one of this handoff's.");
  if (new Set(commitments.map((c) => c.id)).size !== commitments.length) throw invalid("Each commitment can be scored once.");
  const missing = known.length - commitments.length;
  if (missing > 0) throw invalid(`Choose the outcome of every commitment (${missing} left).`, { commitments: ["Choose each commitment's outcome."] });

  const completenessScore = rubricScore(rubric);
  const promiseAccuracy = promiseAccuracyOf(commitments.map((c) => c.outcome));
  await db().$transaction(async (tx) => {
    for (const outcome of new Set(commitments.map((c) => c.outcome))) {
      await tx.commitment.updateMany({ where: { id: { in: commitments.filter((c) => c.outcome === outcome).map((c) => c.id) } }, data: { status: outcome } });
    }
    await tx.qaReview.update({
      where: { id: reviewId },
      data: {
        completenessScore,
        promiseAccuracy,
        failurePatterns,
        rubric: { parts: rubric, commitments } as Prisma.InputJsonValue,
        notes: notes || null,
        reviewedAt: new Date(),
        reviewerId: review.reviewerId ?? actor.userId,
      },
    });
    await recordAudit(tx, {
      actor,
      action: "qa.reviewed",
      entityType: "QaReview",
      entityId: reviewId,
      handoffId: review.handoffId,
      data: { rubric, commitments, completenessScore, promiseAccuracy, failurePatterns, notes: notes ?? null } as Prisma.InputJsonValue,
    });
  });
  return { completenessScore, promiseAccuracy };
}

/** Closes a run once every sampled handoff is reviewed: its scores are final from then on. */
export async function closeQaRun(actor: Actor, runId: string) {
  if (!mayRun(actor)) throw forbidden("Only PS leaders, RevOps and admins can close a QA run.");
  return db().$transaction(async (tx) => {
    const run = isRecordId(runId) ? await tx.qaRun.findUnique({ where: { id: runId }, select: { status: true, month: true, _count: { select: { reviews: { where: { reviewedAt: null } } } } } }) : null;
    if (!run) throw notFound("This QA run does not exist.");
    if (run.status === "CLOSED") throw conflict("This QA run is already closed.");
    const open = run._count.reviews;
    if (open > 0) throw conflict(`${open} sampled handoff${open === 1 ? " is" : "s are"} not reviewed yet; close the run once every review is in.`);
    await tx.qaRun.update({ where: { id: runId }, data: { status: "CLOSED" } });
    await recordAudit(tx, { actor, action: "qa.run_closed", entityType: "QaRun", entityId: runId, data: { month: run.month } });
  });
}

/**
 * Who can own a retraining action: those who run the training and can open the QA page to see
 * and close it (PS leaders, project managers, RevOps) — not the trainees.
 */
export const ACTION_OWNER_ROLES = ["PS_LEADER", "PROJECT_MANAGER", "REVOPS"] as const;

export async function addRetrainingAction(actor: Actor, input: unknown) {
  if (!mayRun(actor)) throw forbidden("Only PS leaders, RevOps and admins can record retraining actions.");
  const data = parseInput(actionInputSchema, input);
  if (data.runId && !(isRecordId(data.runId) && (await db().qaRun.count({ where: { id: data.runId } })))) throw notFound("This QA run does not exist.");
  const owner = !isRecordId(data.ownerId) ? null : await db().user.findFirst({ where: { id: data.ownerId, active: true, role: { in: [...ACTION_OWNER_ROLES] } }, select: { id: true } });
  if (!owner) throw invalid("Choose an active PS leader, project manager or RevOps person as the owner: they run the retraining.", { ownerId: ["Choose an owner."] });
  return db().$transaction(async (tx) => {
    const action = await tx.retrainingAction.create({
      data: { pattern: data.pattern, description: data.description, ownerId: owner.id, dueDate: new Date(`${data.dueDate}T00:00:00Z`), runId: data.runId || null },
    });
    await recordAudit(tx, { actor, action: "qa.action_added", entityType: "RetrainingAction", entityId: action.id, data });
    return { id: action.id };
  });
}

export async function completeRetrainingAction(actor: Actor, actionId: string) {
  const action = isRecordId(actionId) ? await db().retrainingAction.findUnique({ where: { id: actionId } }) : null;
  if (!action) throw notFound("This action does not exist.");
  if (action.ownerId !== actor.userId && !mayRun(actor)) throw forbidden("Only the action's owner, PS leaders, RevOps and admins can close it.");
  await db().$transaction(async (tx) => {
    await tx.retrainingAction.update({ where: { id: actionId }, data: { status: "DONE" } });
    await recordAudit(tx, { actor, action: "qa.action_done", entityType: "RetrainingAction", entityId: actionId, data: { pattern: action.pattern } });
  });
}
