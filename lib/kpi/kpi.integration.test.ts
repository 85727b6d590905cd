import ExcelJS from "exceljs";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, type Team } from "../test/fixtures.ts";
import { listQueue, queueQuerySchema } from "../handoffs/queue.ts";
import { captureBaseline, dashboardData, latestBaseline } from "./dashboard.ts";
import { kpiTable, riskTable, toCsv, toXlsx } from "./exports.ts";
import { proofBrief } from "./proof-brief.ts";
import { kpiFiltersSchema } from "./filters.ts";
import { operationalKpis, periodKpis, summarise, weeklyKpis } from "./queries.ts";

/**
 * The KPI formulas on a small, hand-computed data set: four handoffs closed-won in the week
 * of 5 Oct 2026 and kicked off in the week of 19 Oct, plus a cancelled one that must not count.
 */

let database: TestDatabase;
let team: Team;
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const filters = (extra: Record<string, string> = {}) => kpiFiltersSchema.parse({ from: "2026-10-05", to: "2026-11-01", team: "KPI-Test", ...extra });
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  team = await createTeam(database.prisma);
  const make = async (name: string, data: Record<string, unknown>) => {
    const h = await createHandoff(database.prisma, team, { title: name });
    await database.prisma.handoff.update({ where: { id: h.id }, data: { team: "KPI-Test", ...data } });
    ids[name] = h.id;
  };
  // Promised the 20th, kicked off the 22nd: late.
  await make("late-promised", { closedWonAt: at("2026-10-05"), promisedKickoffAt: at("2026-10-20"), actualKickoffAt: at("2026-10-22"), completenessScore: 60 });
  // Kicked off at noon on the promised day (promised dates carry no time): on time.
  await make("on-time", { closedWonAt: at("2026-10-06"), promisedKickoffAt: new Date("2026-10-21T00:00:00Z"), actualKickoffAt: at("2026-10-21"), completenessScore: 70 });
  // No promised date: 16 days after closed-won is past the 14-day SLA.
  await make("late-sla", { closedWonAt: at("2026-10-07"), actualKickoffAt: at("2026-10-23"), completenessScore: 80 });
  // No promised date, 13 days: on time. The pilot cohort's only handoff.
  await make("pilot", { closedWonAt: at("2026-10-07"), actualKickoffAt: at("2026-10-20"), completenessScore: 90, pilotCohort: true });
  // Cancelled: never counts in the closed-won cohort.
  await make("cancelled", { closedWonAt: at("2026-10-08"), status: "CANCELLED", completenessScore: 0 });

  await database.prisma.scopeChange.createMany({
    data: [
      { handoffId: ids["late-promised"], description: "Add a region", afterBrief: true, loggedAt: at("2026-10-26") },
      // Reopened: the same scope changed again after the brief, a second incident.
      { handoffId: ids["late-promised"], description: "Region added back", afterBrief: true, loggedAt: at("2026-10-27") },
      // Before the brief: part of discovery, not an incident.
      { handoffId: ids["on-time"], description: "Clarified SSO", afterBrief: false, loggedAt: at("2026-10-26") },
    ],
  });
});

afterAll(async () => {
  await database?.drop();
});

