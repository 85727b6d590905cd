import type { FailurePattern, ReviewInput } from "../qa/runs.ts";
import { promiseAccuracyOf, rubricScore } from "../rules/rubric.ts";
import type { Person } from "./people.ts";
import type { Ctx, Plan } from "./plan.ts";
import { QA_SEED, Random } from "./random.ts";
import type { Rows } from "./rows.ts";
import { DAY, earliest, HOUR, ms, plus } from "./time.ts";

/**
 * The QA runs of the two months before this one: the older fully reviewed, the last one half
 * way through. Every handoff with an override is sampled, as the control requires; reviewers
 * score the rubric from what the handoff actually holds, and decide each commitment's outcome.
 * The scores are the domain's (rubricScore, promiseAccuracyOf). A separate random stream, so the
 * handoffs look the same with or without QA.
 */

const QA_REVIEWERS = ["leader@demo.local", "pm@demo.local", "pm2@demo.local", "pm3@demo.local", "leader2@demo.local"];
const QA_SAMPLE = 10;

const QA_NOTES = [
  "Dates were promised before the client's procurement had signed off.",
  "Risk register copied from the template; nobody owns the integration risk.",
  "The SOW excludes data migration, but the deal notes promise it.",
  "Client dependencies were only discovered at kickoff.",
  "Sales confirmed the scope on a call; none of it is in the CRM.",
];

const RETRAINING: Record<FailurePattern, { description: string; owner: string }> = {
  "optimistic-timeline": { description: "Estimation refresher for sales: promise kickoff dates only from the delivery calendar.", owner: "leader2@demo.local" },
  "unowned-risk": { description: "Deal desk checklist: every critical risk names an owner before closed-won.", owner: "revops@demo.local" },
  "missing-dependency": { description: "Discovery template gains a client-dependencies section; walkthrough with the sales team.", owner: "pm2@demo.local" },
  "unclear-scope": { description: "Scope-boundary workshop: writing in-scope and out-of-scope items the client signs.", owner: "leader@demo.local" },
  "missing-commercial-terms": { description: "RevOps makes payment terms a required deal property for closed-won.", owner: "revops@demo.local" },
  "undocumented-commitment": { description: "Every promise made on a call is logged as a commitment in the CRM the same day.", owner: "pm@demo.local" },
};

/** What the runs of the QA months share: their random stream, the reviewers, and the failure patterns seen so far. */
interface Qa {
  rng: Random;
  reviewers: Person[];
  leader: Person;
  patternsSeen: Map<FailurePattern, number>;
}

export function qaRows(plans: Plan[], rows: Rows, ctx: Ctx): void {
  const qa: Qa = {
    rng: new Random(QA_SEED),
    reviewers: QA_REVIEWERS.map((e) => ctx.staff.get(e)),
    leader: ctx.staff.get("leader@demo.local"),
    patternsSeen: new Map(),
  };
  let lastRunId: string | null = null;
  for (const offset of [-2, -1]) lastRunId = monthlyRun(offset, plans, rows, qa, ctx) ?? lastRunId;
  retrainingRows(qa.patternsSeen, lastRunId, rows, ctx);
}

/** The run of the month `offset` months from this one, and its reviews; null for a month without handoffs. */
function monthlyRun(offset: number, plans: Plan[], rows: Rows, qa: Qa, ctx: Ctx): string | null {
  const monthStart = (o: number) => new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth() + o, 1));
  const from = monthStart(offset);
  const to = monthStart(offset + 1);
  const month = from.toISOString().slice(0, 7);
  const inMonth = plans.filter((p) => p.closedWonAt >= from && p.closedWonAt < to && p.status !== "CANCELLED");
  if (inMonth.length === 0) return null;
  const overridden = inMonth.filter((p) => p.override);
  const sample = [...overridden, ...qa.rng.sample(inMonth.filter((p) => !p.override), Math.max(0, QA_SAMPLE - overridden.length))];
  const startedAt = earliest(plus(to, 2 * HOUR), plus(ctx.now, -2 * HOUR));
  const runId = ctx.newId();
  const { leader } = qa;
  rows.qaRuns.push({
    id: runId,
    month,
    sampleSize: sample.length,
    rule: { rule: "random", requested: QA_SAMPLE, overrides: overridden.length, seed: `demo:${month}` },
    // The older run is fully reviewed and closed; the last one is still open.
    status: offset === -2 ? "CLOSED" : "OPEN",
    createdById: leader.id,
    createdAt: startedAt,
    updatedAt: startedAt,
  });
  rows.audit.push({ at: startedAt, actorId: leader.id, actorRole: leader.role, actorLabel: leader.name, action: "qa.run_started", entityType: "QaRun", entityId: runId, data: { month, rule: "random", requested: QA_SAMPLE, sampled: sample.length, overrides: overridden.length } });

  sample.forEach((plan, i) => {
    let reviewer = qa.reviewers[i % qa.reviewers.length];
    if (reviewer.id === plan.projectManager.id) reviewer = qa.reviewers[(i + 1) % qa.reviewers.length];
    const reviewed = offset === -2 || i % 2 === 0;
    const reviewedAt = earliest(plus(startedAt, qa.rng.int(1, 9) * DAY + qa.rng.int(1, 8) * HOUR), plus(ctx.now, -HOUR));
    const review = { runId, handoffId: plan.id, reviewerId: reviewer.id, createdAt: startedAt };
    if (!reviewed || reviewedAt <= startedAt) {
      rows.qaReviews.push({ id: ctx.newId(), ...review, failurePatterns: [], updatedAt: startedAt });
    } else {
      scoredReview(plan, review, reviewedAt, rows, qa, ctx);
    }
  });
  return runId;
}

