import { Prisma } from "../db/generated/client.ts";
import { db, type PrismaClient, type Tx } from "../db/client.ts";
import { STAGES } from "../rules/stages.ts";
import { kickoffDelayed } from "../handoffs/lateness.ts";
import { APPROVAL_SLA_HOURS } from "../rules/sla.ts";
import type { PeriodSummary } from "./definitions.ts";
import { periodOf, weekStart, type KpiFilters, type Period } from "./filters.ts";

/**
 * The KPIs, aggregated in SQL on indexed columns (closed-won date, kickoff date, scope
 * change date), so the dashboard costs a handful of grouped queries whatever the number
 * of handoffs. Weeks start on Monday (UTC). The definitions are in definitions.ts.
 */


type Client = PrismaClient | Tx;


function handoffConditions(f: KpiFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.team) parts.push(Prisma.sql`h."team" = ${f.team}`);
  if (f.segment) parts.push(Prisma.sql`h."segment" = ${f.segment}`);
  if (f.pipeline) parts.push(Prisma.sql`h."pipeline" = ${f.pipeline}`);
  if (f.owner) parts.push(Prisma.sql`(h."psLeaderId" = ${f.owner} OR h."projectManagerId" = ${f.owner})`);
  if (f.cohort === "pilot") parts.push(Prisma.sql`h."pilotCohort"`);
  if (f.cohort === "rest") parts.push(Prisma.sql`NOT h."pilotCohort"`);
  return Prisma.join(parts, " AND ");
}

/** The same filters for Prisma queries on rows that belong to a handoff. */
export function handoffWhere(f: KpiFilters): Prisma.HandoffWhereInput {
  return {
    ...(f.team ? { team: f.team } : {}),
    ...(f.segment ? { segment: f.segment } : {}),
    ...(f.pipeline ? { pipeline: f.pipeline } : {}),
    ...(f.owner ? { OR: [{ psLeaderId: f.owner }, { projectManagerId: f.owner }] } : {}),
    ...(f.cohort === "pilot" ? { pilotCohort: true } : f.cohort === "rest" ? { pilotCohort: false } : {}),
  };
}

