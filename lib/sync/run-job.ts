import { setTimeout as sleep } from "node:timers/promises";
import type { Prisma, SyncJob } from "../db/generated/client.ts";
import { db } from "../db/client.ts";
import { logger, type Logger } from "../log/logger.ts";
import { circuitAllows, recordFailure, recordSuccess } from "./circuit.ts";
import { scheduleEffect } from "./enqueue.ts";
import { classifyFailure } from "./errors.ts";
import { effectHandler, type EffectContext, type EffectHandler } from "./handlers.ts";
import { takeToken } from "./rate-limit.ts";

/** How long one attempt of an effect may take before it counts as a timeout. */
export const ATTEMPT_TIMEOUT_MS = Number(process.env.HCC_ATTEMPT_TIMEOUT_MS ?? 30_000);
const BASE_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = Number(process.env.HCC_MAX_BACKOFF_MS ?? 5 * 60_000);
/** Waiting this long for a rate-limit token is cheaper in place than a reschedule. */
const MAX_INLINE_WAIT_MS = 1_000;

/** The bucket was empty: not a failure, just "not yet". */
export class Throttled extends Error {
  constructor(readonly waitMs: number) {
    super(`rate limit: next token in ${waitMs} ms`);
    this.name = "Throttled";
  }
}

interface HistoryEntry {
  at: string;
  attempt: number;
  outcome: "succeeded" | "failed" | "dead" | "deferred";
  errorClass?: string;
  error?: string;
  retryInMs?: number;
  worker?: string;
}

/** Exponential backoff with full jitter; a vendor's Retry-After is a floor. */
export function backoffMs(attempt: number, retryAfterMs?: number, random = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.max(250, Math.round(random() * ceiling));
  return retryAfterMs !== undefined ? retryAfterMs + Math.round(random() * 1_000) : jittered;
}

/**
 * Runs one outbox job. Finished, cancelled or dead: nothing to do (a duplicate delivery
 * of the task is harmless). An open circuit or an empty rate bucket defers the job
 * without calling the vendor. Success, a retryable failure (rescheduled with backoff)
 * and a final failure (parked as a dead letter) are each recorded on the job.
 */
export async function runSyncJob(syncJobId: string, worker = "worker"): Promise<void> {
  const job = await db().syncJob.findUnique({ where: { id: syncJobId } });
  if (!job || job.status === "SUCCEEDED" || job.status === "CANCELLED" || job.status === "DEAD") return;
  const log = logger.child({ syncJobId, kind: job.kind, vendor: job.vendor, handoffId: job.handoffId, traceId: job.traceId });
  const history = [...((job.history ?? []) as unknown as HistoryEntry[])];

  const circuit = await circuitAllows(job.vendor);
  if (!circuit.allowed) {
    await deferWhileCircuitOpen(job, circuit.retryAt, log);
    return;
  }

  const attempt = job.attempts + 1;
  await db().syncJob.update({ where: { id: job.id }, data: { status: "RUNNING", attempts: attempt, lockedAt: new Date(), lockedBy: worker } });
  const steps = { ...((job.steps ?? {}) as Record<string, Prisma.JsonValue>) };
  const handler = effectHandler(job.kind);
  const run: Attempt = { job, attempt, history, worker, log };

  try {
    if (!handler) throw Object.assign(new Error(`No handler is registered for ${job.kind}.`), { status: 400 });
    const result = await runBeforeDeadline(job, handler, steps);
    await recordSucceeded(run, result);
  } catch (error) {
    if (error instanceof Throttled) await giveBackAttempt(run, error.waitMs);
    else await recordFailed(run, error);
  }
}

/** One attempt at a job, and what its outcome is recorded with. */
interface Attempt {
  job: SyncJob;
  attempt: number;
  history: HistoryEntry[];
  worker: string;
  log: Logger;
}

async function deferWhileCircuitOpen(job: SyncJob, retryAt: Date, log: Logger) {
  const delay = retryAt.getTime() - Date.now() + Math.round(Math.random() * 1_000);
  await db().syncJob.update({ where: { id: job.id }, data: { status: "PENDING", runAt: new Date(Date.now() + delay) } });
  await reschedule(job, delay);
  log.debug({ retryAt }, "circuit open; effect deferred");
}

