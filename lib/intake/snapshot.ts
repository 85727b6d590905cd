import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/client.ts";

/**
 * The intake gate's snapshot evidence, recorded by the system: when the deal passes
 * validation, or when an approved override lets it proceed.
 */
export async function recordIntakeSnapshot(
  tx: Tx,
  handoffId: string,
  evidence: { url?: string | null; data: Prisma.InputJsonObject; capturedById?: string | null },
): Promise<void> {
  const stage = await tx.handoffStage.findUnique({ where: { handoffId_key: { handoffId, key: "INTAKE" } } });
  if (!stage) return;
  await tx.evidence.create({
    data: {
      stageId: stage.id,
      requirementKey: "deal_snapshot",
      kind: "SNAPSHOT",
      label: "Validated deal snapshot",
      url: evidence.url ?? null,
      data: evidence.data,
      capturedById: evidence.capturedById ?? null,
    },
  });
}
