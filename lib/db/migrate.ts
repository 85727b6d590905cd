import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Logger, runMigrations as runQueueMigrations } from "graphile-worker";
import pg from "pg";
import { grantAppRole } from "./roles.ts";

/**
 * Applies the SQL migrations in prisma/migrations in order, each in its own
 * transaction, and records them in `_prisma_migrations` exactly as Prisma Migrate
 * does, so `prisma migrate deploy` stays interchangeable on machines that have
 * Prisma's native schema engine. An advisory lock makes concurrent runs safe.
 */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

const LOCK_KEY = 72_707_369; // same key for every process of this app

const quietQueueLogger = new Logger(() => () => undefined);

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<{ name: string; sql: string; checksum: string }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export interface MigrateOptions {
  dir?: string;
  /** The role the app connects as: granted exactly what it needs after migrating (lib/db/roles.ts). */
  appRole?: string;
}

export async function migrate(connectionString: string, options: MigrateOptions = {}): Promise<MigrationResult> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum"            VARCHAR(64) NOT NULL,
        "finished_at"         TIMESTAMPTZ,
        "migration_name"      VARCHAR(255) NOT NULL,
        "logs"                TEXT,
        "rolled_back_at"      TIMESTAMPTZ,
        "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    let alreadyApplied = 0;

    for (const m of await listMigrations(dir)) {
      const previous = done.get(m.name);
      if (previous?.finished_at) {
        if (previous.checksum !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied (checksum mismatch). Add a new migration instead.`);
        }
        alreadyApplied++;
        continue;
      }
      if (previous) {
        throw new Error(`Migration ${m.name} failed earlier and is recorded as unfinished; resolve it before migrating.`);
      }
      const id = randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [id, m.checksum, m.name],
        );
        await client.query("COMMIT");
        applied.push(m.name);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    // The job queue (graphile-worker) keeps its own schema and versions it itself.
    await runQueueMigrations({ connectionString, logger: quietQueueLogger });
    if (options.appRole) await grantAppRole(client, options.appRole);
    return { applied, alreadyApplied };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