/** Runs the handler, giving up at ATTEMPT_TIMEOUT_MS. */
function runBeforeDeadline(job: SyncJob, handler: EffectHandler, steps: Record<string, Prisma.JsonValue>): Promise<Prisma.InputJsonValue> {
  const signal = AbortSignal.timeout(ATTEMPT_TIMEOUT_MS);
  // Vendor SDKs do not all take a signal: the attempt ends at the deadline regardless.
  const deadline = new Promise<never>((_, reject) =>
    signal.addEventListener("abort", () => reject(Object.assign(new Error(`attempt timed out after ${ATTEMPT_TIMEOUT_MS} ms`), { name: "TimeoutError" })), { once: true }),
  );
  deadline.catch(() => undefined);
  return Promise.race([deadline, handler(job, attemptContext(job, steps, signal))]);
}

/** What a handler gets: the steps done so far, a way to record the next, and the rate limit. */
function attemptContext(job: SyncJob, steps: Record<string, Prisma.JsonValue>, signal: AbortSignal): EffectContext {
  return {
    steps,
    signal,
    async saveStep(name: string, value: Prisma.InputJsonValue) {
      // An attempt past its deadline has been given up: it must not write over its retry's steps.
      signal.throwIfAborted();
      steps[name] = value as Prisma.JsonValue;
      await db().syncJob.update({ where: { id: job.id }, data: { steps: steps as Prisma.InputJsonValue } });
    },
    async throttle() {
      // The SDKs take no signal: stopping here keeps an abandoned attempt from calling the vendor again.
      signal.throwIfAborted();
      for (;;) {
        const decision = await takeToken(job.vendor);
        if (decision.granted) return;
        if (decision.waitMs > MAX_INLINE_WAIT_MS) throw new Throttled(decision.waitMs);
        await sleep(decision.waitMs);
      }
    },
  };
}

async function recordSucceeded({ job, attempt, history, worker, log }: Attempt, result: Prisma.InputJsonValue) {
  history.push({ at: new Date().toISOString(), attempt, outcome: "succeeded", worker });
  await db().syncJob.update({
    where: { id: job.id },
    data: { status: "SUCCEEDED", result, completedAt: new Date(), lockedAt: null, lockedBy: null, lastError: null, errorClass: null, history: history as unknown as Prisma.InputJsonValue },
  });
  await recordSuccess(job.vendor);
  log.info({ attempt, latencyMs: Date.now() - job.createdAt.getTime() }, "effect succeeded");
}

/** The rate bucket was empty: not the vendor's fault nor ours, so the attempt is given back and the job comes back later. */
async function giveBackAttempt({ job, attempt, history, worker }: Attempt, waitMs: number) {
  history.push({ at: new Date().toISOString(), attempt, outcome: "deferred", errorClass: "throttled", retryInMs: waitMs, worker });
  await db().syncJob.update({
    where: { id: job.id },
    data: { status: "PENDING", attempts: job.attempts, runAt: new Date(Date.now() + waitMs), lockedAt: null, lockedBy: null, history: history as unknown as Prisma.InputJsonValue },
  });
  await reschedule(job, waitMs);
}

/** A retryable failure is rescheduled with backoff; a final one, or the last attempt, parks the job as a dead letter. */
async function recordFailed({ job, attempt, history, worker, log }: Attempt, error: unknown) {
  const failure = classifyFailure(error);
  const final = !failure.retryable || attempt >= job.maxAttempts;
  const retryInMs = final ? undefined : backoffMs(attempt, failure.retryAfterMs);
  history.push({ at: new Date().toISOString(), attempt, outcome: final ? "dead" : "failed", errorClass: failure.errorClass, error: failure.message, retryInMs, worker });
  await db().syncJob.update({
    where: { id: job.id },
    data: {
      status: final ? "DEAD" : "FAILED",
      lastError: failure.message,
      errorClass: failure.errorClass,
      runAt: retryInMs === undefined ? undefined : new Date(Date.now() + retryInMs),
      lockedAt: null,
      lockedBy: null,
      history: history as unknown as Prisma.InputJsonValue,
    },
  });
  // Being told to slow down is not the vendor being down: only other failures trip the circuit.
  if (failure.retryable && failure.errorClass !== "rate_limited") await recordFailure(job.vendor, `${failure.errorClass}: ${failure.message}`);
  if (final) {
    log.error({ attempt, errorClass: failure.errorClass, err: failure.message }, "effect parked as a dead letter");
    return;
  }
  log.warn({ attempt, errorClass: failure.errorClass, err: failure.message, retryInMs }, "effect failed; will retry");
  await reschedule(job, retryInMs!);
}

function reschedule(job: SyncJob, delayMs: number) {
  return scheduleEffect(db(), job, new Date(Date.now() + delayMs));
}
