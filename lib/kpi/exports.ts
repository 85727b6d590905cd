import ExcelJS from "exceljs";
import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { RiskLevel, RiskStatus } from "../db/generated/enums.ts";
import type { Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { KPIS, type KpiKey } from "./definitions.ts";
import { filtersToParams, periodOf, type KpiFilters } from "./filters.ts";
import { DAYS_DIGITS } from "./format.ts";
import { handoffWhere, weeklyKpis } from "./queries.ts";

/**
 * The dashboard's tables as files: the weekly KPI table and the risk register, each as
 * CSV (RFC 4180) or XLSX with typed columns (dates are dates, numbers are numbers, a
 * percentage is a spreadsheet percentage) and the labels people read in the app.
 */

type Cell = string | number | Date | null;

export interface Column {
  header: string;
  key: string;
  /** A percent column holds 0–100; the spreadsheet gets it as a percentage (50 → 50.0%). */
  type: "text" | "number" | "percent" | "date";
  /** Decimals of a number or percent column: its cell format, and the precision written to CSV. */
  digits?: number;
  width?: number;
}

export const RISK_LEVEL_LABEL = { LOW: "Low", MEDIUM: "Medium", HIGH: "High", CRITICAL: "Critical" } as const satisfies Record<RiskLevel, string>;
export const RISK_STATUS_LABEL = { OPEN: "Open", ACCEPTED: "Accepted", REJECTED: "Sent back", MITIGATED: "Mitigated", CLOSED: "Closed" } as const satisfies Record<RiskStatus, string>;

const kpiDigits = (key: KpiKey) => KPIS.find((k) => k.key === key)!.digits;

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
      { header: "Handoffs closed-won", key: "handoffs", type: "number", digits: 0 },
      { header: "Completeness (avg)", key: "completeness", type: "number", digits: 1 },
      { header: "Kickoffs", key: "kickoffs", type: "number", digits: 0 },
      { header: "Delayed kickoffs", key: "delayed", type: "number", digits: 0 },
      { header: "Kickoff delay rate %", key: "delayRate", type: "percent", digits: 1 },
      { header: "Median days closed-won to kickoff", key: "medianCycleDays", type: "number", digits: DAYS_DIGITS },
      { header: "Scope-change incidents", key: "scopeIncidents", type: "number", digits: 0 },
      { header: "Incidents per handoff", key: "incidentsPerHandoff", type: "number", digits: kpiDigits("incidentsPerHandoff") },
      { header: "QA reviews", key: "reviews", type: "number", digits: 0 },
      { header: "Promise accuracy %", key: "promiseAccuracy", type: "percent", digits: 1 },
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
      severity: RISK_LEVEL_LABEL[r.severity],
      likelihood: RISK_LEVEL_LABEL[r.likelihood],
      owner: r.owner?.name ?? r.ownerName,
      mitigation: r.mitigation,
      status: RISK_STATUS_LABEL[r.status],
      acceptedBy: r.acceptedBy?.name ?? null,
      acceptedAt: r.acceptedAt,
      comment: r.comment,
    })),
  };
}

/** A number at its column's precision, trailing zeros left off: 0.0625 → 0.06, 50 → 50. */
const atPrecision = (value: number, digits?: number) => (digits === undefined ? value : Number(value.toFixed(digits)));

export function csvCell(value: Cell, type: Column["type"], digits?: number): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === "number" ? String(atPrecision(value, digits)) : String(value);
  // Quote when needed; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = type === "text" && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(table: Table): string {
  const lines = [table.columns.map((c) => csvCell(c.header, "text")).join(",")];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key], c.type, c.digits)).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** The cell format of a column: "0", "0.0", "0.00", "0.0%", a date; never "0.##", which Excel shows as "14.". */
export function numFmt(column: Column): string | undefined {
  const decimals = column.digits ? `.${"0".repeat(column.digits)}` : "";
  if (column.type === "date") return "yyyy-mm-dd";
  if (column.type === "percent") return `0${decimals}%`;
  if (column.type === "number") return `0${decimals}`;
  return undefined;
}

function xlsxCell(value: Cell, column: Column): Cell {
  // A spreadsheet percentage is a fraction: 50 (%) is stored as 0.5 and shown as 50.0%.
  if (typeof value === "number" && column.type === "percent") return Number((value / 100).toFixed((column.digits ?? 1) + 4));
  return value;
}

export async function toXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Handoff Control Center";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => {
    const format = numFmt(c);
    return { header: c.header, key: c.key, width: c.width ?? Math.max(12, c.header.length + 2), style: format ? { numFmt: format } : {} };
  });
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, xlsxCell(row[c.key] ?? null, c)])));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Every file that leaves the app is in the audit trail: who took what, for which filters. */
export async function auditExport(actor: Actor, what: "kpis" | "risks" | "proof-brief" | "executive-brief" | "runbook", format: string, filters?: KpiFilters, rows?: number): Promise<void> {
  await db().$transaction((tx) =>
    recordAudit(tx, {
      actor,
      action: "kpi.exported",
      entityType: "Export",
      entityId: `${what}.${format}`,
      data: { ...(filters && { filters: filtersToParams(filters).toString() || "all handoffs" }), ...(rows === undefined ? {} : { rows }) },
    }),
  );
}
