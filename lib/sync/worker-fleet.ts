import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Worker processes for the fault runs: started with the given environment, SIGKILLed at
 * random while effects are open, replaced at once, and stopped at the end.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The environment of a fault run's workers: the run's database, small pools, quiet logs and a
 * short backoff tail (the run is about correctness, so it ends in minutes), plus what the run adds
 * (vendor endpoints, attempt and stale-lock timings).
 */
export function faultRunWorkerEnv(databaseUrl: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: "3",
    APP_URL: "http://127.0.0.1:3999",
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(24).toString("hex"),
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
    LOG_LEVEL: "silent",
    WORKER_CONCURRENCY: "4",
    HCC_MAX_BACKOFF_MS: "8000",
    ...extra,
  };
}

export class WorkerFleet {
  private readonly workers: ChildProcess[] = [];
  /** The tail of the workers' stderr, for a failure message. */
  stderr = "";

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: (message: string) => void,
  ) {}

  start(): void {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(ROOT, "scripts/worker.ts")], { cwd: ROOT, env: this.env, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr?.on("data", (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    child.on("exit", (code, signal) => signal !== "SIGKILL" && this.log(`worker ${child.pid} exited (${code ?? signal})`));
    this.workers.push(child);
  }

  alive(): ChildProcess[] {
    return this.workers.filter((w) => w.exitCode === null && w.signalCode === null);
  }

  /** Kills one live worker with SIGKILL and starts a replacement; returns the victim's pid. */
  killOne(): number | undefined {
    const alive = this.alive();
    const victim = alive[Math.floor(Math.random() * alive.length)];
    if (!victim) return undefined;
    victim.kill("SIGKILL");
    this.start();
    return victim.pid;
  }

  stopAll(): void {
    for (const w of this.workers) if (w.exitCode === null) w.kill("SIGKILL");
  }
}

/**
 * Polls until no effect is open, killing a worker now and then (up to `kills`, not before
 * `killAfterMs`). Throws `onTimeout`'s message past the deadline. Returns the kills made.
 */
export async function settleWithKills(options: {
  fleet: WorkerFleet;
  open: () => Promise<number>;
  kills: number;
  deadline: number;
  pollMs: [number, number];
  killAfter?: number;
  log: (message: string) => void;
  onTimeout: (open: number) => Promise<string>;
}): Promise<number> {
  let kills = 0;
  for (;;) {
    const open = await options.open();
    if (open === 0) return kills;
    if (Date.now() > options.deadline) throw new Error(await options.onTimeout(open));
    if (kills < options.kills && Date.now() >= (options.killAfter ?? 0)) {
      const pid = options.fleet.killOne();
      if (pid !== undefined) {
        kills++;
        options.log(`killed worker ${pid} (${kills}/${options.kills}); ${open} effects open`);
      }
    }
    const [min, spread] = options.pollMs;
    await sleep(min + Math.random() * spread);
  }
}
