import type { PrismaClient } from "../db/client.ts";
import { hashPassword } from "../auth/password.ts";
import { draftOverrides } from "./overrides.ts";
import { Staff, userRows } from "./people.ts";
import { closedWonTimes, createPlan, type Ctx } from "./plan.ts";
import { assignProgress, chooseOverdue, guaranteeInboxes } from "./progress.ts";
import { qaRows } from "./qa.ts";
import { ID_SEED, idFactory, Random, STORY_SEED } from "./random.ts";
import { emptyRows, handoffRows, type Rows } from "./rows.ts";
import { timelineOf } from "./timeline.ts";
import { insertAll } from "./write.ts";

/**
 * Realistic demo data for an empty database: thirteen people, a few hundred handoffs
 * spread over the last twelve weeks with their stages, evidence, approvals, promises
 * and audit history. Everything comes from seeded random streams, so the demo looks the
 * same on every run relative to `now`. Rows are built in memory and written with
 * `createMany` in one transaction: the embedded database pays per statement.
 *
 * How it is built, in order: the people (people.ts); the plan of each handoff, drawn from the
 * catalogue (plan.ts, catalogue.ts); where each stands today (progress.ts); its history in time
 * (timeline.ts); the policy exceptions (overrides.ts); the rows (rows.ts, content-rows.ts,
 * evidence.ts), whose derived values come from the domain (completeness.ts); the monthly QA
 * (qa.ts); and the writing (write.ts).
 */

export const DEMO_PASSWORD = "demo-password";

export interface DemoDataOptions {
  handoffs: number;
  now: Date;
  passwordHash: string;
}

/** Everything the demo database holds, as rows in foreign-key order. Pure: same input, same rows. */
export function buildDemoData(options: DemoDataOptions): Rows {
  const newId = idFactory(ID_SEED);
  const ctx: Ctx = { rng: new Random(STORY_SEED), newId, now: options.now, staff: new Staff(newId) };

  const usedTitles = new Set<string>();
  const plans = closedWonTimes(options.handoffs, ctx).map((closedWonAt, i) => createPlan(i, closedWonAt, usedTitles, ctx));
  assignProgress(plans, ctx);
  guaranteeInboxes(plans, ctx);
  chooseOverdue(plans, ctx);

  const timelines = new Map(plans.map((p) => [p, timelineOf(p, ctx)] as const));
  draftOverrides(plans, timelines, ctx);

  const rows = emptyRows(userRows(ctx.staff, options.passwordHash, options.now));
  for (const plan of plans) handoffRows(plan, timelines.get(plan)!, rows, ctx);
  qaRows(plans, rows, ctx);
  // Ids of the append-only audit trail follow time, as they would have in production.
  rows.audit.sort((a, b) => a.at.getTime() - b.at.getTime());
  return rows;
}

export interface SeedOptions {
  handoffs?: number;
  now?: Date;
  log?: (msg: string) => void;
}

/**
 * Fills an empty database with the demo data. Does nothing when any user exists, so
 * restarting the demo keeps whatever people did in it.
 */
export async function seedDemo(prisma: PrismaClient, options: SeedOptions = {}): Promise<{ created: boolean; handoffs: number }> {
  const log = options.log ?? (() => undefined);
  if ((await prisma.user.count()) > 0) {
    log("Demo seed skipped: the database already has users.");
    return { created: false, handoffs: await prisma.handoff.count() };
  }

  const started = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD, 10);
  const rows = buildDemoData({ handoffs: options.handoffs ?? 200, now: options.now ?? new Date(), passwordHash });
  log(`Seeding ${rows.users.length} users, ${rows.handoffs.length} handoffs and ${rows.audit.length} audit events…`);

  const created = await prisma.$transaction(
    async (tx) => {
      // A second seeder racing this one either sees our users here or fails on the unique emails.
      if ((await tx.user.count()) > 0) return false;
      await insertAll(tx, rows);
      return true;
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  if (!created) return { created: false, handoffs: await prisma.handoff.count() };
  log(`Demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Sign in as pm@demo.local (or any demo user) with “${DEMO_PASSWORD}”.`);
  return { created: true, handoffs: rows.handoffs.length };
}
