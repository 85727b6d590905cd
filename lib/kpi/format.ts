import type { KpiDefinition } from "./definitions.ts";

/**
 * How a KPI figure is written, wherever it appears — the dashboard's cards, table and charts
 * and the proof brief — so one number reads the same everywhere. Client-safe.
 */

/** Decimals for the median days from closed-won to kickoff. */
export const DAYS_DIGITS = 1;

const formats = new Map<number, Intl.NumberFormat>();
function numberFormat(digits: number): Intl.NumberFormat {
  let format = formats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: "negative" });
    formats.set(digits, format);
  }
  return format;
}

/**
 * A number with a fixed count of decimals, or "—" when there is none. A value too small to
 * show at that precision is written "<0.01" rather than rounded away to zero.
 */
export function formatNumber(value: number | null | undefined, digits: number, unit = ""): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const smallest = 10 ** -digits;
  if (value > 0 && value < smallest / 2) return `<${numberFormat(digits).format(smallest)}${unit}`;
  return `${numberFormat(digits).format(value)}${unit}`;
}

/** A KPI's value with the decimals and unit of its definition: 84.82 → "85%", 0.5 → "0.50". */
export function formatKpi(def: Pick<KpiDefinition, "digits" | "unit">, value: number | null | undefined): string {
  return formatNumber(value, def.digits, def.unit);
}

export function formatDays(value: number | null | undefined): string {
  return formatNumber(value, DAYS_DIGITS);
}

/** A relative change against the baseline, signed: "+5.2%", "-3%", "0%". */
export function formatChange(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value);
  return `${text}%`;
}

/** "2026-11" → "November 2026". */
export function formatMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (!/^\d{4}-\d{2}$/.test(month) || Number.isNaN(date.getTime())) return month;
  return date.toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}
