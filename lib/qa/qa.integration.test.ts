import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, createUser, type Team } from "../test/fixtures.ts";
import { listQueue, queueQuerySchema } from "../handoffs/queue.ts";
import { failurePatternReport, listRetrainingActions, qaRunDetail } from "./report.ts";
import { addRetrainingAction, completeRetrainingAction, createQaRun, submitReview } from "./runs.ts";

let database: TestDatabase;
let team: Team;
const ids: string[] = [];
const overridden: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  team = await createTeam(database.prisma);
  await createUser(database.prisma, "PROJECT_MANAGER");
  for (let i = 0; i < 12; i++) {
    const h = await createHandoff(database.prisma, team, { title: `QA ${i}` });
    await database.prisma.handoff.update({ where: { id: h.id }, data: { closedWonAt: new Date(Date.UTC(2026, 9, 1 + i)), completenessScore: 50 + i } });
    ids.push(h.id);
    if (i % 4 === 0) {
      await database.prisma.override.create({ data: { handoffId: h.id, kind: "INTAKE_VALIDATION", reason: "Signed before the SOW", bypassed: [], status: "APPROVED", requestedById: team.pm.userId } });
      overridden.push(h.id);
    }
  }
});

afterAll(async () => {
  await database?.drop();
});

describe("monthly QA", () => {
  it("always samples every override, then fills the sample by the rule, with independent reviewers", async () => {
    await expect(createQaRun(team.pm, { month: "2026-10", sampleSize: 5, rule: "random" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A sample smaller than the overrides still takes them all.
    const small = await createQaRun(team.leader, { month: "2026-10", sampleSize: 1, rule: "random" });
    expect(small).toMatchObject({ sampled: 3, overrides: 3 });

    const run = await createQaRun(team.revops, { month: "2026-10", sampleSize: 6, rule: "lowest-completeness" });
    expect(run).toMatchObject({ sampled: 6, overrides: 3 });
    const reviews = await database.prisma.qaReview.findMany({ where: { runId: run.id }, include: { handoff: { select: { id: true, projectManagerId: true, completenessScore: true } } } });
    const sampled = reviews.map((r) => r.handoff.id);
    expect(sampled).toEqual(expect.arrayContaining(overridden));
    // The rest are the lowest-completeness handoffs without an override: QA 1, 2 and 3.
    expect(reviews.filter((r) => !overridden.includes(r.handoff.id)).map((r) => r.handoff.completenessScore).sort()).toEqual([51, 52, 53]);
    for (const r of reviews) expect(r.reviewerId).not.toBe(r.handoff.projectManagerId);

    await expect(createQaRun(team.leader, { month: "2031-01", sampleSize: 5, rule: "random" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createQaRun(team.leader, { month: "October", sampleSize: 5, rule: "random" })).rejects.toMatchObject({ message: "Choose a month (YYYY-MM)." });
  });

  it("lets only the assigned reviewer (or a PS leader) score, and reports the patterns by team and sales owner", async () => {
    const run = await database.prisma.qaRun.findFirstOrThrow({ where: { month: "2026-10" }, orderBy: { createdAt: "desc" } });
    const detail = await qaRunDetail(team.leader, run.id);
    const review = await database.prisma.qaReview.findUniqueOrThrow({ where: { id: detail.reviews[0].id } });
    const stranger = review.reviewerId === team.pm.userId ? team.revops : team.pm;
    await expect(submitReview(stranger, review.id, { completenessScore: 70, promiseAccuracy: 80, failurePatterns: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(submitReview(team.leader, review.id, { completenessScore: 170, promiseAccuracy: 80 })).rejects.toMatchObject({ message: "Score 0–100." });

    for (const r of detail.reviews.slice(0, 3)) {
      await submitReview(team.leader, r.id, { completenessScore: 60, promiseAccuracy: 75, failurePatterns: ["optimistic-timeline", "unowned-risk"], notes: "Dates slipped" });
    }
    const rows = await failurePatternReport(6, new Date());
    const timeline = rows.filter((r) => r.pattern === "optimistic-timeline");
    expect(timeline.reduce((n, r) => n + r.count, 0)).toBe(3);
    expect(timeline.every((r) => r.team === "Enterprise" && r.salesOwner === team.sales.name)).toBe(true);
    expect((await qaRunDetail(team.pm, run.id)).reviews.filter((r) => r.reviewedAt)).toHaveLength(3);
    // The dashboard's promise-accuracy drill-down: the handoffs reviewed in the week.
    const today = new Date().toISOString().slice(0, 10);
    const drilled = await listQueue(team.leader, queueQuerySchema.parse({ reviewedFrom: today, reviewedTo: today }));
    expect(drilled.rows.map((r) => r.id).sort()).toEqual(detail.reviews.slice(0, 3).map((r) => r.handoff.id).sort());
  });

  it("records retraining actions with owners and due dates", async () => {
    await expect(addRetrainingAction(team.pm, { pattern: "unowned-risk", description: "Risk owner workshop", ownerId: team.sales.userId, dueDate: "2026-12-15" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addRetrainingAction(team.leader, { pattern: "nope", description: "x", ownerId: team.sales.userId, dueDate: "2026-12-15" })).rejects.toMatchObject({ code: "INVALID" });
    const { id } = await addRetrainingAction(team.leader, { pattern: "unowned-risk", description: "Risk owner workshop for sales", ownerId: team.sales.userId, dueDate: "2026-12-15" });
    await expect(completeRetrainingAction(team.viewer, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await completeRetrainingAction(team.sales, id);
    expect(await listRetrainingActions()).toEqual([expect.objectContaining({ id, status: "DONE", owner: team.sales.name, dueDate: "2026-12-15T00:00:00.000Z" })]);
  });
});
