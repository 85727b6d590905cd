import type { Prisma } from "../db/generated/client.ts";
import { db } from "../db/client.ts";
import type { Actor } from "../auth/roles.ts";
import { kickoffDelayed } from "./lateness.ts";
import { visibleHandoffs } from "../auth/handoff-access.ts";
import type { QueuePage, QueueQuery } from "./queue-query.ts";
import { isOverdue, overdueCondition } from "../rules/overdue.ts";

export { queueQuerySchema } from "./queue-query.ts";

/**
 * The handoff queue: filtering, sorting and pagination all happen in SQL on indexed
 * columns, so the page costs the same with 200 handoffs or 100,000.
 */

const DAY = 86_400_000;
const dayStart = (d: string) => new Date(`${d}T00:00:00Z`);
const dayEnd = (d: string) => new Date(dayStart(d).getTime() + DAY);

/** Handoffs kicked off late in a kickoff window: a column-to-column comparison Prisma cannot express. */
async function delayedIds(query: QueueQuery): Promise<string[]> {
  const from = query.kickoffFrom ? dayStart(query.kickoffFrom) : new Date(0);
  const to = query.kickoffTo ? dayEnd(query.kickoffTo) : new Date(8.64e15);
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT id FROM "Handoff" h
    WHERE "actualKickoffAt" >= ${from} AND "actualKickoffAt" < ${to} AND ${kickoffDelayed("h")}`;
  return rows.map((r) => r.id);
}

export function queueWhere(actor: Actor, query: QueueQuery, now = new Date(), delayed: string[] = []): Prisma.HandoffWhereInput {
  const and: Prisma.HandoffWhereInput[] = [visibleHandoffs(actor)];
  if (query.q) {
    const reference = /^ho-?(\d{1,9})$/i.exec(query.q);
    if (reference) {
      // "HO-1042" names one handoff: an indexed lookup, not a text search.
      and.push({ number: Number(reference[1]) });
    } else {
      const digits = /^\d{1,9}$/.test(query.q);
      and.push({
        OR: [
          { title: { contains: query.q, mode: "insensitive" } },
          { customerName: { contains: query.q, mode: "insensitive" } },
          ...(digits ? [{ number: Number(query.q) }] : []),
        ],
      });
    }
  }
  if (query.stage.length) and.push({ stage: { in: query.stage } });
  if (query.risk.length) and.push({ riskLevel: { in: query.risk } });
  if (query.owner) and.push({ projectManagerId: query.owner });
  if (query.mine) and.push({ waitingOnId: actor.userId });
  if (query.blocked) and.push({ status: "INTAKE_BLOCKED" });
  if (query.overdue) and.push(overdueCondition(now));
  if (query.closedFrom) and.push({ closedWonAt: { gte: dayStart(query.closedFrom) } });
  if (query.closedTo) and.push({ closedWonAt: { lt: dayEnd(query.closedTo) } });
  if (query.kickoffFrom) and.push({ actualKickoffAt: { gte: dayStart(query.kickoffFrom) } });
  if (query.kickoffTo) and.push({ actualKickoffAt: { lt: dayEnd(query.kickoffTo) } });
  if (query.reviewedFrom || query.reviewedTo) {
    and.push({ qaReviews: { some: { reviewedAt: { ...(query.reviewedFrom && { gte: dayStart(query.reviewedFrom) }), ...(query.reviewedTo && { lt: dayEnd(query.reviewedTo) }) } } } });
  }
  if (query.gate || query.decidedFrom || query.decidedTo) {
    const decidedAt = { ...(query.decidedFrom && { gte: dayStart(query.decidedFrom) }), ...(query.decidedTo && { lt: dayEnd(query.decidedTo) }) };
    and.push({ stages: { some: { ...(query.gate && { key: query.gate }), decidedAt: { not: null, ...decidedAt } } } });
  }
  if (query.override || query.overrideFrom || query.overrideTo) {
    const createdAt = { ...(query.overrideFrom && { gte: dayStart(query.overrideFrom) }), ...(query.overrideTo && { lt: dayEnd(query.overrideTo) }) };
    and.push({ overrides: { some: { ...(query.override && { classification: query.override }), createdAt } } });
  }
  if (query.delayed) and.push({ id: { in: delayed } });
  if (query.scopeChanged || query.scopeFrom || query.scopeTo) {
    const loggedAt = { ...(query.scopeFrom && { gte: dayStart(query.scopeFrom) }), ...(query.scopeTo && { lt: dayEnd(query.scopeTo) }) };
    and.push({ scopeChanges: { some: { afterBrief: true, loggedAt } } });
  }
  if (query.team) and.push({ team: query.team });
  if (query.segment) and.push({ segment: query.segment });
  if (query.pipeline) and.push({ pipeline: query.pipeline });
  if (query.cohort) and.push({ pilotCohort: query.cohort === "pilot" });
  if (query.accountable) and.push({ OR: [{ psLeaderId: query.accountable }, { projectManagerId: query.accountable }] });
  return { AND: and };
}

export async function listQueue(actor: Actor, query: QueueQuery): Promise<QueuePage> {
  const now = new Date();
  const where = queueWhere(actor, query, now, query.delayed ? await delayedIds(query) : []);
  const orderBy: Prisma.HandoffOrderByWithRelationInput[] = [
    query.sort === "dueAt" || query.sort === "promisedKickoffAt"
      ? { [query.sort]: { sort: query.dir, nulls: "last" } }
      : { [query.sort]: query.dir },
    { id: query.dir },
  ];
  const rowsOf = (page: number) =>
    db().handoff.findMany({
      where,
      orderBy,
      skip: (page - 1) * query.size,
      take: query.size,
      select: {
        id: true,
        number: true,
        title: true,
        customerName: true,
        stage: true,
        stageStatus: true,
        status: true,
        riskLevel: true,
        dueAt: true,
        closedWonAt: true,
        promisedKickoffAt: true,
        intakeIssues: true,
        amount: true,
        updatedAt: true,
        waitingOnId: true,
        projectManager: { select: { name: true } },
        waitingOn: { select: { name: true } },
      },
    });
  const [total, requested] = await Promise.all([db().handoff.count({ where }), rowsOf(query.page)]);
  // Past the end (an old bookmark, a hand-typed ?page=99999): show the last page, and say so.
  const pageCount = Math.max(1, Math.ceil(total / query.size));
  const page = Math.min(query.page, pageCount);
  const handoffs = page === query.page ? requested : await rowsOf(page);
  return {
    total,
    page,
    pageCount,
    query: { ...query, page },
    rows: handoffs.map((h) => ({
      id: h.id,
      number: h.number,
      title: h.title,
      customerName: h.customerName,
      stage: h.stage,
      stageStatus: h.stageStatus,
      status: h.status,
      riskLevel: h.riskLevel,
      owner: h.projectManager?.name ?? null,
      waitingOn: h.waitingOn?.name ?? null,
      waitingOnMe: h.waitingOnId === actor.userId,
      dueAt: h.dueAt?.toISOString() ?? null,
      overdue: isOverdue(h, now),
      closedWonAt: h.closedWonAt.toISOString(),
      promisedKickoffAt: h.promisedKickoffAt?.toISOString() ?? null,
      intakeIssueCount: Array.isArray(h.intakeIssues) ? h.intakeIssues.length : 0,
      amount: h.amount?.toString() ?? null,
      updatedAt: h.updatedAt.toISOString(),
    })),
  };
}

/** People who own handoffs, for the owner filter. */
export async function listOwners(): Promise<{ id: string; name: string }[]> {
  return db().user.findMany({
    where: { role: "PROJECT_MANAGER", active: true },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
