"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { Spinner } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { COHORT_LABEL, COHORTS, filtersToParams, type KpiFilters } from "@/lib/kpi/filters";

interface Options {
  teams: string[];
  segments: string[];
  pipelines: string[];
  owners: { id: string; name: string }[];
}

/** Period, team, owner, segment, pipeline and cohort: kept in the URL like the queue's filters. */
export function DashboardFilters({ filters, options, period }: { filters: KpiFilters; options: Options; period: { from: string; to: string } }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const set = (key: keyof KpiFilters, value: string) => {
    const qs = filtersToParams({ ...filters, [key]: value || undefined }).toString();
    startTransition(() => router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  };
  const select = (key: "team" | "segment" | "pipeline", label: string, values: string[]) => (
    <label className="text-xs font-medium text-slate-600">
      {label}
      <select className={`${inputClass} mt-1`} value={filters[key] ?? ""} onChange={(e) => set(key, e.target.value)}>
        <option value="">All</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-4 lg:grid-cols-7" aria-label="Dashboard filters" onSubmit={(e) => e.preventDefault()}>
      <label className="text-xs font-medium text-slate-600">
        From
        <input type="date" className={`${inputClass} mt-1`} value={filters.from ?? period.from} onChange={(e) => set("from", e.target.value)} />
      </label>
      <label className="text-xs font-medium text-slate-600">
        To
        <input type="date" className={`${inputClass} mt-1`} value={filters.to ?? period.to} onChange={(e) => set("to", e.target.value)} />
      </label>
      {select("team", "Team", options.teams)}
      <label className="text-xs font-medium text-slate-600">
        Owner
        <select className={`${inputClass} mt-1`} value={filters.owner ?? ""} onChange={(e) => set("owner", e.target.value)}>
          <option value="">Everyone</option>
          {options.owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      {select("segment", "Segment", options.segments)}
      {select("pipeline", "Pipeline", options.pipelines)}
      <label className="text-xs font-medium text-slate-600">
        <span className="flex items-center gap-2">Cohort {pending && <Spinner className="h-3 w-3 text-brand-600" />}</span>
        <select className={`${inputClass} mt-1`} value={filters.cohort} onChange={(e) => set("cohort", e.target.value)}>
          {COHORTS.map((c) => (
            <option key={c} value={c}>
              {COHORT_LABEL[c]}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
