import type { Assignment } from "../rules/stages.ts";
import { kickoffDate, type DeliveryModel, type ItemOwner, type Person } from "./model.ts";
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
  /** The owner's ClickUp member id, when mapped. Never a client contact. */
  assignee: number | null;
  /** Set when the client owns the task: shown in ClickUp by a tag and in the description. */
  client: { name: string; email: string | null } | null;
  /** Keys of the tasks this one waits on. */
  dependsOn: string[];
}

/** What a person on the handoff page can do about an owner the workspace cannot assign. */
export type UnmappedKind =
  /** One of our people, with no ClickUp member linked: link one, or reassign the items. */
  | "not_linked"
  /** A name that is neither one of our people nor a client contact: reassign the items. */
  | "unknown"
  /** The handoff has nobody in the role the template gives these tasks to: reassign the handoff. */
  | "no_assignee";

export interface UnmappedOwner {
  owner: string;
  reason: string;
  kind: UnmappedKind;
  /** The person, when it is one of ours. */
  userId: string | null;
  tasks: string[];
  /** The commitments, milestones and dependencies behind the tasks, which can be reassigned. */
  items: OwnedItem[];
}

export type OwnedItem = {
  kind: "commitment" | "milestone" | "dependency";
  id: string;
};

export interface WorkspacePlan {
  folderName: string;
  listName: string;
  tasks: PlannedTask[];
  unmapped: UnmappedOwner[];
  dependencyCount: number;
  /** How many tasks the client owns. */
  clientOwned: number;
}

/** The ClickUp tag on every task the client owns. */
export const CLIENT_TAG = "client-owned";

const DAY = 86_400_000;

/** The reference line every task description ends with; the sync finds tasks by it. */
export function taskMarker(ref: string, key: string): string {
  return `${ref} · ref ${key}`;
}

export function markerKey(description: string | null | undefined, ref: string): string | null {
  const match = description?.match(new RegExp(`${ref.replace(/[-]/g, "\\-")} · ref (\\S+)`));
  return match?.[1] ?? null;
}

type Resolution = {
  person: Person | null;
  assignee: number | null;
  client: { name: string; email: string | null } | null;
  problem: { kind: UnmappedKind; reason: string } | null;
  label: string;
};

function resolveAssignment(model: DeliveryModel, role: Assignment): Resolution {
  const p = model.people[role];
  if (!p) {
    return { person: null, assignee: null, client: null, problem: { kind: "no_assignee", reason: `no ${ASSIGNMENT_LABEL[role].toLowerCase()} is assigned to the handoff` }, label: ASSIGNMENT_LABEL[role] };
  }
  return resolvePerson(p);
}

function resolvePerson(p: Person): Resolution {
  const id = p.clickupUserId ? Number(p.clickupUserId) : NaN;
  if (!Number.isInteger(id)) return { person: p, assignee: null, client: null, problem: { kind: "not_linked", reason: "not linked to a ClickUp member" }, label: p.name };
  return { person: p, assignee: id, client: null, problem: null, label: p.name };
}

/**
 * The owner of a commitment, milestone or dependency: the person or client contact recorded
 * at intake (or by a reassignment); else the name sales typed, matched to one of our people;
 * else the template's owner for that kind of task.
 */
function resolveItem(model: DeliveryModel, owner: ItemOwner, name: string | null, fallback: Assignment): Resolution {
  if (owner.kind === "person") return resolvePerson(owner.person);
  if (owner.kind === "client") return { person: null, assignee: null, client: { name: owner.name, email: owner.email }, problem: null, label: `${owner.name} (client)` };
  const wanted = name?.trim().toLowerCase();
  if (!wanted) return resolveAssignment(model, fallback);
  const p = model.directory.find((u) => u.name.toLowerCase() === wanted || u.email.toLowerCase() === wanted);
  if (!p) return { person: null, assignee: null, client: null, problem: { kind: "unknown", reason: "neither one of our people nor a contact on the CRM deal" }, label: name!.trim() };
  return resolvePerson(p);
}

/** How a task's description says the client owns it. */
export const CLIENT_LINE_PREFIX = "Owned by the client:";

function clientLine(client: { name: string; email: string | null }): string {
  return `${CLIENT_LINE_PREFIX} ${client.name}${client.email ? ` <${client.email}>` : ""}.`;
}

export function planWorkspace(model: DeliveryModel, template: TaskTemplate): WorkspacePlan {
  const kickoff = kickoffDate(model);
  const tasks: PlannedTask[] = [];
  const unmapped = new Map<string, UnmappedOwner>();

  const add = (task: Omit<PlannedTask, "owner" | "assignee" | "description" | "client"> & { description: string }, owner: Resolution, item?: OwnedItem) => {
    if (owner.problem) {
      const entry = unmapped.get(owner.label) ?? { owner: owner.label, reason: owner.problem.reason, kind: owner.problem.kind, userId: owner.person?.userId ?? null, tasks: [], items: [] };
      entry.tasks.push(task.name);
      if (item) entry.items.push(item);
      unmapped.set(owner.label, entry);
    }
    const description = [task.description, ...(owner.client ? [clientLine(owner.client)] : []), "", taskMarker(model.ref, task.key)].join("\n").trim();
    tasks.push({ ...task, description, owner: owner.label, assignee: owner.client ? null : owner.assignee, client: owner.client });
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
      resolveItem(model, dependency.owner, null, template.gateOwner),
      { kind: "dependency", id: dependency.id },
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
      resolveItem(model, c.owner, c.ownerName, template.commitmentOwner),
      { kind: "commitment", id: c.id },
    );
  }

  for (const m of model.milestones) {
    // A milestone waits on every dependency the client must meet before it (or undated ones).
    const waitsOn = gates.filter((g) => !g.dependency.neededBy || g.dependency.neededBy.getTime() <= m.dueDate.getTime()).map((g) => g.key);
    add(
      { key: `milestone-${m.id}`, name: `Milestone: ${m.name}`, description: "Promised timeline from the signed deal.", dueDate: m.dueDate, dependsOn: waitsOn },
      resolveItem(model, m.owner, m.ownerName, template.milestoneOwner),
      { kind: "milestone", id: m.id },
    );
  }

  return {
    folderName: `${model.ref} · ${model.customerName}`.slice(0, 200),
    listName: template.listName,
    tasks,
    unmapped: [...unmapped.values()],
    dependencyCount: tasks.reduce((n, t) => n + t.dependsOn.length, 0),
    clientOwned: tasks.filter((t) => t.client).length,
  };
}