describe("KPI formulas", () => {
  it("computes the weekly kickoff delay rate, completeness and scope incidents by hand-checked numbers", async () => {
    const weeks = await weeklyKpis(filters());
    expect(weeks.map((w) => w.week)).toEqual(["2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"]);
    const [closedWeek, , kickoffWeek, changeWeek] = weeks;
    expect(closedWeek).toMatchObject({ handoffs: 4, completeness: 75, incidentsPerHandoff: 0.5 });
    expect(kickoffWeek).toMatchObject({ kickoffs: 4, delayed: 2, delayRate: 50 });
    // Kickoff after 17, 15, 16 and 13 days: the median is 15.5.
    expect(kickoffWeek.medianCycleDays).toBe(15.5);
    expect(changeWeek).toMatchObject({ scopeIncidents: 2, kickoffs: 0, delayRate: null });
    expect(summarise(weeks)).toMatchObject({ handoffs: 4, kickoffs: 4, delayRate: 50, scopeIncidents: 2, completeness: 75 });
    // The period's median is the median of its kickoffs, not an average of weekly medians.
    await database.prisma.handoff.update({ where: { id: ids["late-sla"] }, data: { actualKickoffAt: at("2026-10-27") } }); // 20 days, a later week
    const { summary } = await periodKpis(filters());
    expect(summary.medianCycleDays).toBe(16); // 13, 15, 17, 20
    await database.prisma.handoff.update({ where: { id: ids["late-sla"] }, data: { actualKickoffAt: at("2026-10-23") } });
  });

  it("splits the pilot cohort from the rest", async () => {
    expect(summarise(await weeklyKpis(filters({ cohort: "pilot" })))).toMatchObject({ handoffs: 1, kickoffs: 1, delayRate: 0, completeness: 90 });
    expect(summarise(await weeklyKpis(filters({ cohort: "rest" })))).toMatchObject({ handoffs: 3, kickoffs: 3, delayRate: 66.7, completeness: 70 });
  });

  it("drills a number down to exactly the handoffs behind it", async () => {
    const query = queueQuerySchema.parse({ kickoffFrom: "2026-10-19", kickoffTo: "2026-10-25", delayed: "1", team: "KPI-Test", size: "100" });
    const page = await listQueue(team.leader, query);
    expect(page.rows.map((r) => r.id).sort()).toEqual([ids["late-promised"], ids["late-sla"]].sort());
    const changed = await listQueue(team.leader, queueQuerySchema.parse({ closedFrom: "2026-10-05", closedTo: "2026-10-11", scopeChanged: "1", team: "KPI-Test" }));
    expect(changed.rows.map((r) => r.id)).toEqual([ids["late-promised"]]);
    // Scope incidents by the week they were logged: the two on late-promised, not the one before its brief.
    const logged = await listQueue(team.leader, queueQuerySchema.parse({ scopeFrom: "2026-10-26", scopeTo: "2026-11-01", team: "KPI-Test" }));
    expect(logged.rows.map((r) => r.id)).toEqual([ids["late-promised"]]);
    expect((await listQueue(team.leader, queueQuerySchema.parse({ scopeFrom: "2026-10-19", scopeTo: "2026-10-25", team: "KPI-Test" }))).total).toBe(0);

    // Whole-period figures: one gate's decisions, and overrides of one classification.
    await database.prisma.handoffStage.updateMany({ where: { handoffId: ids["on-time"], key: "INTAKE" }, data: { startedAt: at("2026-10-04"), submittedAt: at("2026-10-06"), decidedAt: at("2026-10-07") } });
    // Approved 24 h after submission (within the approval SLA), 72 h after the stage started (past intake's 48 h).
    const intakeGate = (await operationalKpis(filters())).gates.find((g) => g.stage === "INTAKE");
    expect(intakeGate).toMatchObject({ decided: 1, avgWaitHours: 24, withinSla: 1, stageOnTime: 0, stageSlaHours: 48 });
    const decided = await listQueue(team.leader, queueQuerySchema.parse({ gate: "INTAKE", decidedFrom: "2026-10-05", decidedTo: "2026-11-01", team: "KPI-Test" }));
    expect(decided.rows.map((r) => r.id)).toEqual([ids["on-time"]]);
    await database.prisma.override.create({ data: { handoffId: ids["pilot"], kind: "INTAKE_VALIDATION", reason: "Exec sponsor asked", bypassed: [], status: "APPROVED", classification: "FALSE_POSITIVE", requestedById: team.pm.userId, createdAt: at("2026-10-08") } });
    const falsePositives = await listQueue(team.leader, queueQuerySchema.parse({ override: "FALSE_POSITIVE", overrideFrom: "2026-10-05", overrideTo: "2026-11-01", team: "KPI-Test" }));
    expect(falsePositives.rows.map((r) => r.id)).toEqual([ids["pilot"]]);
    expect((await listQueue(team.leader, queueQuerySchema.parse({ override: "JUSTIFIED", overrideFrom: "2026-10-05", overrideTo: "2026-11-01", team: "KPI-Test" }))).total).toBe(0);
  });
});

