// npm run bench:queue — how fast the handoff queue answers with 100,000 handoffs.
//
// Makes a fresh database (on TEST_DATABASE_URL's server, else an embedded one),
// bulk-loads N handoffs with SQL, then times the queue query for the views people
// use (default, search, filters, "waiting for me", overdue, a deep page, each sort)
// and prints p50/p95 per view. Options: --handoffs N (default 100000), --runs N
// (default 15), --json PATH. Exits non-zero when a view's p95 is over the target.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { setDb } from "../lib/db/client.ts";
import { listQueue } from "../lib/handoffs/queue.ts";
import { queueQuerySchema } from "../lib/handoffs/queue-query.ts";
import { createTestDatabase } from "../lib/test/database.ts";
import { createTeam } from "../lib/test/fixtures.ts";
import { loadBenchHandoffs, timeRuns } from "./bench-data.ts";

const { values } = parseArgs({
  options: { handoffs: { type: "string", default: "100000" }, runs: { type: "string", default: "15" }, json: { type: "string" } },
});
const count = Number(values.handoffs);
const runs = Number(values.runs);
const TARGET_P95_MS = 250;

const database = await createTestDatabase();
setDb(database.prisma);
try {
  const team = await createTeam(database.prisma);
  const started = performance.now();
  await loadBenchHandoffs(database.prisma, team, count);
  console.log(`Loaded ${count.toLocaleString("en-US")} handoffs in ${((performance.now() - started) / 1000).toFixed(1)} s; ${runs} runs per view.\n`);

  const views: Record<string, Record<string, string>> = {
    "default (updated, newest first)": {},
    "search by customer": { q: "Customer 4242" },
    "search by reference": { q: "HO-73001" },
    "stage + risk filter": { stage: "ACKNOWLEDGEMENT", risk: "HIGH" },
    "waiting for me": { mine: "1" },
    "overdue": { overdue: "1" },
    "owner filter, by gate due": { owner: team.pm.userId, sort: "dueAt", dir: "asc" },
    "sorted by stage": { sort: "stage", dir: "asc" },
    "sorted by title": { sort: "title", dir: "asc" },
    "deep page (page 2,000)": { page: "2000", size: "25" },
  };

  const results: { view: string; rows: number; total: number; p50Ms: number; p95Ms: number }[] = [];
  for (const [view, params] of Object.entries(views)) {
    const query = queueQuerySchema.parse(params);
    const { last, p50Ms, p95Ms } = await timeRuns(() => listQueue(team.pm, query), runs);
    results.push({ view, rows: last.rows.length, total: last.total, p50Ms, p95Ms });
  }

  console.table(results);
  const slow = results.filter((r) => r.p95Ms > TARGET_P95_MS);
  console.log(slow.length ? `Over the ${TARGET_P95_MS} ms p95 target: ${slow.map((r) => r.view).join(", ")}` : `Every view under the ${TARGET_P95_MS} ms p95 target.`);
  if (values.json) writeFileSync(values.json, JSON.stringify({ handoffs: count, runs, targetP95Ms: TARGET_P95_MS, results }, null, 2));
  process.exitCode = slow.length ? 1 : 0;
} finally {
  await database.drop();
}
