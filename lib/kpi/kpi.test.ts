import { describe, expect, it } from "vitest";
import { completenessScore } from "./completeness.ts";
import { checkpoint, improvement, KPIS } from "./definitions.ts";
import { drillHref } from "./drill.ts";
import { kpiFiltersSchema, periodOf, weekStart } from "./filters.ts";
import type { PeriodSummary } from "./queries.ts";

const def = (key: string) => KPIS.find((k) => k.key === key)!;
const summary = (values: Partial<PeriodSummary>): PeriodSummary => ({ handoffs: 10, completeness: null, kickoffs: 10, delayRate: null, medianCycleDays: null, scopeIncidents: 0, incidentsPerHandoff: null, promiseAccuracy: null, ...values });

describe("completeness rubric", () => {
  it("weights fields 40, evidence 25, risks 20, commitments 15", () => {
    const full = { fields: { total: 10, withIssues: 0 }, evidence: { required: 3, captured: 3 }, risks: { total: 2, complete: 2 }, commitments: { total: 4, complete: 4 } };
    expect(completenessScore(full)).toBe(100);
    // 2 of 10 fields wrong: 32; 1 of 3 evidence: 8.33; 1 of 2 risks: 10; 3 of 4 commitments: 11.25 → 61.6
    expect(completenessScore({ fields: { total: 10, withIssues: 2 }, evidence: { required: 3, captured: 1 }, risks: { total: 2, complete: 1 }, commitments: { total: 4, complete: 3 } })).toBe(62);
    // Nothing to check counts as complete; nothing captured counts as zero.
    expect(completenessScore({ ...full, risks: { total: 0, complete: 0 }, commitments: { total: 0, complete: 0 } })).toBe(100);
    expect(completenessScore({ fields: { total: 10, withIssues: 10 }, evidence: { required: 3, captured: 0 }, risks: { total: 1, complete: 0 }, commitments: { total: 1, complete: 0 } })).toBe(0);
  });
});

describe("targets", () => {
  it("counts a lower delay rate and a higher completeness as improvements", () => {
    expect(improvement(def("delayRate"), 40, 30)).toBe(25);
    expect(improvement(def("completeness"), 70, 77)).toBe(10);
    expect(improvement(def("delayRate"), 0, 10)).toBeNull();
  });

  it("pro-rates the target to the checkpoint and says on or off track", () => {
    const baseline = summary({ delayRate: 40 });
    // 10% in 60 days, pro-rated to 28 days: 4.7%.
    expect(checkpoint(def("delayRate"), 4, baseline, summary({ delayRate: 38 }))).toEqual({ week: 4, improvement: 5, needed: 4.7, verdict: "on-track" });
    expect(checkpoint(def("delayRate"), 8, baseline, summary({ delayRate: 38 }))).toEqual({ week: 8, improvement: 5, needed: 9.3, verdict: "off-track" });
    expect(checkpoint(def("delayRate"), 8, baseline, null).verdict).toBe("not-yet");
    expect(checkpoint(def("delayRate"), 4, baseline, summary({ delayRate: null })).verdict).toBe("no-data");
  });
});

describe("filters and drill-down", () => {
  it("reads the URL, defaults to twelve whole weeks, and starts weeks on Monday", () => {
    expect(weekStart(new Date("2026-11-29T23:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    const period = periodOf(kpiFiltersSchema.parse({}), new Date("2026-11-25T10:00:00Z"));
    expect(period.to.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect((period.to.getTime() - period.from.getTime()) / 86_400_000).toBe(84);
    expect(kpiFiltersSchema.parse({ cohort: "bogus", from: "yesterday" })).toMatchObject({ cohort: "all", from: undefined });
  });

  it("links a week's number to the queue with the same filters", () => {
    const filters = kpiFiltersSchema.parse({ cohort: "pilot", team: "Enterprise", owner: "u1" });
    expect(drillHref("delayRate", "2026-11-02", filters)).toBe("/handoffs?kickoffFrom=2026-11-02&kickoffTo=2026-11-08&delayed=1&team=Enterprise&accountable=u1&cohort=pilot");
    expect(drillHref("incidentsPerHandoff", "2026-11-02", kpiFiltersSchema.parse({}))).toBe("/handoffs?closedFrom=2026-11-02&closedTo=2026-11-08&scopeChanged=1");
    expect(drillHref("promiseAccuracy", "2026-11-02", kpiFiltersSchema.parse({}))).toBe("/handoffs?reviewedFrom=2026-11-02&reviewedTo=2026-11-08");
    expect(drillHref("scopeIncidents", "2026-11-02", kpiFiltersSchema.parse({}))).toBe("/handoffs?scopeFrom=2026-11-02&scopeTo=2026-11-08");
    expect(drillHref("kickoffs", { from: "2026-09-07", to: "2026-11-29" }, kpiFiltersSchema.parse({ cohort: "rest" }))).toBe("/handoffs?kickoffFrom=2026-09-07&kickoffTo=2026-11-29&cohort=rest");
  });
});
