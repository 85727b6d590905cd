import { z } from "zod";

/**
 * The dashboard's filters, read from the URL (shared by the page, the exports and the
 * drill-down links). No database access here: the browser bundle imports it.
 */

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = z.preprocess(first, z.string().trim().max(100).optional()).transform((v) => v || undefined).catch(undefined);
const day = z.preprocess(first, z.iso.date().optional()).catch(undefined);

export const COHORTS = ["all", "pilot", "rest"] as const;
export type Cohort = (typeof COHORTS)[number];
export const COHORT_LABEL: Record<Cohort, string> = { all: "All handoffs", pilot: "Pilot cohort", rest: "Outside the pilot" };

export const kpiFiltersSchema = z.object({
  from: day,
  to: day,
  team: text,
  /** The accountable PS leader or the project manager. */
  owner: text,
  segment: text,
  pipeline: text,
  cohort: z.preprocess(first, z.enum(COHORTS)).catch("all"),
});

export type KpiFilters = z.infer<typeof kpiFiltersSchema>;

export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
}

const DAY = 86_400_000;

/** Monday 00:00 UTC of the week a date falls in: the dashboard's weeks. */
export function weekStart(date: Date): Date {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY);
}

/** The period the filters ask for: twelve whole weeks up to now by default. */
export function periodOf(filters: KpiFilters, now = new Date()): Period {
  const to = filters.to ? new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + DAY) : new Date(weekStart(now).getTime() + 7 * DAY);
  const from = filters.from ? new Date(`${filters.from}T00:00:00Z`) : new Date(to.getTime() - 12 * 7 * DAY);
  return from < to ? { from, to } : { from: to, to: from };
}

/** Filters → URL search params (defaults left out). */
export function filtersToParams(filters: Partial<KpiFilters>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value && !(key === "cohort" && value === "all")) params.set(key, String(value));
  return params;
}
