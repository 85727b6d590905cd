import { Badge } from "@/components/ui/badge";
import { CollapsibleCard } from "@/components/ui/card";
import type { BriefPreview as Preview } from "@/lib/delivery/commands";

/** The implementation brief as it reads in Notion, for the PM reviewing it and the approver signing it off. */
export function BriefPreview({ brief, defaultOpen = false }: { brief: Preview; defaultOpen?: boolean }) {
  return (
    <CollapsibleCard
      id="brief-preview-heading"
      title="Implementation brief"
      description={`Revision ${brief.revision} · ${brief.status} · ${brief.decisions} decision${brief.decisions === 1 ? "" : "s"} in the log`}
      defaultOpen={defaultOpen}
    >
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-5 py-2.5 text-xs text-slate-600">
        <p>What is approved is exactly this revision.</p>
        <div className="flex items-center gap-3">
          {brief.approvable ? <Badge tone="green">On Notion</Badge> : <Badge tone="amber">Updating Notion…</Badge>}
          {brief.url && (
            <a href={brief.url} target="_blank" rel="noreferrer" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
              Open in Notion
            </a>
          )}
        </div>
      </div>
      {!brief.approvable && (
        <p className="border-b border-slate-100 bg-amber-50 px-5 py-2 text-sm text-amber-900" role="status">
          Notion holds {brief.published ? `revision ${brief.published}` : "no version yet"}; the page follows within a minute. The brief can be approved once it does.
        </p>
      )}
      <div className="grid gap-x-8 gap-y-4 px-5 py-4 text-sm md:grid-cols-2">
        {brief.sections.map((section) => (
          <section key={section.heading} aria-label={section.heading}>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{section.heading}</h3>
            {section.items.length === 0 ? (
              <p className="mt-1 text-slate-600">{section.empty}</p>
            ) : (
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
                {section.items.map((item, i) => (
                  <li key={i}>{item}</li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </CollapsibleCard>
  );
}
