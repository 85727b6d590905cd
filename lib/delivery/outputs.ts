import { createHash } from "node:crypto";
import type { Vendor } from "../db/generated/enums.ts";
import type { PrismaClient, Tx } from "../db/client.ts";
import { enqueueEffect } from "../sync/enqueue.ts";
import { briefContent } from "./brief.ts";
import { loadDeliveryModel, type DeliveryModel } from "./model.ts";
import { slackMessage } from "./slack-messages.ts";
import { currentTaskTemplate } from "./template.ts";
import { planWorkspace } from "./workspace-plan.ts";

/**
 * The delivery outputs of a handoff and when each one is due. After every change to a
 * handoff, `refreshDeliveryOutputs` renders each active output and, when its content
 * differs from what was last sent, enqueues a sync in the same transaction as the change.
 */

export type OutputKey = "workspace" | "brief" | "ack" | "digest";

interface OutputDefinition {
  key: OutputKey;
  label: string;
  vendor: Vendor;
  effect: string;
  /** Whether the handoff has reached the step that produces this output. */
  active(model: DeliveryModel): boolean;
  revision(model: DeliveryModel, client: Tx | PrismaClient): Promise<string>;
}

const started = (status: string) => status !== "NOT_STARTED";
const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 12);

export const OUTPUTS: readonly OutputDefinition[] = [
  {
    key: "workspace",
    label: "ClickUp delivery list",
    vendor: "CLICKUP",
    effect: "clickup.workspace",
    active: (m) => started(m.stages.DELIVERY_WORKSPACE),
    revision: async (m, client) => {
      const template = await currentTaskTemplate(client);
      return hash({ template: template.version, plan: planWorkspace(m, template.config) });
    },
  },
  {
    key: "brief",
    label: "Notion implementation brief",
    vendor: "NOTION",
    effect: "notion.brief",
    active: (m) => started(m.stages.IMPLEMENTATION_BRIEF),
    revision: async (m) => {
      const c = briefContent(m);
      return hash({ properties: c.properties, revision: c.revision, decisions: c.decisions });
    },
  },
  {
    key: "ack",
    label: "Slack acknowledgement request",
    vendor: "SLACK",
    effect: "slack.ack",
    active: (m) => m.stages.IMPLEMENTATION_BRIEF === "APPROVED" && m.people.deliveryLead !== null,
    revision: async (m) => slackMessage(m, "ack").revision,
  },
  {
    key: "digest",
    label: "Slack handoff digest",
    vendor: "SLACK",
    effect: "slack.digest",
    active: (m) => started(m.stages.HANDOFF_DIGEST),
    revision: async (m) => slackMessage(m, "digest").revision,
  },
];

export function outputDefinition(key: string): OutputDefinition | undefined {
  return OUTPUTS.find((o) => o.key === key);
}

/**
 * Enqueues a sync of every active output whose content changed since its last sync (or
 * of `force`, regardless). Call inside the transaction that changed the handoff.
 */
export async function refreshDeliveryOutputs(tx: Tx | PrismaClient, handoffId: string, options: { force?: OutputKey; traceId?: string | null } = {}): Promise<string[]> {
  // Nothing is due before the delivery workspace starts: skip loading the whole handoff on
  // every intake transition.
  const position = await tx.handoff.findUnique({ where: { id: handoffId }, select: { stage: true, stageStatus: true } });
  if (!position || position.stage === "INTAKE" || (position.stage === "DELIVERY_WORKSPACE" && position.stageStatus === "NOT_STARTED")) return [];
  const model = await loadDeliveryModel(tx, handoffId);
  // What each output last synced, and how many syncs it has had: two queries for all four.
  const kinds = OUTPUTS.map((o) => o.effect);
  const latest = await tx.syncJob.findMany({ where: { handoffId, kind: { in: kinds } }, orderBy: { createdAt: "desc" }, distinct: ["kind"], select: { kind: true, payload: true } });
  const counts = await tx.syncJob.groupBy({ by: ["kind"], where: { handoffId, kind: { in: kinds } }, _count: { _all: true } });
  const enqueued: string[] = [];
  for (const output of OUTPUTS) {
    if (!output.active(model)) continue;
    const revision = await output.revision(model, tx);
    const last = latest.find((j) => j.kind === output.effect);
    const lastRevision = (last?.payload as { revision?: string } | undefined)?.revision;
    if (lastRevision === revision && options.force !== output.key) continue;
    const sequence = counts.find((c) => c.kind === output.effect)?._count._all ?? 0;
    const job = await enqueueEffect(tx, {
      vendor: output.vendor,
      kind: output.effect,
      idempotencyKey: `${output.effect}:${handoffId}:${sequence + 1}:${revision}`,
      handoffId,
      payload: { handoffId, revision },
      traceId: options.traceId ?? null,
    });
    if (job.created) enqueued.push(output.key);
  }
  return enqueued;
}

/**
 * The brief revision Notion last confirmed it holds for the handoff: null before the first
 * publish, undefined when the handoff's brief was never synced at all (handoffs that reached
 * the brief before it was kept in Notion, such as imported history).
 */
export async function publishedBriefRevision(tx: Tx | PrismaClient, handoffId: string): Promise<string | null | undefined> {
  if ((await tx.syncJob.count({ where: { handoffId, kind: "notion.brief" } })) === 0) return undefined;
  const last = await tx.syncJob.findFirst({ where: { handoffId, kind: "notion.brief", status: "SUCCEEDED" }, orderBy: { completedAt: "desc" }, select: { result: true } });
  const revision = (last?.result as { revision?: unknown } | null)?.revision;
  return typeof revision === "string" ? revision : null;
}

/** The brief can be signed off when Notion confirmed the revision being approved (or the brief was never synced). */
export function briefApprovable(published: string | null | undefined, revision: string): boolean {
  return published === undefined || published === revision;
}
