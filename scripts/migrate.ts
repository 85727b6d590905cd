// npm run db:migrate — applies pending migrations to DATABASE_URL.
import { migrate } from "../lib/db/migrate.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. For the embedded database, use `npm run demo`.");
  process.exit(2);
}
const { applied, alreadyApplied } = await migrate(url);
console.log(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date", `(${alreadyApplied} already applied)`);
