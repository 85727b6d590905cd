import PDFDocument from "pdfkit";
import { db } from "../db/client.ts";
import { FAILURE_PATTERNS, type FailurePattern } from "../qa/runs.ts";
import { axisFor, chartPoints, segments } from "./chart.ts";
import { dashboardData, type DashboardData } from "./dashboard.ts";
import { KPIS, VERDICT_LABEL, type KpiDefinition } from "./definitions.ts";
import { COHORT_LABEL, type KpiFilters } from "./filters.ts";
import { formatChange, formatKpi, formatMonth, formatNumber } from "./format.ts";
import { handoffWhere, type WeekRow } from "./queries.ts";

/**
 * The proof brief: one PDF for a period that shows whether handoffs got better — the KPIs
 * against the baseline and the targets, their weekly charts, the overrides and the QA
 * findings — with the audit references behind each claim, for leaders and auditors.
 */

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN; // A4
const BLUE = "#2563eb";
const GREY = "#64748b";

const day = (d: Date) => d.toISOString().slice(0, 10);
const weekLabel = (week: string) => new Date(`${week}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** Overrides listed one by one; any beyond are only counted. */
const OVERRIDE_ROWS = 200;

export async function proofBrief(filters: KpiFilters, now = new Date()): Promise<Buffer> {
  const data = await dashboardData(filters, now);
  const evidence = await briefEvidence(filters, data);

  const doc = new PDFDocument({ size: "A4", margin: MARGIN, info: { Title: "Handoff proof brief", Author: "Handoff Control Center" } });
  const done = collect(doc);
  titleBlock(doc, filters, data.period, now);
  kpiSection(doc, data, evidence);
  trendsSection(doc, data);
  overridesSection(doc, evidence);
  qaSection(doc, data, evidence);
  operationsSection(doc, data);
  doc.moveDown(1).fontSize(8).fillColor(GREY).text("Audit references (#) are ids in the append-only audit trail; every figure is recomputed from the handoffs on request.");
  doc.end();
  return done;
}

type Evidence = Awaited<ReturnType<typeof briefEvidence>>;

/**
 * Overrides and QA findings of the handoffs these filters select, like every figure in the
 * dashboard data, with the audit events behind them and behind the baseline.
 */
async function briefEvidence(filters: KpiFilters, data: DashboardData) {
  const { from, to } = data.period;
  const ofHandoffs = handoffWhere(filters);
  const overrideWhere = { createdAt: { gte: from, lt: to }, handoff: ofHandoffs };
  const [overrides, overrideCount, reviews, baselineEvent, runEvents] = await Promise.all([
    db().override.findMany({
      where: overrideWhere,
      orderBy: { createdAt: "asc" },
      take: OVERRIDE_ROWS,
      select: { id: true, reason: true, status: true, classification: true, material: true, createdAt: true, handoff: { select: { number: true } } },
    }),
    db().override.count({ where: overrideWhere }),
    db().qaReview.findMany({ where: { reviewedAt: { gte: from, lt: to }, handoff: ofHandoffs }, select: { failurePatterns: true } }),
    data.baseline ? db().auditEvent.findFirst({ where: { action: "kpi.baseline_captured", entityId: data.baseline.id }, select: { id: true } }) : null,
    db().auditEvent.findMany({ where: { action: "qa.run_started", at: { gte: from, lt: to } }, select: { id: true, entityId: true, at: true }, orderBy: { id: "asc" } }),
  ]);
  const runMonths = new Map((await db().qaRun.findMany({ where: { id: { in: runEvents.map((e) => e.entityId) } }, select: { id: true, month: true } })).map((r) => [r.id, r.month]));
  const overrideAudit = await db().auditEvent.findMany({
    where: { entityType: "Override", entityId: { in: overrides.map((o) => o.id) } },
    select: { id: true, entityId: true },
    orderBy: { id: "asc" },
  });
  return { overrides, overrideCount, reviews, baselineEvent, runEvents, runMonths, overrideAudit };
}

/** The whole PDF, once the document has ended. */
function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
}

/** The title, and the period, filters and time the brief is for. */
function titleBlock(doc: PDFKit.PDFDocument, filters: KpiFilters, { from, to }: DashboardData["period"], now: Date) {
  const scope = [COHORT_LABEL[filters.cohort], filters.team && `team ${filters.team}`, filters.segment && `segment ${filters.segment}`, filters.pipeline && `pipeline ${filters.pipeline}`].filter(Boolean).join(", ");
  doc.font("Helvetica-Bold").fontSize(18).text("Handoff proof brief");
  doc.font("Helvetica").fontSize(10).fillColor(GREY).text(`Period ${day(from)} to ${day(new Date(to.getTime() - 86_400_000))} · ${scope} · generated ${now.toISOString().slice(0, 16).replace("T", " ")} UTC`);
  doc.fillColor("#0f172a");
}

function kpiSection(doc: PDFKit.PDFDocument, data: DashboardData, { baselineEvent }: Evidence) {
  heading(doc, "KPIs against the baseline and the targets");
  if (data.baseline) {
    doc.text(`Baseline captured ${day(data.baseline.capturedAt)} by ${data.baseline.capturedBy ?? "—"} (audit #${baselineEvent?.id ?? "—"}), from the 12 weeks before it.`).moveDown(0.3);
  } else {
    doc.text("No baseline has been captured for these filters: values are shown without a comparison.").moveDown(0.3);
  }
  table(
    doc,
    ["KPI", "Baseline", "This period", "Target", "Week 4", "Week 8"],
    KPIS.map((def) => kpiRow(def, data)),
    [130, 60, 65, 110, 65, 65],
  );
  doc.moveDown(0.3).fontSize(8).fillColor(GREY);
  for (const def of KPIS) doc.text(`${def.label}: ${def.definition}`);
  doc.fillColor("#0f172a").fontSize(9.5);
}

