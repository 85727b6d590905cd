import { z } from "zod";
import { db } from "../../db/client.ts";
import type { EffectHandler } from "../../sync/handlers.ts";
import { loadDeliveryModel } from "../model.ts";
import { recordDeliveryOutput, type OutputEvidence } from "../output-results.ts";
import { currentTaskTemplate } from "../template.ts";
import { CLIENT_LINE_PREFIX, CLIENT_TAG, markerKey, planWorkspace, type PlannedTask, type UnmappedOwner } from "../workspace-plan.ts";
import { clickUpClient } from "../../connections/clients.ts";
import type { ClickUpTask } from "../../integrations/clickup/client.ts";

/**
 * Builds (or brings up to date) the delivery workspace of a handoff in ClickUp: a folder
 * for the handoff, a list from the task template, a task per planned item with its owner
 * and due date, and ClickUp dependencies for the gates. Every attempt first reads what
 * exists (folder and list by name, tasks by the reference line in their description),
 * so a retry after a lost answer updates instead of creating a second copy.
 */

const payloadSchema = z.object({ handoffId: z.string(), revision: z.string() });

/** The custom field that carries the handoff reference, when the list has one. */
const HANDOFF_FIELD = "handoff id";

function sameDay(a: string | null | undefined, b: Date | null) {
  if (!a || !b) return !a && !b;
  return new Date(Number(a)).toISOString().slice(0, 10) === b.toISOString().slice(0, 10);
}

type Ctx = Parameters<EffectHandler>[1];
type Client = Awaited<ReturnType<typeof clickUpClient>>["client"];
type Model = Awaited<ReturnType<typeof loadDeliveryModel>>;
type Plan = ReturnType<typeof planWorkspace>;
type Template = Awaited<ReturnType<typeof currentTaskTemplate>>;
type Unmapped = Pick<UnmappedOwner, "owner" | "reason" | "kind" | "userId" | "tasks" | "items">[];

export const clickupWorkspace: EffectHandler = async (job, ctx) => {
  const { handoffId } = payloadSchema.parse(job.payload);
  const [model, template] = [await loadDeliveryModel(db(), handoffId), await currentTaskTemplate()];
  const plan = planWorkspace(model, template.config);
  const { client, spaceId } = await clickUpClient();

  const { listId, url } = (await knownList(ctx, client, spaceId, model)) ?? (await findOrCreateList(ctx, client, spaceId, model, plan, template));
  const { tasks, created, updated } = await syncTasks(ctx, client, listId, model, plan);
  const dependenciesAdded = await syncDependencies(ctx, client, plan, tasks);

  const unmapped: Unmapped = plan.unmapped.map((u) => ({ owner: u.owner, reason: u.reason, kind: u.kind, userId: u.userId, tasks: u.tasks, items: u.items }));
  const counts = { created, updated, dependenciesAdded, templateVersion: template.version, unmapped };
  await recordDeliveryOutput({
    syncJobId: job.id,
    handoffId,
    vendor: "CLICKUP",
    linkKind: "list",
    externalId: listId,
    url,
    stage: "DELIVERY_WORKSPACE",
    evidence: workspaceEvidence(plan, template, listId, url, unmapped),
    action: "workspace.synced",
    data: counts,
  });
  return { listId, url, tasks: plan.tasks.length, ...counts };
};

async function saveList(ctx: Ctx, listId: string, url: string) {
  await ctx.saveStep("listId", listId);
  await ctx.saveStep("listUrl", url);
  return { listId, url };
}

/**
 * The list this handoff already has, wherever it now lives and whatever it is called: renaming
 * the folder in ClickUp or the list in the template must not make a second one.
 */
async function knownList(ctx: Ctx, client: Client, spaceId: string, model: Model) {
  const saved = ctx.steps.listId as string | undefined;
  if (saved) return { listId: saved, url: ctx.steps.listUrl as string };
  if (!model.links.clickup) return null;
  await ctx.throttle();
  const known = await client.list(model.links.clickup.externalId);
  if (!known) return null;
  return saveList(ctx, known.id, model.links.clickup.url ?? known.url ?? `https://app.clickup.com/${spaceId}/v/li/${known.id}`);
}

/** The handoff's folder and list, found by name first so that a retry after a lost answer creates neither twice. */
async function findOrCreateList(ctx: Ctx, client: Client, spaceId: string, model: Model, plan: Plan, template: Template) {
  let folderId = ctx.steps.folderId as string | undefined;
  if (!folderId) {
    await ctx.throttle();
    const existing = (await client.folders(spaceId)).find((f) => f.name.startsWith(`${model.ref} `));
    await ctx.throttle();
    folderId = existing?.id ?? (await client.createFolder(spaceId, plan.folderName)).id;
    await ctx.saveStep("folderId", folderId);
  }
  await ctx.throttle();
  const existing = (await client.lists(folderId)).find((l) => l.name === plan.listName);
  await ctx.throttle();
  const list =
    existing ??
    (await client.createList(folderId, {
      name: plan.listName,
      markdown_content: `Delivery plan for [${model.ref} · ${model.title}](${model.url}), built from task template version ${template.version}.`,
    }));
  return saveList(ctx, list.id, list.url ?? `https://app.clickup.com/${spaceId}/v/li/${list.id}`);
}

