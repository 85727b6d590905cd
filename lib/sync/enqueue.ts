import type { Prisma } from "../db/generated/client.ts";
import type { Vendor } from "../db/generated/enums.ts";
import type { PrismaClient, Tx } from "../db/client.ts";

export interface EffectInput {
  vendor: Vendor;
  /** Which handler runs it (see lib/sync/handlers.ts). */
  kind: string;
  /** Deterministic: the same change always yields the same key, so a duplicate is a no-op. */
  idempotencyKey: string;
  handoffId?: string | null;
  payload: Prisma.InputJsonValue;
  traceId?: string | null;
  maxAttempts?: number;
}

/**
 * Records an outbound effect in the outbox and schedules it, inside the caller's
 * transaction: if the change that causes the effect commits, so does the effect; if
 * it rolls back, the effect never existed. graphile-worker's `add_job` is plain SQL,
 * so the schedule joins the same transaction.
 */
export async function enqueueEffect(tx: Tx, input: EffectInput): Promise<{ id: string; created: boolean }> {
  const existing = await tx.syncJob.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const job = await tx.syncJob.create({
    data: {
      vendor: input.vendor,
      kind: input.kind,
      idempotencyKey: input.idempotencyKey,
      handoffId: input.handoffId ?? null,
      payload: input.payload,
      traceId: input.traceId ?? null,
      maxAttempts: input.maxAttempts ?? 10,
    },
    select: { id: true, vendor: true, handoffId: true },
  });
  await scheduleEffect(tx, job);
  return { id: job.id, created: true };
}

/**
 * Schedules (or reschedules) the run of an outbox row. Effects of one handoff on one
 * vendor share a named queue, so they run one at a time and in order: two syncs of the
 * same ClickUp list can never both decide to create it. The queue's own attempts only
 * matter when a worker dies mid-job; the outbox row counts real attempts.
 */
export async function scheduleEffect(tx: Tx | PrismaClient, job: { id: string; vendor: Vendor; handoffId: string | null }, runAt?: Date): Promise<void> {
  await scheduleTask(tx, "sync:effect", { syncJobId: job.id }, {
    jobKey: `sync:${job.id}`,
    runAt,
    maxAttempts: 25,
    queueName: job.handoffId ? `${job.vendor.toLowerCase()}:${job.handoffId}` : undefined,
  });
}

/** Schedules a background task in the caller's transaction. */
export async function scheduleTask(
  tx: Tx | PrismaClient,
  task: string,
  payload: Record<string, unknown>,
  options: { jobKey?: string; runAt?: Date; maxAttempts?: number; queueName?: string } = {},
): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job(
    ${task}::text,
    ${JSON.stringify(payload)}::json,
    queue_name := ${options.queueName ?? null}::text,
    run_at := ${options.runAt ?? null}::timestamptz,
    max_attempts := ${options.maxAttempts ?? 10}::int,
    job_key := ${options.jobKey ?? null}::text
  )`;
}

/**
 * Many tasks of one kind in one statement (graphile-worker's `add_jobs`), each with its job key:
 * a webhook batch of a thousand deals is one round trip in its transaction, not a thousand.
 */
export async function scheduleTasks(
  tx: Tx | PrismaClient,
  task: string,
  jobs: readonly { payload: Record<string, unknown>; jobKey?: string }[],
  options: { maxAttempts?: number } = {},
): Promise<void> {
  if (jobs.length === 0) return;
  const payloads = jobs.map((j) => JSON.stringify(j.payload));
  const keys = jobs.map((j) => j.jobKey ?? null);
  await tx.$queryRaw`SELECT count(*)::int AS added FROM graphile_worker.add_jobs((
    SELECT array_agg(ROW(${task}::text, j.payload::json, NULL::text, NULL::timestamptz, ${options.maxAttempts ?? 10}::smallint, j.job_key, NULL::smallint, NULL::text[])::graphile_worker.job_spec)
    FROM unnest(${payloads}::text[], ${keys}::text[]) AS j(payload, job_key)
  ))`;
}