/** A KPI's baseline, value and target, and its verdict at the week-4 and week-8 checkpoints. */
export function kpiRow(def: KpiDefinition, data: DashboardData): string[] {
  const p = data.progress.find((x) => x.key === def.key);
  const cp = (i: number) => {
    const c = p?.checkpoints[i];
    return c ? `${VERDICT_LABEL[c.verdict]}${c.improvement !== null ? ` (${formatChange(c.improvement)})` : ""}` : "—";
  };
  return [def.label, formatKpi(def, p?.baseline ?? null), formatKpi(def, data.totals[def.key]), def.target?.text ?? "—", cp(0), cp(1)];
}

function trendsSection(doc: PDFKit.PDFDocument, data: DashboardData) {
  heading(doc, "Weekly trends");
  for (const def of KPIS) chart(doc, def, data.weeks, data.baseline?.metrics[def.key] ?? null);
}

function overridesSection(doc: PDFKit.PDFDocument, { overrides, overrideCount, overrideAudit }: Evidence) {
  heading(doc, "Overrides");
  if (overrides.length === 0) doc.text("No overrides in the period.");
  else {
    table(
      doc,
      ["Handoff", "Requested", "Status", "Material", "Classification", "Audit"],
      overrides.map((o) => [
        `HO-${o.handoff.number}`,
        day(o.createdAt),
        o.status.toLowerCase().replace(/_/g, " "),
        o.material ? "yes" : "no",
        o.classification.toLowerCase().replace(/_/g, " "),
        overrideAudit.filter((a) => a.entityId === o.id).map((a) => `#${a.id}`).join(", ") || "—",
      ]),
      [70, 70, 100, 55, 100, 100],
    );
    if (overrideCount > overrides.length) doc.moveDown(0.3).text(`… and ${overrideCount - overrides.length} more; the dashboard's override figures open the full list.`);
  }
}

/** Reviews in the period, the QA runs started in it, and how often each failure pattern was tagged. */
function qaSection(doc: PDFKit.PDFDocument, data: DashboardData, { reviews, runEvents, runMonths }: Evidence) {
  heading(doc, "QA findings");
  const counts = new Map<string, number>();
  for (const r of reviews) for (const p of r.failurePatterns) counts.set(p, (counts.get(p) ?? 0) + 1);
  // The same promise-accuracy figure as the KPI table above and the dashboard.
  const accuracyDef = KPIS.find((k) => k.key === "promiseAccuracy")!;
  const runs = runEvents.map((e) => {
    const month = runMonths.get(e.entityId);
    return `${month ? `${formatMonth(month)} QA run` : "QA run"} (audit #${e.id})`;
  });
  doc.text(
    `${reviews.length} handoff${reviews.length === 1 ? "" : "s"} reviewed in the period${data.totals.promiseAccuracy !== null ? `; promise accuracy ${formatKpi(accuracyDef, data.totals.promiseAccuracy)}` : ""}. QA runs: ${runs.join(", ") || "none"}.`,
  );
  if (counts.size) {
    doc.moveDown(0.3);
    table(doc, ["Failure pattern", "Reviews tagged"], [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([p, n]) => [FAILURE_PATTERNS[p as FailurePattern] ?? p, String(n)]), [300, 100]);
  }
}

