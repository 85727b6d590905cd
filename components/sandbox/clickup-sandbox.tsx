import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import type { SandboxList } from "@/lib/sandbox/tools";

/** The delivery lists the app created in the ClickUp stand-in, as ClickUp would show them. */
export function ClickUpSandbox({ lists }: { lists: SandboxList[] }) {
  if (lists.length === 0) {
    return (
      <Card>
        <EmptyState title="No delivery lists yet">A list appears here when a project manager starts the Delivery workspace stage of a handoff.</EmptyState>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      {lists.map((list) => {
        const names = new Map(list.tasks.map((t) => [t.id, t.name]));
        return (
          <Card key={list.id} id={`clickup-list-${list.id}`} aria-labelledby={`list-${list.id}`} className="scroll-mt-6">
            <CardHeader id={`list-${list.id}`} title={`${list.folder} / ${list.name}`} description={`${list.tasks.length} tasks`} />
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="px-5 py-2">Task</th>
                    <th scope="col" className="px-3 py-2">Assignee</th>
                    <th scope="col" className="px-3 py-2">Due</th>
                    <th scope="col" className="px-5 py-2">Waiting on</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {list.tasks.map((t) => (
                    <tr key={t.id}>
                      <td className="px-5 py-2 text-slate-900">
                        {t.name} <span className="ml-1 text-xs text-slate-600">{t.status.status}</span>
                      </td>
                      <td className="px-3 py-2">
                        {t.tags.some((tag) => tag.name === "client-owned") ? (
                          <Badge tone="violet">Client-owned</Badge>
                        ) : t.assignees.length ? (
                          t.assignees.map((a) => a.username ?? a.email).join(", ")
                        ) : (
                          <Badge tone="amber">Unassigned</Badge>
                        )}
                      </td>
                      <td className="px-3 py-2 text-slate-600">{t.due_date ? formatDate(new Date(Number(t.due_date))) : "—"}</td>
                      <td className="px-5 py-2 text-slate-600">{t.dependencies.waiting_on.map((id) => names.get(id) ?? id).join("; ") || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        );
      })}
    </div>
  );
}
