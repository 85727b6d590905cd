"use client";

import { useRouter } from "next/navigation";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardHeader } from "@/components/ui/card";
import type { KpiDefinition } from "@/lib/kpi/definitions";
import { drillHref } from "@/lib/kpi/drill";
import type { KpiFilters } from "@/lib/kpi/filters";
import type { WeekRow } from "@/lib/kpi/queries";

const short = (week: string) => new Date(`${week}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** One KPI by week, with its definition beside it and the baseline as a line; a point opens the handoffs behind it. */
export function KpiChart({ def, weeks, baseline, filters }: { def: KpiDefinition; weeks: WeekRow[]; baseline: number | null; filters: KpiFilters }) {
  const router = useRouter();
  const data = weeks.map((w) => ({ week: w.week, label: short(w.week), value: w[def.key] }));
  const hasData = data.some((d) => d.value !== null);
  return (
    <Card aria-labelledby={`kpi-${def.key}`}>
      <CardHeader id={`kpi-${def.key}`} title={def.label} description={def.target ? `Target: ${def.target.text}` : "No target set"} />
      <div className="grid gap-4 px-5 py-4 lg:grid-cols-[minmax(0,1fr)_14rem]">
        <div className="h-56">
          {hasData ? (
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} />
                <YAxis tick={{ fontSize: 11, fill: "#64748b" }} />
                <Tooltip formatter={(v) => [`${v}${def.unit}`, def.label]} />
                {baseline !== null && <ReferenceLine y={baseline} stroke="#7c3aed" strokeDasharray="6 4" label={{ value: "Baseline", position: "insideTopRight", fontSize: 11, fill: "#7c3aed" }} />}
                <Line
                  type="monotone"
                  dataKey="value"
                  stroke="#2563eb"
                  strokeWidth={2}
                  // Each point is a link to the handoffs behind it: clickable and reachable by keyboard.
                  dot={(props: { cx?: number; cy?: number; index?: number; value?: number | null }) => {
                    const point = data[props.index ?? -1];
                    if (props.cx === undefined || props.cy === undefined || !point || point.value === null) return <g key={`dot-${props.index}`} />;
                    const open = () => router.push(drillHref(def.key, point.week, filters));
                    return (
                      <circle
                        key={`dot-${props.index}`}
                        cx={props.cx}
                        cy={props.cy}
                        r={4}
                        fill="#2563eb"
                        stroke="#fff"
                        strokeWidth={1.5}
                        role="link"
                        tabIndex={0}
                        aria-label={`${def.label}, week of ${point.label}: ${point.value}${def.unit}. Open the handoffs.`}
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
                  connectNulls
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          ) : (
            <p className="flex h-full items-center justify-center rounded-md bg-slate-50 text-sm text-slate-500">No data for this period and these filters.</p>
          )}
        </div>
        <div className="space-y-2 text-sm">
          <p className="text-slate-600">{def.definition}</p>
          {hasData && <p className="text-xs text-slate-500">Click a point (or a week in the table below) to open the handoffs behind it.</p>}
        </div>
      </div>
    </Card>
  );
}
