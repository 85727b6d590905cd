import type { Prisma } from "../db/generated/client.ts";
import { db, type PrismaClient, type Tx } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { conflict, forbidden } from "../errors.ts";
import { checkpoint, KPIS, type Checkpoint, type KpiKey } from "./definitions.ts";
import { filtersToParams, periodOf, weekStart, type KpiFilters, type Period } from "./filters.ts";
import { operationalKpis, periodKpis, summarise, weeklyKpis, type PeriodSummary, type WeekRow } from "./queries.ts";

/**
 * The dashboard: weekly KPIs for the filters, the baseline captured for the same filters
 * (frozen, audited), and where each KPI stands at week 4 and week 8 after it.
 */

const DAY = 86_400_000;

/** Baselines are kept per filter set: a pilot-cohort baseline is compared with the pilot cohort. */
function filterKey(filters: KpiFilters): string {
  const { from: _from, to: _to, ...rest } = filters;
  return filtersToParams(rest).toString();
}

/** The baseline frozen for these filters: the first one captured. */
export async function latestBaseline(filters: KpiFilters, client: PrismaClient | Tx = db()) {
  const snapshot = await client.kpiSnapshot.findFirst({
    where: { kind: "BASELINE", filters: { equals: { key: filterKey(filters) } } },
    orderBy: { capturedAt: "asc" },
    include: { capturedBy: { select: { name: true } } },
  });
  if (!snapshot) return null;
  return {
    id: snapshot.id,
    capturedAt: snapshot.capturedAt,
    capturedBy: snapshot.capturedBy?.name ?? null,
    periodStart: snapshot.periodStart,
    periodEnd: snapshot.periodEnd,
    metrics: snapshot.metrics as unknown as PeriodSummary,
  };
}

/**
 * Freezes the current values (the twelve weeks before now, for these filters) as the
 * baseline the pilot is measured against. Once frozen it stays: a second capture for the same
 * filters is refused, so the comparison cannot be moved while the pilot runs.
 */
export async function captureBaseline(actor: Actor, filters: KpiFilters, now = new Date()) {
  if (!can(actor.role, "baseline:capture")) throw forbidden("Only PS leaders and admins can capture a baseline.");
  const period: Period = { from: new Date(now.getTime() - 12 * 7 * DAY), to: now };
  const { summary: metrics } = await periodKpis(filters, period);
  return db().$transaction(async (tx) => {
    // Serialises captures for one filter set: two leaders clicking at once freeze one baseline.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`kpi-baseline:${filterKey(filters)}`}))`;
    const existing = await latestBaseline(filters, tx);
    if (existing) {
      throw conflict(`The baseline for these filters was frozen on ${existing.capturedAt.toISOString().slice(0, 10)}${existing.capturedBy ? ` by ${existing.capturedBy}` : ""}; it cannot be replaced.`);
    }
    const snapshot = await tx.kpiSnapshot.create({
      data: {
        kind: "BASELINE",
        periodStart: period.from,
        periodEnd: period.to,
        filters: { key: filterKey(filters) },
        metrics: metrics as unknown as Prisma.InputJsonValue,
        capturedById: actor.userId,
        capturedAt: now,
      },
    });
    await recordAudit(tx, {
      actor,
      action: "kpi.baseline_captured",
      entityType: "KpiSnapshot",
      entityId: snapshot.id,
      data: { filters: filterKey(filters) || "all handoffs", period: { from: period.from.toISOString(), to: period.to.toISOString() }, metrics: metrics as unknown as Prisma.InputJsonValue },
    });
    return { id: snapshot.id, metrics };
  });
}

export interface KpiProgress {
  key: KpiKey;
  baseline: number | null;
  current: number | null;
  checkpoints: Checkpoint[];
}

export async function dashboardData(filters: KpiFilters, now = new Date()) {
  const period = periodOf(filters, now);
  const [{ weeks, summary: totals }, operational, baseline] = await Promise.all([periodKpis(filters, period), operationalKpis(filters, period), latestBaseline(filters)]);

  let progress: KpiProgress[] = [];
  if (baseline) {
    // Weeks 1–4 and 5–8 after the week of the capture, each compared with the frozen baseline.
    // Whole weeks, so a window inside the period shown is summed from its rows, not queried again.
    const firstWeek = weekStart(baseline.capturedAt).getTime() + 7 * DAY;
    const shown = new Map(weeks.map((w) => [w.week, w]));
    const window = async (startWeek: number) => {
      const from = new Date(firstWeek + startWeek * 7 * DAY);
      const to = new Date(from.getTime() + 4 * 7 * DAY);
      if (to > now) return null;
      const keys = [0, 1, 2, 3].map((i) => new Date(from.getTime() + i * 7 * DAY).toISOString().slice(0, 10));
      const rows = keys.map((k) => shown.get(k));
      return summarise(rows.every((r) => r !== undefined) ? (rows as WeekRow[]) : await weeklyKpis(filters, { from, to }));
    };
    const [week4, week8] = await Promise.all([window(0), window(4)]);
    progress = KPIS.map((def) => ({
      key: def.key,
      baseline: baseline.metrics[def.key],
      current: totals[def.key],
      checkpoints: [checkpoint(def, 4, baseline.metrics, week4), checkpoint(def, 8, baseline.metrics, week8)],
    }));
  }
  return { period, weeks, totals, operational, baseline, progress };
}

export type DashboardData = Awaited<ReturnType<typeof dashboardData>>;

type FilterOptions = Awaited<ReturnType<typeof loadFilterOptions>>;
const FILTER_OPTIONS_TTL_MS = 60_000;
let cachedOptions: { at: number; options: Promise<FilterOptions> } | null = null;

/**
 * Teams, segments, pipelines and owners that occur, for the filter menus. They change rarely and
 * cost three scans of every handoff, so the answer is kept for a minute.
 */
export function filterOptions(now = Date.now()): Promise<FilterOptions> {
  if (!cachedOptions || now - cachedOptions.at > FILTER_OPTIONS_TTL_MS) {
    const options = loadFilterOptions();
    cachedOptions = { at: now, options };
    options.catch(() => {
      if (cachedOptions?.options === options) cachedOptions = null;
    });
  }
  return cachedOptions.options;
}

async function loadFilterOptions() {
  // DISTINCT in SQL (Prisma's `distinct` de-duplicates in memory).
  const [values, owners] = await Promise.all([
    db().$queryRaw<{ kind: string; value: string }[]>`
      SELECT DISTINCT 'team' AS kind, "team" AS value FROM "Handoff"
      UNION SELECT DISTINCT 'segment', "segment" FROM "Handoff"
      UNION SELECT DISTINCT 'pipeline', "pipeline" FROM "Handoff"
      ORDER BY 1, 2`,
    db().user.findMany({ where: { active: true, role: { in: ["PS_LEADER", "PROJECT_MANAGER"] } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const of = (kind: string) => values.filter((v) => v.kind === kind).map((v) => v.value);
  return { teams: of("team"), segments: of("segment"), pipelines: of("pipeline"), owners };
}
