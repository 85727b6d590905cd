import { db } from "../db/client.ts";
import type { Actor } from "../auth/roles.ts";
import { isRecordId } from "../db/ids.ts";
import { notFound } from "../errors.ts";
import { ACTION_OWNER_ROLES, FAILURE_PATTERNS, reviewInputSchema, type FailurePattern, type ReviewInput } from "./runs.ts";

/** What the QA pages show: runs, a run's reviews, recurring failure patterns and retraining actions. */

export async function listQaRuns() {
  const runs = await db().qaRun.findMany({
    orderBy: { createdAt: "desc" },
    take: 24,
    include: { createdBy: { select: { name: true } }, _count: { select: { reviews: true } } },
  });
  const reviewed = await db().qaReview.groupBy({ by: ["runId"], where: { runId: { in: runs.map((r) => r.id) }, reviewedAt: { not: null } }, _count: true });
  return runs.map((r) => ({
    id: r.id,
    month: r.month,
    rule: (r.rule as { rule?: string; overrides?: number }).rule ?? "random",
    overrides: (r.rule as { overrides?: number }).overrides ?? 0,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy?.name ?? null,
    reviews: r._count.reviews,
    reviewed: reviewed.find((x) => x.runId === r.id)?._count ?? 0,
  }));
}

export async function qaRunDetail(actor: Actor, runId: string) {
  if (!isRecordId(runId)) throw notFound("This QA run does not exist.");
  const run = await db().qaRun.findUnique({
    where: { id: runId },
    include: {
      reviews: {
        // A stable order: saving a review must not reshuffle the list.
        orderBy: { handoff: { number: "asc" } },
        include: {
          reviewer: { select: { id: true, name: true } },
          handoff: {
            select: {
              id: true,
              number: true,
              title: true,
              team: true,
              completenessScore: true,
              salesOwner: { select: { name: true } },
              _count: { select: { overrides: true } },
              commitments: { orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }], select: { id: true, description: true, dueDate: true, ownerName: true, status: true } },
            },
          },
        },
      },
    },
  });
  if (!run) throw notFound("This QA run does not exist.");
  return {
    id: run.id,
    month: run.month,
    status: run.status,
    reviews: run.reviews.map((r) => ({
      id: r.id,
      handoff: { id: r.handoff.id, number: r.handoff.number, title: r.handoff.title, team: r.handoff.team, salesOwner: r.handoff.salesOwner?.name ?? null, overrides: r.handoff._count.overrides, completenessScore: r.handoff.completenessScore },
      reviewer: r.reviewer?.name ?? null,
      mine: r.reviewer?.id === actor.userId || actor.role === "PS_LEADER",
      completenessScore: r.completenessScore,
      promiseAccuracy: r.promiseAccuracy,
      rubric: parseRubric(r.rubric),
      commitments: r.handoff.commitments.map((c) => ({ id: c.id, description: c.description, dueDate: c.dueDate?.toISOString() ?? null, owner: c.ownerName, status: c.status })),
      failurePatterns: r.failurePatterns as FailurePattern[],
      notes: r.notes,
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
    })),
  };
}

/** A saved rubric, or null for a review not yet scored (or scored before rubrics were kept). */
function parseRubric(value: unknown): ReviewInput["rubric"] | null {
  const parsed = reviewInputSchema.shape.rubric.safeParse((value as { parts?: unknown } | null)?.parts);
  return parsed.success ? parsed.data : null;
}

export type QaRunDetail = Awaited<ReturnType<typeof qaRunDetail>>;

export interface PatternRow {
  month: string;
  team: string;
  salesOwner: string;
  pattern: FailurePattern;
  count: number;
}

/** Failure patterns tagged in reviews of the last N months, by team and by sales owner. */
export async function failurePatternReport(months = 6, now = new Date()): Promise<PatternRow[]> {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
  const rows = await db().$queryRaw<{ month: string; team: string; sales: string | null; pattern: string; count: number }[]>`
    SELECT to_char(r."reviewedAt", 'YYYY-MM') AS month, h."team" AS team, u."name" AS sales, p.pattern, count(*)::int AS count
    FROM "QaReview" r
    JOIN "Handoff" h ON h.id = r."handoffId"
    LEFT JOIN "User" u ON u.id = h."salesOwnerId"
    CROSS JOIN LATERAL unnest(r."failurePatterns") AS p(pattern)
    WHERE r."reviewedAt" >= ${since}
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4`;
  return rows
    .filter((r) => r.pattern in FAILURE_PATTERNS)
    .map((r) => ({ month: r.month, team: r.team, salesOwner: r.sales ?? "No sales owner", pattern: r.pattern as FailurePattern, count: r.count }));
}

export async function listRetrainingActions() {
  const actions = await db().retrainingAction.findMany({
    orderBy: [{ status: "asc" }, { dueDate: "asc" }],
    take: 100,
    include: { owner: { select: { id: true, name: true } } },
  });
  return actions.map((a) => ({
    id: a.id,
    pattern: a.pattern as FailurePattern,
    description: a.description,
    owner: a.owner?.name ?? null,
    ownerId: a.owner?.id ?? null,
    dueDate: a.dueDate.toISOString(),
    status: a.status,
  }));
}

/** People who can own a retraining action (see ACTION_OWNER_ROLES). */
export function listActionOwners() {
  return db().user.findMany({ where: { active: true, role: { in: [...ACTION_OWNER_ROLES] } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
