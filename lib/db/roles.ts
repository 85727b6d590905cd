import type pg from "pg";

/**
 * Least privilege in the database. The tables belong to the role that runs migrations; the app
 * and its workers connect as a role that owns nothing and may only read and write rows. That role
 * cannot TRUNCATE, ALTER or DROP anything, disable a trigger or set `session_replication_role`,
 * and on the append-only tables it may only add rows. Granting is idempotent and runs after every
 * migration, so a new table is covered the moment it exists.
 */

/** Tables the app may read and add to, never change or delete from. */
export const APPEND_ONLY_TABLES = ["AuditEvent", "Decision"] as const;
/** Tables the app may only read: the chain head moves through the audit trigger, migrations through db:migrate. */
export const READ_ONLY_TABLES = ["AuditChainHead", "_prisma_migrations"] as const;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertRoleName(role: string): string {
  if (!ROLE_NAME.test(role)) throw new Error(`"${role}" is not a usable role name: lower-case letters, digits and _ only.`);
  return role;
}

/** Creates the role when it does not exist (NOLOGIN unless a password is given). Needs CREATEROLE. */
export async function ensureAppRole(client: pg.Client, role: string, password?: string): Promise<void> {
  assertRoleName(role);
  const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
  const name = client.escapeIdentifier(role);
  if (!rowCount) await client.query(`CREATE ROLE ${name} ${password ? "LOGIN" : "NOLOGIN"} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS`);
  if (password) await client.query(`ALTER ROLE ${name} LOGIN PASSWORD ${client.escapeLiteral(password)}`);
}

/** Grants the app role exactly what the app needs in the migrated schema and the job queue's. */
export async function grantAppRole(client: pg.Client, role: string): Promise<void> {
  const ident = (name: string) => client.escapeIdentifier(name);
  const r = ident(assertRoleName(role));
  const { rows } = await client.query<{ schema: string }>("SELECT current_schema() AS schema");
  const schema = ident(rows[0].schema);
  const statements = [
    // Nobody but the owner creates objects in the app's schema.
    `REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${r}`,
    `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA ${schema} FROM ${r}`,
    `REVOKE UPDATE, DELETE ON ${APPEND_ONLY_TABLES.map(ident).join(", ")} FROM ${r}`,
    `REVOKE INSERT, UPDATE, DELETE ON ${READ_ONLY_TABLES.map(ident).join(", ")} FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${r}`,
    // The job queue (graphile-worker) keeps its tables and functions in its own schema.
    `GRANT USAGE ON SCHEMA graphile_worker TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA graphile_worker TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ${r}`,
  ];
  const { rowCount } = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = 'graphile_worker'");
  for (const sql of rowCount ? statements : statements.filter((s) => !s.includes("graphile_worker"))) await client.query(sql);

  // The queue turns row-level security on for its private tables (only their owner passes); the
  // app role gets a policy of its own on each, rather than BYPASSRLS for the whole database.
  const { rows: secured } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'graphile_worker' AND c.relkind = 'r' AND c.relrowsecurity
       AND NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname AND p.policyname = $1)`,
    [`app_${role}`],
  );
  for (const { name } of secured) {
    await client.query(`CREATE POLICY ${ident(`app_${role}`)} ON graphile_worker.${ident(name)} TO ${r} USING (true) WITH CHECK (true)`);
  }
}
