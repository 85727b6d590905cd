import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { runDeliveryFaultScenario } from "../test/delivery-fault-run.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
});

afterAll(async () => {
  await database?.drop();
});

describe("delivery outputs under faults", () => {
  it("creates every list, brief and Slack message exactly once through vendor faults and SIGKILLed workers", async () => {
    const report = await runDeliveryFaultScenario({ databaseUrl: database.url, handoffs: 3, faultRate: 0.1, kills: 2, workers: 2, timeoutMs: 330_000 });
    expect(report.kills).toBe(2);
    expect(report).toMatchObject({ handoffs: 3, lost: 0, duplicated: 0, deadLetters: 0, mismatches: [] });
    expect(report.effects).toBeGreaterThanOrEqual(12);
  }, 420_000);
});