export interface WeekRow {
  /** Monday, YYYY-MM-DD. */
  week: string;
  handoffs: number;
  completeness: number | null;
  kickoffs: number;
  delayed: number;
  delayRate: number | null;
  medianCycleDays: number | null;
  /** After-brief scope changes logged in the week, whenever the deal closed. */
  scopeIncidents: number;
  /** After-brief scope changes of the handoffs closed-won in the week, whenever logged. */
  closedIncidents: number;
  /** closedIncidents per handoff closed-won that week. */
  incidentsPerHandoff: number | null;
  reviews: number;
  promiseAccuracy: number | null;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** Incidents per handoff are kept to three decimals: shown with two, a small rate never rounds to zero unseen. */
const RATE_DIGITS = 3;
const round = (v: number | null, digits = 1) => (v === null || Number.isNaN(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits);

export async function weeklyKpis(filters: KpiFilters, period: Period = periodOf(filters), client: PrismaClient = db()): Promise<WeekRow[]> {
  const where = handoffConditions(filters);
  const { from, to } = period;
  // Five independent aggregates, run side by side (never called inside a transaction).
  const closedQuery = client.$queryRaw<{ week: Date; handoffs: number; completeness: number | null }[]>`
    SELECT date_trunc('week', h."closedWonAt") AS week, count(*)::int AS handoffs, avg(h."completenessScore")::float AS completeness
    FROM "Handoff" h
    WHERE h."closedWonAt" >= ${from} AND h."closedWonAt" < ${to} AND h."status" <> 'CANCELLED' AND ${where}
    GROUP BY 1`;
  // After-brief scope changes of those handoffs, by the week the handoff closed: read from the
  // (far smaller) scope-change table rather than joining every handoff of the period to it.
  const incidentsQuery = client.$queryRaw<{ week: Date; incidents: number }[]>`
    SELECT date_trunc('week', h."closedWonAt") AS week, count(*)::int AS incidents
    FROM "ScopeChange" s JOIN "Handoff" h ON h.id = s."handoffId"
    WHERE s."afterBrief" AND h."closedWonAt" >= ${from} AND h."closedWonAt" < ${to} AND h."status" <> 'CANCELLED' AND ${where}
    GROUP BY 1`;
  const kickedQuery = client.$queryRaw<{ week: Date; kickoffs: number; delayed: number; cycle: number | null }[]>`
    SELECT date_trunc('week', h."actualKickoffAt") AS week, count(*)::int AS kickoffs,
           count(*) FILTER (WHERE ${kickoffDelayed("h")})::int AS delayed,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM h."actualKickoffAt" - h."closedWonAt") / 86400))::float AS cycle
    FROM "Handoff" h
    WHERE h."actualKickoffAt" >= ${from} AND h."actualKickoffAt" < ${to} AND ${where}
    GROUP BY 1`;
  const changesQuery = client.$queryRaw<{ week: Date; incidents: number }[]>`
    SELECT date_trunc('week', s."loggedAt") AS week, count(*)::int AS incidents
    FROM "ScopeChange" s JOIN "Handoff" h ON h.id = s."handoffId"
    WHERE s."afterBrief" AND s."loggedAt" >= ${from} AND s."loggedAt" < ${to} AND ${where}
    GROUP BY 1`;
  const reviewsQuery = client.$queryRaw<{ week: Date; reviews: number; accuracy: number | null }[]>`
    SELECT date_trunc('week', r."reviewedAt") AS week, count(*)::int AS reviews, avg(r."promiseAccuracy")::float AS accuracy
    FROM "QaReview" r JOIN "Handoff" h ON h.id = r."handoffId"
    WHERE r."reviewedAt" >= ${from} AND r."reviewedAt" < ${to} AND r."promiseAccuracy" IS NOT NULL AND ${where}
    GROUP BY 1`;
  const [closed, incidents, kicked, changes, reviews] = await Promise.all([closedQuery, incidentsQuery, kickedQuery, changesQuery, reviewsQuery]);

  const byWeek = <T extends { week: Date }>(rows: T[]) => new Map(rows.map((r) => [iso(r.week), r]));
  const [c, i, k, s, r] = [byWeek(closed), byWeek(incidents), byWeek(kicked), byWeek(changes), byWeek(reviews)];
  const weeks: WeekRow[] = [];
  for (let w = weekStart(from); w < to; w = new Date(w.getTime() + 7 * 86_400_000)) {
    const key = iso(w);
    const cw = c.get(key);
    const kw = k.get(key);
    const rw = r.get(key);
    weeks.push({
      week: key,
      handoffs: cw?.handoffs ?? 0,
      completeness: round(num(cw?.completeness)),
      kickoffs: kw?.kickoffs ?? 0,
      delayed: kw?.delayed ?? 0,
      delayRate: kw && kw.kickoffs > 0 ? round((kw.delayed / kw.kickoffs) * 100) : null,
      medianCycleDays: round(num(kw?.cycle)),
      scopeIncidents: s.get(key)?.incidents ?? 0,
      closedIncidents: i.get(key)?.incidents ?? 0,
      incidentsPerHandoff: cw && cw.handoffs > 0 ? round((i.get(key)?.incidents ?? 0) / cw.handoffs, RATE_DIGITS) : null,
      reviews: rw?.reviews ?? 0,
      promiseAccuracy: round(num(rw?.accuracy)),
    });
  }
  return weeks;
}

export type { PeriodSummary };

/**
 * The same measures over a whole period (for totals, the baseline and week-4/week-8 checks).
 * Every measure adds up from the weeks except a median: pass the period's own (periodKpis does).
 */
export function summarise(weeks: WeekRow[], periodMedianCycleDays?: number | null): PeriodSummary {
  const sum = (pick: (w: WeekRow) => number) => weeks.reduce((n, w) => n + pick(w), 0);
  const weighted = (value: (w: WeekRow) => number | null, weight: (w: WeekRow) => number) => {
    const total = sum((w) => (value(w) === null ? 0 : weight(w)));
    return total ? round(sum((w) => (value(w) ?? 0) * weight(w)) / total, 2) : null;
  };
  const handoffs = sum((w) => w.handoffs);
  const kickoffs = sum((w) => w.kickoffs);
  return {
    handoffs,
    completeness: weighted((w) => w.completeness, (w) => w.handoffs),
    kickoffs,
    delayRate: kickoffs ? round((sum((w) => w.delayed) / kickoffs) * 100) : null,
    medianCycleDays: periodMedianCycleDays !== undefined ? periodMedianCycleDays : weighted((w) => w.medianCycleDays, (w) => w.kickoffs),
    scopeIncidents: sum((w) => w.scopeIncidents),
    // From the counts, not from the weekly rates: exact however many weeks are summed.
    incidentsPerHandoff: handoffs ? round(sum((w) => w.closedIncidents) / handoffs, RATE_DIGITS) : null,
    promiseAccuracy: weighted((w) => w.promiseAccuracy, (w) => w.reviews),
  };
}

/** The weeks of a period and its summary, with the period's true median days to kickoff. */
export async function periodKpis(filters: KpiFilters, period: Period = periodOf(filters), client: PrismaClient = db()) {
  const where = handoffConditions(filters);
  const [weeks, median] = await Promise.all([
    weeklyKpis(filters, period, client),
    client.$queryRaw<{ cycle: number | null }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM h."actualKickoffAt" - h."closedWonAt") / 86400))::float AS cycle
      FROM "Handoff" h
      WHERE h."actualKickoffAt" >= ${period.from} AND h."actualKickoffAt" < ${period.to} AND ${where}`,
  ]);
  return { weeks, summary: summarise(weeks, round(num(median[0]?.cycle))) };
}

export interface GateWait {
  stage: string;
  label: string;
  decided: number;
  avgWaitHours: number | null;
  /** Approvals decided within the approval SLA of their submission. */
  withinSla: number;
  /** Stages decided within the stage's own SLA from its start: the rest were escalated as overdue. */
  stageOnTime: number;
  stageSlaHours: number;
}

export interface OperationalKpis {
  gates: GateWait[];
  overrides: { classification: string; count: number }[];
  syncJobs: { total: number; dead: number };
}

/** How long approvals waited at each gate, overrides and their classification, failed syncs. */
export async function operationalKpis(filters: KpiFilters, period: Period = periodOf(filters), client: Client = db()): Promise<OperationalKpis> {
  const where = handoffConditions(filters);
  const { from, to } = period;
  // Each stage's own SLA: past it, the handoff is overdue and escalates to the PS leader's view.
  const stageSla = Prisma.sql`CASE st."key"::text ${Prisma.join(STAGES.map((s) => Prisma.sql`WHEN ${s.key} THEN ${s.slaHours}::int`), " ")} END`;
  const gatesQuery = client.$queryRaw<{ key: string; decided: number; wait: number | null; within: number; on_time: number }[]>`
    SELECT st."key"::text AS key, count(*)::int AS decided,
           avg(extract(epoch FROM st."decidedAt" - st."submittedAt") / 3600)::float AS wait,
           count(*) FILTER (WHERE st."decidedAt" - st."submittedAt" <= make_interval(hours => ${APPROVAL_SLA_HOURS}))::int AS within,
           count(*) FILTER (WHERE st."startedAt" IS NOT NULL AND st."decidedAt" - st."startedAt" <= make_interval(hours => ${stageSla}))::int AS on_time
    FROM "HandoffStage" st JOIN "Handoff" h ON h.id = st."handoffId"
    WHERE st."decidedAt" >= ${from} AND st."decidedAt" < ${to} AND st."submittedAt" IS NOT NULL AND ${where}
    GROUP BY 1`;
  const overridesQuery = client.$queryRaw<{ classification: string | null; count: number }[]>`
    SELECT o."classification"::text AS classification, count(*)::int AS count
    FROM "Override" o JOIN "Handoff" h ON h.id = o."handoffId"
    WHERE o."createdAt" >= ${from} AND o."createdAt" < ${to} AND ${where}
    GROUP BY 1`;
  const syncQuery = client.$queryRaw<{ total: number; dead: number }[]>`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE j."status" = 'DEAD')::int AS dead
    FROM "SyncJob" j JOIN "Handoff" h ON h.id = j."handoffId"
    WHERE j."createdAt" >= ${from} AND j."createdAt" < ${to} AND ${where}`;
  const [gates, overrides, sync] = await Promise.all([gatesQuery, overridesQuery, syncQuery]);
  return {
    gates: STAGES.map((s) => {
      const g = gates.find((x) => x.key === s.key);
      return { stage: s.key, label: s.label, decided: g?.decided ?? 0, avgWaitHours: round(num(g?.wait)), withinSla: g?.within ?? 0, stageOnTime: g?.on_time ?? 0, stageSlaHours: s.slaHours };
    }),
    overrides: overrides.map((o) => ({ classification: o.classification ?? "UNCLASSIFIED", count: o.count })),
    syncJobs: sync[0] ?? { total: 0, dead: 0 },
  };
}