/** A task per planned item: created when its reference line is not found, else brought in line with the plan. */
async function syncTasks(ctx: Ctx, client: Client, listId: string, model: Model, plan: Plan) {
  await ctx.throttle();
  const handoffField = (await client.fields(listId)).find((f) => f.name.toLowerCase() === HANDOFF_FIELD);
  await ctx.throttle();
  const existing = new Map<string, ClickUpTask>();
  for (const task of await client.tasks(listId)) {
    const key = markerKey(task.description, model.ref);
    if (key) existing.set(key, task);
  }

  let created = 0;
  let updated = 0;
  const tasks = new Map<string, ClickUpTask>();
  for (const planned of plan.tasks) {
    const found = existing.get(planned.key);
    if (found) {
      tasks.set(planned.key, found);
      if (await updateTask(ctx, client, found, planned)) updated++;
      continue;
    }
    await ctx.throttle();
    const task = await client.createTask(listId, {
      name: planned.name,
      markdown_content: planned.description,
      ...(planned.assignee !== null ? { assignees: [planned.assignee] } : {}),
      ...(planned.dueDate ? { due_date: planned.dueDate.getTime(), due_date_time: false } : {}),
      notify_all: false,
      tags: ["handoff", model.ref.toLowerCase(), ...(planned.client ? [CLIENT_TAG] : [])],
      ...(handoffField ? { custom_fields: [{ id: handoffField.id, value: model.ref }] } : {}),
    });
    tasks.set(planned.key, task);
    created++;
  }
  return { tasks, created, updated };
}

/** Brings one existing task in line with the plan; whether anything changed. */
async function updateTask(ctx: Ctx, client: Client, found: ClickUpTask, planned: PlannedTask): Promise<boolean> {
  const change = taskChange(found, planned);
  if (change) {
    await ctx.throttle();
    await client.updateTask(found.id, change);
  }
  // Who owns it is visible in ClickUp: the client's tasks carry the tag, ours do not.
  const tagged = found.tags.some((t) => t.name.toLowerCase() === CLIENT_TAG);
  if (Boolean(planned.client) === tagged) return Boolean(change);
  await ctx.throttle();
  if (planned.client) await client.addTag(found.id, CLIENT_TAG);
  else await client.removeTag(found.id, CLIENT_TAG);
  return true;
}

/** The dependency gates, as ClickUp dependencies; those already there are left alone. */
async function syncDependencies(ctx: Ctx, client: Client, plan: Plan, tasks: Map<string, ClickUpTask>): Promise<number> {
  let added = 0;
  for (const planned of plan.tasks) {
    const task = tasks.get(planned.key)!;
    for (const key of planned.dependsOn) {
      const other = tasks.get(key);
      if (!other || task.dependencies.some((d) => d.task_id === task.id && d.depends_on === other.id)) continue;
      await ctx.throttle();
      await client.addDependency(task.id, other.id);
      added++;
    }
  }
  return added;
}

/** The Delivery workspace gate's evidence: the list, the dependency gates, and (only when every task has one) the owners. */
function workspaceEvidence(plan: Plan, template: Template, listId: string, url: string, unmapped: Unmapped): OutputEvidence[] {
  const record = {
    templateVersion: template.version,
    listId,
    tasks: plan.tasks.map((t) => ({ key: t.key, name: t.name, owner: t.owner, mapped: t.assignee !== null || t.client !== null, client: t.client, due: t.dueDate?.toISOString().slice(0, 10) ?? null, dependsOn: t.dependsOn.length })),
    unmapped,
  };
  const gates = plan.tasks.filter((t) => t.dependsOn.length > 0).map((t) => ({ task: t.name, waitsOn: t.dependsOn.map((k) => plan.tasks.find((p) => p.key === k)?.name ?? k) }));
  return [
    { requirementKey: "workspace_link", kind: "LINK", label: "Delivery list created from the standard template", url, data: { note: `${plan.tasks.length} tasks from template version ${template.version}`, ...record } },
    { requirementKey: "dependency_gates", kind: "CHECK", label: "Dependency gates set", data: { note: `${plan.dependencyCount} dependencies`, gates } },
    ...(plan.unmapped.length === 0
      ? [{ requirementKey: "owners_mapped", kind: "CHECK" as const, label: "Every task has an owner", url, data: { note: ownersNote(plan.tasks.length, plan.clientOwned), clientOwned: plan.clientOwned } }]
      : []),
  ];
}

function ownersNote(tasks: number, clientOwned: number): string {
  const ours = tasks - clientOwned;
  return clientOwned === 0 ? `${tasks} tasks assigned` : `${ours} tasks assigned to our people, ${clientOwned} owned by the client (tagged ${CLIENT_TAG})`;
}

/**
 * What to change on an existing task so it matches the plan; null when it already does. Only
 * what the plan owns is changed: a task is never deleted and an assignee never removed without
 * a replacement, since the delivery team may be working in it.
 */
function taskChange(task: ClickUpTask, planned: PlannedTask) {
  const change: { name?: string; markdown_content?: string; due_date?: number | null; assignees?: { add: number[]; rem: number[] } } = {};
  if (task.name !== planned.name) change.name = planned.name;
  // The description is the team's to edit, except the line that says the client owns the task.
  const clientLine = planned.description.split("\n").find((line) => line.startsWith(CLIENT_LINE_PREFIX));
  const hasClientLine = (task.description ?? "").includes(CLIENT_LINE_PREFIX);
  if ((clientLine && !(task.description ?? "").includes(clientLine)) || (!clientLine && hasClientLine)) change.markdown_content = planned.description;
  if (planned.dueDate && !sameDay(task.due_date, planned.dueDate)) change.due_date = planned.dueDate.getTime();
  if (!planned.dueDate && task.due_date) change.due_date = null; // the promise lost its date
  const current = task.assignees.map((a) => a.id);
  if (planned.assignee !== null && !current.includes(planned.assignee)) change.assignees = { add: [planned.assignee], rem: current };
  // Client contacts are never assignees: a task handed to the client is unassigned on our side.
  if (planned.client && current.length > 0) change.assignees = { add: [], rem: current };
  return Object.keys(change).length ? change : null;
}