/** A finished review: the reviewer decides each promise's outcome, scores the rubric and names the failure patterns. */
function scoredReview(plan: Plan, review: { runId: string; handoffId: string; reviewerId: string; createdAt: Date }, reviewedAt: Date, rows: Rows, qa: Qa, ctx: Ctx): void {
  const { rng } = qa;
  const outcomes = decideCommitments(plan, reviewedAt, rows, rng);
  const unowned = plan.content.risks.some((r) => !r.owner && !r.ownerName);
  const onRecord = rows.handoffs.find((h) => h.id === plan.id)?.completenessScore ?? 0;
  const rubric: ReviewInput["rubric"] = {
    fields: plan.capturedIssues.length === 0 ? "met" : plan.capturedIssues.length > 2 ? "missed" : "partly",
    evidence: onRecord >= 85 ? "met" : rng.chance(0.5) ? "partly" : "met",
    risks: unowned ? "partly" : rng.chance(0.85) ? "met" : "partly",
    commitments: rng.chance(0.75) ? "met" : "partly",
  };
  const patterns = new Set<FailurePattern>();
  if (rubric.fields !== "met") patterns.add(rng.chance(0.5) ? "missing-commercial-terms" : "unclear-scope");
  if (rubric.risks !== "met") patterns.add("unowned-risk");
  if (outcomes.some((o) => o.outcome === "DELIVERED_LATE" || o.outcome === "MISSED") || (plan.team === "Mid-market" && rng.chance(0.35))) patterns.add("optimistic-timeline");
  if (outcomes.some((o) => o.outcome === "CHANGED")) patterns.add("undocumented-commitment");
  if (plan.content.dependencies.length === 0 || rng.chance(0.15)) patterns.add("missing-dependency");
  for (const p of patterns) qa.patternsSeen.set(p, (qa.patternsSeen.get(p) ?? 0) + 1);

  rows.qaReviews.push({
    id: ctx.newId(),
    ...review,
    completenessScore: rubricScore(rubric),
    promiseAccuracy: promiseAccuracyOf(outcomes.map((o) => o.outcome)),
    failurePatterns: [...patterns],
    rubric: { parts: rubric, commitments: outcomes },
    notes: patterns.size ? rng.pick(QA_NOTES) : null,
    reviewedAt,
    updatedAt: reviewedAt,
  });
}

/**
 * The reviewer decides what became of each promise that is due, and of the ongoing ones (a weekly
 * report, a named lead), which are kept or not from the first week.
 */
function decideCommitments(plan: Plan, reviewedAt: Date, rows: Rows, rng: Random) {
  const commitments = rows.commitments.filter((c) => c.handoffId === plan.id);
  for (const c of commitments) {
    if (c.status !== "OPEN") continue;
    if (!c.dueDate) c.status = rng.weighted([["DELIVERED", 74], ["CHANGED", 12], ["MISSED", 14]] as const);
    else if (ms(c.dueDate as Date) < ms(reviewedAt)) c.status = rng.weighted([["DELIVERED", 70], ["DELIVERED_LATE", 14], ["CHANGED", 10], ["MISSED", 6]] as const);
  }
  return commitments.map((c) => ({ id: c.id!, outcome: c.status ?? "OPEN" }));
}

/** Retraining for the patterns seen most, owned by the people who can fix them. */
function retrainingRows(patternsSeen: Map<FailurePattern, number>, lastRunId: string | null, rows: Rows, ctx: Ctx): void {
  const top = [...patternsSeen.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  top.forEach(([pattern], i) => {
    const action = RETRAINING[pattern];
    const createdAt = plus(ctx.now, -(12 - i * 3) * DAY);
    rows.retrainingActions.push({
      id: ctx.newId(),
      runId: lastRunId,
      pattern,
      description: action.description,
      ownerId: ctx.staff.get(action.owner).id,
      dueDate: new Date(`${plus(ctx.now, (i * 10 - 3) * DAY).toISOString().slice(0, 10)}T00:00:00Z`),
      status: i === 0 ? "DONE" : "OPEN",
      createdAt,
      updatedAt: createdAt,
    });
  });
}
