import type { Prisma } from "../db/generated/client.ts";
import { db } from "../db/client.ts";
import { logger } from "../log/logger.ts";
import { classifyFailure } from "./errors.ts";
import { effectHandler } from "./handlers.ts";

/** How long one attempt of an effect may take before it counts as a timeout. */
export const ATTEMPT_TIMEOUT_MS = 30_000;

export class RetryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetryLater";
  }
}

interface HistoryEntry {
  at: string;
  attempt: number;
  outcome: "succeeded" | "failed" | "dead";
  errorClass?: string;
  error?: string;
  worker?: string;
}

/**
 * Runs one outbox job. Already finished or cancelled: nothing to do (a duplicate
 * delivery of the task is harmless). Success, a retryable failure and a final failure
 * are each recorded on the job with its history. A retryable failure is rethrown so
 * the queue schedules the next attempt; a final one parks the job as a dead letter.
 */
export async function runSyncJob(syncJobId: string, worker = "worker"): Promise<void> {
  const job = await db().syncJob.findUnique({ where: { id: syncJobId } });
  if (!job || job.status === "SUCCEEDED" || job.status === "CANCELLED" || job.status === "DEAD") return;
  const log = logger.child({ syncJobId, kind: job.kind, vendor: job.vendor, handoffId: job.handoffId, traceId: job.traceId });

  const attempt = job.attempts + 1;
  await db().syncJob.update({ where: { id: job.id }, data: { status: "RUNNING", attempts: attempt, lockedAt: new Date(), lockedBy: worker } });

  const steps = { ...((job.steps ?? {}) as Record<string, Prisma.JsonValue>) };
  const history = [...((job.history ?? []) as unknown as HistoryEntry[])];
  const handler = effectHandler(job.kind);

  try {
    if (!handler) throw Object.assign(new Error(`No handler is registered for ${job.kind}.`), { status: 400 });
    const signal = AbortSignal.timeout(ATTEMPT_TIMEOUT_MS);
    const result = await handler(job, {
      steps,
      signal,
      async saveStep(name, value) {
        steps[name] = value as Prisma.JsonValue;
        await db().syncJob.update({ where: { id: job.id }, data: { steps: steps as Prisma.InputJsonValue } });
      },
    });
    history.push({ at: new Date().toISOString(), attempt, outcome: "succeeded", worker });
    await db().syncJob.update({
      where: { id: job.id },
      data: { status: "SUCCEEDED", result, completedAt: new Date(), lockedAt: null, lockedBy: null, lastError: null, errorClass: null, history: history as unknown as Prisma.InputJsonValue },
    });
    log.info({ attempt }, "effect succeeded");
  } catch (error) {
    const failure = classifyFailure(error);
    const final = !failure.retryable || attempt >= job.maxAttempts;
    history.push({ at: new Date().toISOString(), attempt, outcome: final ? "dead" : "failed", errorClass: failure.errorClass, error: failure.message, worker });
    await db().syncJob.update({
      where: { id: job.id },
      data: {
        status: final ? "DEAD" : "FAILED",
        lastError: failure.message,
        errorClass: failure.errorClass,
        lockedAt: null,
        lockedBy: null,
        history: history as unknown as Prisma.InputJsonValue,
      },
    });
    if (final) {
      log.error({ attempt, errorClass: failure.errorClass, err: failure.message }, "effect parked as a dead letter");
      return;
    }
    log.warn({ attempt, errorClass: failure.errorClass, err: failure.message }, "effect failed; will retry");
    throw new RetryLater(`${failure.errorClass}: ${failure.message}`);
  }
}
