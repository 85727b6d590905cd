import type { Assignment } from "../handoffs/stages.ts";
import { kickoffDate, type DeliveryModel, type Person } from "./model.ts";
import { ALL_GATES, ASSIGNMENT_LABEL, type TaskTemplate } from "./template.ts";

/**
 * What the delivery workspace should hold for a handoff, as a pure function of the
 * handoff and the task template: the standard tasks, one task per sales commitment and
 * milestone, one "gate" per client dependency, who owns each (as a ClickUp member), and
 * which task waits on which. Owners that cannot be mapped are reported, not dropped.
 */

export interface PlannedTask {
  /** Stable across syncs: how a task is found again in the list. */
  key: string;
  name: string;
  description: string;
  dueDate: Date | null;
  /** Who owns it, as shown to people. */
  owner: string;
  /** The owner's ClickUp member id, when mapped. */
  assignee: number | null;
  /** Keys of the tasks this one waits on. */
  dependsOn: string[];
}

export interface UnmappedOwner {
  owner: string;
  reason: string;
  tasks: string[];
}

export interface WorkspacePlan {
  folderName: string;
  listName: string;
  tasks: PlannedTask[];
  unmapped: UnmappedOwner[];
  dependencyCount: number;
}

const DAY = 86_400_000;

/** The reference line every task description ends with; the sync finds tasks by it. */
export function taskMarker(ref: string, key: string): string {
  return `${ref} · ref ${key}`;
}

export function markerKey(description: string | null | undefined, ref: string): string | null {
  const match = description?.match(new RegExp(`${ref.replace(/[-]/g, "\\-")} · ref (\\S+)`));
  return match?.[1] ?? null;
}

type Resolution = { person: Person | null; assignee: number | null; problem: string | null; label: string };

function resolveAssignment(model: DeliveryModel, role: Assignment): Resolution {
  const p = model.people[role];
  if (!p) return { person: null, assignee: null, problem: `no ${ASSIGNMENT_LABEL[role].toLowerCase()} is assigned to the handoff`, label: ASSIGNMENT_LABEL[role] };
  return resolvePerson(p);
}

function resolvePerson(p: Person): Resolution {
  const id = p.clickupUserId ? Number(p.clickupUserId) : NaN;
  if (!Number.isInteger(id)) return { person: p, assignee: null, problem: "not mapped to a ClickUp member", label: p.name };
  return { person: p, assignee: id, problem: null, label: p.name };
}

/** An owner named in the CRM ("Dana Kim", "dana@acme.com"), matched to a user by name or email. */
function resolveName(model: DeliveryModel, name: string | null, fallback: Assignment): Resolution {
  const wanted = name?.trim().toLowerCase();
  if (!wanted) return resolveAssignment(model, fallback);
  const p = model.directory.find((u) => u.name.toLowerCase() === wanted || u.email.toLowerCase() === wanted);
  if (!p) return { person: null, assignee: null, problem: "not a user of Handoff Control Center", label: name!.trim() };
  return resolvePerson(p);
}

export function planWorkspace(model: DeliveryModel, template: TaskTemplate): WorkspacePlan {
  const kickoff = kickoffDate(model);
  const tasks: PlannedTask[] = [];
  const unmapped = new Map<string, UnmappedOwner>();

  const add = (task: Omit<PlannedTask, "owner" | "assignee" | "description"> & { description: string }, owner: Resolution) => {
    if (owner.problem) {
      const entry = unmapped.get(owner.label) ?? { owner: owner.label, reason: owner.problem, tasks: [] };
      entry.tasks.push(task.name);
      unmapped.set(owner.label, entry);
    }
    tasks.push({ ...task, description: [task.description, "", taskMarker(model.ref, task.key)].join("\n").trim(), owner: owner.label, assignee: owner.assignee });
  };

  const gates = model.dependencies.map((d) => ({ key: `gate-${d.id}`, dependency: d }));
  for (const { key, dependency } of gates) {
    add(
      {
        key,
        name: `Gate: ${dependency.description}`,
        description: `Client dependency owned by ${dependency.party}. Work that needs it waits on this gate.`,
        dueDate: dependency.neededBy,
        dependsOn: [],
      },
      resolveAssignment(model, template.gateOwner),
    );
  }

  for (const t of template.tasks) {
    add(
      {
        key: `tpl-${t.key}`,
        name: t.name,
        description: t.description,
        dueDate: new Date(kickoff.getTime() + t.dueOffsetDays * DAY),
        dependsOn: t.dependsOn.flatMap((d) => (d === ALL_GATES ? gates.map((g) => g.key) : [`tpl-${d}`])),
      },
      resolveAssignment(model, t.owner),
    );
  }

  const sameDay = (a: Date | null, b: Date) => a !== null && a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);
  for (const c of model.commitments) {
    // A promised milestone date is both a commitment and a milestone: one task, the milestone's.
    if (model.milestones.some((m) => m.name.trim().toLowerCase() === c.description.trim().toLowerCase() && sameDay(c.dueDate, m.dueDate))) continue;
    add(
      { key: `commitment-${c.id}`, name: `Commitment: ${c.description}`, description: "Promised by sales at closed-won.", dueDate: c.dueDate, dependsOn: [] },
      resolveName(model, c.ownerName, template.commitmentOwner),
    );
  }

  for (const m of model.milestones) {
    // A milestone waits on every dependency the client must meet before it (or undated ones).
    const waitsOn = gates.filter((g) => !g.dependency.neededBy || g.dependency.neededBy.getTime() <= m.dueDate.getTime()).map((g) => g.key);
    add(
      { key: `milestone-${m.id}`, name: `Milestone: ${m.name}`, description: "Promised timeline from the signed deal.", dueDate: m.dueDate, dependsOn: waitsOn },
      resolveName(model, m.ownerName, template.milestoneOwner),
    );
  }

  return {
    folderName: `${model.ref} · ${model.customerName}`.slice(0, 200),
    listName: template.listName,
    tasks,
    unmapped: [...unmapped.values()],
    dependencyCount: tasks.reduce((n, t) => n + t.dependsOn.length, 0),
  };
}
