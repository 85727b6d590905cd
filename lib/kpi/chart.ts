import type { KpiDefinition, KpiKey } from "./definitions.ts";
import type { WeekRow } from "./queries.ts";

/**
 * What a KPI chart plots, shared by the dashboard's charts and the proof brief's: one point per
 * week, a week without data left empty (a gap, never a zero), and a value axis that fits the
 * measure. Client-safe.
 */

export interface ChartPoint {
  /** Monday, YYYY-MM-DD. */
  week: string;
  /** Null when the week has nothing to measure: the line breaks there. */
  value: number | null;
}

export function chartPoints(weeks: readonly WeekRow[], key: KpiKey): ChartPoint[] {
  return weeks.map((w) => {
    const value = w[key];
    return { week: w.week, value: typeof value === "number" && Number.isFinite(value) ? value : null };
  });
}

/** The runs of consecutive weeks with a value, by index: each is drawn as its own line. */
export function segments(values: readonly (number | null)[]): { index: number; value: number }[][] {
  const runs: { index: number; value: number }[][] = [];
  let run: { index: number; value: number }[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push({ index, value });
  });
  if (run.length) runs.push(run);
  return runs;
}

export interface Axis {
  max: number;
  /** From 0 to max, evenly spaced. */
  ticks: number[];
  /** Decimals a tick label needs. */
  digits: number;
}

const decimals = (step: number) => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

/**
 * The value axis: 0–100 for a percentage or a score, otherwise from 0 to a round number just
 * above the highest value shown (the baseline included), in about four steps of 1, 2 or 5.
 */
export function axisFor(def: Pick<KpiDefinition, "max" | "digits">, values: readonly (number | null)[]): Axis {
  if (def.max !== undefined) {
    const step = def.max / 4;
    return { max: def.max, ticks: [0, 1, 2, 3, 4].map((i) => i * step), digits: decimals(step) };
  }
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  // Nothing above zero: a small axis at the measure's own precision (0–0.1 for two decimals).
  const top = Math.max(0, ...known) || 10 ** -def.digits * 10;
  const raw = top / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw - 1e-12) ?? 10 * magnitude;
  const count = Math.max(1, Math.ceil(top / step - 1e-9));
  const digits = decimals(step);
  const ticks = Array.from({ length: count + 1 }, (_, i) => Number((i * step).toFixed(digits + 2)));
  return { max: ticks[count], ticks, digits };
}
