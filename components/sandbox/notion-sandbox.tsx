import { Card, CardHeader, EmptyState } from "@/components/ui/card";
import type { SandboxBlock, SandboxPage } from "@/lib/sandbox/tools";

function Block({ block }: { block: SandboxBlock }) {
  const children = block.children?.length ? (
    <div className="ml-1 mt-1 space-y-1">
      {block.children.map((c, i) => (
        <Block key={i} block={c} />
      ))}
    </div>
  ) : null;
  switch (block.type) {
    case "heading_1":
    case "heading_2":
      return <h3 className="pt-3 text-base font-semibold text-slate-900">{block.text}</h3>;
    case "heading_3":
      return <h4 className="pt-2 text-sm font-semibold text-slate-900">{block.text}</h4>;
    case "bulleted_list_item":
    case "numbered_list_item":
      return <p className="pl-4 text-sm text-slate-700 before:mr-2 before:content-['•']">{block.text}</p>;
    case "to_do":
      return (
        <p className="pl-4 text-sm text-slate-700">
          <span aria-hidden="true">{block.checked ? "☑" : "☐"}</span> {block.text}
        </p>
      );
    case "divider":
      return <hr className="my-3 border-slate-200" />;
    case "callout":
      return (
        <div className="rounded-md bg-slate-50 p-3">
          <p className="text-xs text-slate-500">{block.text}</p>
          {children}
        </div>
      );
    default:
      return (
        <div>
          <p className="text-sm text-slate-700">{block.text}</p>
          {children}
        </div>
      );
  }
}

/** The brief pages in the Notion stand-in, rendered roughly as Notion shows them. */
export function NotionSandbox({ pages }: { pages: SandboxPage[] }) {
  if (pages.length === 0) {
    return (
      <Card>
        <EmptyState title="No implementation briefs yet">A brief appears here when a project manager starts the Implementation brief stage of a handoff.</EmptyState>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      {pages.map((page) => (
        <Card key={page.id} id={`notion-page-${page.id}`} aria-labelledby={`page-${page.id}`} className="scroll-mt-6">
          <CardHeader id={`page-${page.id}`} title={page.title} />
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 border-b border-slate-100 px-5 py-3 text-sm sm:grid-cols-3">
            {Object.entries(page.properties)
              .filter(([name]) => name !== "Name")
              .map(([name, value]) => (
                <div key={name}>
                  <dt className="text-xs text-slate-500">{name}</dt>
                  <dd className="truncate text-slate-800">{value === null || value === "" ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value)}</dd>
                </div>
              ))}
          </dl>
          <div className="space-y-1 px-5 py-4">
            {page.blocks.map((b, i) => (
              <Block key={i} block={b} />
            ))}
          </div>
        </Card>
      ))}
    </div>
  );
}
