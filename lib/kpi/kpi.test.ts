import { describe, expect, it } from "vitest";
import { axisFor, chartPoints, segments } from "./chart.ts";
import { completenessScore } from "../rules/completeness.ts";
import { checkpoint, improvement, KPIS } from "./definitions.ts";
import { drillHref } from "./drill.ts";
import { numFmt, RISK_LEVEL_LABEL, RISK_STATUS_LABEL, toCsv, type Column } from "./exports.ts";
import { kpiFiltersSchema, periodOf, periodProblem, weekStart } from "./filters.ts";
import { formatChange, formatDays, formatKpi, formatMonth } from "./format.ts";
import { summarise, type PeriodSummary, type WeekRow } from "./queries.ts";

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
    expect(kpiFiltersSchema.parse({ cohort: "bogus", from: "" })).toMatchObject({ cohort: "all", from: undefined });
    // Text the database cannot hold is no filter, not a server error.
    expect(kpiFiltersSchema.parse({ team: "\u0000", owner: "a\u0000b", segment: "\ud800", pipeline: "x\u0000y" })).toMatchObject({ team: undefined, owner: undefined, segment: undefined, pipeline: undefined });
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

const NOW = new Date("2026-11-25T10:00:00Z");
const problem = (params: Record<string, string>) => periodProblem(kpiFiltersSchema.parse(params), NOW);

