import { z } from "zod";
import { db } from "../db/client.ts";
import type { Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { conflict, forbidden, invalid, parseInput } from "../errors.ts";
import { assertHandoffVisible } from "../auth/handoff-access.ts";
import { mayDecide } from "../auth/roles.ts";
import { loadDeliveryModel } from "./model.ts";
import { briefContent, type BriefContent } from "./brief.ts";
import { briefApprovable, outputDefinition, publishedBriefRevision, refreshDeliveryOutputs, OUTPUTS } from "./outputs.ts";
import { currentTaskTemplate } from "./template.ts";
import { planWorkspace } from "./workspace-plan.ts";

/**
 * What people do to a handoff's delivery outputs from the app: record a decision (the
 * decision log is append-only: there is no edit or delete), and ask for an output to be
 * synced again (after mapping an owner, say). Both are audited and enqueue their syncs
 * in the same transaction.
 */

export const decisionSchema = z.object({
  title: z.string().trim().min(3, "Name the decision (at least 3 characters).").max(200, "Keep the decision's title under 200 characters."),
  rationale: z.string().trim().min(3, "Say why (at least 3 characters).").max(2000, "Keep the rationale under 2,000 characters."),
});


export async function addDecision(actor: Actor, handoffId: string, input: unknown) {
  const data = parseInput(decisionSchema, input);
  await assertHandoffVisible(db(), actor, handoffId);
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Handoff" WHERE id = ${handoffId} FOR UPDATE`;
    const h = await tx.handoff.findUniqueOrThrow({ where: { id: handoffId }, select: { projectManagerId: true, deliveryLeadId: true, status: true } });
    if (!mayDecide(actor, h)) throw forbidden("Only the assigned project manager, the assigned delivery lead or a PS leader can record decisions.");
    if (h.status === "CANCELLED") throw conflict("This handoff was cancelled.");
    const decision = await tx.decision.create({ data: { handoffId, title: data.title, rationale: data.rationale, decidedBy: actor.name } });
    await recordAudit(tx, { actor, action: "decision.recorded", entityType: "Decision", entityId: decision.id, handoffId, data });
    await refreshDeliveryOutputs(tx, handoffId);
    return { id: decision.id };
  });
}

export function mayResync(actor: Actor, h: { projectManagerId: string | null }) {
  return actor.role === "PS_LEADER" || actor.role === "REVOPS" || actor.role === "ADMIN" || (actor.role === "PROJECT_MANAGER" && h.projectManagerId === actor.userId);
}

export async function resyncOutput(actor: Actor, handoffId: string, key: string) {
  const output = outputDefinition(key);
  if (!output) throw invalid(`Unknown output “${key}”; expected one of ${OUTPUTS.map((o) => o.key).join(", ")}.`);
  await assertHandoffVisible(db(), actor, handoffId);
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Handoff" WHERE id = ${handoffId} FOR UPDATE`;
    const h = await tx.handoff.findUniqueOrThrow({ where: { id: handoffId }, select: { projectManagerId: true } });
    if (!mayResync(actor, h)) throw forbidden("Only the assigned project manager, a PS leader, RevOps or an admin can sync an output again.");
    const enqueued = await refreshDeliveryOutputs(tx, handoffId, { force: output.key });
    if (!enqueued.includes(output.key)) throw conflict(`The ${output.label} is not due yet: the handoff has not reached that step.`);
    await recordAudit(tx, { actor, action: "output.resync_requested", entityType: "Handoff", entityId: handoffId, handoffId, data: { output: output.key } });
    return { enqueued };
  });
}

const OUTPUT_LINK = { workspace: "clickup", brief: "notion", ack: "slackAck", digest: "slackDigest" } as const;

/**
 * The state of each output of a handoff (its link, how its latest sync went, owners the workspace
 * cannot assign) and, while the brief is worked and signed off, the brief as the approver reads it.
 * Callers have already checked visibility.
 */
export async function deliveryOutputsStatus(handoffId: string) {
  const [model, template, jobs, published] = await Promise.all([
    loadDeliveryModel(db(), handoffId),
    currentTaskTemplate(),
    db().syncJob.findMany({
      where: { handoffId, kind: { in: OUTPUTS.map((o) => o.effect) } },
      orderBy: { createdAt: "desc" },
      distinct: ["kind"],
      select: { id: true, kind: true, status: true, attempts: true, lastError: true, result: true, updatedAt: true, completedAt: true },
    }),
    publishedBriefRevision(db(), handoffId),
  ]);
  const outputs = OUTPUTS.map((o) => {
    const job = jobs.find((j) => j.kind === o.effect);
    const result = (job?.result ?? {}) as { status?: string };
    return {
      key: o.key,
      label: o.label,
      vendor: o.vendor,
      url: model.links[OUTPUT_LINK[o.key]]?.url ?? null,
      job: job ? { id: job.id, status: job.status, attempts: job.attempts, lastError: job.lastError, updatedAt: job.updatedAt.toISOString() } : null,
      active: o.active(model),
      unmapped: o.key === "workspace" ? planWorkspace(model, template.config).unmapped : [],
      briefStatus: result.status ?? null,
    };
  });
  const briefOpen = ["IN_PROGRESS", "AWAITING_APPROVAL", "CHANGES_REQUESTED"].includes(model.stages.IMPLEMENTATION_BRIEF);
  return { outputs, brief: briefOpen ? briefPreview(briefContent(model), published, model.links.notion?.url ?? null) : null };
}

export type DeliveryOutputsStatus = Awaited<ReturnType<typeof deliveryOutputsStatus>>["outputs"];

/** The brief as the approver signs it off: its sections and revision, and whether Notion already holds it. */
function briefPreview(content: BriefContent, published: string | null | undefined, url: string | null) {
  return {
    revision: content.revision,
    status: content.properties.status,
    sections: content.sections,
    decisions: content.decisions.length,
    published: published ?? null,
    approvable: briefApprovable(published, content.revision),
    url,
  };
}

export type BriefPreview = ReturnType<typeof briefPreview>;
