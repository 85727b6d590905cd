import PptxGenJS from "pptxgenjs";
import { db } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { forbidden } from "../errors.ts";
import { FAILURE_PATTERNS, type FailurePattern } from "../qa/runs.ts";
import { axisFor, chartPoints } from "./chart.ts";
import { dashboardData, type DashboardData } from "./dashboard.ts";
import { KPIS } from "./definitions.ts";
import { auditExport } from "./exports.ts";
import { COHORT_LABEL, type KpiFilters } from "./filters.ts";
import { formatKpi } from "./format.ts";
import { handoffWhere } from "./queries.ts";
import { kpiRow } from "./proof-brief.ts";

/**
 * The executive brief (PPTX), from the same figures as the dashboard and the proof brief: the
 * KPIs against the baseline and the targets with their week-4 and week-8 movement, their weekly
 * trend as native charts, the pilot against the rest, the top failure patterns from QA, and the
 * next optimization backlog those point to. Every download is an audit event.
 */

const INK = "0F172A";
const GREY = "64748B";
const BLUE = "2563EB";
const day = (d: Date) => d.toISOString().slice(0, 10);

type Slide = ReturnType<PptxGenJS["addSlide"]>;
type Cell = { text: string; options?: { bold?: boolean; color?: string; fill?: { color: string } } };

function titled(pptx: PptxGenJS, title: string, note?: string): Slide {
  const slide = pptx.addSlide();
  slide.addText(title, { x: 0.5, y: 0.3, w: 12.3, h: 0.6, fontSize: 24, bold: true, color: INK });
  if (note) slide.addText(note, { x: 0.5, y: 0.9, w: 12.3, h: 0.4, fontSize: 12, color: GREY });
  return slide;
}

function grid(slide: Slide, header: string[], rows: string[][], y = 1.5) {
  const head: Cell[] = header.map((text) => ({ text, options: { bold: true, color: "FFFFFF", fill: { color: BLUE } } }));
  slide.addTable([head, ...rows.map((r) => r.map((text) => ({ text })))], { x: 0.5, y, w: 12.3, fontSize: 12, color: INK, border: { type: "solid", pt: 0.5, color: "CBD5E1" } });
}

function kpiSlide(pptx: PptxGenJS, data: DashboardData) {
  const note = data.baseline ? `Against the baseline captured ${day(data.baseline.capturedAt)}; week 4 and week 8 are the checkpoints after it.` : "No baseline captured yet for these handoffs: values are shown without a comparison.";
  grid(titled(pptx, "KPIs against the baseline and the targets", note), ["KPI", "Baseline", "This period", "Target", "Week 4", "Week 8"], KPIS.map((def) => kpiRow(def, data)));
}

function trendSlide(pptx: PptxGenJS, data: DashboardData) {
  const slide = titled(pptx, "Weekly trend", `${data.weeks.length} weeks, ${day(data.period.from)} to ${day(new Date(data.period.to.getTime() - 86_400_000))}.`);
  const labels = data.weeks.map((w) => w.week.slice(5));
  KPIS.forEach((def, i) => {
    // A week with nothing to measure is a gap in the line, never a zero (as on the dashboard).
    const values = chartPoints(data.weeks, def.key).map((p) => p.value);
    // The same axis as the dashboard's chart: from 0, to 100 for a percentage or a score.
    const axis = axisFor(def, [...values, data.baseline?.metrics[def.key] ?? null]);
    slide.addChart("line", [{ name: def.label, labels, values: values as number[] }], {
      valAxisMinVal: 0,
      valAxisMaxVal: axis.max,
      valAxisMajorUnit: axis.ticks[1] ?? axis.max,
      displayBlanksAs: "gap",
      x: 0.5 + (i % 2) * 6.2,
      y: 1.4 + Math.floor(i / 2) * 2.9,
      w: 6,
      h: 2.8,
      showTitle: true,
      title: def.unit ? `${def.label} (${def.unit})` : def.label,
      titleFontSize: 12,
      showLegend: false,
      lineSize: 2,
      chartColors: [BLUE],
      catAxisLabelFontSize: 8,
      valAxisLabelFontSize: 8,
    });
  });
}

function cohortSlide(pptx: PptxGenJS, pilot: DashboardData, rest: DashboardData) {
  const rows = KPIS.map((def) => [def.label, formatKpi(def, pilot.totals[def.key]), formatKpi(def, rest.totals[def.key]), def.target?.text ?? "—"]);
  grid(titled(pptx, "The pilot against the rest", "The same period and measures, for the handoffs in the pilot cohort and those outside it."), ["KPI", COHORT_LABEL.pilot, COHORT_LABEL.rest, "Target"], rows);
}

