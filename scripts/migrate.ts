// npm run db:migrate — applies pending migrations as the tables' owner.
//
//   MIGRATE_DATABASE_URL  the owner's connection (falls back to DATABASE_URL)
//   DATABASE_APP_ROLE     the role the app connects as; it is created (NOLOGIN) when missing and
//                         granted exactly what the app needs, after every migration
import pg from "pg";
import { migrate } from "../lib/db/migrate.ts";
import { ensureAppRole } from "../lib/db/roles.ts";

const url = process.env.MIGRATE_DATABASE_URL || process.env.DATABASE_URL;
if (!url) {
  console.error("Set MIGRATE_DATABASE_URL (or DATABASE_URL) to the database owner's connection. For the embedded database, use `npm run demo`.");
  process.exit(2);
}
const appRole = process.env.DATABASE_APP_ROLE || undefined;
if (appRole) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await ensureAppRole(client, appRole);
  } finally {
    await client.end();
  }
}
const { applied, alreadyApplied } = await migrate(url, { appRole });
console.log(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date", `(${alreadyApplied} already applied)`);
if (appRole) console.log(`Granted ${appRole} what the app needs: rows only, append-only on the audit trail and the decision log.`);
