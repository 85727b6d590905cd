import { db } from "./client.ts";

export interface DatabaseHealth {
  status: "up" | "down";
  latencyMs: number;
  migrations?: number;
  error?: string;
}

/** A cheap round trip to the database, bounded so a hung server answers as down. */
export async function checkDatabase(timeoutMs = 2000): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    const rows = await Promise.race([
      db().$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return { status: "up", latencyMs: Math.round(performance.now() - started), migrations: Number(rows[0]?.count ?? 0) };
  } catch (error) {
    return { status: "down", latencyMs: Math.round(performance.now() - started), error: (error as Error).message.split("\n")[0] };
  }
}
