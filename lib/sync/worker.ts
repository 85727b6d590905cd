import { run, type Runner, type TaskList, Logger } from "graphile-worker";
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

export async function startWorker(options: WorkerOptions): Promise<Runner> {
  const workerName = `worker-${process.pid}`;
  const taskList: TaskList = {
    "sync:effect": async (payload) => {
      const { syncJobId } = payload as { syncJobId: string };
      await runSyncJob(syncJobId, workerName);
    },
    ...options.tasks,
  };
  return run({
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
}
