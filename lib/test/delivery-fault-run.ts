import { setTimeout as sleep } from "node:timers/promises";
import { db, type PrismaClient } from "../db/client.ts";
import { refreshDeliveryOutputs } from "../delivery/outputs.ts";
import { startDeliveryStandIns } from "../stand-ins/index.ts";
import { createHandoff, createTeam } from "./fixtures.ts";
import { faultRunWorkerEnv, settleWithKills, WorkerFleet } from "../sync/worker-fleet.ts";

/**
 * "Zero data loss" for the delivery outputs: N handoffs each need a ClickUp list, a Notion
 * brief and two Slack messages, synced by separate worker processes while the local tools
 * inject faults (429, 5xx, resets, hangs, writes whose answer is lost) and workers are
 * SIGKILLed at random moments. Then each tool is counted: one folder, list, page, request
 * and digest per handoff, with every task — nothing lost, nothing twice.
 */

export interface DeliveryFaultRunOptions {
  databaseUrl: string;
  handoffs: number;
  faultRate: number;
  kills: number;
  workers?: number;
  timeoutMs?: number;
  log?: (message: string) => void;
}

export interface DeliveryFaultRunReport {
  handoffs: number;
  effects: number;
  kills: number;
  lost: number;
  duplicated: number;
  deadLetters: number;
  seconds: number;
  mismatches: string[];
}

const KINDS = ["clickup.workspace", "notion.brief", "slack.ack", "slack.digest"];
/** The default template's five standard tasks: the fixture handoffs have no commitments, milestones or dependencies. */
const TASKS_PER_LIST = 5;

export async function runDeliveryFaultScenario(options: DeliveryFaultRunOptions): Promise<DeliveryFaultRunReport> {
  const log = options.log ?? (() => undefined);
  const prisma = db();
  const standIns = await startFaultyStandIns(options.faultRate);
  const fleet = new WorkerFleet(deliveryWorkerEnv(options.databaseUrl, standIns), log);

  try {
    const handoffs = await createHandoffsAtDigest(prisma, options.handoffs);
    for (let i = 0; i < (options.workers ?? 2); i++) fleet.start();
    await sleep(4_000);
    const started = Date.now();
    for (const h of handoffs) await prisma.$transaction((tx) => refreshDeliveryOutputs(tx, h.id));
    const ids = handoffs.map((h) => h.id);
    log(`enqueued ${await prisma.syncJob.count({ where: { handoffId: { in: ids } } })} delivery effects for ${handoffs.length} handoffs`);

    const openJobs = { handoffId: { in: ids }, status: { notIn: ["SUCCEEDED" as const, "DEAD" as const, "CANCELLED" as const] } };
    const kills = await settleWithKills({
      fleet,
      open: () => prisma.syncJob.count({ where: openJobs }),
      kills: options.kills,
      deadline: started + (options.timeoutMs ?? 300_000),
      killAfter: started + 3_000,
      pollMs: [1_000, 1_000],
      log,
      onTimeout: async (open) => {
        const stuck = await prisma.syncJob.findMany({ where: openJobs, select: { kind: true, status: true, attempts: true, runAt: true, lastError: true } });
        return `Delivery fault run timed out with ${open} effects unfinished (${fleet.alive().length} workers alive): ${JSON.stringify(stuck)} stderr: ${fleet.stderr}`;
      },
    });
    const seconds = (Date.now() - started) / 1000;

    const { lost, duplicated, mismatches } = countOutputs(await toolContents(standIns), handoffs);
    if (mismatches.length) log(`mismatches: ${mismatches.join("; ")}`);
    const jobs = await prisma.syncJob.findMany({ where: { handoffId: { in: ids }, kind: { in: KINDS } }, select: { status: true } });
    return {
      handoffs: handoffs.length,
      effects: jobs.length,
      kills,
      lost,
      duplicated,
      deadLetters: jobs.filter((j) => j.status === "DEAD").length,
      seconds: Math.round(seconds * 10) / 10,
      mismatches,
    };
  } finally {
    fleet.stopAll();
    await standIns.stop();
  }
}

type StandIns = Awaited<ReturnType<typeof startDeliveryStandIns>>;

interface FixtureHandoff {
  id: string;
  ref: string;
}

