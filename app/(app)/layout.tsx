import { AppShell } from "@/components/layout/app-shell";
import { requirePageActor } from "@/lib/auth/session";
import { can, ROLE_LABEL } from "@/lib/auth/roles";
import { countInbox } from "@/lib/handoffs/approvals";
import { sandboxEnabled } from "@/lib/sandbox/hubspot";
import { toolSandboxes } from "@/lib/sandbox/tools";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  const inbox = await countInbox(actor);
  const nav = [
    { href: "/handoffs", label: "Handoff queue", show: can(actor.role, "handoffs:view") },
    { href: "/approvals", label: "Approvals", show: can(actor.role, "approvals:inbox"), count: inbox },
    { href: "/dashboard", label: "Dashboard", show: can(actor.role, "dashboard:view") },
    { href: "/qa", label: "Handoff QA", show: can(actor.role, "qa:view") },
    { href: "/operations", label: "Operations", show: can(actor.role, "operations:view") },
    { href: "/settings/intake", label: "Intake policy", show: can(actor.role, "policy:edit") },
    { href: "/settings/template", label: "Task template", show: can(actor.role, "template:edit") },
    { href: "/settings/assignment", label: "Assignment", show: can(actor.role, "assignment:edit") },
    { href: "/settings/people", label: "People", show: can(actor.role, "people:manage") },
    { href: "/settings/connections", label: "Connections", show: can(actor.role, "connections:manage") },
    { href: "/settings/audit", label: "Audit trail", show: can(actor.role, "audit:verify") },
    { href: "/sandbox", label: "Sandbox", show: can(actor.role, "sandbox:use") && (sandboxEnabled() || toolSandboxes().length > 0) },
  ]
    .filter((item) => item.show)
    .map(({ show: _show, ...item }) => item);
  return (
    <AppShell nav={nav} user={{ name: actor.name, role: ROLE_LABEL[actor.role] }}>
      {children}
    </AppShell>
  );
}
