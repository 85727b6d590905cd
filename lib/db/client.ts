import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";
import { env } from "../env.ts";

export * from "./generated/client.ts";

/** Creates a Prisma client for a connection string (tests make their own). */
export function createPrismaClient(connectionString: string, max = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** The one Prisma client of the process, created on first use. */
export function db(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const e = env();
    globalForPrisma.prisma = createPrismaClient(e.DATABASE_URL, e.DATABASE_POOL_SIZE);
  }
  return globalForPrisma.prisma;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