/** The local ClickUp, Notion and Slack, each failing that share of requests in every way it can. */
async function startFaultyStandIns(faultRate: number): Promise<StandIns> {
  const standIns = await startDeliveryStandIns({ appUrl: "http://127.0.0.1:3999" });
  const faults = (kinds: string[]) => ({ rate: faultRate, kinds, hangMs: 1_500 }) as never;
  if (faultRate > 0) {
    standIns.clickup.setFaults(faults(["429", "500", "503", "reset", "timeout", "lost_response"]));
    standIns.notion.setFaults(faults(["429", "500", "503", "reset", "timeout", "lost_response"]));
    standIns.slack.setFaults(faults(["429", "500", "503", "reset", "lost_response"]));
  }
  return standIns;
}

function deliveryWorkerEnv(databaseUrl: string, standIns: StandIns): NodeJS.ProcessEnv {
  return faultRunWorkerEnv(databaseUrl, {
    ...standIns.env,
    // An attempt outlives its client's own request timeout (20 s), so nothing it sent is still in
    // flight when a retry starts; a lock is stale only well after an attempt must have ended.
    HCC_ATTEMPT_TIMEOUT_MS: "25000",
    HCC_STALE_LOCK_SECONDS: "40",
  });
}

/** Handoffs at the digest stage: all four outputs are due at once. */
async function createHandoffsAtDigest(prisma: PrismaClient, count: number): Promise<FixtureHandoff[]> {
  const team = await createTeam(prisma);
  const handoffs: FixtureHandoff[] = [];
  for (let i = 0; i < count; i++) {
    const h = await createHandoff(prisma, team, { title: `Delivery fault run ${i}` });
    await prisma.handoffStage.updateMany({ where: { handoffId: h.id }, data: { status: "APPROVED" } });
    await prisma.handoffStage.createMany({
      data: [
        { handoffId: h.id, key: "DELIVERY_WORKSPACE", status: "APPROVED" },
        { handoffId: h.id, key: "IMPLEMENTATION_BRIEF", status: "APPROVED" },
        { handoffId: h.id, key: "ACKNOWLEDGEMENT", status: "APPROVED" },
        { handoffId: h.id, key: "HANDOFF_DIGEST", status: "IN_PROGRESS" },
      ],
    });
    await prisma.handoff.update({ where: { id: h.id }, data: { stage: "HANDOFF_DIGEST", stageStatus: "IN_PROGRESS" } });
    handoffs.push({ id: h.id, ref: `HO-${h.number}` });
  }
  return handoffs;
}

type ToolContents = Awaited<ReturnType<typeof toolContents>>;

/** What each tool holds, read from its sandbox. */
async function toolContents(standIns: StandIns) {
  const tree = (await (await fetch(`${standIns.clickup.url}/__sandbox/workspace`)).json()) as { spaces: { folders: { name: string; lists: { tasks: unknown[] }[] }[] }[] };
  const folders = tree.spaces.flatMap((s) => s.folders);
  const pages = ((await (await fetch(`${standIns.notion.url}/__sandbox/pages`)).json()) as { pages: { properties: Record<string, unknown>; blocks: { type: string }[] }[] }).pages;
  const messages = standIns.slack.store.history("C0DELIVERY");
  return { folders, pages, messages };
}

/** Counts each handoff's outputs against one of each (and every task): what is missing is lost, what is extra duplicated. */
function countOutputs({ folders, pages, messages }: ToolContents, handoffs: FixtureHandoff[]) {
  let lost = 0;
  let duplicated = 0;
  const mismatches: string[] = [];
  const tally = (count: number, expected: number, what = "") => {
    if (count !== expected) mismatches.push(`${what}: ${count} instead of ${expected}`);
    if (count < expected) lost += expected - count;
    if (count > expected) duplicated += count - expected;
  };
  for (const h of handoffs) {
    const mine = folders.filter((f) => f.name.startsWith(`${h.ref} `));
    tally(mine.length, 1, `${h.ref} ClickUp folders`);
    tally(mine.flatMap((f) => f.lists).length, 1, `${h.ref} ClickUp lists`);
    tally(mine.flatMap((f) => f.lists).flatMap((l) => l.tasks).length, TASKS_PER_LIST, `${h.ref} ClickUp tasks`);
    const page = pages.filter((p) => p.properties["Handoff ID"] === h.ref);
    tally(page.length, 1, `${h.ref} Notion pages`);
    tally(page.flatMap((p) => p.blocks).filter((b) => b.type === "callout").length, 1, `${h.ref} brief blocks`);
    tally(messages.filter((m) => m.text.includes(`ref ${h.ref}/ack`)).length, 1, `${h.ref} Slack requests`);
    tally(messages.filter((m) => m.text.includes(`ref ${h.ref}/digest`)).length, 1, `${h.ref} Slack digests`);
  }
  return { lost, duplicated, mismatches };
}
