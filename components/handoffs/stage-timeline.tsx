import { cx } from "@/components/ui/cx";
import { formatDate } from "@/components/ui/format";
import type { HandoffDetail } from "@/lib/handoffs/detail";
import { STAGE_STATUS_LABEL } from "@/lib/rules/stages";

/**
 * The six stages in order, each with its gate state. The current stage links to its gate at
 * the top of the page; the others to their record under “Quality gates”.
 */
export function StageTimeline({ stages }: { stages: HandoffDetail["stages"] }) {
  return (
    <nav aria-label="Stages">
      <ol className="grid grid-cols-3 gap-1.5 sm:gap-2 xl:grid-cols-6">
        {stages.map((s, i) => {
          const approved = s.status === "APPROVED";
          return (
            <li key={s.key} className="min-w-0">
              <a
                href={s.isCurrent ? "#gate-heading" : `#stage-${s.key}`}
                aria-current={s.isCurrent ? "step" : undefined}
                className={cx(
                  "block h-full rounded-md border px-2 py-1.5 text-left hover:border-brand-500 sm:px-3 sm:py-2",
                  s.isCurrent ? "border-brand-500 bg-brand-50" : approved ? "border-emerald-200 bg-white" : "border-slate-200 bg-white",
                )}
              >
                <span className="flex items-center gap-1.5 text-xs font-medium text-slate-600">
                  <span
                    className={cx(
                      "flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-[10px] font-bold",
                      approved ? "bg-emerald-700 text-white" : s.isCurrent ? "bg-brand-600 text-white" : "bg-slate-200 text-slate-700",
                    )}
                    aria-hidden="true"
                  >
                    {approved ? "✓" : i + 1}
                  </span>
                  <span className="hidden truncate sm:inline">{s.tool ?? "In app"}</span>
                </span>
                <span className="mt-1 block hyphens-auto break-words text-xs font-semibold text-slate-900 sm:text-sm">{s.label}</span>
                <span className="block text-xs text-slate-700">
                  {s.isCurrent || approved || s.startedAt ? STAGE_STATUS_LABEL[s.status] : "Not reached"}
                  {approved && s.decidedAt && <span className="hidden sm:inline"> · {formatDate(s.decidedAt)}</span>}
                </span>
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** A finished or upcoming stage's gate, read-only: evidence and sign-offs with who and when. */
export function StageRecord({ stage }: { stage: HandoffDetail["stages"][number] }) {
  return (
    <div id={`stage-${stage.key}`} className="scroll-mt-6 px-5 py-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{stage.label}</h3>
        <span className="text-xs text-slate-600">
          {stage.status === "APPROVED"
            ? `Approved by ${stage.decidedBy ?? "—"} on ${formatDate(stage.decidedAt)} · submitted by ${stage.submittedBy ?? "—"}`
            : stage.startedAt
              ? STAGE_STATUS_LABEL[stage.status]
              : "Not reached yet"}
        </span>
      </div>
      <ul className="mt-2 space-y-1 text-sm">
        {stage.requirements.map((r) => {
          const item = r.items.at(-1);
          return (
            <li key={r.key} className="flex gap-2">
              <span aria-hidden="true" className={item ? "text-emerald-700" : "text-slate-500"}>
                {item ? "✓" : "○"}
              </span>
              <span className="text-slate-700">
                {r.label}
                <span className="sr-only">{item ? " (captured)" : " (missing)"}</span>
                {item?.url && (
                  <>
                    {" — "}
                    <a className="text-brand-700 underline underline-offset-2" href={item.url} target="_blank" rel="noreferrer">
                      link
                    </a>
                  </>
                )}
                {item?.note && <span className="text-slate-600"> — “{item.note}”</span>}
              </span>
            </li>
          );
        })}
        {stage.snapshots.map((s) => (
          <li key={s.id} className="flex gap-2">
            <span aria-hidden="true" className="text-emerald-700">
              ✓
            </span>
            <span className="text-slate-700">
              {s.label}
              {s.url && (
                <>
                  {" — "}
                  <a className="text-brand-700 underline underline-offset-2" href={s.url} target="_blank" rel="noreferrer">
                    link
                  </a>
                </>
              )}
              {s.note && <span className="text-slate-600"> — {s.note}</span>}
            </span>
          </li>
        ))}
      </ul>
      {stage.approvals.length > 0 && (
        <ul className="mt-2 space-y-1 border-l-2 border-slate-100 pl-3 text-xs text-slate-600">
          {stage.approvals.map((a) => (
            <li key={a.id}>
              {a.decision === "APPROVED" ? "Approved" : "Changes requested"} by {a.actor} on {formatDate(a.at)}
              {a.comment && <> — “{a.comment}”</>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
