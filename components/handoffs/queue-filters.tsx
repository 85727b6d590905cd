"use client";

import type { Table } from "@tanstack/react-table";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button, Spinner } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { controlClass, inputClass } from "@/components/ui/field";
import { STAGES } from "@/lib/rules/stages";
import type { QueueQuery, QueueRow } from "@/lib/handoffs/queue-query";
import { RISK_LABEL } from "./labels";
import type { QueueNavigate } from "./handoff-queue";

/** The queue's search, filters and column menu; every change is a change of URL. */
export function QueueFilters({
  query,
  view,
  owners,
  pending,
  filtersActive,
  navigate,
  clearFilters,
  table,
}: {
  query: QueueQuery;
  view: URLSearchParams;
  owners: { id: string; name: string }[];
  pending: boolean;
  filtersActive: boolean;
  navigate: QueueNavigate;
  clearFilters: () => void;
  table: Table<QueueRow>;
}) {
  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-slate-100 p-4" role="search" aria-label="Filter handoffs">
      <SearchBox initial={query.q ?? ""} onSearch={(q) => navigate({ q })} />
      <FilterSelect
        label="Stage"
        value={view.get("stage")?.split(",")[0] ?? ""}
        onChange={(v) => navigate({ stage: v })}
        options={STAGES.map((s) => ({ value: s.key, label: s.label }))}
        allLabel="All stages"
      />
      <FilterSelect
        label="Risk"
        value={view.get("risk")?.split(",")[0] ?? ""}
        onChange={(v) => navigate({ risk: v })}
        options={(["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const).map((r) => ({ value: r, label: RISK_LABEL[r] }))}
        allLabel="Any risk"
      />
      <FilterSelect
        label="Owner"
        value={view.get("owner") ?? ""}
        onChange={(v) => navigate({ owner: v })}
        options={owners.map((o) => ({ value: o.id, label: o.name }))}
        allLabel="Anyone"
      />
      <fieldset className="flex flex-wrap items-center gap-3 pb-2">
        <legend className="sr-only">Quick filters</legend>
        <Toggle label="Waiting for me" checked={view.get("mine") === "1"} onChange={(on) => navigate({ mine: on ? "1" : null })} />
        <Toggle label="Overdue" checked={view.get("overdue") === "1"} onChange={(on) => navigate({ overdue: on ? "1" : null })} />
        <Toggle label="Intake blocked" checked={view.get("blocked") === "1"} onChange={(on) => navigate({ blocked: on ? "1" : null })} />
      </fieldset>
      <div className="ml-auto flex items-center gap-2 pb-0.5">
        {pending && <Spinner className="text-brand-600" />}
        {filtersActive && (
          <Button variant="ghost" size="sm" onClick={clearFilters}>
            Clear filters
          </Button>
        )}
        <ColumnMenu table={table} />
      </div>
    </div>
  );
}

function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const [value, setValue] = useState(initial);
  const latest = useRef(onSearch);
  const applied = useRef(initial);

  useEffect(() => {
    latest.current = onSearch;
  });

  useEffect(() => {
    if (value.trim() === applied.current) return;
    const timer = setTimeout(() => {
      applied.current = value.trim();
      latest.current(value.trim());
    }, 300);
    return () => clearTimeout(timer);
  }, [value]);

  return (
    <label className="w-full sm:w-auto sm:min-w-64 sm:flex-1">
      <span className="mb-1 block text-xs font-medium text-slate-700">Search</span>
      <input
        type="search"
        className={inputClass}
        placeholder="Customer, handoff or HO-123"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            applied.current = value.trim();
            onSearch(value.trim());
          }
        }}
      />
    </label>
  );
}

function FilterSelect({
  label,
  value,
  onChange,
  options,
  allLabel,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  allLabel: string;
}) {
  return (
    <label className="min-w-36 flex-1 sm:flex-none">
      <span className="mb-1 block text-xs font-medium text-slate-700">{label}</span>
      <select className={cx(controlClass, "w-full sm:w-44")} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="inline-flex cursor-pointer items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" className="h-4 w-4 rounded border-slate-300 accent-brand-600" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

function ColumnMenu({ table }: { table: Table<QueueRow> }) {
  const columns = useMemo(() => table.getAllLeafColumns().filter((c) => c.getCanHide()), [table]);
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
        Columns
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-52 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <fieldset>
          <legend className="px-1 pb-1 text-xs font-medium text-slate-600">Show columns</legend>
          {columns.map((c) => (
            <label key={c.id} className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
              <input type="checkbox" className="accent-brand-600" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
              {String(c.columnDef.header)}
            </label>
          ))}
        </fieldset>
      </div>
    </details>
  );
}
