import { z } from "zod";
import { can, type Actor } from "../auth/roles.ts";
import { forbidden } from "../errors.ts";
import { currentVersion, listVersions, saveVersion, type Versioned } from "../policy/versions.ts";
import type { Assignment } from "../rules/stages.ts";

/**
 * The standard task template a delivery workspace is built from: fixed tasks owned by a
 * handoff role and dated relative to the kickoff, plus one task per sales commitment,
 * milestone and client dependency ("gate"). Versioned; each workspace records the
 * version it was built from.
 */

export const ASSIGNMENTS = ["psLeader", "projectManager", "revOps", "deliveryLead"] as const satisfies readonly Assignment[];

export const ASSIGNMENT_LABEL: Record<Assignment, string> = {
  psLeader: "PS leader",
  projectManager: "Project manager",
  revOps: "RevOps",
  deliveryLead: "Delivery lead",
};

/** A template task that depends on this waits for every client-dependency gate. */
export const ALL_GATES = "dependency-gates";

const assignment = z.enum(ASSIGNMENTS);

export const templateTaskSchema = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9-]{1,39}$/, "Use 2–40 lowercase letters, digits or dashes, starting with a letter."),
  name: z.string().trim().min(3, "Name the task (at least 3 characters).").max(200),
  description: z.string().trim().max(2000).default(""),
  owner: assignment,
  /** Due this many days after the kickoff (negative: before it). */
  dueOffsetDays: z.number().int().min(-60).max(365),
  dependsOn: z.array(z.string()).max(20).default([]),
});

export const taskTemplateSchema = z
  .object({
    listName: z.string().trim().min(3).max(100),
    tasks: z.array(templateTaskSchema).min(1, "Keep at least one standard task.").max(50),
    commitmentOwner: assignment,
    milestoneOwner: assignment,
    gateOwner: assignment,
  })
  .superRefine((t, ctx) => {
    const keys = new Set<string>();
    t.tasks.forEach((task, i) => {
      if (keys.has(task.key)) ctx.addIssue({ code: "custom", path: ["tasks", i, "key"], message: `The key “${task.key}” is used twice.` });
      keys.add(task.key);
    });
    t.tasks.forEach((task, i) => {
      for (const dep of task.dependsOn) {
        if (dep !== ALL_GATES && !keys.has(dep)) ctx.addIssue({ code: "custom", path: ["tasks", i, "dependsOn"], message: `“${task.name}” waits on “${dep}”, which is not a task of the template.` });
        if (dep === task.key) ctx.addIssue({ code: "custom", path: ["tasks", i, "dependsOn"], message: `“${task.name}” cannot wait on itself.` });
      }
    });
    const cycle = findCycle(t.tasks);
    if (cycle) ctx.addIssue({ code: "custom", path: ["tasks"], message: `The dependencies go round in a circle: ${cycle.join(" → ")}.` });
  });

export type TaskTemplate = z.infer<typeof taskTemplateSchema>;

function findCycle(tasks: readonly { key: string; dependsOn: readonly string[] }[]): string[] | null {
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (key: string): string[] | null => {
    if (state.get(key) === "done") return null;
    if (state.get(key) === "visiting") return [...path.slice(path.indexOf(key)), key];
    state.set(key, "visiting");
    path.push(key);
    for (const dep of byKey.get(key)?.dependsOn ?? []) {
      if (!byKey.has(dep)) continue;
      const found = visit(dep);
      if (found) return found;
    }
    path.pop();
    state.set(key, "done");
    return null;
  };
  for (const t of tasks) {
    const found = visit(t.key);
    if (found) return found;
  }
  return null;
}

export const DEFAULT_TASK_TEMPLATE: TaskTemplate = {
  listName: "Delivery plan",
  commitmentOwner: "deliveryLead",
  milestoneOwner: "deliveryLead",
  gateOwner: "projectManager",
  tasks: [
    { key: "kickoff-prep", name: "Prepare the internal kickoff", description: "Walk the delivery team through the brief, scope boundaries and accepted risks.", owner: "projectManager", dueOffsetDays: -3, dependsOn: [] },
    { key: "client-kickoff", name: "Client kickoff meeting", description: "Confirm scope, milestones and dependencies with the client.", owner: "projectManager", dueOffsetDays: 0, dependsOn: ["kickoff-prep"] },
    { key: "access", name: "Confirm system access and environments", description: "Every client dependency needed to start work is met.", owner: "deliveryLead", dueOffsetDays: 5, dependsOn: ["client-kickoff", ALL_GATES] },
    { key: "commitment-review", name: "Review sales commitments with the client", description: "Each promise is confirmed, re-dated or logged as a scope change.", owner: "deliveryLead", dueOffsetDays: 7, dependsOn: ["client-kickoff"] },
    { key: "day-30-review", name: "30-day delivery review", description: "Milestones, risks and promise accuracy after the first month.", owner: "psLeader", dueOffsetDays: 30, dependsOn: ["commitment-review"] },
  ],
};

export function currentTaskTemplate(client?: Parameters<typeof currentVersion>[3]): Promise<Versioned<TaskTemplate>> {
  return currentVersion("TASK_TEMPLATE", taskTemplateSchema, DEFAULT_TASK_TEMPLATE, client);
}

export function listTaskTemplateVersions(take = 20) {
  return listVersions("TASK_TEMPLATE", take);
}

export async function saveTaskTemplate(actor: Actor, input: unknown, note: string): Promise<Versioned<TaskTemplate>> {
  if (!can(actor.role, "template:edit")) throw forbidden("Only PS leaders, RevOps and admins can change the task template.");
  return saveVersion(actor, "TASK_TEMPLATE", taskTemplateSchema, DEFAULT_TASK_TEMPLATE, input, note, "task template");
}
