import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, setDb } from "./client.ts";
import { checkDatabase } from "./health.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";

let database: TestDatabase | undefined;

afterAll(async () => {
  await database?.drop();
});

describe("checkDatabase", () => {
  it("reports up with the applied migrations", async () => {
    database = await createTestDatabase();
    setDb(database.prisma);
    const health = await checkDatabase();
    expect(health.status).toBe("up");
    expect(health.migrations).toBeGreaterThanOrEqual(2);
  });

  it("reports down, without hanging, when the server is unreachable", async () => {
    const unreachable = createPrismaClient("postgresql://postgres@127.0.0.1:9/nowhere", 1);
    setDb(unreachable);
    const health = await checkDatabase(1500);
    expect(health.status).toBe("down");
    expect(health.latencyMs).toBeLessThan(3000);
    await unreachable.$disconnect();
  });
});
