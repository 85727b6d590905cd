import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { grantAppRole } from "../db/roles.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, type Team } from "../test/fixtures.ts";
import { recordAudit } from "./record.ts";
import { chainHead, parsePublishedHead, verifyAuditChain } from "./chain.ts";

let database: TestDatabase;
let team: Team;
let owner: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  team = await createTeam(database.prisma);
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
});

afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

async function record(n: number, label = "chain") {
  for (let i = 0; i < n; i++) {
    await database.prisma.$transaction((tx) =>
      recordAudit(tx, { actor: team.pm, action: `test.${label}`, entityType: "Test", entityId: `${label}-${i}`, data: { i, text: "naïve — ünïcode ✓", nested: { b: [1, 2.5, null], a: "x" } } }),
    );
  }
}

/** What someone holding the tables' owner role could do: switch the append-only trigger off for one statement. */
async function asOwnerWithTriggerOff(sql: string, params: unknown[] = []) {
  await owner.query("BEGIN");
  await owner.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
  await owner.query(sql, params);
  await owner.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
  await owner.query("COMMIT");
}

/** The tests tamper in turn; each starts from an intact chain by restoring what it changed. */
async function restore(id: string, data: string) {
  await asOwnerWithTriggerOff(`UPDATE "AuditEvent" SET "data" = $2::jsonb WHERE "id" = $1`, [id, data]);
}

describe("the audit hash chain", () => {
  it("chains every event as it is written, and verifies whole", async () => {
    await record(5);
    const report = await verifyAuditChain();
    expect(report).toMatchObject({ ok: true, firstBreak: null });
    expect(report.events).toBe(await database.prisma.auditEvent.count());
    const last = await database.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(await chainHead()).toMatchObject({ seq: last.seq, hash: last.hash });
    expect(last.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("stays one chain when many transactions write at once", async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => record(2, `concurrent-${i}`)));
    const report = await verifyAuditChain();
    expect(report.firstBreak).toBeNull();
    expect(report.ok).toBe(true);
  });

  it("names an event whose content was changed", async () => {
    const victim = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "test.chain" }, orderBy: { seq: "asc" }, skip: 2 });
    const { rows } = await owner.query<{ data: string }>(`SELECT "data"::text AS data FROM "AuditEvent" WHERE "id" = $1`, [victim.id]);
    await asOwnerWithTriggerOff(`UPDATE "AuditEvent" SET "data" = '{"i": 99}' WHERE "id" = $1`, [victim.id]);
    const report = await verifyAuditChain();
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({ eventId: String(victim.id), seq: victim.seq });
    expect(report.firstBreak!.reason).toMatch(/content no longer matches its hash/);
    await restore(String(victim.id), rows[0].data);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("names the gap where an event was deleted, and a cut from the end", async () => {
    await record(3, "deleted");
    const [, middle, last] = await database.prisma.auditEvent.findMany({ where: { action: "test.deleted" }, orderBy: { seq: "asc" } });
    await asOwnerWithTriggerOff(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [middle.id]);
    const gap = await verifyAuditChain();
    expect(gap.firstBreak).toMatchObject({ seq: last.seq });
    expect(gap.firstBreak!.reason).toBe(`Events ${middle.seq} are missing from the chain: deleted.`);

    await asOwnerWithTriggerOff(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [last.id]);
    const cut = await verifyAuditChain();
    expect(cut.ok).toBe(false);
    expect(cut.firstBreak!.reason).toMatch(/events were cut from the end/);
  });
});