describe("baseline", () => {
  it("freezes the values at capture, audits it, and only PS leaders and admins may capture", async () => {
    const now = at("2026-11-02");
    await expect(captureBaseline(team.pm, filters(), now)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const captured = await captureBaseline(team.leader, filters(), now);
    expect(captured.metrics).toMatchObject({ kickoffs: 4, delayRate: 50 });

    // Later data changes the dashboard, not the baseline.
    await database.prisma.handoff.update({ where: { id: ids["on-time"] }, data: { actualKickoffAt: at("2026-10-25") } });
    const baseline = await latestBaseline(filters());
    expect(baseline?.metrics.delayRate).toBe(50);
    // Frozen: a second capture for the same filters is refused and changes nothing.
    await expect(captureBaseline(team.leader, filters(), at("2026-11-20"))).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await latestBaseline(filters()))?.id).toBe(captured.id);
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "kpi.baseline_captured", entityId: captured.id } });
    expect(audit).toMatchObject({ actorId: team.leader.userId });
    await database.prisma.handoff.update({ where: { id: ids["on-time"] }, data: { actualKickoffAt: at("2026-10-21") } });

    // A pilot-cohort view has no baseline until one is captured for it.
    expect(await latestBaseline(filters({ cohort: "pilot" }))).toBeNull();
    const data = await dashboardData(filters(), at("2026-12-31"));
    expect(data.progress.find((p) => p.key === "delayRate")).toMatchObject({ baseline: 50 });
  });
});

