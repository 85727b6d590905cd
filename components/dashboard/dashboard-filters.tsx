"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { COHORT_LABEL, COHORTS, filtersToParams, PERIOD_LIMITS, type KpiFilters } from "@/lib/kpi/filters";

interface Options {
  teams: string[];
  segments: string[];
  pipelines: string[];
  owners: { id: string; name: string }[];
}

const LABEL = "min-w-0 text-xs font-medium text-slate-700";
const FIRST_DAY = `${PERIOD_LIMITS.firstYear}-01-01`;
const LAST_DAY = `${PERIOD_LIMITS.lastYear}-12-31`;

/** A date field's text while it is edited, reset whenever the URL's date changes (Back, say). */
function useDraft(value: string) {
  const [draft, setDraft] = useState(value);
  const [from, setFrom] = useState(value);
  if (from !== value) {
    setFrom(value);
    setDraft(value);
  }
  return [draft, setDraft] as const;
}

/**
 * Period, team, owner, segment, pipeline and cohort: kept in the URL like the queue's filters.
 * A period that cannot be shown is explained right under the dates, instead of the data.
 */
export function DashboardFilters({ filters, options, period, problem }: { filters: KpiFilters; options: Options; period: { from: string; to: string }; problem?: string | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const set = (key: keyof KpiFilters, value: string) => {
    const qs = filtersToParams({ ...filters, [key]: value || undefined }).toString();
    startTransition(() => router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  };
  const [from, setFrom] = useDraft(filters.from ?? period.from);
  const [to, setTo] = useDraft(filters.to ?? period.to);
  // While a year is being typed (0002, 0020, 0202…) the field holds dates nobody meant: wait for a whole one.
  const setDay = (key: "from" | "to", value: string) => {
    (key === "from" ? setFrom : setTo)(value);
    if (value === "" || (value >= FIRST_DAY && value <= LAST_DAY)) set(key, value);
  };
  const dateProps = {
    min: FIRST_DAY,
    max: LAST_DAY,
    "aria-invalid": problem ? true : undefined,
    "aria-describedby": problem ? "period-problem" : undefined,
  } as const;
  const select = (key: "team" | "segment" | "pipeline", label: string, values: string[]) => (
    <label className={LABEL}>
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
    <div className="space-y-3">
      <form className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-4 lg:grid-cols-7" aria-label="Dashboard filters" onSubmit={(e) => e.preventDefault()}>
        <label className={LABEL}>
          From
          <input type="date" className={`${inputClass} mt-1 min-w-0`} value={from} onChange={(e) => setDay("from", e.target.value)} {...dateProps} />
        </label>
        <label className={LABEL}>
          To
          <input type="date" className={`${inputClass} mt-1 min-w-0`} value={to} onChange={(e) => setDay("to", e.target.value)} {...dateProps} />
        </label>
        {select("team", "Team", options.teams)}
        <label className={LABEL}>
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
        <label className={LABEL}>
          <span className="flex items-center gap-2">
            Cohort {pending && <Spinner className="h-3 w-3 text-brand-600" />}
          </span>
          <select className={`${inputClass} mt-1`} value={filters.cohort} onChange={(e) => set("cohort", e.target.value)}>
            {COHORTS.map((c) => (
              <option key={c} value={c}>
                {COHORT_LABEL[c]}
              </option>
            ))}
          </select>
        </label>
      </form>
      {problem && (
        <div id="period-problem">
          <Alert title="This period cannot be shown">{problem}</Alert>
        </div>
      )}
    </div>
  );
}
