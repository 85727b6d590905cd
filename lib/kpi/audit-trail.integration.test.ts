import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, type Team } from "../test/fixtures.ts";
import { exportAuditTrail } from "./audit-trail.ts";

let database: TestDatabase;
let team: Team & Record<keyof Team, { email: string }>;
let handoff: { id: string; number: number };
const DAY = "2026-11-02";

const text = async (file: Awaited<ReturnType<typeof exportAuditTrail>>) => new Response(file.body).text();

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  team = await createTeam(database.prisma);
  const created = await createHandoff(database.prisma, team, { title: "Audited" });
  handoff = await database.prisma.handoff.findUniqueOrThrow({ where: { id: created.id }, select: { id: true, number: true } });
  const at = new Date(`${DAY}T10:00:00Z`);
  await database.prisma.auditEvent.createMany({
    data: [
      { at, actorId: team.pm.userId, actorRole: "PROJECT_MANAGER", actorLabel: "Pat PM", action: "gate.submitted", entityType: "Handoff", entityId: handoff.id, handoffId: handoff.id, data: { stage: "INTAKE" } },
      { at, actorId: team.leader.userId, actorRole: "PS_LEADER", actorLabel: "Lee Leader", action: "gate.approved", entityType: "Handoff", entityId: handoff.id, handoffId: handoff.id, data: { comment: "=HYPERLINK(\"http://evil\")" } },
      { at, actorLabel: "HubSpot intake", action: "intake.validated", entityType: "Handoff", entityId: handoff.id, handoffId: handoff.id, sourceUrl: "https://app.hubspot.com/contacts/1/record/0-3/9" },
      // A day outside the period asked for.
      { at: new Date("2026-10-01T10:00:00Z"), actorLabel: "HubSpot intake", action: "intake.validated", entityType: "Handoff", entityId: handoff.id, handoffId: handoff.id },
      // Enough on one day to take more than one batch.
      ...Array.from({ length: 1_050 }, (_, i) => ({ at: new Date(`2026-11-03T00:00:${String(i % 60).padStart(2, "0")}Z`), actorLabel: "Slack sync", action: "output.synced", entityType: "SyncJob", entityId: `job-${i}`, data: { i } })),
    ],
  });
});

afterAll(async () => {
  await database?.drop();
});

describe("the audit trail export", () => {
  it("writes a period's events as CSV, oldest first, with their hashes, and no cell a spreadsheet would run", async () => {
    const file = await exportAuditTrail(team.admin, { format: "csv", from: DAY, to: DAY });
    const lines = (await text(file)).trimEnd().split("\r\n");
    expect(lines[0]).toBe("seq,at,actor,actor_role,action,entity_type,entity_id,handoff_id,source_url,trace_id,data,prev_hash,hash");
    expect(lines.slice(1).map((l) => l.split(",")[4])).toEqual(["gate.submitted", "gate.approved", "intake.validated"]);
    expect(file.rows).toBe(3);
    expect(lines[2]).toContain(`"{""comment"":""=HYPERLINK(\\""http://evil\\"")""}"`);
    expect(lines[2]).toMatch(/,[0-9a-f]{64},[0-9a-f]{64}$/);
  });

  it("neutralises a cell that starts like a formula, whoever wrote it", async () => {
    await database.prisma.auditEvent.create({ data: { at: new Date("2026-11-05T09:00:00Z"), actorLabel: "=2+3", action: "import.ran", entityType: "Import", entityId: "@SUM(A1)" } });
    const line = (await text(await exportAuditTrail(team.admin, { format: "csv", from: "2026-11-05", to: "2026-11-05" }))).split("\r\n")[1];
    expect(line.split(",").slice(2, 7)).toEqual(["'=2+3", "", "import.ran", "Import", "'@SUM(A1)"]);
  });

  it("writes JSON Lines, and streams a long period in batches without losing or repeating an event", async () => {
    const file = await exportAuditTrail(team.admin, { format: "jsonl", from: DAY, to: "2026-11-03" });
    const events = (await text(file)).trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(events).toHaveLength(3 + 1_050);
    expect(file.rows).toBe(events.length);
    const seqs = events.map((e) => Number(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(events[1]).toMatchObject({ action: "gate.approved", actor: { id: team.leader.userId, role: "PS_LEADER", label: "Lee Leader" }, handoffId: handoff.id, data: { comment: "=HYPERLINK(\"http://evil\")" } });
  });

  it("filters by handoff reference, person (email or system name) and action prefix", async () => {
    const actions = async (filters: Record<string, string>) =>
      (await text(await exportAuditTrail(team.admin, { format: "jsonl", from: "2026-10-01", to: DAY, ...filters })))
        .trimEnd()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l).action);
    expect(await actions({ handoff: `HO-${handoff.number}`, action: "gate." })).toEqual(["gate.submitted", "gate.approved"]);
    expect(await actions({ actor: team.leader.email })).toEqual(["gate.approved"]);
    expect(await actions({ actor: "hubspot intake" })).toEqual(["intake.validated", "intake.validated"]);
    expect(await actions({ action: "qa." })).toEqual([]);
  });

  it("refuses a period it cannot read or longer than three years, an unknown handoff or person, with the reason", async () => {
    const refused = (filters: Record<string, string>) => exportAuditTrail(team.admin, { format: "csv", from: DAY, to: DAY, ...filters });
    await expect(refused({ from: "0001-01-01", to: "9999-12-31" })).rejects.toMatchObject({ code: "INVALID", message: expect.stringMatching(/outside the years 2000 to 2100/) });
    await expect(refused({ from: "2020-01-01", to: "2026-01-01" })).rejects.toMatchObject({ code: "INVALID", message: expect.stringMatching(/longer than 3 years/) });
    await expect(refused({ from: "" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(refused({ format: "xlsx" })).rejects.toMatchObject({ code: "INVALID", message: "Choose the format: csv or jsonl." });
    await expect(refused({ handoff: "HO-999999" })).rejects.toMatchObject({ code: "INVALID", message: "No handoff “HO-999999”. Use its reference, such as HO-123." });
    await expect(refused({ actor: "nobody@example.test" })).rejects.toMatchObject({ code: "INVALID", message: "No one signs in as nobody@example.test." });
    await expect(refused({ action: "DROP TABLE" })).rejects.toMatchObject({ code: "INVALID" });
  });

  it("is for admins only, and every export is itself in the audit trail", async () => {
    for (const who of [team.leader, team.revops, team.pm, team.viewer, team.sales]) {
      await expect(exportAuditTrail(who, { format: "csv", from: DAY, to: DAY })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const before = await database.prisma.auditEvent.count({ where: { action: "audit.exported" } });
    await exportAuditTrail(team.admin, { format: "jsonl", from: DAY, to: DAY, action: "gate." });
    const recorded = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "audit.exported" }, orderBy: { id: "desc" } });
    expect(await database.prisma.auditEvent.count({ where: { action: "audit.exported" } })).toBe(before + 1);
    expect(recorded).toMatchObject({ actorId: team.admin.userId, entityId: "audit.jsonl", data: { from: DAY, to: DAY, action: "gate.", rows: 2 } });
  });
});
