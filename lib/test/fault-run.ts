import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { SyncJob } from "../db/generated/client.ts";
import { db } from "../db/client.ts";
import { startHubSpotSandbox, type FaultKind, type HubSpotSandbox } from "../stand-ins/hubspot/index.ts";
import { enqueueEffect } from "../sync/enqueue.ts";
import { faultRunWorkerEnv, settleWithKills, WorkerFleet } from "../sync/worker-fleet.ts";
import { VENDOR_LIMITS } from "../sync/rate-limit.ts";

/**
 * The proof behind "zero data loss": N handoffs' outbound effects (the HubSpot
 * write-back: a status on the deal and a task for its owner) go through separate
 * worker processes while the local HubSpot injects faults — 429s, 5xx, resets,
 * hangs, successes whose answer is lost — and workers are killed with SIGKILL at
 * random moments and restarted. Then every effect is counted at the stand-in.
 * Used by `npm run bench:sync` and by the fault test.
 */

export interface FaultRunOptions {
  databaseUrl: string;
  handoffs: number;
  faultRate: number;
  kills: number;
  workers?: number;
  /** State changes per second; unset: all at once (a burst). */
  arrivalPerSec?: number;
  timeoutMs?: number;
  log?: (message: string) => void;
}

export interface FaultRunReport {
  handoffs: number;
  effects: number;
  faultRate: number;
  kills: number;
  lost: number;
  duplicated: number;
  deadLetters: number;
  seconds: number;
  throughputPerSec: number;
  allowedPerSec: number;
  rateRatio: number;
  p50Ms: number;
  p95Ms: number;
}

const FAULT_KINDS: FaultKind[] = ["429", "500", "503", "reset", "timeout", "lost_response"];

export async function runFaultScenario(options: FaultRunOptions): Promise<FaultRunReport> {
  const log = options.log ?? (() => undefined);
  const token = `pat-bench-${randomBytes(6).toString("hex")}`;
  const hubspot = await startHubSpotSandbox({
    accessToken: token,
    faults: options.faultRate > 0 ? { rate: options.faultRate, kinds: FAULT_KINDS, hangMs: 1_500 } : undefined,
  });
  const fleet = new WorkerFleet(hubspotWorkerEnv(options.databaseUrl, token, hubspot), log);

  try {
    const dealIds = createOpenDeals(hubspot, options.handoffs);
    for (let i = 0; i < (options.workers ?? 2); i++) fleet.start();
    await waitForWorkers();
    const started = Date.now();
    await enqueueWriteBacks(dealIds, started, options.arrivalPerSec);
    log(`enqueued ${await db().syncJob.count({ where: { idempotencyKey: { startsWith: "fault-run:" } } })} write-backs for ${dealIds.length} deals`);

    const kills = await settleWithKills({
      fleet,
      open: () => db().syncJob.count({ where: { idempotencyKey: { startsWith: "fault-run:" }, status: { notIn: ["SUCCEEDED", "DEAD", "CANCELLED"] } } }),
      kills: options.kills,
      deadline: started + (options.timeoutMs ?? 180_000),
      pollMs: [400, 800],
      log,
      onTimeout: async (open) => `Fault run timed out with ${open} effects unfinished.`,
    });
    const seconds = (Date.now() - started) / 1000;
    await hubspot.webhooksSettled();

    const jobs = await db().syncJob.findMany({ where: { idempotencyKey: { startsWith: "fault-run:" } } });
    const { lost, duplicated } = countWriteBacks(hubspot, jobs);
    const latencies = completionLatencies(jobs);
    const effects = jobs.length * 2;
    const throughput = effects / seconds;
    return {
      handoffs: options.handoffs,
      effects,
      faultRate: options.faultRate,
      kills,
      lost,
      duplicated,
      deadLetters: jobs.filter((j) => j.status === "DEAD").length,
      seconds: Math.round(seconds * 10) / 10,
      throughputPerSec: Math.round(throughput * 10) / 10,
      allowedPerSec: VENDOR_LIMITS.HUBSPOT.perSecond,
      rateRatio: Math.round((throughput / VENDOR_LIMITS.HUBSPOT.perSecond) * 100) / 100,
      p50Ms: percentile(latencies, 0.5),
      p95Ms: percentile(latencies, 0.95),
    };
  } finally {
    fleet.stopAll();
    await hubspot.stop();
  }
}

function hubspotWorkerEnv(databaseUrl: string, token: string, hubspot: HubSpotSandbox): NodeJS.ProcessEnv {
  return faultRunWorkerEnv(databaseUrl, {
    HUBSPOT_ACCESS_TOKEN: token,
    HUBSPOT_API_BASE_URL: hubspot.url,
    // Attempts are short here, so a dead worker's jobs may be released sooner.
    HCC_ATTEMPT_TIMEOUT_MS: "4000",
    HCC_STALE_LOCK_SECONDS: "10",
  });
}

/** Workers are up when the queue has seen them ask for work (a short grace period). */
function waitForWorkers() {
  return sleep(4_000);
}

/** Not closed-won: the workers' reconciliation sweep must leave these deals alone. */
function createOpenDeals(hubspot: HubSpotSandbox, count: number): string[] {
  return hubspot.store.withoutEvents(() =>
    Array.from({ length: count }, (_, i) => hubspot.store.createDeal({ dealname: `Fault run ${i}`, pipeline: "default", dealstage: "contractsent", amount: "50000" }).id),
  );
}

/** One write-back per deal, all at once or spread at `arrivalPerSec` from `started`. */
async function enqueueWriteBacks(dealIds: string[], started: number, arrivalPerSec: number | undefined) {
  for (const [i, dealId] of dealIds.entries()) {
    if (arrivalPerSec) await sleep(Math.max(0, started + (i * 1000) / arrivalPerSec - Date.now()));
    await db().$transaction((tx) =>
      enqueueEffect(tx, {
        vendor: "HUBSPOT",
        kind: "hubspot.writeback",
        idempotencyKey: `fault-run:${dealId}`,
        maxAttempts: 25,
        payload: { dealId, status: "blocked", handoffUrl: `http://127.0.0.1:3999/handoffs/fault-${dealId}`, issues: [{ label: "Out-of-scope items", problem: "Missing." }] },
      }),
    );
  }
}

/** A write-back is lost unless its job succeeded and the deal holds both its status and its task; any extra task is a duplicate. */
function countWriteBacks(hubspot: HubSpotSandbox, jobs: SyncJob[]) {
  const tasks = hubspot.store.tasks();
  let lost = 0;
  let duplicated = 0;
  for (const job of jobs) {
    const dealId = (job.payload as { dealId: string }).dealId;
    const mine = tasks.filter((t) => String(t.properties.hs_task_body ?? "").includes(`HCC-${job.id}`)).length;
    const statusWritten = hubspot.store.getDeal(dealId)?.properties.handoff_status === "Intake blocked";
    if (job.status !== "SUCCEEDED" || mine === 0 || !statusWritten) lost++;
    duplicated += Math.max(0, mine - 1);
  }
  return { lost, duplicated };
}

/** Milliseconds from enqueue to completion of each finished job, fastest first. */
function completionLatencies(jobs: SyncJob[]): number[] {
  return jobs
    .filter((j) => j.completedAt)
    .map((j) => j.completedAt!.getTime() - j.createdAt.getTime())
    .sort((a, b) => a - b);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]);
}
