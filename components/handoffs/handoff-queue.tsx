"use client";

import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type SortingState,
  type VisibilityState,
} from "@tanstack/react-table";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useOptimistic, useRef, useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { controlClass, inputClass } from "@/components/ui/field";
import { InboxIcon, SearchIcon } from "@/components/ui/icons";
import { formatDate, handoffRef } from "@/components/ui/format";
import { STAGES } from "@/lib/handoffs/stages";
import { PAGE_SIZES, SORTABLE, type QueuePage, type QueueRow, type SortKey } from "@/lib/handoffs/queue-query";
import { HandoffStatusBadge, RISK_LABEL, RiskBadge, StageStatusBadge, stageLabel } from "./labels";

const column = createColumnHelper<QueueRow>();

const COLUMNS = [
  column.accessor("number", {
    header: "Ref",
    cell: (c) => <span className="whitespace-nowrap font-mono text-xs text-slate-600">{handoffRef(c.getValue())}</span>,
  }),
  column.accessor("title", {
    header: "Handoff",
    enableHiding: false,
    cell: (c) => (
      <div className="min-w-56">
        <Link href={`/handoffs/${c.row.original.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
          {c.getValue()}
        </Link>
        {c.row.original.intakeIssueCount > 0 && (
          <p className="text-xs text-red-700">
            {c.row.original.intakeIssueCount} intake problem{c.row.original.intakeIssueCount === 1 ? "" : "s"}
          </p>
        )}
      </div>
    ),
  }),
  column.accessor("customerName", { header: "Customer" }),
  column.accessor("stage", {
    header: "Stage",
    cell: (c) => (
      <div className="space-y-1">
        <p className="whitespace-nowrap text-sm">{stageLabel(c.getValue())}</p>
        {c.row.original.status === "IN_PROGRESS" ? (
          <StageStatusBadge status={c.row.original.stageStatus as never} />
        ) : (
          <HandoffStatusBadge status={c.row.original.status as never} />
        )}
      </div>
    ),
  }),
  column.accessor("riskLevel", { header: "Risk", cell: (c) => <RiskBadge level={c.getValue()} /> }),
  column.accessor("owner", { header: "Owner", enableSorting: false, cell: (c) => c.getValue() ?? "—" }),
  column.accessor("waitingOn", {
    header: "Waiting on",
    enableSorting: false,
    cell: (c) =>
      c.row.original.waitingOnMe ? <Badge tone="violet">You</Badge> : <span className="text-slate-600">{c.getValue() ?? "—"}</span>,
  }),
  column.accessor("dueAt", {
    header: "Gate due",
    cell: (c) => (
      <span className={cx("whitespace-nowrap", c.row.original.overdue && "font-medium text-red-700")}>
        {formatDate(c.getValue())}
        {c.row.original.overdue && <span className="ml-1 text-xs">(overdue)</span>}
      </span>
    ),
  }),
  column.accessor("promisedKickoffAt", { header: "Promised kickoff", cell: (c) => <span className="whitespace-nowrap">{formatDate(c.getValue())}</span> }),
  column.accessor("closedWonAt", { header: "Closed won", cell: (c) => <span className="whitespace-nowrap">{formatDate(c.getValue())}</span> }),
  column.accessor("updatedAt", { header: "Updated", cell: (c) => <span className="whitespace-nowrap">{formatDate(c.getValue())}</span> }),
];

const DEFAULT_HIDDEN = ["customerName", "closedWonAt", "updatedAt"];

export function HandoffQueue({ page, owners }: { page: QueuePage; owners: { id: string; name: string }[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const { query } = page;

  // Controls show the requested view at once, while the server renders it.
  const [optimisticSearch, setOptimisticSearch] = useOptimistic(params.toString(), (_current, next: string) => next);
  const view = new URLSearchParams(optimisticSearch);

  /** Every change of view is a URL change: bookmarkable, shareable, back-button friendly. */
  function navigate(changes: Record<string, string | null>, resetPage = true) {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === "") next.delete(key);
      else next.set(key, value);
    }
    if (resetPage && !("page" in changes)) next.delete("page");
    const qs = next.toString();
    startTransition(() => {
      setOptimisticSearch(qs);
      router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    });
  }

  const hidden = params.get("hide")?.split(",").filter(Boolean) ?? DEFAULT_HIDDEN;
  const columnVisibility: VisibilityState = Object.fromEntries(hidden.map((id) => [id, false]));
  const sorting: SortingState = [{ id: query.sort, desc: query.dir === "desc" }];

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the table instance is rebuilt per render by design
  const table = useReactTable({
    data: page.rows,
    columns: COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    pageCount: page.pageCount,
    state: { sorting, columnVisibility, pagination: { pageIndex: query.page - 1, pageSize: query.size } },
    enableSortingRemoval: false,
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (first && (SORTABLE as readonly string[]).includes(first.id)) navigate({ sort: first.id, dir: first.desc ? "desc" : "asc" });
    },
    onColumnVisibilityChange: (updater) => {
      const next = typeof updater === "function" ? updater(columnVisibility) : updater;
      const hide = Object.entries(next)
        .filter(([, visible]) => !visible)
        .map(([id]) => id);
      navigate({ hide: hide.join(",") || "none" }, false);
    },
  });

  const filtersActive = Boolean(query.q || query.stage.length || query.risk.length || query.owner || query.overdue || query.mine || query.blocked);
  const first = page.total === 0 ? 0 : (query.page - 1) * query.size + 1;
  const last = Math.min(page.total, query.page * query.size);

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
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
            <Button variant="ghost" size="sm" onClick={() => startTransition(() => router.push(pathname))}>
              Clear filters
            </Button>
          )}
          <ColumnMenu table={table} />
        </div>
      </div>

      <div className={cx("relative overflow-x-auto transition-opacity", pending && "opacity-60")} aria-busy={pending}>
        <table className="min-w-full text-sm">
          <caption className="sr-only">Handoffs, {page.total} in total, sorted by {query.sort} {query.dir === "asc" ? "ascending" : "descending"}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sortable = header.column.getCanSort() && (SORTABLE as readonly string[]).includes(header.column.id);
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className="px-4 py-2.5"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    >
                      {sortable ? (
                        <button
                          type="button"
                          className="inline-flex items-center gap-1 uppercase hover:text-slate-800"
                          onClick={() => navigate({ sort: header.column.id as SortKey, dir: sorted === "asc" ? "desc" : "asc" })}
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50/70">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-4 py-3 align-top text-slate-700">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 && (
          <EmptyState
            title={filtersActive ? "No handoffs match these filters" : "No handoffs yet"}
            icon={filtersActive ? <SearchIcon /> : <InboxIcon />}
            action={
              filtersActive ? (
                <Button variant="secondary" onClick={() => startTransition(() => router.push(pathname))}>
                  Clear filters
                </Button>
              ) : undefined
            }
          >
            {filtersActive ? "Try a broader search or remove a filter." : "A handoff appears here as soon as a deal is closed-won in the CRM."}
          </EmptyState>
        )}
      </div>

      <nav className="flex flex-wrap items-center justify-between gap-x-4 gap-y-3 border-t border-slate-100 px-4 py-3 text-sm text-slate-700" aria-label="Pagination">
        <p aria-live="polite">
          {page.total === 0 ? "No results" : `Showing ${first}–${last} of ${page.total.toLocaleString("en-US")}`}
        </p>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <label className="flex shrink-0 items-center gap-2 whitespace-nowrap">
            <span>Rows per page</span>
            <select className={cx(controlClass, "w-20 py-1 pr-7")} value={view.get("size") ?? String(query.size)} onChange={(e) => navigate({ size: e.target.value })}>
              {PAGE_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <Button variant="secondary" size="sm" disabled={query.page <= 1} onClick={() => navigate({ page: String(query.page - 1) }, false)}>
            Previous
          </Button>
          <span className="whitespace-nowrap">
            Page {query.page} of {page.pageCount}
          </span>
          <Button variant="secondary" size="sm" disabled={query.page >= page.pageCount} onClick={() => navigate({ page: String(query.page + 1) }, false)}>
            Next
          </Button>
        </div>
      </nav>
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

function ColumnMenu({ table }: { table: ReturnType<typeof useReactTable<QueueRow>> }) {
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
