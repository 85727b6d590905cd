"use client";

import { useRouter } from "next/navigation";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardHeader } from "@/components/ui/card";
import { axisFor, chartPoints } from "@/lib/kpi/chart";
import type { KpiDefinition } from "@/lib/kpi/definitions";
import { drillHref } from "@/lib/kpi/drill";
import type { KpiFilters } from "@/lib/kpi/filters";
import { formatKpi, formatNumber } from "@/lib/kpi/format";
import type { WeekRow } from "@/lib/kpi/queries";

const short = (week: string) => new Date(`${week}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

// slate-600 and blue-600: readable on white (WCAG AA).
const TICK = { fontSize: 11, fill: "#475569" };
const LINE = "#2563eb";

/**
 * One KPI by week across the card's full width, the baseline as a dashed line and the definition
 * as a caption below. A week without data is a gap in the line; a point opens the handoffs behind it.
 */
export function KpiChart({ def, weeks, baseline, filters }: { def: KpiDefinition; weeks: WeekRow[]; baseline: number | null; filters: KpiFilters }) {
  const router = useRouter();
  const data = chartPoints(weeks, def.key).map((p) => ({ ...p, label: short(p.week) }));
  const hasData = data.some((d) => d.value !== null);
  const axis = axisFor(def, [...data.map((d) => d.value), baseline]);
  const tick = (v: number) => formatNumber(v, axis.digits, def.unit);
  const headingId = `kpi-${def.key}`;
  return (
    <Card aria-labelledby={headingId} className="min-w-0">
      <CardHeader id={headingId} title={def.label} description={def.target ? `Target: ${def.target.text}` : "No target set"} />
      <div className="px-2 pt-4 sm:px-4">
        <div className="h-48 w-full sm:h-56">
          {hasData ? (
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title={`${def.label} by week`} desc={def.summary}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
                <XAxis dataKey="label" tick={TICK} tickLine={false} interval="preserveStartEnd" minTickGap={16} />
                <YAxis tick={TICK} tickLine={false} width={def.unit ? 44 : 40} domain={[0, axis.max]} ticks={axis.ticks} tickFormatter={tick} allowDataOverflow />
                <Tooltip formatter={(v) => [typeof v === "number" ? formatKpi(def, v) : "No data", def.label]} />
                {baseline !== null && (
                  <ReferenceLine y={Math.min(baseline, axis.max)} stroke="#6d28d9" strokeDasharray="6 4" label={{ value: `Baseline ${formatKpi(def, baseline)}`, position: "insideTopRight", fontSize: 11, fill: "#6d28d9" }} />
                )}
                <Line
                  type="linear"
                  dataKey="value"
                  stroke={LINE}
                  strokeWidth={2}
                  // Every week with data has its dot (a lone week between gaps is still seen), and each
                  // dot is a link to the handoffs behind it: clickable and reachable by keyboard.
                  dot={(props: { cx?: number; cy?: number; index?: number }) => {
                    const point = data[props.index ?? -1];
                    if (props.cx === undefined || props.cy === undefined || !point || point.value === null) return <g key={`dot-${props.index}`} />;
                    const open = () => router.push(drillHref(def.key, point.week, filters));
                    return (
                      <circle
                        key={`dot-${props.index}`}
                        cx={props.cx}
                        cy={props.cy}
                        r={4}
                        fill={LINE}
                        stroke="#fff"
                        strokeWidth={1.5}
                        role="link"
                        tabIndex={0}
                        aria-label={`${def.label}, week of ${point.label}: ${formatKpi(def, point.value)}. Open the handoffs.`}
                        className="cursor-pointer outline-none focus:stroke-brand-700 focus:[stroke-width:3px]"
                        onClick={open}
                        onKeyDown={(e) => {
                          if (e.key === "Enter" || e.key === " ") {
                            e.preventDefault();
                            open();
                          }
                        }}
                      />
                    );
                  }}
                  activeDot={false}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          ) : (
            <p className="flex h-full items-center justify-center rounded-md bg-slate-50 px-4 text-center text-sm text-slate-600">No data for this period and these filters.</p>
          )}
        </div>
      </div>
      <div className="space-y-1 px-5 pb-4 pt-2 text-xs text-slate-600">
        <p>
          {def.summary}
          {hasData && " Gaps are weeks with nothing to measure; a point opens the handoffs behind it."}
        </p>
        <details className="group">
          <summary className="cursor-pointer font-medium text-brand-700 hover:underline">How it is measured</summary>
          <p className="mt-1 text-slate-700">{def.definition}</p>
        </details>
      </div>
    </Card>
  );
}
