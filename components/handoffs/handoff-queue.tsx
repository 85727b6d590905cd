"use client";

import { getCoreRowModel, useReactTable, type SortingState, type VisibilityState } from "@tanstack/react-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useOptimistic, useTransition } from "react";
import { SORTABLE, type QueuePage } from "@/lib/handoffs/queue-query";
import { COLUMNS, DEFAULT_HIDDEN } from "./queue-columns";
import { QueueFilters } from "./queue-filters";
import { QueuePagination, QueueTable } from "./queue-table";

/** Changes the queue's view: `null` or "" removes a parameter; the page resets unless told otherwise. */
export type QueueNavigate = (changes: Record<string, string | null>, resetPage?: boolean) => void;

export function HandoffQueue({ page, owners }: { page: QueuePage; owners: { id: string; name: string }[] }) {
  const { hideParam, view, pending, navigate, clearFilters } = useQueueView();
  const table = useQueueTable(page, hideParam, navigate);
  const { query } = page;
  const filtersActive = Boolean(query.q || query.stage.length || query.risk.length || query.owner || query.overdue || query.mine || query.blocked);

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <QueueFilters query={query} view={view} owners={owners} pending={pending} filtersActive={filtersActive} navigate={navigate} clearFilters={clearFilters} table={table} />
      <QueueTable table={table} page={page} pending={pending} filtersActive={filtersActive} navigate={navigate} clearFilters={clearFilters} />
      <QueuePagination page={page} view={view} navigate={navigate} />
    </div>
  );
}

/** The queue's view lives in the URL; `view` is the one requested, which controls show at once while the server renders it. */
function useQueueView() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [optimisticSearch, setOptimisticSearch] = useOptimistic(params.toString(), (_current, next: string) => next);
  const view = new URLSearchParams(optimisticSearch);

  /** Every change of view is a URL change: bookmarkable, shareable, back-button friendly. */
  const navigate: QueueNavigate = (changes, resetPage = true) => {
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
  };

  const clearFilters = () => startTransition(() => router.push(pathname));

  return { hideParam: params.get("hide"), view, pending, navigate, clearFilters };
}

/** The table over one server-sorted, server-paged page; sorting and hidden columns are kept in the URL. */
function useQueueTable(page: QueuePage, hideParam: string | null, navigate: QueueNavigate) {
  const { query } = page;
  const hidden = hideParam?.split(",").filter(Boolean) ?? DEFAULT_HIDDEN;
  const columnVisibility: VisibilityState = Object.fromEntries(hidden.map((id) => [id, false]));
  const sorting: SortingState = [{ id: query.sort, desc: query.dir === "desc" }];

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the table instance is rebuilt per render by design
  return useReactTable({
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
}
