// Writes a new migration in Prisma Migrate's layout from the change to schema.prisma:
//
//   npm run db:migration -- add_risk_owner
//
// The datamodel of the last migration is kept beside the migrations
// (datamodel.snapshot.prisma); a test applies the migrations to an empty database
// and fails when the result differs from schema.prisma.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffDatamodels } from "../lib/db/schema-diff.ts";

const root = path.resolve(import.meta.dirname, "..");
const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name_in_snake_case>");
  process.exit(2);
}

const schemaPath = path.join(root, "prisma/schema.prisma");
const migrationsDir = path.join(root, "prisma/migrations");
const snapshotPath = path.join(migrationsDir, "datamodel.snapshot.prisma");

const sql = await diffDatamodels(existsSync(snapshotPath) ? snapshotPath : null, schemaPath);
if (!sql || sql.startsWith("-- This is an empty migration.")) {
  console.log("schema.prisma has no changes since the last migration.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
copyFileSync(schemaPath, snapshotPath);
if (!existsSync(path.join(migrationsDir, "migration_lock.toml"))) {
  writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
}
console.log(`Wrote ${path.relative(root, dir)}/migration.sql`);
