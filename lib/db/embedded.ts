import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { servePGlite } from "./pglite-server.ts";
import { assertRoleName } from "./roles.ts";

/**
 * An embedded PostgreSQL (PGlite, compiled to WASM) served on the Postgres wire
 * protocol on a loopback port. The app and its workers always speak plain Postgres
 * through `pg`; only where the server comes from differs. `dataDir` undefined keeps
 * the database in memory (tests).
 */
export interface EmbeddedPostgres {
  url: string;
  /**
   * From now on every client acts as `role` (SET ROLE on PGlite's one session). PGlite has no
   * logins: this is as close as it comes to connecting as a role that owns nothing.
   */
  actAs(role: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir);
  const server = await servePGlite(pglite, { host: "127.0.0.1", port: options.port ?? 0 });
  return {
    url: `postgresql://postgres@${server.host}:${server.port}/postgres`,
    async actAs(role) {
      await pglite.exec(`SET ROLE "${assertRoleName(role)}"`);
    },
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
