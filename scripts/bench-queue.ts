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
  await database.prisma.$executeRawUnsafe(`
    INSERT INTO "Deal" (id, source, "sourceId", "sourceUrl", name, pipeline, "dealStage", properties, "updatedAt")
    SELECT 'bench-deal-' || g, 'HUBSPOT', 'bench-' || g, 'https://app.hubspot.com/contacts/1/record/0-3/' || g,
           'Bench deal ' || g, 'default', 'closedwon', '{}', now()
    FROM generate_series(1, ${count}) g`);
  await database.prisma.$executeRawUnsafe(`
    INSERT INTO "Handoff" (id, "dealId", title, "customerName", team, segment, pipeline, stage, "stageStatus", status,
                           "riskLevel", "closedWonAt", "dueAt", "promisedKickoffAt", "projectManagerId", "psLeaderId",
                           "revOpsId", "deliveryLeadId", "salesOwnerId", "waitingOnId", "updatedAt")
    SELECT 'bench-' || g, 'bench-deal-' || g,
           'Customer ' || (g % 5000) || ' — ' || (ARRAY['CPQ rollout','CRM migration','Portal launch','ITSM implementation'])[1 + g % 4],
           'Customer ' || (g % 5000),
           (ARRAY['Enterprise','Mid-market','Public sector'])[1 + g % 3], 'Enterprise', 'default',
           (ARRAY['INTAKE','DELIVERY_WORKSPACE','IMPLEMENTATION_BRIEF','ACKNOWLEDGEMENT','HANDOFF_DIGEST','KICKOFF_QA'])[1 + g % 6]::"StageKey",
           (ARRAY['IN_PROGRESS','AWAITING_APPROVAL','CHANGES_REQUESTED','NOT_STARTED'])[1 + g % 4]::"StageStatus",
           (CASE WHEN g % 4 = 0 THEN 'COMPLETED' WHEN g % 50 = 0 THEN 'INTAKE_BLOCKED' ELSE 'IN_PROGRESS' END)::"HandoffStatus",
           (ARRAY['LOW','MEDIUM','HIGH','CRITICAL'])[1 + g % 4]::"RiskLevel",
           now() - (g % 365) * interval '1 day', now() + ((g % 20) - 5) * interval '1 day', now() + (g % 60) * interval '1 day',
           $1, $2, $3, $4, $5, CASE WHEN g % 7 = 0 THEN $1 ELSE $3 END, now() - (g % 1000) * interval '1 minute'
    FROM generate_series(1, ${count}) g`.replaceAll("$1", `'${team.pm.userId}'`).replaceAll("$2", `'${team.leader.userId}'`).replaceAll("$3", `'${team.revops.userId}'`).replaceAll("$4", `'${team.lead.userId}'`).replaceAll("$5", `'${team.sales.userId}'`));
  await database.prisma.$executeRawUnsafe(`ANALYZE`);
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
    const times: number[] = [];
    let last = await listQueue(team.pm, query); // warm-up
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      last = await listQueue(team.pm, query);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] * 10) / 10;
    results.push({ view, rows: last.rows.length, total: last.total, p50Ms: pct(0.5), p95Ms: pct(0.95) });
  }

  console.table(results);
  const slow = results.filter((r) => r.p95Ms > TARGET_P95_MS);
  console.log(slow.length ? `Over the ${TARGET_P95_MS} ms p95 target: ${slow.map((r) => r.view).join(", ")}` : `Every view under the ${TARGET_P95_MS} ms p95 target.`);
  if (values.json) writeFileSync(values.json, JSON.stringify({ handoffs: count, runs, targetP95Ms: TARGET_P95_MS, results }, null, 2));
  process.exitCode = slow.length ? 1 : 0;
} finally {
  await database.drop();
}
