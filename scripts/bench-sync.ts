// npm run bench:sync — the sync engine under load and under fire.
//
// Three runs of N handoffs' HubSpot write-backs (2 effects each) through separate
// worker processes against the local HubSpot stand-in:
//   steady  state changes arriving at 80% of HubSpot's published rate: commit → effect latency
//   burst   all at once: throughput against the vendor's allowed rate
//   faults  all at once, F% injected faults and K random SIGKILLs of workers: lost / duplicated
// Options: --handoffs N (200), --fault-rate F (0.3), --kills K (5), --workers W (2), --json PATH.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { setDb } from "../lib/db/client.ts";
import { runFaultScenario, type FaultRunReport } from "../lib/test/fault-run.ts";
import { VENDOR_LIMITS } from "../lib/sync/rate-limit.ts";
import { createTestDatabase } from "../lib/test/database.ts";

const { values } = parseArgs({
  options: {
    handoffs: { type: "string", default: "200" },
    "fault-rate": { type: "string", default: "0.3" },
    kills: { type: "string", default: "5" },
    workers: { type: "string", default: "2" },
    json: { type: "string" },
  },
});
const handoffs = Number(values.handoffs);
const workers = Number(values.workers);

async function run(name: string, options: { faultRate: number; kills: number; arrivalPerSec?: number }): Promise<FaultRunReport & { run: string }> {
  const database = await createTestDatabase();
  setDb(database.prisma);
  try {
    console.log(`\n${name}: ${handoffs} handoffs, fault rate ${options.faultRate}, ${options.kills} kills…`);
    const report = await runFaultScenario({ databaseUrl: database.url, handoffs, workers, timeoutMs: 600_000, log: (m) => console.log(`  ${m}`), ...options });
    return { run: name, ...report };
  } finally {
    await database.drop();
  }
}

// Two writes per handoff; arrive at 80% of what HubSpot allows.
const steadyRate = (VENDOR_LIMITS.HUBSPOT.perSecond * 0.8) / 2;
const results = [
  await run("steady", { faultRate: 0, kills: 0, arrivalPerSec: steadyRate }),
  await run("burst", { faultRate: 0, kills: 0 }),
  await run("faults", { faultRate: Number(values["fault-rate"]), kills: Number(values.kills) }),
];

console.log();
console.table(
  results.map((r) => ({
    run: r.run,
    handoffs: r.handoffs,
    effects: r.effects,
    faultRate: r.faultRate,
    kills: r.kills,
    lost: r.lost,
    duplicated: r.duplicated,
    "throughput/s": r.throughputPerSec,
    "allowed/s": r.allowedPerSec,
    "achieved/allowed": r.rateRatio,
    p50Ms: r.p50Ms,
    p95Ms: r.p95Ms,
  })),
);
const steady = results[0];
console.log(`steady p95 commit → effect: ${steady.p95Ms} ms (target < 2000 ms) — ${steady.p95Ms < 2000 ? "met" : "NOT met"}`);
const broken = results.filter((r) => r.lost || r.duplicated);
console.log(broken.length ? `LOST OR DUPLICATED EFFECTS in: ${broken.map((r) => r.run).join(", ")}` : "No effect lost, none duplicated.");
if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2));
process.exitCode = broken.length || steady.p95Ms >= 2000 ? 1 : 0;
