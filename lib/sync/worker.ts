import { run, type Runner, type TaskList, Logger } from "graphile-worker";
import pg from "pg";
import { logger } from "../log/logger.ts";
import { runSyncJob } from "./run-job.ts";

/**
 * The background worker: graphile-worker claims jobs with `FOR UPDATE SKIP LOCKED`,
 * so any number of workers can share one PostgreSQL. It runs inside the demo
 * process, or alone with `npm run worker` in production.
 */
export interface WorkerOptions {
  connectionString: string;
  concurrency?: number;
  /** Extra tasks (intake, reconciliation) registered by the composition root. */
  tasks?: TaskList;
  /** graphile-worker crontab lines for scheduled sweeps. */
  crontab?: string;
  pollInterval?: number;
}

const queueLogger = new Logger((scope) => (level, message, meta) => {
  const log = logger.child({ component: "queue", ...scope });
  if (level === "error") log.error(meta ?? {}, message);
  else if (level === "warning") log.warn(meta ?? {}, message);
  else log.debug(meta ?? {}, message);
});

/** A job locked longer than this was held by a worker that died (attempts time out at 30 s). */
const STALE_LOCK_SECONDS = Number(process.env.HCC_STALE_LOCK_SECONDS ?? 120);

/**
 * Releases jobs locked by a worker that was killed mid-job. graphile-worker 0.16 does
 * this itself only after four hours; our attempts are bounded, so two minutes is safe.
 */
export async function releaseStaleLocks(pool: { query(sql: string): Promise<{ rowCount: number | null }> }): Promise<number> {
  const jobs = await pool.query(
    `UPDATE graphile_worker._private_jobs SET locked_at = NULL, locked_by = NULL WHERE locked_at < now() - interval '${STALE_LOCK_SECONDS} seconds'`,
  );
  await pool.query(
    `UPDATE graphile_worker._private_job_queues SET locked_at = NULL, locked_by = NULL WHERE locked_at < now() - interval '${STALE_LOCK_SECONDS} seconds'`,
  );
  return jobs.rowCount ?? 0;
}

export async function startWorker(options: WorkerOptions): Promise<Runner> {
  const workerName = `worker-${process.pid}`;
  const taskList: TaskList = {
    "sync:effect": async (payload) => {
      const { syncJobId } = payload as { syncJobId: string };
      await runSyncJob(syncJobId, workerName);
    },
    ...options.tasks,
  };
  const runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? 4,
    pollInterval: options.pollInterval ?? 1000,
    noHandleSignals: true,
    // The embedded database multiplexes every connection onto one session, where named
    // prepared statements from two connections would collide.
    noPreparedStatements: true,
    taskList,
    crontab: options.crontab ?? "",
    logger: queueLogger,
  });
  const reap = async () => {
    const released = await releaseStaleLocks(pool).catch((err: unknown) => {
      logger.warn({ err }, "could not release stale job locks");
      return 0;
    });
    if (released) logger.warn({ event: "queue.stale_locks_released", released }, "released jobs held by a dead worker");
  };
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 1 });
  await reap();
  const timer = setInterval(reap, 30_000);
  timer.unref();
  void runner.promise.finally(() => {
    clearInterval(timer);
    void pool.end();
  });
  return runner;
}
