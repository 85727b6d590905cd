// npm run worker — the background worker as its own process (production). Run as
// many as you like against one PostgreSQL; they share the queue safely.
import { env } from "../lib/env.ts";
import { logger } from "../lib/log/logger.ts";
import { startBackgroundWork } from "../lib/worker/runtime.ts";

const runner = await startBackgroundWork(env().DATABASE_URL, { concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4) });
logger.info({ event: "worker.started", pid: process.pid }, "worker started");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    logger.info({ event: "worker.stopping", signal }, "worker stopping");
    void runner.stop().then(() => process.exit(0));
  });
}
await runner.promise;