/** How often each failure pattern was found by QA reviewers in the period, most frequent first. */
async function failurePatterns(filters: KpiFilters, data: DashboardData): Promise<[FailurePattern, number][]> {
  const reviews = await db().qaReview.findMany({ where: { reviewedAt: { gte: data.period.from, lt: data.period.to }, handoff: handoffWhere(filters) }, select: { failurePatterns: true } });
  const counts = new Map<FailurePattern, number>();
  for (const review of reviews) for (const p of review.failurePatterns as FailurePattern[]) if (p in FAILURE_PATTERNS) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** What to work on next, from the figures: KPIs off track, the most frequent failure patterns, and intake rules that overrides show are too strict. */
async function backlog(filters: KpiFilters, data: DashboardData, patterns: [FailurePattern, number][]): Promise<string[][]> {
  const items: string[][] = [];
  for (const def of KPIS) {
    const p = data.progress.find((x) => x.key === def.key);
    const last = p?.checkpoints.filter((c) => c.verdict !== "not-yet").at(-1);
    if (last?.verdict === "off-track") items.push([def.label, `Off track at week ${last.week}: needs ${last.needed}% better than the baseline, is ${last.improvement ?? 0}%.`, def.target?.text ?? "—"]);
  }
  for (const [pattern, count] of patterns.slice(0, 3)) items.push([FAILURE_PATTERNS[pattern], `Found in ${count} QA review${count === 1 ? "" : "s"}: retrain sales and tighten the intake field behind it.`, "Fewer findings next month"]);
  const falsePositives = await db().override.count({ where: { classification: "FALSE_POSITIVE", createdAt: { gte: data.period.from, lt: data.period.to }, handoff: handoffWhere(filters) } });
  if (falsePositives) items.push(["Intake rules", `${falsePositives} override${falsePositives === 1 ? " was classified as a false positive" : "s were classified as false positives"}: a rule blocked a good deal. Review the intake policy.`, "No false positives"]);
  return items.length ? items : [["—", "Every KPI is on track and QA found no recurring pattern in the period.", "—"]];
}

/** The brief as a PPTX file, for the dashboard's filters. */
export async function executiveBrief(filters: KpiFilters, now = new Date()): Promise<Buffer> {
  const [data, pilot, rest] = await Promise.all([dashboardData(filters, now), dashboardData({ ...filters, cohort: "pilot" }, now), dashboardData({ ...filters, cohort: "rest" }, now)]);
  const patterns = await failurePatterns(filters, data);
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = "Handoff executive brief";
  pptx.company = "Handoff Control Center";

  const cover = pptx.addSlide();
  cover.addText("Handoff executive brief", { x: 0.7, y: 2.4, w: 12, h: 1, fontSize: 36, bold: true, color: INK });
  cover.addText(`${COHORT_LABEL[filters.cohort]} · ${day(data.period.from)} to ${day(new Date(data.period.to.getTime() - 86_400_000))} · written ${day(now)}`, { x: 0.7, y: 3.4, w: 12, h: 0.5, fontSize: 16, color: GREY });
  kpiSlide(pptx, data);
  trendSlide(pptx, data);
  cohortSlide(pptx, pilot, rest);
  const qa = titled(pptx, "Top failure patterns from QA", "How often reviewers found each pattern in the period's QA reviews.");
  if (patterns.length) grid(qa, ["Pattern", "Reviews that found it"], patterns.slice(0, 5).map(([p, n]) => [FAILURE_PATTERNS[p], String(n)]));
  else qa.addText("No QA reviews found a failure pattern in the period.", { x: 0.5, y: 1.6, w: 12, h: 0.5, fontSize: 14, color: INK });
  grid(titled(pptx, "Next optimization backlog", "From the figures above: what is off track, what QA keeps finding, and what overrides say about the intake rules."), ["Area", "Why", "Done when"], await backlog(filters, data, patterns));
  return (await pptx.write({ outputType: "nodebuffer" })) as Buffer;
}

/** For someone who may see the dashboard; recorded in the audit trail. */
export async function exportExecutiveBrief(actor: Actor, filters: KpiFilters): Promise<{ filename: string; body: Buffer }> {
  if (!can(actor.role, "dashboard:view")) throw forbidden("Only people who may see the dashboard can download the executive brief.");
  const now = new Date();
  const body = await executiveBrief(filters, now);
  await auditExport(actor, "executive-brief", "pptx", filters);
  return { filename: `executive-brief-${day(now)}.pptx`, body };
}
