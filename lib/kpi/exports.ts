import ExcelJS from "exceljs";
import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { filtersToParams, periodOf, type KpiFilters } from "./filters.ts";
import { handoffWhere, weeklyKpis } from "./queries.ts";

/**
 * The dashboard's tables as files: the weekly KPI table and the risk register, each as
 * CSV (RFC 4180) or XLSX with typed columns (dates are dates, numbers are numbers).
 */

type Cell = string | number | Date | null;

export interface Column {
  header: string;
  key: string;
  type: "text" | "number" | "percent" | "date";
  width?: number;
}

export interface Table {
  name: string;
  columns: Column[];
  rows: Record<string, Cell>[];
}

export const EXPORT_TABLES = ["kpis", "risks"] as const;

export async function kpiTable(filters: KpiFilters): Promise<Table> {
  const weeks = await weeklyKpis(filters, periodOf(filters));
  return {
    name: "KPIs by week",
    columns: [
      { header: "Week of", key: "week", type: "date", width: 12 },
      { header: "Handoffs closed-won", key: "handoffs", type: "number" },
      { header: "Completeness (avg)", key: "completeness", type: "number" },
      { header: "Kickoffs", key: "kickoffs", type: "number" },
      { header: "Delayed kickoffs", key: "delayed", type: "number" },
      { header: "Kickoff delay rate %", key: "delayRate", type: "percent" },
      { header: "Median days closed-won to kickoff", key: "medianCycleDays", type: "number" },
      { header: "Scope-change incidents", key: "scopeIncidents", type: "number" },
      { header: "Incidents per handoff", key: "incidentsPerHandoff", type: "number" },
      { header: "QA reviews", key: "reviews", type: "number" },
      { header: "Promise accuracy %", key: "promiseAccuracy", type: "percent" },
    ],
    rows: weeks.map((w) => ({ ...w, week: new Date(`${w.week}T00:00:00Z`) })),
  };
}

function riskWhere(filters: KpiFilters): Prisma.RiskWhereInput {
  const { from, to } = periodOf(filters);
  return { handoff: { ...handoffWhere(filters), status: { not: "CANCELLED" }, closedWonAt: { gte: from, lt: to } } };
}

/** Every risk of the handoffs closed-won in the period, with its owner, mitigation and acceptance. */
export async function riskTable(filters: KpiFilters, limit = 50_000): Promise<Table> {
  const risks = await db().risk.findMany({
    where: riskWhere(filters),
    orderBy: [{ handoff: { number: "asc" } }, { createdAt: "asc" }],
    take: limit,
    select: {
      title: true,
      severity: true,
      likelihood: true,
      ownerName: true,
      mitigation: true,
      status: true,
      acceptedAt: true,
      comment: true,
      owner: { select: { name: true } },
      acceptedBy: { select: { name: true } },
      handoff: { select: { number: true, customerName: true, team: true, closedWonAt: true } },
    },
  });
  return {
    name: "Risk register",
    columns: [
      { header: "Handoff", key: "handoff", type: "text", width: 10 },
      { header: "Customer", key: "customer", type: "text", width: 28 },
      { header: "Team", key: "team", type: "text" },
      { header: "Closed-won", key: "closedWon", type: "date", width: 12 },
      { header: "Risk", key: "title", type: "text", width: 36 },
      { header: "Severity", key: "severity", type: "text" },
      { header: "Likelihood", key: "likelihood", type: "text" },
      { header: "Owner", key: "owner", type: "text", width: 20 },
      { header: "Mitigation", key: "mitigation", type: "text", width: 40 },
      { header: "Status", key: "status", type: "text" },
      { header: "Accepted by", key: "acceptedBy", type: "text", width: 20 },
      { header: "Accepted on", key: "acceptedAt", type: "date", width: 12 },
      { header: "Comment", key: "comment", type: "text", width: 30 },
    ],
    rows: risks.map((r) => ({
      handoff: `HO-${r.handoff.number}`,
      customer: r.handoff.customerName,
      team: r.handoff.team,
      closedWon: r.handoff.closedWonAt,
      title: r.title,
      severity: r.severity,
      likelihood: r.likelihood,
      owner: r.owner?.name ?? r.ownerName,
      mitigation: r.mitigation,
      status: r.status,
      acceptedBy: r.acceptedBy?.name ?? null,
      acceptedAt: r.acceptedAt,
      comment: r.comment,
    })),
  };
}

function csvCell(value: Cell, type: Column["type"]): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  // Quote when needed; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = type === "text" && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(table: Table): string {
  const lines = [table.columns.map((c) => csvCell(c.header, "text")).join(",")];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key], c.type)).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export async function toXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Handoff Control Center";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(12, c.header.length + 2),
    style: c.type === "date" ? { numFmt: "yyyy-mm-dd" } : c.type === "percent" ? { numFmt: "0.0" } : c.type === "number" ? { numFmt: "0.##" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, row[c.key] ?? null])));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Every file that leaves the app is in the audit trail: who took what, for which filters. */
export async function auditExport(actor: Actor, what: "kpis" | "risks" | "proof-brief", format: string, filters: KpiFilters, rows?: number): Promise<void> {
  await db().$transaction((tx) =>
    recordAudit(tx, {
      actor,
      action: "kpi.exported",
      entityType: "Export",
      entityId: `${what}.${format}`,
      data: { filters: filtersToParams(filters).toString() || "all handoffs", ...(rows === undefined ? {} : { rows }) },
    }),
  );
}
