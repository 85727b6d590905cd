import type { KpiKey } from "./definitions.ts";
import type { KpiFilters } from "./filters.ts";

/**
 * The queue link behind a dashboard number: the same filters, narrowed to the week and
 * to the handoffs that make up the number. Client-safe.
 */
export type DrillKey = KpiKey | "handoffs" | "kickoffs" | "medianCycleDays" | "scopeIncidents";

/** A week (its Monday) or an inclusive range of days. */
export type DrillRange = string | { from: string; to: string };

export function drillHref(key: DrillKey, range: DrillRange, filters: KpiFilters): string {
  const { from, to } =
    typeof range === "string" ? { from: range, to: new Date(new Date(`${range}T00:00:00Z`).getTime() + 6 * 86_400_000).toISOString().slice(0, 10) } : range;
  const params = new URLSearchParams();
  if (key === "promiseAccuracy") {
    params.set("reviewedFrom", from);
    params.set("reviewedTo", to);
  } else if (key === "delayRate" || key === "kickoffs" || key === "medianCycleDays") {
    params.set("kickoffFrom", from);
    params.set("kickoffTo", to);
    if (key === "delayRate") params.set("delayed", "1");
  } else if (key === "scopeIncidents") {
    // Counted by the week the change was logged, whenever the deal closed.
    params.set("scopeFrom", from);
    params.set("scopeTo", to);
  } else {
    params.set("closedFrom", from);
    params.set("closedTo", to);
    if (key === "incidentsPerHandoff") params.set("scopeChanged", "1");
  }
  return `/handoffs?${withFilters(params, filters)}`;
}

function withFilters(params: URLSearchParams, filters: KpiFilters): URLSearchParams {
  if (filters.team) params.set("team", filters.team);
  if (filters.segment) params.set("segment", filters.segment);
  if (filters.pipeline) params.set("pipeline", filters.pipeline);
  if (filters.owner) params.set("accountable", filters.owner);
  if (filters.cohort !== "all") params.set("cohort", filters.cohort);
  return params;
}

/** The handoffs behind a whole-period figure: a gate's decisions, or overrides of one classification. */
export function periodDrillHref(what: { gate: string } | { override: string }, period: { from: string; to: string }, filters: KpiFilters): string {
  const params = new URLSearchParams();
  if ("gate" in what) {
    params.set("gate", what.gate);
    params.set("decidedFrom", period.from);
    params.set("decidedTo", period.to);
  } else {
    params.set("override", what.override);
    params.set("overrideFrom", period.from);
    params.set("overrideTo", period.to);
  }
  return `/handoffs?${withFilters(params, filters)}`;
}
