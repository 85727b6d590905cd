"use client";

import { flexRender, type Header, type Table } from "@tanstack/react-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { controlClass } from "@/components/ui/field";
import { InboxIcon, SearchIcon } from "@/components/ui/icons";
import { PAGE_SIZES, SORTABLE, type QueuePage, type QueueRow, type SortKey } from "@/lib/handoffs/queue-query";
import type { QueueNavigate } from "./handoff-queue";

/** One page of handoffs, sortable by column header, or what to do when there are none. */
export function QueueTable({
  table,
  page,
  pending,
  filtersActive,
  navigate,
  clearFilters,
}: {
  table: Table<QueueRow>;
  page: QueuePage;
  pending: boolean;
  filtersActive: boolean;
  navigate: QueueNavigate;
  clearFilters: () => void;
}) {
  const { query } = page;
  return (
    <div className={cx("relative overflow-x-auto transition-opacity", pending && "opacity-60")} aria-busy={pending}>
      <table className="min-w-full text-sm">
        <caption className="sr-only">Handoffs, {page.total} in total, sorted by {query.sort} {query.dir === "asc" ? "ascending" : "descending"}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <ColumnHeader key={header.id} header={header} navigate={navigate} />
              ))}
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
              <Button variant="secondary" onClick={clearFilters}>
                Clear filters
              </Button>
            ) : undefined
          }
        >
          {filtersActive ? "Try a broader search or remove a filter." : "A handoff appears here as soon as a deal is closed-won in the CRM."}
        </EmptyState>
      )}
    </div>
  );
}

/** A column's header; a sortable one is a button that sorts by it, ascending first. */
function ColumnHeader({ header, navigate }: { header: Header<QueueRow, unknown>; navigate: QueueNavigate }) {
  const sortable = header.column.getCanSort() && (SORTABLE as readonly string[]).includes(header.column.id);
  const sorted = header.column.getIsSorted();
  return (
    <th scope="col" className="px-4 py-2.5" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
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
}

/** Which rows are shown, how many per page, and the way to the previous and next page. */
export function QueuePagination({ page, view, navigate }: { page: QueuePage; view: URLSearchParams; navigate: QueueNavigate }) {
  const { query } = page;
  const first = page.total === 0 ? 0 : (query.page - 1) * query.size + 1;
  const last = Math.min(page.total, query.page * query.size);
  return (
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
  );
}