/** Approval gates' timeliness, and the syncs that ended as dead letters. */
function operationsSection(doc: PDFKit.PDFDocument, data: DashboardData) {
  heading(doc, "Operations");
  table(
    doc,
    ["Gate", "Decided", "Avg hours to decision", "Approval in SLA", "Stage on time"],
    data.operational.gates.map((g) => [
      g.label,
      String(g.decided),
      formatNumber(g.avgWaitHours, 1),
      g.decided ? `${Math.round((g.withinSla / g.decided) * 100)}%` : "—",
      g.decided ? `${Math.round((g.stageOnTime / g.decided) * 100)}%` : "—",
    ]),
    [150, 60, 110, 90, 90],
  );
  doc.moveDown(0.3).text(`Sync failures: ${data.operational.syncJobs.dead} dead letters out of ${data.operational.syncJobs.total} syncs.`);
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  if (doc.y > 700) doc.addPage();
  doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor("#0f172a").text(text, MARGIN).moveDown(0.3).font("Helvetica").fontSize(9.5).fillColor("#0f172a");
}

/** A small table: fixed column widths, header in bold, rows wrapped to the page. */
function table(doc: PDFKit.PDFDocument, headers: string[], rows: string[][], widths: number[]) {
  const draw = (cells: string[], bold: boolean) => {
    if (doc.y > 760) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    let height = 0;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(8.5);
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: widths[i] - 6 });
      height = Math.max(height, doc.y - y);
      x += widths[i];
    });
    doc.y = y + height + 3;
    doc.moveTo(MARGIN, doc.y - 1.5).lineTo(MARGIN + WIDTH, doc.y - 1.5).lineWidth(0.3).strokeColor("#e2e8f0").stroke();
  };
  draw(headers, true);
  for (const row of rows) draw(row, false);
  doc.x = MARGIN;
  doc.font("Helvetica").fontSize(9.5);
}

/**
 * A weekly line chart drawn as vectors, with the baseline as a dashed line. The value axis is
 * the dashboard's (0–100% for a percentage, scaled to the data otherwise); a week without
 * data is a gap in the line, and every week with data has its dot, so a lone week shows.
 */
function chart(doc: PDFKit.PDFDocument, def: KpiDefinition, weeks: WeekRow[], baseline: number | null) {
  const height = 90;
  const left = MARGIN + 34;
  const width = WIDTH - 44;
  if (doc.y + height + 34 > 780) doc.addPage();
  doc.font("Helvetica-Bold").fontSize(9).fillColor("#0f172a").text(`${def.label}${def.unit ? ` (${def.unit})` : ""}`, MARGIN, doc.y);
  const top = doc.y + 6;
  const values = chartPoints(weeks, def.key).map((p) => p.value);
  const axis = axisFor(def, [...values, baseline]);
  const x = (i: number) => left + (weeks.length > 1 ? (i / (weeks.length - 1)) * width : width / 2);
  const y = (v: number) => top + height - (Math.min(v, axis.max) / axis.max) * height;
  for (const tick of axis.ticks) {
    doc.moveTo(left, y(tick)).lineTo(left + width, y(tick)).lineWidth(0.3).strokeColor("#e2e8f0").stroke();
    doc.font("Helvetica").fontSize(7).fillColor(GREY).text(formatNumber(tick, axis.digits, def.unit), MARGIN, y(tick) - 3, { width: 30, align: "right" });
  }
  doc.rect(left, top, width, height).lineWidth(0.5).strokeColor("#cbd5e1").stroke();
  if (baseline !== null) doc.moveTo(left, y(baseline)).lineTo(left + width, y(baseline)).lineWidth(1).dash(4, { space: 3 }).strokeColor("#7c3aed").stroke().undash();
  for (const run of segments(values)) {
    if (run.length < 2) continue;
    run.forEach((p, i) => (i === 0 ? doc.moveTo(x(p.index), y(p.value)) : doc.lineTo(x(p.index), y(p.value))));
    doc.lineWidth(1.5).strokeColor(BLUE).stroke();
  }
  values.forEach((v, i) => v !== null && doc.circle(x(i), y(v), 2).fillColor(BLUE).fill());
  // Week labels: the last week and every few weeks before it, each under its point.
  const every = Math.max(1, Math.ceil(weeks.length / 7));
  const last = weeks.length - 1;
  weeks.forEach((w, i) => {
    if ((last - i) % every !== 0) return;
    const align = i === last && weeks.length > 1 ? "right" : "center";
    doc.fontSize(7).fillColor(GREY).text(weekLabel(w.week), align === "right" ? x(i) - 50 : x(i) - 25, top + height + 3, { width: 50, align });
  });
  doc.y = top + height + 18;
  doc.x = MARGIN;
  doc.fillColor("#0f172a").fontSize(9.5);
}
