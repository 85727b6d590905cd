import { randomBytes } from "node:crypto";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "../db/client.ts";
import { startEmbeddedPostgres } from "../db/embedded.ts";
import { migrate } from "../db/migrate.ts";

/**
 * A fresh, migrated database for one test file. On the real PostgreSQL server named
 * by TEST_DATABASE_URL (as in CI) it is a new database with a random name, dropped
 * afterwards; without it, an in-memory embedded PostgreSQL.
 */
export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let url: string;
  let cleanup: () => Promise<void>;

  if (serverUrl) {
    const name = `hcc_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  } else {
    const embedded = await startEmbeddedPostgres();
    url = embedded.url;
    cleanup = embedded.stop;
  }

  if (options.migrate !== false) await migrate(url);
  const prisma = createPrismaClient(url, 5);
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await cleanup();
    },
  };
}
