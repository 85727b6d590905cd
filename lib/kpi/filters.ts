import { z } from "zod";
import { invalid } from "../errors.ts";
import { unstorableText } from "../http/body.ts";

/**
 * The dashboard's filters, read from the URL (shared by the page, the exports and the
 * drill-down links). No database access here: the browser bundle imports it.
 */

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
/** Free text from the URL; text PostgreSQL cannot hold (a NUL, say) is no filter at all. */
const text = z
  .preprocess(first, z.string().trim().max(100).optional().refine((v) => v === undefined || unstorableText(v) === null))
  .transform((v) => v || undefined)
  .catch(undefined);
/** Kept as typed, so a date that is not one is refused with a message rather than ignored. */
const day = z.preprocess(first, z.string().trim().max(40).optional()).transform((v) => v || undefined).catch(undefined);

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

/** A period as asked for: YYYY-MM-DD days, either one left out for the default. */
export type PeriodRequest = Pick<KpiFilters, "from" | "to">;

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

/** The dashboard's periods: between these years, and no longer than this. */
export const PERIOD_LIMITS = { firstYear: 2000, lastYear: 2100, maxYears: 3 } as const;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as midnight UTC, or null when the text is not one (2026-02-30 is not). */
function parseDay(text: string): Date | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Date.UTC maps years 0–99 to 1900–1999: set the year again so "0099" stays year 99.
  date.setUTCFullYear(Number(m[1]));
  return date.toISOString().slice(0, 10) === text ? date : null;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The period the filters ask for, unchecked: twelve whole weeks up to now by default. */
function requestedPeriod(filters: PeriodRequest, now: Date): { from: Date | null; to: Date | null } {
  const lastDay = filters.to ? parseDay(filters.to) : null;
  const to = filters.to ? (lastDay ? new Date(lastDay.getTime() + DAY) : null) : new Date(weekStart(now).getTime() + 7 * DAY);
  const from = filters.from ? parseDay(filters.from) : to ? new Date(to.getTime() - 12 * 7 * DAY) : null;
  return { from, to };
}

/**
 * What is wrong with the period the filters ask for, in words for the person who chose it, or
 * null when it can be shown: each date a real day between 2000 and 2100, the start on or
 * before the end, and at most three years from one to the other.
 */
export function periodProblem(filters: PeriodRequest, now = new Date()): string | null {
  const { firstYear, lastYear, maxYears } = PERIOD_LIMITS;
  for (const [name, text] of [["start", filters.from], ["end", filters.to]] as const) {
    if (text === undefined) continue;
    const date = parseDay(text);
    if (!date) return `The ${name} date “${text}” is not a date. Use the form YYYY-MM-DD, for example 2026-11-02.`;
    const year = date.getUTCFullYear();
    if (year < firstYear || year > lastYear) return `The ${name} date ${text} is outside the years ${firstYear} to ${lastYear}. Choose a date in that range.`;
  }
  const { from, to } = requestedPeriod(filters, now);
  if (!from || !to) return "The period could not be read. Choose a start and an end date.";
  const lastDay = iso(new Date(to.getTime() - DAY));
  if (from >= to) {
    const end = filters.to ? `the end date ${lastDay}` : `the end of this week (${lastDay})`;
    return `The start date ${iso(from)} is after ${end}. Choose a start date on or before the end date.`;
  }
  const limit = new Date(from);
  limit.setUTCFullYear(limit.getUTCFullYear() + maxYears);
  if (to > limit) return `The period from ${iso(from)} to ${lastDay} is longer than ${maxYears} years. Choose at most ${maxYears} years.`;
  return null;
}

/**
 * The period the filters ask for: twelve whole weeks up to now by default. A period that
 * cannot be shown (reversed, too long, out of range) is refused with periodProblem's message.
 */
export function periodOf(filters: PeriodRequest, now = new Date()): Period {
  const problem = periodProblem(filters, now);
  if (problem) throw invalid(problem);
  const { from, to } = requestedPeriod(filters, now);
  return { from: from!, to: to! };
}

/** Refuses filters whose period cannot be shown (422 with the reason), for the exports. */
export function assertPeriod(filters: KpiFilters, now = new Date()): KpiFilters {
  periodOf(filters, now);
  return filters;
}

/** Filters → URL search params (defaults left out). */
export function filtersToParams(filters: Partial<KpiFilters>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value && !(key === "cohort" && value === "all")) params.set(key, String(value));
  return params;
}
