import { z } from "zod";
import type { Prisma } from "../db/generated/client.ts";
import type { SyncJobStatus, Vendor } from "../db/generated/enums.ts";
import { db } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { conflict, forbidden, notFound } from "../errors.ts";
import { listCircuits } from "./circuit.ts";
import { scheduleEffect } from "./enqueue.ts";

/**
 * What the Operations page and the metrics endpoint show: the outbox's depth and age,
 * latency from commit to effect, failures by vendor and class, dead letters, circuits;
 * and the two things an operator may do to a job — replay it or cancel it (audited).
 */

export interface OperationsOverview {
  counts: Record<SyncJobStatus, number>;
  oldestPendingSeconds: number | null;
  latency24h: { p50Ms: number | null; p95Ms: number | null; succeeded: number };
  failures24h: { vendor: Vendor; errorClass: string; count: number }[];
  webhookBacklog: number;
  circuits: { key: string; vendor: Vendor; state: string; consecutiveFailures: number; openedUntil: string | null; lastError: string | null }[];
}

export async function operationsOverview(): Promise<OperationsOverview> {
  const [byStatus, oldest, latency, failures, backlog, circuits] = await Promise.all([
    db().syncJob.groupBy({ by: ["status"], _count: { _all: true } }),
    db().syncJob.findFirst({ where: { status: { in: ["PENDING", "FAILED", "RUNNING"] } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db().$queryRaw<{ p50: number | null; p95: number | null; n: bigint }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("completedAt" - "createdAt")) * 1000) AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("completedAt" - "createdAt")) * 1000) AS p95,
             count(*) AS n
        FROM "SyncJob" WHERE status = 'SUCCEEDED' AND "completedAt" > now() - interval '24 hours'`,
    db().$queryRaw<{ vendor: Vendor; error_class: string; n: bigint }[]>`
      SELECT j.vendor, h->>'errorClass' AS error_class, count(*) AS n
        FROM "SyncJob" j, jsonb_array_elements(j.history) h
       WHERE h->>'outcome' IN ('failed', 'dead') AND (h->>'at')::timestamptz > now() - interval '24 hours'
       GROUP BY 1, 2 ORDER BY 3 DESC`,
    db().webhookEvent.count({ where: { status: "RECEIVED" } }),
    listCircuits(),
  ]);
  const counts = { PENDING: 0, RUNNING: 0, SUCCEEDED: 0, FAILED: 0, DEAD: 0, CANCELLED: 0 } as Record<SyncJobStatus, number>;
  for (const row of byStatus) counts[row.status] = row._count._all;
  return {
    counts,
    oldestPendingSeconds: oldest ? Math.round((Date.now() - oldest.createdAt.getTime()) / 1000) : null,
    latency24h: { p50Ms: latency[0]?.p50 ?? null, p95Ms: latency[0]?.p95 ?? null, succeeded: Number(latency[0]?.n ?? 0) },
    failures24h: failures.map((f) => ({ vendor: f.vendor, errorClass: f.error_class ?? "unknown", count: Number(f.n) })),
    webhookBacklog: backlog,
    circuits: circuits.map((c) => ({ key: c.key, vendor: c.vendor, state: c.state, consecutiveFailures: c.consecutiveFailures, openedUntil: c.openedUntil?.toISOString() ?? null, lastError: c.lastError })),
  };
}

export const jobFilterSchema = z.object({
  status: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(["PENDING", "RUNNING", "SUCCEEDED", "FAILED", "DEAD", "CANCELLED"]).optional()).catch(undefined),
  page: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.coerce.number().int().min(1)).catch(1),
});

const PAGE_SIZE = 25;

export async function listJobs(actor: Actor, filter: z.infer<typeof jobFilterSchema>) {
  if (!can(actor.role, "operations:view")) throw forbidden("Only admins and RevOps can see operations.");
  const where: Prisma.SyncJobWhereInput = filter.status ? { status: filter.status } : { status: { in: ["PENDING", "RUNNING", "FAILED", "DEAD"] } };
  const [total, jobs] = await Promise.all([
    db().syncJob.count({ where }),
    db().syncJob.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: { handoff: { select: { id: true, number: true } } },
    }),
  ]);
  return {
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    jobs: jobs.map((j) => ({
      id: j.id,
      vendor: j.vendor,
      kind: j.kind,
      status: j.status,
      attempts: j.attempts,
      maxAttempts: j.maxAttempts,
      lastError: j.lastError,
      errorClass: j.errorClass,
      runAt: j.runAt.toISOString(),
      createdAt: j.createdAt.toISOString(),
      completedAt: j.completedAt?.toISOString() ?? null,
      idempotencyKey: j.idempotencyKey,
      handoff: j.handoff,
      history: j.history as unknown as { at: string; attempt: number; outcome: string; errorClass?: string; error?: string }[],
    })),
  };
}

/** Puts a dead, failed or cancelled job back in the queue with a fresh set of attempts. */
export async function replayJob(actor: Actor, jobId: string) {
  if (!can(actor.role, "operations:view")) throw forbidden("Only admins and RevOps can replay jobs.");
  return db().$transaction(async (tx) => {
    const job = await tx.syncJob.findUnique({ where: { id: jobId } });
    if (!job) throw notFound("This job does not exist.");
    if (!["DEAD", "FAILED", "CANCELLED"].includes(job.status)) throw conflict(`A ${job.status.toLowerCase()} job cannot be replayed.`);
    const history = [...(job.history as unknown as object[]), { at: new Date().toISOString(), attempt: job.attempts, outcome: "replayed", by: actor.name }];
    await tx.syncJob.update({
      where: { id: jobId },
      data: { status: "PENDING", attempts: 0, runAt: new Date(), lastError: null, errorClass: null, completedAt: null, history: history as Prisma.InputJsonValue },
    });
    await scheduleEffect(tx, job);
    await recordAudit(tx, { actor, action: "sync_job.replayed", entityType: "SyncJob", entityId: jobId, handoffId: job.handoffId, data: { kind: job.kind, previousStatus: job.status } });
    return { id: jobId, status: "PENDING" as const };
  });
}

/** Stops a job for good; a queued delivery of it will find it cancelled and do nothing. */
export async function cancelJob(actor: Actor, jobId: string) {
  if (!can(actor.role, "operations:view")) throw forbidden("Only admins and RevOps can cancel jobs.");
  return db().$transaction(async (tx) => {
    const job = await tx.syncJob.findUnique({ where: { id: jobId } });
    if (!job) throw notFound("This job does not exist.");
    if (!["PENDING", "FAILED", "DEAD"].includes(job.status)) throw conflict(`A ${job.status.toLowerCase()} job cannot be cancelled.`);
    const history = [...(job.history as unknown as object[]), { at: new Date().toISOString(), attempt: job.attempts, outcome: "cancelled", by: actor.name }];
    await tx.syncJob.update({ where: { id: jobId }, data: { status: "CANCELLED", history: history as Prisma.InputJsonValue } });
    await recordAudit(tx, { actor, action: "sync_job.cancelled", entityType: "SyncJob", entityId: jobId, handoffId: job.handoffId, data: { kind: job.kind, previousStatus: job.status } });
    return { id: jobId, status: "CANCELLED" as const };
  });
}

/** The Prometheus text exposition of the same figures. */
export async function prometheusMetrics(): Promise<string> {
  const o = await operationsOverview();
  const lines: string[] = [
    "# HELP hcc_sync_jobs Outbound effects in the outbox, by status.",
    "# TYPE hcc_sync_jobs gauge",
    ...Object.entries(o.counts).map(([status, n]) => `hcc_sync_jobs{status="${status.toLowerCase()}"} ${n}`),
    "# HELP hcc_sync_oldest_pending_seconds Age of the oldest effect not yet done.",
    "# TYPE hcc_sync_oldest_pending_seconds gauge",
    `hcc_sync_oldest_pending_seconds ${o.oldestPendingSeconds ?? 0}`,
    "# HELP hcc_sync_latency_ms Time from the committed change to the effect at the vendor, last 24 h.",
    "# TYPE hcc_sync_latency_ms summary",
    `hcc_sync_latency_ms{quantile="0.5"} ${o.latency24h.p50Ms ?? "NaN"}`,
    `hcc_sync_latency_ms{quantile="0.95"} ${o.latency24h.p95Ms ?? "NaN"}`,
    `hcc_sync_latency_ms_count ${o.latency24h.succeeded}`,
    "# HELP hcc_sync_failures Failed attempts in the last 24 h, by vendor and error class.",
    "# TYPE hcc_sync_failures gauge",
    ...o.failures24h.map((f) => `hcc_sync_failures{vendor="${f.vendor.toLowerCase()}",error_class="${f.errorClass}"} ${f.count}`),
    "# HELP hcc_webhook_backlog Webhook events stored but not yet processed.",
    "# TYPE hcc_webhook_backlog gauge",
    `hcc_webhook_backlog ${o.webhookBacklog}`,
    "# HELP hcc_circuit_open 1 when a vendor connection's circuit is open.",
    "# TYPE hcc_circuit_open gauge",
    ...o.circuits.map((c) => `hcc_circuit_open{connection="${c.key}"} ${c.state === "OPEN" ? 1 : 0}`),
  ];
  return `${lines.join("\n")}\n`;
}
