import type { PrismaClient } from "../lib/db/client.ts";
import type { Team } from "../lib/test/fixtures.ts";

/** Bulk-loads N handoffs with SQL for the benchmarks: spread over a year, teams, stages, cohorts and kickoffs. */
export async function loadBenchHandoffs(prisma: PrismaClient, team: Team, count: number): Promise<void> {
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Deal" (id, source, "sourceId", "sourceUrl", name, pipeline, "dealStage", properties, "updatedAt")
    SELECT 'bench-deal-' || g, 'HUBSPOT', 'bench-' || g, 'https://app.hubspot.com/contacts/1/record/0-3/' || g,
           'Bench deal ' || g, 'default', 'closedwon', '{}', now()
    FROM generate_series(1, ${count}) g`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Handoff" (id, "dealId", title, "customerName", team, segment, pipeline, stage, "stageStatus", status,
                           "riskLevel", "closedWonAt", "dueAt", "promisedKickoffAt", "projectManagerId", "psLeaderId",
                           "revOpsId", "deliveryLeadId", "salesOwnerId", "waitingOnId", "updatedAt",
                           "actualKickoffAt", "completenessScore", "pilotCohort")
    SELECT 'bench-' || g, 'bench-deal-' || g,
           'Customer ' || (g % 5000) || ' — ' || (ARRAY['CPQ rollout','CRM migration','Portal launch','ITSM implementation'])[1 + g % 4],
           'Customer ' || (g % 5000),
           (ARRAY['Enterprise','Mid-market','Public sector'])[1 + g % 3], 'Enterprise', 'default',
           (ARRAY['INTAKE','DELIVERY_WORKSPACE','IMPLEMENTATION_BRIEF','ACKNOWLEDGEMENT','HANDOFF_DIGEST','KICKOFF_QA'])[1 + g % 6]::"StageKey",
           (ARRAY['IN_PROGRESS','AWAITING_APPROVAL','CHANGES_REQUESTED','NOT_STARTED'])[1 + g % 4]::"StageStatus",
           (CASE WHEN g % 4 = 0 THEN 'COMPLETED' WHEN g % 50 = 0 THEN 'INTAKE_BLOCKED' ELSE 'IN_PROGRESS' END)::"HandoffStatus",
           (ARRAY['LOW','MEDIUM','HIGH','CRITICAL'])[1 + g % 4]::"RiskLevel",
           now() - (g % 365) * interval '1 day', now() + ((g % 20) - 5) * interval '1 day', now() + (g % 60) * interval '1 day',
           $1, $2, $3, $4, $5, CASE WHEN g % 7 = 0 THEN $1 ELSE $3 END, now() - (g % 1000) * interval '1 minute',
           CASE WHEN g % 3 = 0 THEN now() - (g % 365) * interval '1 day' + (8 + g % 15) * interval '1 day' END,
           40 + g % 61, g % 5 = 0
    FROM generate_series(1, ${count}) g`.replaceAll("$1", `'${team.pm.userId}'`).replaceAll("$2", `'${team.leader.userId}'`).replaceAll("$3", `'${team.revops.userId}'`).replaceAll("$4", `'${team.lead.userId}'`).replaceAll("$5", `'${team.sales.userId}'`));
  await prisma.$executeRawUnsafe(`ANALYZE`);
}

/** Times `run` (after one warm-up) and returns its last result with p50/p95 in ms. */
export async function timeRuns<T>(run: () => Promise<T>, runs: number): Promise<{ last: T; p50Ms: number; p95Ms: number }> {
  let last = await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] * 10) / 10;
  return { last, p50Ms: pct(0.5), p95Ms: pct(0.95) };
}
