import { Badge } from "@/components/ui/badge";
import { formatDate, formatSpan } from "@/components/ui/format";
import { ClockIcon } from "@/components/ui/icons";

/** How long an item has waited for a decision, and whether its stage is past its SLA. */
export function WaitingLabel({ waitedMs, dueAt, overdue }: { waitedMs: number; dueAt: string | null; overdue: boolean }) {
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <Badge tone={overdue ? "red" : "slate"} className="text-xs">
        <ClockIcon className="h-3.5 w-3.5" />
        Waiting {formatSpan(waitedMs)}
      </Badge>
      {dueAt && (
        <span className={overdue ? "text-xs font-medium text-red-700" : "text-xs text-slate-600"}>
          {overdue ? `Past its SLA: due ${formatDate(dueAt)}` : `Due ${formatDate(dueAt)}`}
        </span>
      )}
    </div>
  );
}
