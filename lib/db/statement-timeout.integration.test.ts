import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "./client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { isStatementTimeout } from "../http/route.ts";

let database: TestDatabase;
let client: PrismaClient;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createPrismaClient(database.url, 1, { statementTimeoutMs: 300 });
});

afterAll(async () => {
  await client?.$disconnect();
  await database?.drop();
});

// The embedded database (PGlite, one WebAssembly thread) cannot interrupt a running statement;
// the README says so. On a PostgreSQL server — CI's — the timeout must cancel it.
const embedded = !process.env.TEST_DATABASE_URL;

describe("the statement timeout", () => {
  it("recognises a cancelled statement as Prisma reports it", () => {
    const cancelled = { code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "57014", message: "canceling statement due to statement timeout" } } } };
    expect(isStatementTimeout(cancelled)).toBe(true);
    expect(isStatementTimeout({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "23505" } } } })).toBe(false);
    expect(isStatementTimeout(new Error("boom"))).toBe(false);
  });

  it(embedded ? "is not available on the embedded database (documented): statements run to the end" : "has PostgreSQL cancel a statement that runs too long, and leaves the connection usable", async () => {
    const outcome = await client.$queryRaw`SELECT 1 AS slept FROM pg_sleep(1.5)`.then(
      () => "finished",
      (e: unknown) => (isStatementTimeout(e) ? "cancelled" : e),
    );
    expect(outcome).toBe(embedded ? "finished" : "cancelled");
    expect(await client.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });
});
