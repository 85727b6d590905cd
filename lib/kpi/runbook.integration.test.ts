import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { STAGES } from "../rules/stages.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createTeam, type Team } from "../test/fixtures.ts";
import { exportRunbook } from "./runbook.ts";

let database: TestDatabase;
let team: Team & Record<keyof Team, { email: string }>;

/** The document's text, paragraph by paragraph, as Word reads it from the file. */
async function paragraphs(body: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(body)).file("word/document.xml")!.async("string");
  const unescape = (t: string) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => unescape([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""))).filter(Boolean);
}

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  team = await createTeam(database.prisma);
  process.env.APP_URL = "https://handoffs.example.com";
});

afterAll(async () => {
  await database?.drop();
});

describe("the implementation runbook", () => {
  it("names each role's owners, the triggers, every gate with its evidence and SLA, the policy in force and the rollback steps", async () => {
    await database.prisma.user.update({ where: { id: team.viewer.userId }, data: { active: false } });
    const { filename, body } = await exportRunbook(team.leader);
    expect(filename).toMatch(/^implementation-runbook-\d{4}-\d{2}-\d{2}\.docx$/);
    const text = await paragraphs(body);
    const pm = await database.prisma.user.findUniqueOrThrow({ where: { id: team.pm.userId } });
    expect(text).toContain(`${pm.name} <${pm.email}>`);
    // A role nobody holds any more is called out, not left blank.
    expect(text).toContain("Nobody yet: name an owner before going live.");
    for (const stage of STAGES) {
      expect(text.some((p) => p.endsWith(`${stage.label}${stage.tool ? ` (${stage.tool})` : ""}`))).toBe(true);
      expect(text.join("\n")).toContain(`SLA: ${stage.slaHours} hours.`);
      for (const evidence of stage.evidence) expect(text).toContain(evidence.label);
    }
    expect(text).toContain("Intake policy version 0 (the built-in default: publish your own before going live); task template version 0.");
    expect(text.some((p) => p.startsWith("A HubSpot deal moves to a closed-won stage"))).toBe(true);
    expect(text).toContain("An effect failed (a list, a brief, a message, a HubSpot write-back)");
    expect(text.join("\n")).toContain("https://handoffs.example.com");
  });

  it("is for those who may see the dashboard, and every download is in the audit trail", async () => {
    for (const who of [team.lead, team.sales]) await expect(exportRunbook(who)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const before = await database.prisma.auditEvent.count({ where: { entityId: "runbook.docx" } });
    await exportRunbook(team.revops);
    expect(await database.prisma.auditEvent.count({ where: { entityId: "runbook.docx", actorId: team.revops.userId } })).toBe(1);
    expect(await database.prisma.auditEvent.count({ where: { entityId: "runbook.docx" } })).toBe(before + 1);
  });
});