describe("exports", () => {
  it("writes the KPI table as CSV and as a typed XLSX that reads back", async () => {
    const table = await kpiTable(filters());
    const csv = toCsv(table).split("\r\n");
    expect(csv[0]).toBe("Week of,Handoffs closed-won,Completeness (avg),Kickoffs,Delayed kickoffs,Kickoff delay rate %,Median days closed-won to kickoff,Scope-change incidents,Incidents per handoff,QA reviews,Promise accuracy %");
    expect(csv[3]).toBe("2026-10-19,0,,4,2,50,15.5,0,,0,");

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(table)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("KPIs by week")!;
    expect(sheet.getRow(1).getCell(1).value).toBe("Week of");
    const kickoffRow = sheet.getRow(4);
    expect(kickoffRow.getCell(1).value).toEqual(new Date("2026-10-19T00:00:00Z"));
    expect(kickoffRow.getCell(4).value).toBe(4);
    // A percentage is a spreadsheet percentage: 0.5 shown as 50.0%.
    expect(kickoffRow.getCell(6).value).toBe(0.5);
    expect(kickoffRow.getCell(6).numFmt).toBe("0.0%");
    // Whole counts as whole numbers ("14", never "14."), the rate with two decimals.
    expect(kickoffRow.getCell(4).numFmt).toBe("0");
    expect(sheet.getRow(2).getCell(9).value).toBe(0.5);
    expect(sheet.getRow(2).getCell(9).numFmt).toBe("0.00");
    expect(kickoffRow.getCell(7).numFmt).toBe("0.0");
    expect(sheet.rowCount).toBe(5);
  });

  it("writes the risk register with one row per risk and spreadsheet-safe text", async () => {
    await database.prisma.risk.create({ data: { handoffId: ids["pilot"], title: "=HYPERLINK(\"x\")", severity: "LOW", likelihood: "LOW", mitigation: "Watch, \"closely\"" } });
    const table = await riskTable(filters());
    // Two fixture risks on each of the four counted handoffs, plus the one above.
    expect(table.rows).toHaveLength(9);
    const csv = toCsv(table);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(`"Watch, ""closely"""`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(table)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Risk register")!;
    expect(sheet.rowCount).toBe(10);
    expect(sheet.getRow(2).getCell(4).value).toBeInstanceOf(Date);
    // Levels and statuses as people read them, not the stored codes.
    const injected = table.rows.findIndex((r) => r.title === "=HYPERLINK(\"x\")") + 2;
    expect([6, 7, 10].map((c) => sheet.getRow(injected).getCell(c).value)).toEqual(["Low", "Low", "Open"]);
    for (let r = 2; r <= sheet.rowCount; r++) {
      expect(["Low", "Medium", "High", "Critical"]).toContain(sheet.getRow(r).getCell(6).value);
      expect(["Open", "Accepted", "Sent back", "Mitigated", "Closed"]).toContain(sheet.getRow(r).getCell(10).value);
    }
    expect(csv).not.toMatch(/,(LOW|MEDIUM|HIGH|CRITICAL|OPEN|ACCEPTED|REJECTED),/);
  });
});

describe("proof brief", () => {
  it("is a PDF with the KPIs against the baseline, the overrides and the audit references", async () => {
    await database.prisma.override.create({ data: { handoffId: ids["late-sla"], kind: "INTAKE_VALIDATION", reason: "Signed early", bypassed: [], status: "APPROVED", material: true, classification: "JUSTIFIED", requestedById: team.pm.userId, createdAt: at("2026-10-09") } });
    const pdf = await proofBrief(filters(), at("2026-12-31"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { text } = await new PDFParse({ data: new Uint8Array(pdf) }).getText();
    expect(text).toContain("Handoff proof brief");
    expect(text).toContain("Period 2026-10-05 to 2026-11-01");
    expect(text).toMatch(/Kickoff delay rate\s+50%\s+50%/);
    expect(text).toMatch(/Baseline captured 2026-11-02 by .+ \(audit #\d+\)/);
    expect(text).toMatch(/HO-\d+\s+2026-10-09\s+approved\s+yes\s+justified/);
    expect(text).toContain("Weekly trends");
    // Percent axes stop at 100%, never 110; the incidents axis fits its values (0.5 at most), not 0–1.
    expect(text).toContain("100%");
    expect(text).not.toMatch(/\b110\b/);
    expect(text).toMatch(/0\.6\s/);
    expect(text).not.toMatch(/^1\s*$/m);

    // A QA run is named by its month, with its audit reference; the promise-accuracy figure is the dashboard's.
    const run = await database.prisma.qaRun.create({ data: { month: "2026-10", sampleSize: 1, rule: {} } });
    const started = await database.prisma.auditEvent.create({ data: { action: "qa.run_started", entityType: "QaRun", entityId: run.id, actorLabel: "test", at: at("2026-10-20") } });
    const withRun = (await new PDFParse({ data: new Uint8Array(await proofBrief(filters(), at("2026-12-31"))) }).getText()).text;
    expect(withRun).toContain(`QA runs: October 2026 QA run (audit #${started.id})`);
    expect(withRun).not.toContain(run.id);

    // Another team's override in the same weeks is not this team's finding.
    const elsewhere = await createHandoff(database.prisma, team, { title: "Other team" });
    await database.prisma.handoff.update({ where: { id: elsewhere.id }, data: { team: "Elsewhere", closedWonAt: at("2026-10-06") } });
    await database.prisma.override.create({ data: { handoffId: elsewhere.id, kind: "INTAKE_VALIDATION", reason: "Not ours", bypassed: [], status: "APPROVED", classification: "FALSE_NEGATIVE", requestedById: team.pm.userId, createdAt: at("2026-10-10") } });
    const mine = (await new PDFParse({ data: new Uint8Array(await proofBrief(filters(), at("2026-12-31"))) }).getText()).text;
    expect(mine).not.toContain(`HO-${elsewhere.number}`);
    expect(mine).not.toContain("false negative");
    const theirs = (await new PDFParse({ data: new Uint8Array(await proofBrief(filters({ team: "Elsewhere" }), at("2026-12-31"))) }).getText()).text;
    expect(theirs).toMatch(new RegExp(`HO-${elsewhere.number}\\s+2026-10-10\\s+approved\\s+no\\s+false negative`));
  });
});
