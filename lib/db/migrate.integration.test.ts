import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { MIGRATIONS_DIR, migrate } from "./migrate.ts";
import { diffDatamodels } from "./schema-diff.ts";

const SCHEMA = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");
const databases: TestDatabase[] = [];

async function emptyDatabase() {
  const d = await createTestDatabase({ migrate: false });
  databases.push(d);
  return d;
}

afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

/** Tables, columns, indexes, constraints and enums, as text that can be compared. */
async function catalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const queries = [
      `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' null=' || is_nullable || ' default=' || coalesce(column_default, '')
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
      `SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      `SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"')`,
      `SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    ];
    const rows: string[] = [];
    for (const q of queries) rows.push(...(await client.query<{ "?column?": string }>(q)).rows.map((r) => Object.values(r)[0] as string));
    return rows.sort();
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("apply to an empty database, and a second run applies nothing", async () => {
    const d = await emptyDatabase();
    const first = await migrate(d.url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.applied[0]).toMatch(/_init$/);
    const second = await migrate(d.url);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });
  });

  it("refuse to run when an applied migration was edited afterwards", async () => {
    const d = await emptyDatabase();
    const dir = await mkdtemp(path.join(tmpdir(), "hcc-migrations-"));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await migrate(d.url, { dir });
      const [firstName] = (await import("node:fs")).readdirSync(dir).filter((n) => n.endsWith("_init"));
      await writeFile(path.join(dir, firstName, "migration.sql"), "-- edited\n");
      await expect(migrate(d.url, { dir })).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("produce exactly the database that schema.prisma describes", async () => {
    const fromMigrations = await emptyDatabase();
    await migrate(fromMigrations.url);

    const fromSchema = await emptyDatabase();
    const sql = await diffDatamodels(null, SCHEMA);
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    await client.query(sql);
    await client.end();

    const [a, b] = await Promise.all([catalog(fromMigrations.url), catalog(fromSchema.url)]);
    const onlyInMigrations = a.filter((x) => !b.includes(x));
    const onlyInSchema = b.filter((x) => !a.includes(x));
    expect({ onlyInMigrations, onlyInSchema }, "schema.prisma and prisma/migrations disagree: run `npm run db:migration -- <name>`").toEqual({
      onlyInMigrations: [],
      onlyInSchema: [],
    });
  }, 120_000);
});
