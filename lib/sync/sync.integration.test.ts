import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { circuitAllows, FAILURE_THRESHOLD, recordFailure, recordSuccess } from "./circuit.ts";
import { enqueueEffect } from "./enqueue.ts";
import { classifyFailure } from "./errors.ts";
import { registerEffect } from "./handlers.ts";
import { takeToken } from "./rate-limit.ts";
import { cancelJob, listJobs, operationsOverview, prometheusMetrics, replayJob } from "./operations.ts";
import { backoffMs, runSyncJob } from "./run-job.ts";
import { createTeam, type Team } from "../test/fixtures.ts";

let database: TestDatabase;
let team: Team;

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  team = await createTeam(database.prisma);
});

afterAll(async () => {
  await database?.drop();
});

const httpError = (status: number, headers: Record<string, string> = {}) => Object.assign(new Error(`HTTP-Code: ${status}`), { code: status, headers });

describe("failure classes", () => {
  it("retries rate limits, server errors and network failures, and parks request errors", () => {
    expect(classifyFailure(httpError(429, { "retry-after": "7" }))).toMatchObject({ retryable: true, errorClass: "rate_limited", retryAfterMs: 7000 });
    expect(classifyFailure(httpError(503))).toMatchObject({ retryable: true, errorClass: "http_503" });
    expect(classifyFailure(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toMatchObject({ retryable: true, errorClass: "network" });
    expect(classifyFailure(Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" }))).toMatchObject({ retryable: true, errorClass: "timeout" });
    expect(classifyFailure(httpError(400))).toMatchObject({ retryable: false, errorClass: "http_400" });
    expect(classifyFailure(new Error("something odd"))).toMatchObject({ retryable: false, errorClass: "unexpected" });
  });

  it("backs off exponentially with jitter, and never sooner than Retry-After", () => {
    expect(backoffMs(1, undefined, () => 1)).toBe(1000);
    expect(backoffMs(4, undefined, () => 1)).toBe(8000);
    expect(backoffMs(30, undefined, () => 1)).toBe(300_000);
    expect(backoffMs(3, undefined, () => 0)).toBe(250);
    expect(backoffMs(1, 10_000, () => 0.5)).toBe(10_500);
  });
});

describe("rate limits", () => {
  it("hands out the burst, then says how long until the next token", async () => {
    // One token every 2 s: slow enough that a busy machine cannot refill between calls.
    const limit = { perSecond: 0.5, burst: 2, source: "test" };
    expect((await takeToken("NOTION", "rate-test", limit)).granted).toBe(true);
    expect((await takeToken("NOTION", "rate-test", limit)).granted).toBe(true);
    const third = await takeToken("NOTION", "rate-test", limit);
    expect(third.granted).toBe(false);
    expect(third.waitMs).toBeGreaterThan(0);
    expect(third.waitMs).toBeLessThanOrEqual(2000);
    await new Promise((r) => setTimeout(r, third.waitMs + 100));
    expect((await takeToken("NOTION", "rate-test", limit)).granted).toBe(true);
  });
});

describe("circuit breaker", () => {
  it("opens after repeated failures, defers calls, and closes on success", async () => {
    for (let i = 0; i < FAILURE_THRESHOLD - 1; i++) await recordFailure("SLACK", "http_503", "circuit-test");
    expect(await circuitAllows("SLACK", "circuit-test")).toEqual({ allowed: true });
    await recordFailure("SLACK", "http_503", "circuit-test");
    const open = await circuitAllows("SLACK", "circuit-test");
    expect(open.allowed).toBe(false);
    // Other vendors are unaffected.
    expect(await circuitAllows("NOTION", "circuit-test")).toEqual({ allowed: true });
    await recordSuccess("SLACK", "circuit-test");
    expect(await circuitAllows("SLACK", "circuit-test")).toEqual({ allowed: true });
  });
});

describe("runSyncJob", () => {
  it("retries a failing effect, keeps completed steps, and succeeds exactly once", async () => {
    let calls = 0;
    let sideEffects = 0;
    registerEffect("test.flaky", async (_job, ctx) => {
      calls++;
      if (!ctx.steps.created) {
        sideEffects++;
        await ctx.saveStep("created", "ext-1");
      }
      if (calls < 3) throw httpError(503);
      return { externalId: ctx.steps.created as string };
    });
    const { id } = await database.prisma.$transaction((tx) => enqueueEffect(tx, { vendor: "CLICKUP", kind: "test.flaky", idempotencyKey: "flaky-1", payload: {} }));
    for (let i = 0; i < 3; i++) await runSyncJob(id);
    const job = await database.prisma.syncJob.findUniqueOrThrow({ where: { id } });
    expect(job).toMatchObject({ status: "SUCCEEDED", attempts: 3, result: { externalId: "ext-1" } });
    expect((job.history as { outcome: string }[]).map((h) => h.outcome)).toEqual(["failed", "failed", "succeeded"]);
    expect(sideEffects).toBe(1);
    await runSyncJob(id); // a duplicate delivery of the task changes nothing
    expect(calls).toBe(3);
  });

  it("parks a request the vendor rejects as a dead letter at once", async () => {
    registerEffect("test.invalid", async () => {
      throw httpError(400);
    });
    const { id } = await database.prisma.$transaction((tx) => enqueueEffect(tx, { vendor: "CLICKUP", kind: "test.invalid", idempotencyKey: "invalid-1", payload: {} }));
    await runSyncJob(id);
    expect(await database.prisma.syncJob.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "DEAD", errorClass: "http_400", attempts: 1 });
  });

  it("treats the same idempotency key as the same effect", async () => {
    const first = await database.prisma.$transaction((tx) => enqueueEffect(tx, { vendor: "SLACK", kind: "test.noop", idempotencyKey: "same-key", payload: { n: 1 } }));
    const again = await database.prisma.$transaction((tx) => enqueueEffect(tx, { vendor: "SLACK", kind: "test.noop", idempotencyKey: "same-key", payload: { n: 2 } }));
    expect(again).toEqual({ id: first.id, created: false });
    expect(await database.prisma.syncJob.count({ where: { idempotencyKey: "same-key" } })).toBe(1);
  });

  it("never exists when the change that caused it rolls back", async () => {
    const queuedJobs = async () => Number((await database.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs`)[0].n);
    const before = await queuedJobs();
    await expect(
      database.prisma.$transaction(async (tx) => {
        await enqueueEffect(tx, { vendor: "SLACK", kind: "test.noop", idempotencyKey: "rolled-back", payload: {} });
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    expect(await database.prisma.syncJob.count({ where: { idempotencyKey: "rolled-back" } })).toBe(0);
    expect(await queuedJobs()).toBe(before);
  });
});

describe("operations", () => {
  it("shows dead letters, and lets RevOps replay or cancel them, audited", async () => {
    const dead = await database.prisma.syncJob.findUniqueOrThrow({ where: { idempotencyKey: "invalid-1" } });
    const overview = await operationsOverview();
    expect(overview.counts.DEAD).toBeGreaterThanOrEqual(1);
    expect(overview.failures24h).toContainEqual({ vendor: "CLICKUP", errorClass: "http_400", count: 1 });
    expect((await listJobs(team.revops, { status: "DEAD", page: 1 })).jobs.map((j) => j.id)).toContain(dead.id);

    await expect(replayJob(team.viewer, dead.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listJobs(team.pm, { page: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await replayJob(team.revops, dead.id);
    expect(await database.prisma.syncJob.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: "PENDING", attempts: 0 });
    await expect(replayJob(team.revops, dead.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await cancelJob(team.admin, dead.id);
    expect(await database.prisma.syncJob.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: "CANCELLED" });
    await runSyncJob(dead.id); // the queued delivery finds it cancelled
    expect(await database.prisma.syncJob.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: "CANCELLED", attempts: 0 });
    const actions = (await database.prisma.auditEvent.findMany({ where: { entityId: dead.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["sync_job.replayed", "sync_job.cancelled"]);
  });

  it("exposes the same figures as Prometheus text", async () => {
    const text = await prometheusMetrics();
    expect(text).toMatch(/^hcc_sync_jobs\{status="succeeded"\} \d+$/m);
    expect(text).toMatch(/^hcc_sync_failures\{vendor="clickup",error_class="http_400"\} 1$/m);
    expect(text).toContain("# TYPE hcc_sync_latency_ms summary");
  });
});
