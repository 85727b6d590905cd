
import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { formatDate, handoffRef } from "@/components/ui/format";
import type { QueueRow } from "@/lib/handoffs/queue-query";
import { HandoffStatusBadge, RiskBadge, StageStatusBadge, stageLabel } from "./labels";

const column = createColumnHelper<QueueRow>();

/** The queue's columns, in order; their headers also name them in the Columns menu. */
export const COLUMNS = [
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

/** Columns hidden until the URL says otherwise (`hide=`). */
export const DEFAULT_HIDDEN = ["customerName", "closedWonAt", "updatedAt"];
