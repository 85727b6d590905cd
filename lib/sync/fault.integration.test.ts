import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { runFaultScenario } from "../test/fault-run.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
});

afterAll(async () => {
  await database?.drop();
});

describe("zero data loss under faults", () => {
  it("delivers every effect exactly once through 30% vendor faults and SIGKILLed workers", async () => {
    const report = await runFaultScenario({ databaseUrl: database.url, handoffs: 30, faultRate: 0.3, kills: 3, workers: 2, timeoutMs: 240_000 });
    expect(report.kills).toBe(3);
    expect(report).toMatchObject({ effects: 60, lost: 0, duplicated: 0, deadLetters: 0 });
  }, 300_000);
});
