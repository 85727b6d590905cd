import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, type Team } from "../test/fixtures.ts";
import { exportExecutiveBrief } from "./executive-brief.ts";
import { kpiFiltersSchema } from "./filters.ts";

let database: TestDatabase;
let team: Team;
const filters = kpiFiltersSchema.parse({ from: "2026-10-05", to: "2026-11-29" });

/** Each slide's text, in order, as PowerPoint reads it from the file. */
async function slides(body: Buffer): Promise<{ texts: string[]; charts: number }> {
  const zip = await JSZip.loadAsync(body);
  const names = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  const texts = await Promise.all(names.map(async (n) => [...(await zip.file(n)!.async("string")).matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(" ")));
  return { texts, charts: Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n)).length };
}

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  team = await createTeam(database.prisma);
  const run = await database.prisma.qaRun.create({ data: { month: "2026-10", sampleSize: 3, rule: { kind: "random" }, createdById: team.leader.userId } });
  const patterns = [["optimistic-timeline", "unowned-risk"], ["optimistic-timeline"], ["optimistic-timeline", "missing-dependency"]];
  for (const [i, found] of patterns.entries()) {
    const h = await createHandoff(database.prisma, team, { title: `Brief ${i}` });
    await database.prisma.handoff.update({ where: { id: h.id }, data: { closedWonAt: new Date(Date.UTC(2026, 9, 6 + i * 7)), pilotCohort: i === 0 } });
    await database.prisma.qaReview.create({ data: { runId: run.id, handoffId: h.id, reviewerId: team.pm.userId, completenessScore: 80, promiseAccuracy: 70, failurePatterns: found, reviewedAt: new Date(Date.UTC(2026, 9, 20 + i)) } });
    if (i === 1) await database.prisma.override.create({ data: { handoffId: h.id, kind: "INTAKE_VALIDATION", reason: "The rule blocked a signed SOW", bypassed: [], status: "APPROVED", classification: "FALSE_POSITIVE", requestedById: team.pm.userId, createdAt: new Date(Date.UTC(2026, 9, 15)) } });
  }
});

afterAll(async () => {
  await database?.drop();
});

describe("the executive brief", () => {
  it("shows the KPIs against baseline and targets, their trend as charts, the pilot against the rest, QA's top patterns and the backlog they point to", async () => {
    const { filename, body } = await exportExecutiveBrief(team.leader, filters);
    expect(filename).toMatch(/^executive-brief-\d{4}-\d{2}-\d{2}\.pptx$/);
    const { texts, charts } = await slides(body);
    expect(texts).toHaveLength(6);
    expect(texts[0]).toContain("Handoff executive brief");
    expect(texts[0]).toContain("2026-10-05 to 2026-11-29");
    expect(texts[1]).toContain("KPIs against the baseline and the targets");
    expect(texts[1]).toContain("No baseline captured yet");
    expect(texts[1]).toContain("Kickoff delay rate");
    expect(charts).toBe(4);
    expect(texts[3]).toContain("Pilot cohort");
    expect(texts[3]).toContain("Outside the pilot");
    // The most frequent pattern first, with how many reviews found it.
    expect(texts[4]).toMatch(/Optimistic timeline 3 .*(Unowned risk|Missing client dependency) 1/);
    expect(texts[5]).toContain("Found in 3 QA reviews: retrain sales and tighten the intake field behind it.");
    expect(texts[5]).toContain("1 override was classified as a false positive: a rule blocked a good deal. Review the intake policy.");
  });

  it("is for those who may see the dashboard, and every download is in the audit trail", async () => {
    for (const who of [team.lead, team.sales]) await expect(exportExecutiveBrief(who, filters)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await exportExecutiveBrief(team.viewer, filters);
    expect(await database.prisma.auditEvent.count({ where: { entityId: "executive-brief.pptx", actorId: team.viewer.userId } })).toBe(1);
  });
});
