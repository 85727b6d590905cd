import { z } from "zod";
import type { Prisma } from "../db/generated/client.ts";
import type { OverrideClassification, RiskLevel } from "../db/generated/enums.ts";
import { db, type Tx } from "../db/client.ts";
import { isRecordId } from "../db/ids.ts";
import { can, type Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { conflict, forbidden, notFound, parseInput } from "../errors.ts";
import { handoffUrl } from "../delivery/model.ts";
import { enqueueEffect } from "../sync/enqueue.ts";
import { assertHandoffVisible } from "../auth/handoff-access.ts";
import { recordIntakeSnapshot } from "./snapshot.ts";
import { parseIntakeIssues, type IntakeIssue } from "./issues.ts";
import { currentIntakePolicy } from "./policy-store.ts";
import type { IntakePolicy } from "./policy.ts";
import { atLeast } from "../rules/severity.ts";

/**
 * Policy exceptions. Letting a blocked intake proceed needs a reason and is logged as
 * an override. Above the materiality threshold (deal amount or risk severity, from
 * the intake policy) a second, different person must confirm before it takes effect.
 * Overrides are later classified, so the validation rules can be tuned.
 */

export const overrideRequestSchema = z.object({
  reason: z.string().trim().min(10, "Explain why this deal may proceed (at least 10 characters).").max(2000, "Keep the reason under 2,000 characters."),
});

export const overrideDecisionSchema = z.object({
  decision: z.enum(["CONFIRM", "REJECT"], "Choose to confirm or reject the override."),
  comment: z.string().trim().max(2000, "Keep the comment under 2,000 characters.").optional(),
});

export const overrideClassificationSchema = z.object({
  classification: z.enum(["FALSE_POSITIVE", "FALSE_NEGATIVE", "JUSTIFIED", "UNCLASSIFIED"], "Choose a classification from the list."),
});

export function isMaterial(policy: IntakePolicy, handoff: { amount: Prisma.Decimal | number | null; riskLevel: RiskLevel }): boolean {
  const amount = handoff.amount ? Number(handoff.amount) : 0;
  return amount >= policy.materiality.amountThreshold || atLeast(handoff.riskLevel, policy.materiality.severityThreshold);
}

/** Whether an approved intake override covers every one of these issues. */
export function overrideCovers(bypassed: IntakeIssue[], issues: IntakeIssue[]): boolean {
  return issues.every((i) => bypassed.some((b) => b.field === i.field && b.problem === i.problem));
}

export async function requestIntakeOverride(actor: Actor, handoffId: string, input: unknown) {
  await assertHandoffVisible(db(), actor, handoffId);
  if (!can(actor.role, "overrides:request")) throw forbidden("Your role cannot request overrides.");
  const { reason } = parseInput(overrideRequestSchema, input);

  return db().$transaction(async (tx) => {
    const handoff = await lockHandoff(tx, handoffId);
    // Read in the transaction: the policy that decides materiality is the one in force now.
    const { policy, version, createdById } = await currentIntakePolicy(tx);
    // Separation of duties: nobody overrides against a policy version they wrote themselves.
    if (createdById === actor.userId) {
      throw forbidden(`You made version ${version} of the intake policy, which is in force: someone else must request overrides against it.`);
    }
    if (handoff.status !== "INTAKE_BLOCKED") throw conflict("Only a blocked intake can be overridden.");
    const pending = await tx.override.findFirst({ where: { handoffId, kind: "INTAKE_VALIDATION", status: "PENDING_SECOND_APPROVAL" } });
    if (pending) throw conflict("An override for this intake is already waiting for a second approver.");

    const issues = parseIntakeIssues(handoff.intakeIssues);
    const material = isMaterial(policy, handoff);
    const override = await tx.override.create({
      data: {
        handoffId,
        kind: "INTAKE_VALIDATION",
        reason,
        bypassed: issues as unknown as Prisma.InputJsonValue,
        material,
        status: material ? "PENDING_SECOND_APPROVAL" : "APPROVED",
        requestedById: actor.userId,
      },
    });
    await recordAudit(tx, {
      actor,
      action: "override.requested",
      entityType: "Override",
      entityId: override.id,
      handoffId,
      data: { reason, material, policyVersion: version, bypassed: issues as unknown as Prisma.InputJsonValue },
    });
    if (!material) await applyIntakeOverride(tx, actor, handoffId, override.id, reason);
    return { id: override.id, status: override.status, material };
  });
}

export async function decideOverride(actor: Actor, overrideId: string, input: unknown) {
  if (!can(actor.role, "overrides:confirm")) throw forbidden("Only a PS leader or a project manager can confirm an override.");
  const { decision, comment } = parseInput(overrideDecisionSchema, input);
  return db().$transaction(async (tx) => {
    const override = isRecordId(overrideId) ? await tx.override.findUnique({ where: { id: overrideId } }) : null;
    if (!override) throw notFound("This override does not exist.");
    await lockHandoff(tx, override.handoffId);
    const current = await tx.override.findUniqueOrThrow({ where: { id: overrideId } });
    if (current.status !== "PENDING_SECOND_APPROVAL") throw conflict("This override is not waiting for a second approver.");
    if (current.requestedById === actor.userId) throw forbidden("A second, different person must confirm an override you requested.");
    const confirmed = decision === "CONFIRM";
    if (confirmed) {
      const handoff = await tx.handoff.findUniqueOrThrow({ where: { id: current.handoffId }, select: { status: true } });
      if (handoff.status !== "INTAKE_BLOCKED") throw conflict("The intake is no longer blocked, so there is nothing to override: reject this request to clear it.");
    }

    await tx.override.update({
      where: { id: overrideId },
      data: { status: confirmed ? "APPROVED" : "REJECTED", confirmedById: actor.userId, confirmedAt: new Date() },
    });
    await recordAudit(tx, {
      actor,
      action: confirmed ? "override.confirmed" : "override.rejected",
      entityType: "Override",
      entityId: overrideId,
      handoffId: current.handoffId,
      data: { comment: comment ?? null },
    });
    if (confirmed) await applyIntakeOverride(tx, actor, current.handoffId, overrideId, current.reason);
    return { id: overrideId, status: confirmed ? "APPROVED" : "REJECTED" };
  });
}

export async function classifyOverride(actor: Actor, overrideId: string, input: unknown) {
  if (!can(actor.role, "overrides:classify")) throw forbidden("Only RevOps or a PS leader can classify overrides.");
  const { classification } = parseInput(overrideClassificationSchema, input);
  return db().$transaction(async (tx) => {
    const override = isRecordId(overrideId) ? await tx.override.findUnique({ where: { id: overrideId } }) : null;
    if (!override) throw notFound("This override does not exist.");
    await tx.override.update({ where: { id: overrideId }, data: { classification: classification as OverrideClassification } });
    await recordAudit(tx, { actor, action: "override.classified", entityType: "Override", entityId: overrideId, handoffId: override.handoffId, data: { classification } });
    return { id: overrideId, classification };
  });
}

/** Overrides waiting for this person's confirmation (never their own requests). */
export async function listOverridesToConfirm(actor: Actor, take = 50) {
  if (!can(actor.role, "overrides:confirm")) return [];
  const rows = await db().override.findMany({
    where: { status: "PENDING_SECOND_APPROVAL", requestedById: { not: actor.userId } },
    orderBy: { createdAt: "asc" },
    take,
    include: { requestedBy: { select: { name: true } }, handoff: { select: { id: true, number: true, title: true, amount: true, riskLevel: true } } },
  });
  return rows.map((o) => ({
    id: o.id,
    reason: o.reason,
    requestedBy: o.requestedBy.name,
    createdAt: o.createdAt.toISOString(),
    bypassed: parseIntakeIssues(o.bypassed),
    handoff: { id: o.handoff.id, number: o.handoff.number, title: o.handoff.title, amount: o.handoff.amount?.toString() ?? null, riskLevel: o.handoff.riskLevel },
  }));
}

async function lockHandoff(tx: Tx, handoffId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Handoff" WHERE id = ${handoffId} FOR UPDATE`;
  if (locked.length === 0) throw notFound("This handoff does not exist.");
  return tx.handoff.findUniqueOrThrow({ where: { id: handoffId } });
}

/**
 * The override takes effect, in the transaction that approved it: the intake proceeds (the
 * handoff is no longer blocked), with the override as its evidence, and the CRM deal is told
 * that the handoff was accepted for delivery.
 */
async function applyIntakeOverride(tx: Tx, actor: Actor, handoffId: string, overrideId: string, reason: string) {
  const handoff = await tx.handoff.update({ where: { id: handoffId }, data: { status: "IN_PROGRESS" }, select: { deal: { select: { source: true, sourceId: true } } } });
  await recordIntakeSnapshot(tx, handoffId, { data: { note: `Accepted by override: ${reason}`, overrideId }, capturedById: actor.userId });
  await recordAudit(tx, { actor, action: "override.applied", entityType: "Override", entityId: overrideId, handoffId, data: {} });
  if (handoff.deal.source === "HUBSPOT") {
    await enqueueEffect(tx, {
      vendor: "HUBSPOT",
      kind: "hubspot.writeback",
      idempotencyKey: `hubspot.writeback:${handoff.deal.sourceId}:override:${overrideId}`,
      handoffId,
      payload: { dealId: handoff.deal.sourceId, status: "accepted", handoffUrl: handoffUrl(handoffId), issues: [] },
    });
  }
}

/** The intake issues an approved override has not accepted: what still blocks the intake. */
export function unresolvedIntakeIssues(issues: IntakeIssue[], overrides: { status: string; bypassed: unknown }[]): IntakeIssue[] {
  const accepted = overrides.filter((o) => o.status === "APPROVED").flatMap((o) => parseIntakeIssues(o.bypassed));
  return issues.filter((i) => !accepted.some((b) => b.field === i.field && b.problem === i.problem));
}
