import { APPROVAL_SLA_HOURS, KICKOFF_SLA_DAYS } from "../rules/sla.ts";

/**
 * What each KPI means, shown next to its chart, and the pilot's targets. Client-safe
 * (no database): the dashboard renders these strings as they are.
 */

/** A period's measures, as the dashboard, the exports and the proof brief show them. */
export interface PeriodSummary {
  handoffs: number;
  completeness: number | null;
  kickoffs: number;
  delayRate: number | null;
  medianCycleDays: number | null;
  scopeIncidents: number;
  incidentsPerHandoff: number | null;
  promiseAccuracy: number | null;
}

export type KpiKey = "delayRate" | "incidentsPerHandoff" | "completeness" | "promiseAccuracy";

export interface KpiDefinition {
  key: KpiKey;
  label: string;
  unit: string;
  /** Decimals shown wherever the figure appears: the dashboard, the exports and the proof brief. */
  digits: number;
  /** The highest value the measure can take (a percentage or a 0–100 score); a chart's axis stops there. */
  max?: number;
  /** One line under the chart; the full definition is a click away. */
  summary: string;
  definition: string;
  /** Which way is better. */
  better: "lower" | "higher";
  target: { min: number; max: number; days: number; text: string } | null;
}

export const KPIS: readonly KpiDefinition[] = [
  {
    key: "delayRate",
    label: "Kickoff delay rate",
    unit: "%",
    digits: 0,
    max: 100,
    summary: "Share of the week's kickoffs that came later than promised.",
    definition: `Share of handoffs kicked off in the week whose kickoff came later than promised — or, with no promised date, more than ${KICKOFF_SLA_DAYS} days after closed-won.`,
    better: "lower",
    target: { min: 10, max: 25, days: 60, text: "10–25% lower within 60 days" },
  },
  {
    key: "incidentsPerHandoff",
    label: "Scope-change incidents per handoff",
    unit: "",
    digits: 2,
    summary: "After-brief scope changes per handoff closed-won in the week.",
    definition: "Scope changes logged after the implementation brief was approved, per handoff closed-won in the week: counted against the week the deal closed, so a recent week rises as its handoffs reach delivery. The table’s “Scope incidents logged” column counts the same changes by the week they were logged.",
    better: "lower",
    target: { min: 20, max: 50, days: 60, text: "20–50% fewer within 60 days" },
  },
  {
    key: "completeness",
    label: "Handoff completeness score",
    unit: "",
    digits: 0,
    max: 100,
    summary: "Average 0–100 rubric score of the handoffs closed-won in the week.",
    definition:
      "0–100 per handoff: mandatory CRM fields present and valid (40), evidence captured for each gate reached (25), risks with an owner and a mitigation (20), commitments with a date and an owner (15). Averaged over the handoffs closed-won in the week.",
    better: "higher",
    target: { min: 10, max: 10, days: 90, text: "10% higher within a quarter" },
  },
  {
    key: "promiseAccuracy",
    label: "Promise accuracy",
    unit: "%",
    digits: 0,
    max: 100,
    summary: "Share of sales commitments delivered as promised, from monthly QA.",
    definition: "From monthly QA: the share of sales commitments delivered as promised, averaged over the reviews completed in the week.",
    better: "higher",
    target: null,
  },
];

export const OTHER_DEFINITIONS = {
  scopeLogged: "Scope changes logged in the week after the implementation brief was approved, whenever the deal closed.",
  cycle: "Median days from closed-won to the actual kickoff, for handoffs kicked off in the week.",
  gates: `Average hours from a gate's submission to its decision; approval within SLA when decided in ${APPROVAL_SLA_HOURS} hours. Stage on time: decided within the stage's own SLA from its start — past it the handoff is overdue and escalates to the PS leader's overdue view.`,
  overrides: "Overrides (of a blocked intake or of missing gate evidence) requested in the period, by how they were classified afterwards: false positive, false negative or justified.",
  sync: "Outbound syncs for these handoffs that ended as dead letters, out of all syncs in the period.",
};

export type Verdict = "on-track" | "off-track" | "not-yet" | "no-data";

/** How a checkpoint's verdict reads, on the dashboard and in the proof brief. */
export const VERDICT_LABEL: Record<Verdict, string> = { "on-track": "On track", "off-track": "Off track", "not-yet": "Not reached", "no-data": "No data" };

export interface Checkpoint {
  week: 4 | 8;
  /** Relative change against the baseline, in percent (positive = better). */
  improvement: number | null;
  /** The improvement needed by this checkpoint: the target's lower bound, pro-rated. */
  needed: number;
  verdict: Verdict;
}

/** Improvement of `current` over `baseline` in percent, positive when better. */
export function improvement(def: KpiDefinition, baseline: number | null, current: number | null): number | null {
  if (baseline === null || current === null || baseline === 0) return null;
  const change = ((current - baseline) / Math.abs(baseline)) * 100;
  return Math.round((def.better === "lower" ? -change : change) * 10) / 10;
}

/**
 * Where a KPI stands at week 4 or week 8 after the baseline: on track when it has improved
 * by at least the target's lower bound, pro-rated to the days elapsed (week 4 of a 60-day
 * target needs 28/60 of it).
 */
export function checkpoint(def: KpiDefinition, week: 4 | 8, baseline: PeriodSummary, window: PeriodSummary | null): Checkpoint {
  const target = def.target;
  const needed = target ? Math.round(target.min * Math.min(1, (week * 7) / target.days) * 10) / 10 : 0;
  if (!window) return { week, improvement: null, needed, verdict: "not-yet" };
  const value = improvement(def, baseline[def.key], window[def.key]);
  if (value === null || !target) return { week, improvement: value, needed, verdict: "no-data" };
  return { week, improvement: value, needed, verdict: value >= needed ? "on-track" : "off-track" };
}
