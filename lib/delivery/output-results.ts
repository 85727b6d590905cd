import type { Prisma } from "../db/generated/client.ts";
import type { EvidenceKind, StageKey, Vendor } from "../db/generated/enums.ts";
import { db } from "../db/client.ts";
import { recordAudit } from "../audit/record.ts";
import { refreshDeliveryOutputs } from "./outputs.ts";

export interface OutputEvidence {
  requirementKey: string;
  kind: EvidenceKind;
  label: string;
  url?: string;
  data: Prisma.InputJsonObject;
}

/**
 * Records what an effect created in another tool: the link on the handoff, the gate
 * evidence (only while that stage's gate is open), and an audit event whose source link
 * is the object itself. Once per job: a retry after a crash finds its evidence and stops.
 * A new link changes the messages that point to it, so the other outputs are refreshed.
 */
const VENDOR_NAME: Record<string, string> = { HUBSPOT: "HubSpot", CLICKUP: "ClickUp", NOTION: "Notion", SLACK: "Slack" };

export async function recordDeliveryOutput(input: {
  syncJobId: string;
  handoffId: string;
  vendor: Vendor;
  linkKind: string;
  externalId: string;
  url: string;
  stage: StageKey;
  evidence: OutputEvidence[];
  action: string;
  data: Prisma.InputJsonObject;
}): Promise<{ evidenceRecorded: boolean }> {
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Handoff" WHERE id = ${input.handoffId} FOR UPDATE`;
    await tx.externalLink.upsert({
      where: { handoffId_vendor_kind: { handoffId: input.handoffId, vendor: input.vendor, kind: input.linkKind } },
      create: { handoffId: input.handoffId, vendor: input.vendor, kind: input.linkKind, externalId: input.externalId, url: input.url },
      update: { externalId: input.externalId, url: input.url },
    });
    const already = await tx.auditEvent.count({ where: { handoffId: input.handoffId, action: input.action, traceId: input.syncJobId } });
    if (already > 0) return { evidenceRecorded: false };

    const handoff = await tx.handoff.findUniqueOrThrow({ where: { id: input.handoffId }, select: { stage: true, stageStatus: true } });
    const gateOpen = handoff.stage === input.stage && (handoff.stageStatus === "IN_PROGRESS" || handoff.stageStatus === "CHANGES_REQUESTED");
    if (gateOpen && input.evidence.length) {
      const stage = await tx.handoffStage.findUniqueOrThrow({ where: { handoffId_key: { handoffId: input.handoffId, key: input.stage } }, select: { id: true, evidence: { select: { requirementKey: true, url: true } } } });
      // A later sync of the same object adds nothing the gate does not already show.
      const fresh = input.evidence.filter((e) => !stage.evidence.some((x) => x.requirementKey === e.requirementKey && x.url === (e.url ?? null)));
      await tx.evidence.createMany({
        data: fresh.map((e) => ({ stageId: stage.id, requirementKey: e.requirementKey, kind: e.kind, label: e.label, url: e.url ?? null, data: { ...e.data, syncJobId: input.syncJobId } })),
      });
    }
    await recordAudit(tx, {
      actor: { system: `${VENDOR_NAME[input.vendor]} sync` },
      action: input.action,
      entityType: "ExternalLink",
      entityId: `${input.vendor}:${input.linkKind}:${input.externalId}`,
      handoffId: input.handoffId,
      data: { ...input.data, evidence: gateOpen ? input.evidence.map((e) => e.requirementKey) : [] },
      sourceUrl: input.url,
      traceId: input.syncJobId,
    });
    await refreshDeliveryOutputs(tx, input.handoffId, { traceId: input.syncJobId });
    return { evidenceRecorded: gateOpen };
  });
}
