import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, createUser, type Team } from "../test/fixtures.ts";
import { listQueue, queueQuerySchema } from "../handoffs/queue.ts";
import { failurePatternReport, listRetrainingActions, qaRunDetail } from "./report.ts";
import { addRetrainingAction, closeQaRun, completeRetrainingAction, createQaRun, submitReview } from "./runs.ts";

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
  // Closed-won in September and cancelled since, but overridden in October: October's control samples it.
  const late = await createHandoff(database.prisma, team, { title: "QA late override" });
  await database.prisma.handoff.update({ where: { id: late.id }, data: { closedWonAt: new Date(Date.UTC(2026, 8, 20)), status: "CANCELLED", completenessScore: 99 } });
  await database.prisma.override.create({
    data: { handoffId: late.id, kind: "INTAKE_VALIDATION", reason: "Renewal signed late", bypassed: [], status: "APPROVED", requestedById: team.pm.userId, createdAt: new Date(Date.UTC(2026, 9, 15)) },
  });
  overridden.push(late.id);
});

const RUBRIC_MET = { fields: "met", evidence: "met", risks: "met", commitments: "met" } as const;

afterAll(async () => {
  await database?.drop();
});

describe("monthly QA", () => {
  it("always samples every override, then fills the sample by the rule, with independent reviewers", async () => {
    await expect(createQaRun(team.pm, { month: "2026-10", sampleSize: 5, rule: "random" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A sample smaller than the overrides still takes them all.
    const small = await createQaRun(team.leader, { month: "2026-10", sampleSize: 1, rule: "random" });
    expect(small).toMatchObject({ sampled: 4, overrides: 4 });
    // One run per month: a second would sample and score the same handoffs again.
    await expect(createQaRun(team.revops, { month: "2026-10", sampleSize: 7, rule: "lowest-completeness" })).rejects.toMatchObject({
      code: "CONFLICT",
      httpStatus: 409,
      message: expect.stringMatching(/^October 2026 already has a QA run, started .* by .*: open it from the list of runs instead of starting another\.$/),
    });
    expect(await database.prisma.qaRun.count({ where: { month: "2026-10" } })).toBe(1);
    // The database holds the rule too, whatever the caller.
    await expect(database.prisma.qaRun.create({ data: { month: "2026-10", sampleSize: 1, rule: {} } })).rejects.toThrow();
    await database.prisma.qaRun.delete({ where: { id: small.id } });

    const run = await createQaRun(team.revops, { month: "2026-10", sampleSize: 7, rule: "lowest-completeness" });
    expect(run).toMatchObject({ sampled: 7, overrides: 4 });
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
    await expect(submitReview(stranger, review.id, { rubric: RUBRIC_MET, failurePatterns: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(submitReview(team.leader, review.id, { rubric: { ...RUBRIC_MET, risks: "excellent" } })).rejects.toMatchObject({ message: "Score every part of the rubric." });

    for (const r of detail.reviews.slice(0, 3)) {
      await submitReview(team.leader, r.id, { rubric: RUBRIC_MET, failurePatterns: ["optimistic-timeline", "unowned-risk"], notes: "Dates slipped" });
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

  it("scores completeness by the weighted rubric and promise accuracy from each commitment's outcome", async () => {
    const run = await database.prisma.qaRun.findFirstOrThrow({ where: { month: "2026-10" }, orderBy: { createdAt: "desc" } });
    const review = (await qaRunDetail(team.leader, run.id)).reviews[4];
    const promised = ["SSO before go-live", "Weekly status report", "Data migration of 2 years", "Training for 40 users", "Sandbox in week 2"];
    const commitments = await Promise.all(promised.map((description) => database.prisma.commitment.create({ data: { handoffId: review.handoff.id, description } })));
    const [sso, status, migration, training, sandbox] = commitments.map((c) => c.id);
    const rubric = { fields: "met", evidence: "partly", risks: "missed", commitments: "partly" } as const;

    // Every commitment needs an outcome, and only this handoff's commitments can be scored.
    await expect(submitReview(team.leader, review.id, { rubric, commitments: [{ id: sso, outcome: "DELIVERED" }] })).rejects.toThrow(/every commitment \(4 left\)/);
    const other = await database.prisma.commitment.create({ data: { handoffId: ids[11], description: "Someone else's promise" } });
    await expect(submitReview(team.leader, review.id, { rubric, commitments: [{ id: other.id, outcome: "DELIVERED" }] })).rejects.toMatchObject({ code: "INVALID" });

    const outcomes = [
      { id: sso, outcome: "DELIVERED" },
      { id: status, outcome: "DELIVERED" },
      { id: migration, outcome: "CHANGED" },
      { id: training, outcome: "DELIVERED_LATE" },
      { id: sandbox, outcome: "OPEN" },
    ];
    // 40 + 25/2 + 0 + 15/2 = 60; two of the four commitments with a known outcome were delivered as promised: 50%.
    expect(await submitReview(team.leader, review.id, { rubric, commitments: outcomes })).toEqual({ completenessScore: 60, promiseAccuracy: 50 });
    expect(await database.prisma.commitment.findUniqueOrThrow({ where: { id: migration } })).toMatchObject({ status: "CHANGED" });
    const saved = (await qaRunDetail(team.leader, run.id)).reviews[4];
    expect(saved).toMatchObject({ completenessScore: 60, promiseAccuracy: 50, rubric });
  });

  it("closes a run only once every review is in, after which the scores are final", async () => {
    const august = await createHandoff(database.prisma, team, { title: "QA August" });
    await database.prisma.handoff.update({ where: { id: august.id }, data: { closedWonAt: new Date(Date.UTC(2026, 7, 12)) } });
    const { id } = await createQaRun(team.leader, { month: "2026-08", sampleSize: 1, rule: "random" });
    const reviews = (await qaRunDetail(team.leader, id)).reviews;
    await expect(closeQaRun(team.leader, id)).rejects.toThrow(reviews.length === 1 ? "1 sampled handoff is not reviewed yet" : `${reviews.length} sampled handoffs are not reviewed yet`);
    for (const r of reviews) {
      await submitReview(team.leader, r.id, { rubric: RUBRIC_MET, commitments: r.commitments.map((c) => ({ id: c.id, outcome: "DELIVERED" })) });
    }
    await expect(closeQaRun(team.pm, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await closeQaRun(team.revops, id);
    expect((await qaRunDetail(team.leader, id)).status).toBe("CLOSED");
    await expect(submitReview(team.leader, reviews[0].id, { rubric: RUBRIC_MET })).rejects.toThrow("This QA run is closed.");
    await expect(closeQaRun(team.leader, id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("records retraining actions with owners and due dates", async () => {
    await expect(addRetrainingAction(team.pm, { pattern: "unowned-risk", description: "Risk owner workshop", ownerId: team.pm.userId, dueDate: "2026-12-15" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addRetrainingAction(team.leader, { pattern: "nope", description: "x", ownerId: team.pm.userId, dueDate: "2026-12-15" })).rejects.toMatchObject({ code: "INVALID" });
    // The owner runs the retraining and must be able to see it: not a salesperson, who cannot open QA.
    await expect(addRetrainingAction(team.leader, { pattern: "unowned-risk", description: "Risk owner workshop", ownerId: team.sales.userId, dueDate: "2026-12-15" })).rejects.toThrow(/run the retraining/);
    const { id } = await addRetrainingAction(team.leader, { pattern: "unowned-risk", description: "Risk owner workshop for sales", ownerId: team.pm.userId, dueDate: "2026-12-15" });
    await expect(completeRetrainingAction(team.viewer, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await completeRetrainingAction(team.pm, id);
    expect(await listRetrainingActions()).toEqual([expect.objectContaining({ id, status: "DONE", owner: team.pm.name, dueDate: "2026-12-15T00:00:00.000Z" })]);
  });
});

describe("a QA run that does not exist", () => {
  it("is not found, whatever the id looks like", async () => {
    for (const id of ["no-such-run", "x".repeat(300), "bad\u0000id", "'; DROP TABLE \"QaRun\"; --"]) {
      await expect(qaRunDetail(team.leader, id), id).rejects.toMatchObject({ code: "NOT_FOUND", httpStatus: 404 });
      await expect(closeQaRun(team.leader, id), id).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(submitReview(team.leader, id, { rubric: RUBRIC_MET }), id).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(completeRetrainingAction(team.leader, id), id).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(addRetrainingAction(team.leader, { pattern: "unowned-risk", description: "Risk owner workshop", ownerId: team.pm.userId, dueDate: "2026-12-15", runId: "no-such-run" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "This QA run does not exist.",
    });
  });
});