describe("the period asked for", () => {
  it("refuses a reversed range with the dates in the message, and never swaps it", () => {
    expect(problem({ from: "2026-11-10", to: "2026-10-01" })).toBe("The start date 2026-11-10 is after the end date 2026-10-01. Choose a start date on or before the end date.");
    // Only a start, later than the default end (this week's Sunday).
    expect(problem({ from: "2027-01-04" })).toBe("The start date 2027-01-04 is after the end of this week (2026-11-29). Choose a start date on or before the end date.");
    expect(() => periodOf(kpiFiltersSchema.parse({ from: "2026-11-10", to: "2026-10-01" }), NOW)).toThrow(expect.objectContaining({ code: "INVALID", httpStatus: 422, message: expect.stringContaining("is after the end date 2026-10-01") }));
  });

  it("accepts one day and exactly three years, and refuses a day more", () => {
    expect(problem({ from: "2026-10-01", to: "2026-10-01" })).toBeNull();
    expect(periodOf(kpiFiltersSchema.parse({ from: "2026-10-01", to: "2026-10-01" }), NOW)).toEqual({ from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-10-02T00:00:00Z") });
    expect(problem({ from: "2024-01-01", to: "2026-12-31" })).toBeNull();
    expect(problem({ from: "2024-01-01", to: "2027-01-01" })).toBe("The period from 2024-01-01 to 2027-01-01 is longer than 3 years. Choose at most 3 years.");
    // A start date alone runs to the end of this week: too long from 2020.
    expect(problem({ from: "2020-03-02" })).toMatch(/^The period from 2020-03-02 to 2026-11-29 is longer than 3 years/);
  });

  it("refuses years outside 2000–2100 and text that is not a date, before computing anything", () => {
    expect(problem({ from: "1999-12-31", to: "2000-01-10" })).toBe("The start date 1999-12-31 is outside the years 2000 to 2100. Choose a date in that range.");
    // An 8,000-year range.
    expect(problem({ from: "2000-01-01", to: "9999-12-31" })).toBe("The end date 9999-12-31 is outside the years 2000 to 2100. Choose a date in that range.");
    expect(() => periodOf(kpiFiltersSchema.parse({ from: "2000-01-01", to: "9999-12-31" }), NOW)).toThrow(/outside the years 2000 to 2100/);
    expect(problem({ from: "yesterday" })).toBe("The start date “yesterday” is not a date. Use the form YYYY-MM-DD, for example 2026-11-02.");
    expect(problem({ to: "2026-02-30" })).toMatch(/^The end date “2026-02-30” is not a date/);
    expect(problem({})).toBeNull();
  });
});

const week = (values: Partial<WeekRow>): WeekRow => ({
  week: "2026-11-02",
  handoffs: 0,
  completeness: null,
  kickoffs: 0,
  delayed: 0,
  delayRate: null,
  medianCycleDays: null,
  scopeIncidents: 0,
  closedIncidents: 0,
  incidentsPerHandoff: null,
  reviews: 0,
  promiseAccuracy: null,
  ...values,
});

describe("charts", () => {
  it("leaves a week without kickoffs empty, not zero, and breaks the line there", () => {
    const weeks = [week({ week: "2026-11-02", kickoffs: 4, delayed: 1, delayRate: 25 }), week({ week: "2026-11-09" }), week({ week: "2026-11-16", kickoffs: 2, delayed: 0, delayRate: 0 }), week({ week: "2026-11-23" })];
    const points = chartPoints(weeks, "delayRate");
    expect(points.map((p) => p.value)).toEqual([25, null, 0, null]);
    // Two runs, the second a lone week: each drawn on its own, never joined across the gap.
    expect(segments(points.map((p) => p.value))).toEqual([[{ index: 0, value: 25 }], [{ index: 2, value: 0 }]]);
    expect(segments([1, 2, null, null, 3, 4])).toEqual([
      [{ index: 0, value: 1 }, { index: 1, value: 2 }],
      [{ index: 4, value: 3 }, { index: 5, value: 4 }],
    ]);
  });

  it("runs a percentage axis from 0 to 100% and fits a small rate's axis to the data", () => {
    expect(axisFor(def("delayRate"), [40, null, 100])).toEqual({ max: 100, ticks: [0, 25, 50, 75, 100], digits: 0 });
    expect(axisFor(def("promiseAccuracy"), [84.82])).toMatchObject({ max: 100 });
    // Incidents per handoff up to 0.2: 0 to 0.2 in steps of 0.05, not 0 to 1.
    expect(axisFor(def("incidentsPerHandoff"), [0.06, 0.2, null, 0.13])).toEqual({ max: 0.2, ticks: [0, 0.05, 0.1, 0.15, 0.2], digits: 2 });
    expect(axisFor(def("incidentsPerHandoff"), [0.07, 0.03])).toEqual({ max: 0.08, ticks: [0, 0.02, 0.04, 0.06, 0.08], digits: 2 });
    // The baseline is on the axis even when it is above every week.
    expect(axisFor(def("incidentsPerHandoff"), [0.1, 0.9]).max).toBe(1);
    expect(axisFor(def("incidentsPerHandoff"), [1.3]).ticks).toEqual([0, 0.5, 1, 1.5]);
    expect(axisFor(def("incidentsPerHandoff"), [0, null])).toEqual({ max: 0.1, ticks: [0, 0.05, 0.1], digits: 2 });
  });
});

describe("figures", () => {
  it("writes each KPI with its own precision, the same on the dashboard and in the proof brief", () => {
    expect(formatKpi(def("promiseAccuracy"), 84.82)).toBe("85%");
    expect(formatKpi(def("delayRate"), 66.7)).toBe("67%");
    expect(formatKpi(def("completeness"), 83.77)).toBe("84");
    expect(formatKpi(def("incidentsPerHandoff"), 0.5)).toBe("0.50");
    expect(formatKpi(def("incidentsPerHandoff"), 0.0625)).toBe("0.06");
    expect(formatKpi(def("incidentsPerHandoff"), 0)).toBe("0.00");
    // Too small for two decimals but not zero: said so, not rounded away.
    expect(formatKpi(def("incidentsPerHandoff"), 0.004)).toBe("<0.01");
    expect(formatKpi(def("delayRate"), null)).toBe("—");
    expect(formatDays(15.5)).toBe("15.5");
    expect(formatDays(16)).toBe("16.0");
    expect(formatChange(4.7)).toBe("+4.7%");
    expect(formatChange(-12.34)).toBe("-12.3%");
    expect(formatChange(0)).toBe("0%");
    expect(formatMonth("2026-11")).toBe("November 2026");
  });

  it("computes the period's incidents per handoff from the counts, not from rounded weekly rates", () => {
    // 1 of 3 twice: averaging weekly rates rounded to 0.33 gives 0.33; the counts give 2 / 6.
    const weeks = [week({ handoffs: 3, closedIncidents: 1, incidentsPerHandoff: 0.33 }), week({ handoffs: 3, closedIncidents: 1, incidentsPerHandoff: 0.33 }), week({ handoffs: 0 })];
    expect(summarise(weeks).incidentsPerHandoff).toBe(0.333);
    const many = [week({ handoffs: 97, closedIncidents: 1, incidentsPerHandoff: 0.01 }), week({ handoffs: 97, closedIncidents: 0, incidentsPerHandoff: 0 })];
    expect(summarise(many).incidentsPerHandoff).toBe(0.005);
    expect(formatKpi(def("incidentsPerHandoff"), summarise(many).incidentsPerHandoff)).toBe("0.01");
    expect(summarise([week({ handoffs: 0 })]).incidentsPerHandoff).toBeNull();
  });
});

describe("export formats", () => {
  it("gives every number column a spreadsheet format that shows whole numbers cleanly", () => {
    const column = (type: Column["type"], digits?: number): Column => ({ header: "x", key: "x", type, digits });
    expect(numFmt(column("number", 0))).toBe("0");
    expect(numFmt(column("number", 1))).toBe("0.0");
    expect(numFmt(column("number", 2))).toBe("0.00");
    expect(numFmt(column("percent", 1))).toBe("0.0%");
    expect(numFmt(column("date"))).toBe("yyyy-mm-dd");
    expect(numFmt(column("text"))).toBeUndefined();
  });

  it("writes CSV numbers at their column's precision", () => {
    const csv = toCsv({ name: "t", columns: [{ header: "Rate", key: "rate", type: "number", digits: 2 }, { header: "Count", key: "n", type: "number", digits: 0 }], rows: [{ rate: 0.0625, n: 14 }, { rate: null, n: 0 }] });
    expect(csv).toBe("Rate,Count\r\n0.06,14\r\n,0\r\n");
  });

  it("labels risk levels and statuses as people read them", () => {
    expect(RISK_LEVEL_LABEL.MEDIUM).toBe("Medium");
    expect(RISK_STATUS_LABEL.ACCEPTED).toBe("Accepted");
  });
});
