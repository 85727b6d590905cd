// The database is server-side only: a Client Component that reaches this module (directly or through
// any module that touches the database) fails the build. Next's server bundles resolve this import
// to nothing; the worker, scripts and tests run with the same `react-server` condition.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";
import { env } from "../env.ts";

/**
 * Creates a Prisma client for a connection string (tests and scripts make their own).
 * `statementTimeoutMs` makes PostgreSQL cancel any statement that runs longer.
 */
export function createPrismaClient(connectionString: string, max = 10, options: { statementTimeoutMs?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max, ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}) });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/**
 * The one Prisma client of the process, created on first use. No statement of the app may hold
 * the database (and a request) longer than STATEMENT_TIMEOUT_MS: PostgreSQL cancels it.
 */
export function db(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const e = env();
    globalForPrisma.prisma = createPrismaClient(e.DATABASE_URL, e.DATABASE_POOL_SIZE, { statementTimeoutMs: e.STATEMENT_TIMEOUT_MS });
  }
  return globalForPrisma.prisma;
}

/** Lets a test or script install its own client as the process's client. */
export function setDb(client: PrismaClient): void {
  globalForPrisma.prisma = client;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type { PrismaClient };