describe("a rewrite of the whole chain", () => {
  it("passes on its own, and is caught against a head published earlier", async () => {
    // Start a fresh database: the previous block left a cut chain behind on purpose.
    const fresh = await createTestDatabase();
    try {
      const freshTeam = await createTeam(fresh.prisma);
      for (let i = 0; i < 4; i++) {
        await fresh.prisma.$transaction((tx) => recordAudit(tx, { actor: freshTeam.leader, action: "test.rewrite", entityType: "Test", entityId: String(i), data: { amount: 1000 * i } }));
      }
      const published = await chainHead(fresh.prisma);
      const line = `${published.seq}:${published.hash}`;
      expect(parsePublishedHead(line)).toEqual({ seq: published.seq, hash: published.hash });

      // Someone with the owner's rights changes an early event and recomputes every hash after it.
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      await client.query("BEGIN");
      await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
      await client.query(`ALTER TABLE "AuditChainHead" DISABLE TRIGGER USER`);
      await client.query(`UPDATE "AuditEvent" SET "data" = '{"amount": 1}' WHERE "entityId" = '1' AND "action" = 'test.rewrite'`);
      await client.query(`
        DO $$
        DECLARE e RECORD; prev TEXT := ''; digest TEXT;
        BEGIN
          FOR e IN SELECT * FROM "AuditEvent" ORDER BY "seq" LOOP
            digest := audit_event_digest(e."seq", prev, e."at", e."actorId", e."actorRole"::text, e."actorLabel", e."action",
              e."entityType", e."entityId", e."handoffId", e."data"::text, e."sourceUrl", e."traceId");
            UPDATE "AuditEvent" SET "prevHash" = prev, "hash" = digest WHERE "id" = e."id";
            prev := digest;
          END LOOP;
          UPDATE "AuditChainHead" SET "hash" = prev WHERE "id" = 1;
        END $$`);
      await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
      await client.query(`ALTER TABLE "AuditChainHead" ENABLE TRIGGER USER`);
      await client.query("COMMIT");
      await client.end();

      expect((await verifyAuditChain({ client: fresh.prisma })).ok).toBe(true);
      const against = await verifyAuditChain({ client: fresh.prisma, expect: parsePublishedHead(line)! });
      expect(against.ok).toBe(false);
      expect(against.firstBreak).toMatchObject({ seq: published.seq });
      expect(against.firstBreak!.reason).toMatch(/differs from the head published/);
    } finally {
      await fresh.drop();
    }
  });
});

describe("the role the app connects as", () => {
  const role = `hcc_app_test_${randomBytes(4).toString("hex")}`;
  let client: pg.Client;

  beforeAll(async () => {
    await owner.query(`CREATE ROLE ${role} NOLOGIN`);
    await grantAppRole(owner, role);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await owner.query(`DROP OWNED BY ${role}`);
    await owner.query(`DROP ROLE ${role}`);
  });

  /** One statement as the app's role, as a login as that role would run it (SET LOCAL: the embedded database is one shared session). */
  const app = {
    async query(sql: string, params: unknown[] = []) {
      await client.query("BEGIN");
      try {
        await client.query(`SET LOCAL ROLE ${role}`);
        const result = await client.query(sql, params);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
  };

  const refused = async (sql: string, message: RegExp) => {
    await expect(app.query(sql)).rejects.toThrow(message);
  };

  it("reads and writes rows, and adds audit events that join the chain whatever hash it claims", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await app.query(`UPDATE "Handoff" SET "title" = 'Renamed by the app role' WHERE "id" = $1`, [handoff.id]);
    await app.query(
      `INSERT INTO "AuditEvent" ("action", "entityType", "entityId", "data", "seq", "prevHash", "hash") VALUES ('forged', 'Test', 'x', '{}', 1, '', 'f00d')`,
    );
    const forged = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "forged" } });
    expect(forged.hash).not.toBe("f00d");
    expect(forged.seq).toBe((await chainHead()).seq);
    await app.query(`SELECT graphile_worker.add_job('noop', '{}'::json)`);
  });

  it("cannot rewrite, delete or empty the audit trail, the decision log or the chain head", async () => {
    await refused(`UPDATE "AuditEvent" SET "action" = 'x'`, /permission denied/);
    await refused(`DELETE FROM "AuditEvent"`, /permission denied/);
    await refused(`TRUNCATE "AuditEvent"`, /permission denied/);
    await refused(`DELETE FROM "Decision"`, /permission denied/);
    await refused(`UPDATE "Decision" SET "title" = 'x'`, /permission denied/);
    await refused(`UPDATE "AuditChainHead" SET "seq" = 0`, /permission denied/);
    await refused(`DELETE FROM "_prisma_migrations"`, /permission denied/);
  });

  it("cannot switch triggers off, replicate around them, or change the schema", async () => {
    await refused(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`, /must be owner/);
    await refused(`SET session_replication_role = replica`, /permission denied/);
    await refused(`DROP TABLE "Decision"`, /must be owner/);
    await refused(`CREATE TABLE "Sneaky" ("id" int)`, /permission denied/);
    await refused(`CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`, /must be owner|permission denied/);
  });
});

describe("the owner, too", () => {
  it("cannot TRUNCATE the audit trail or delete decisions without first switching the triggers off", async () => {
    await expect(owner.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/AuditEvent is append-only: TRUNCATE/);
    await expect(owner.query(`TRUNCATE "Decision"`)).rejects.toThrow(/Decision is append-only: TRUNCATE/);
    const handoff = await createHandoff(database.prisma, team);
    await database.prisma.decision.create({ data: { handoffId: handoff.id, title: "Keep", rationale: "Because", decidedBy: "Test" } });
    await expect(owner.query(`DELETE FROM "Decision" WHERE "handoffId" = $1`, [handoff.id])).rejects.toThrow(/Decision is append-only: DELETE/);
  });
});
