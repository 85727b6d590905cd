import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { verifyPassword } from "../auth/password.ts";
import { STAGE_KEYS, stageDefinition } from "../rules/stages.ts";
import { waitingOnFor } from "../rules/waiting-on.ts";
import { recomputeCompleteness } from "../intake/completeness.ts";
import { parseIntakeIssues } from "../intake/issues.ts";
import { isMaterial } from "../intake/overrides.ts";
import { DEFAULT_INTAKE_POLICY } from "../intake/policy.ts";
import { reviewInputSchema } from "../qa/runs.ts";
import { isOverdue } from "../rules/overdue.ts";
import { promiseAccuracyOf, rubricScore } from "../rules/rubric.ts";
import { mostSevere } from "../rules/severity.ts";
import { buildDemoData, DEMO_PASSWORD, seedDemo } from "./seed.ts";

const NOW = new Date("2026-11-25T15:30:00.000Z");

const PRIMARY_USERS = [
  ["admin@demo.local", "Ada Admin", "ADMIN"],
  ["leader@demo.local", "Priya Shah", "PS_LEADER"],
  ["pm@demo.local", "Marco Rossi", "PROJECT_MANAGER"],
  ["revops@demo.local", "Rita Okafor", "REVOPS"],
  ["lead@demo.local", "Dana Kim", "DELIVERY_LEAD"],
  ["sales@demo.local", "Sam Carter", "SALES"],
  ["viewer@demo.local", "Victor Lang", "VIEWER"],
] as const;

let database: TestDatabase;
let prisma: PrismaClient;
let firstRun: { created: boolean; handoffs: number };
let seedMillis: number;

beforeAll(async () => {
  database = await createTestDatabase();
  prisma = database.prisma;
  const started = Date.now();
  firstRun = await seedDemo(prisma, { now: NOW });
  seedMillis = Date.now() - started;
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

async function userId(email: string): Promise<string> {
  return (await prisma.user.findUniqueOrThrow({ where: { email } })).id;
}

/** The score the app's own recomputation gives each handoff, in a transaction rolled back so the seeded rows stay as they are. */
async function appCompleteness(handoffIds: string[]): Promise<Map<string, number>> {
  const scores = new Map<string, number>();
  const rollback = new Error("rollback");
  await prisma
    .$transaction(
      async (tx) => {
        for (const id of handoffIds) scores.set(id, await recomputeCompleteness(tx, id));
        throw rollback;
      },
      { timeout: 60_000 },
    )
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return scores;
}

describe("demo seed people and handoffs", () => {
  it("fills an empty database with 200 handoffs, well within the time budget", async () => {
    expect(firstRun).toEqual({ created: true, handoffs: 200 });
    expect(await prisma.handoff.count()).toBe(200);
    expect(await prisma.deal.count()).toBe(200);
    expect(await prisma.dealSnapshot.count()).toBe(200);
    expect(seedMillis).toBeLessThan(30_000);
  });

  it("creates one primary demo user per role who can sign in with the demo password", async () => {
    for (const [email, name, role] of PRIMARY_USERS) {
      const user = await prisma.user.findUniqueOrThrow({ where: { email } });
      expect({ name: user.name, role: user.role, active: user.active }).toEqual({ name, role, active: true });
      expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash!)).toBe(true);
    }
    expect(await prisma.user.count()).toBe(13);
  });

  it("has handoffs at every stage, completed ones and blocked intakes that say what is missing", async () => {
    const byStage = await prisma.handoff.groupBy({ by: ["stage"], _count: true });
    expect(byStage.map((g) => g.stage).sort()).toEqual([...STAGE_KEYS].sort());

    const completed = await prisma.handoff.findMany({ where: { status: "COMPLETED" } });
    expect(completed.length).toBeGreaterThanOrEqual(40);
    for (const h of completed) {
      expect(h).toMatchObject({ stage: "KICKOFF_QA", stageStatus: "APPROVED", dueAt: null, waitingOnId: null });
      expect(h.completedAt).not.toBeNull();
      expect(h.actualKickoffAt).not.toBeNull();
    }
    const late = completed.filter((h) => h.promisedKickoffAt && h.actualKickoffAt! > h.promisedKickoffAt);
    expect(late.length).toBeGreaterThan(0);
    expect(late.length).toBeLessThan(completed.length / 2);

    const blocked = await prisma.handoff.findMany({ where: { status: "INTAKE_BLOCKED" } });
    expect(blocked.length).toBeGreaterThanOrEqual(5);
    for (const h of blocked) {
      expect(h).toMatchObject({ stage: "INTAKE", stageStatus: "IN_PROGRESS" });
      expect(parseIntakeIssues(h.intakeIssues).length).toBeGreaterThan(0);
    }
    const open = await prisma.handoff.findMany({ where: { status: { in: ["IN_PROGRESS", "INTAKE_BLOCKED"] } }, select: { dueAt: true, status: true } });
    const overdue = open.filter((h) => isOverdue(h, NOW)).length;
    expect(overdue / open.length).toBeGreaterThan(0.08);
    expect(overdue / open.length).toBeLessThan(0.25);
  });

  it("gives Marco at least 12 gates to approve that someone else submitted", async () => {
    const marco = await userId("pm@demo.local");
    const gates = await prisma.handoffStage.findMany({
      where: { status: "AWAITING_APPROVAL", handoff: { projectManagerId: marco, waitingOnId: marco, status: "IN_PROGRESS" } },
      include: { evidence: true },
    });
    const notHis = gates.filter((g) => g.submittedById && g.submittedById !== marco);
    expect(notHis.length).toBeGreaterThanOrEqual(12);
    for (const gate of notHis) {
      const keys = new Set(gate.evidence.map((e) => e.requirementKey));
      expect(stageDefinition(gate.key).evidence.every((r) => keys.has(r.key))).toBe(true);
    }
  });

  it("gives Dana acknowledgements to make", async () => {
    const dana = await userId("lead@demo.local");
    const waiting = await prisma.handoff.count({
      where: { deliveryLeadId: dana, stage: "ACKNOWLEDGEMENT", stageStatus: "IN_PROGRESS", status: "IN_PROGRESS", waitingOnId: dana },
    });
    expect(waiting).toBeGreaterThanOrEqual(3);
  });

});

describe("demo seed history", () => {
  it("approved every earlier stage with its full evidence and a different approver", async () => {
    const approved = await prisma.handoffStage.findMany({ where: { status: "APPROVED" }, include: { evidence: true, approvals: true } });
    expect(approved.length).toBeGreaterThan(300);
    for (const stage of approved) {
      const keys = new Set(stage.evidence.map((e) => e.requirementKey));
      const missing = stageDefinition(stage.key).evidence.filter((r) => !keys.has(r.key));
      expect(missing).toEqual([]);
      expect(stage.decidedById).not.toBe(stage.submittedById);
      expect(stage.approvals.filter((a) => a.decision === "APPROVED").map((a) => a.actorId)).toEqual([stage.decidedById]);
    }
  });

  it("keeps each handoff's stages, owner and audit trail consistent", async () => {
    const handoffs = await prisma.handoff.findMany({
      include: { stages: true, auditEvents: { orderBy: { id: "asc" } }, deal: true },
    });
    for (const h of handoffs) {
      const current = STAGE_KEYS.indexOf(h.stage);
      expect(h.stages.map((s) => s.key).sort()).toEqual(STAGE_KEYS.slice(0, current + 1).slice().sort());
      for (const s of h.stages) if (s.key !== h.stage) expect(s.status).toBe("APPROVED");
      const row = h.stages.find((s) => s.key === h.stage)!;
      expect(row.status).toBe(h.stageStatus);
      expect(h.waitingOnId).toBe(waitingOnFor(h.stage, h.stageStatus, h.status, h, row.submittedById));
      // Whoever decided a gate is whom the domain had the handoff wait on once it was submitted.
      for (const s of h.stages.filter((s) => s.decidedById)) {
        expect(s.decidedById).toBe(waitingOnFor(s.key, "AWAITING_APPROVAL", "IN_PROGRESS", h, s.submittedById));
      }
      expect(h.deal.sourceUrl).toBe(`https://app.hubspot.com/contacts/24180345/record/0-3/${h.deal.sourceId}`);

      const events = h.auditEvents;
      expect(events[0]).toMatchObject({ action: "handoff.created", actorId: null, actorLabel: "HubSpot intake", sourceUrl: h.deal.sourceUrl });
      for (let i = 1; i < events.length; i++) expect(events[i].at >= events[i - 1].at).toBe(true);
      expect(events[0].at >= h.closedWonAt).toBe(true);
      expect(events[events.length - 1].at <= NOW).toBe(true);
      const approvals = events.filter((e) => e.action === "gate.approved").length;
      expect(approvals).toBe(h.stages.filter((s) => s.status === "APPROVED").length);
      expect(events[1].action).toMatch(h.status === "INTAKE_BLOCKED" ? /^intake\.blocked$/ : /^intake\.(validated|blocked)$/);
    }
  });

  it("records some overrides, one still waiting for its second approver", async () => {
    const overrides = await prisma.override.findMany();
    expect(overrides.length).toBeGreaterThanOrEqual(8);
    expect(overrides.filter((o) => o.status === "PENDING_SECOND_APPROVAL")).toHaveLength(1);
    for (const o of overrides.filter((o) => o.material && o.status === "APPROVED")) {
      expect(o.confirmedById).not.toBeNull();
      expect(o.confirmedById).not.toBe(o.requestedById);
    }
    // Which overrides needed a second approver is the domain's rule, applied to each handoff as seeded.
    for (const o of overrides) {
      const handoff = await prisma.handoff.findUniqueOrThrow({ where: { id: o.handoffId }, select: { amount: true, riskLevel: true } });
      expect(o.material, `override ${o.id}`).toBe(isMaterial(DEFAULT_INTAKE_POLICY, handoff));
    }
  });

  it("has the last two months' QA runs, sampling every override, with scored reviews and retraining", async () => {
    const runs = await prisma.qaRun.findMany({ orderBy: { month: "asc" }, include: { reviews: { include: { handoff: { select: { closedWonAt: true, projectManagerId: true, _count: { select: { overrides: true } } } } } } } });
    expect(runs.map((r) => r.month)).toEqual(["2026-09", "2026-10"]);
    for (const run of runs) {
      const from = new Date(`${run.month}-01T00:00:00Z`);
      const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
      const overridden = await prisma.handoff.findMany({ where: { closedWonAt: { gte: from, lt: to }, status: { not: "CANCELLED" }, overrides: { some: {} } }, select: { id: true } });
      expect(run.reviews.map((r) => r.handoffId)).toEqual(expect.arrayContaining(overridden.map((h) => h.id)));
      for (const review of run.reviews) {
        expect(review.handoff.closedWonAt >= from && review.handoff.closedWonAt < to).toBe(true);
        expect(review.reviewerId).not.toBe(review.handoff.projectManagerId);
        if (review.reviewedAt) expect(review.reviewedAt.getTime()).toBeLessThan(NOW.getTime());
      }
    }
    const [older, recent] = runs;
    expect(older.reviews.every((r) => r.reviewedAt && r.completenessScore !== null)).toBe(true);
    expect([older.status, recent.status]).toEqual(["CLOSED", "OPEN"]);
    expect(recent.reviews.some((r) => !r.reviewedAt)).toBe(true);
    expect(await prisma.retrainingAction.count()).toBe(3);
  });

});

describe("demo seed follows the domain's rules", () => {
  it("stores on every handoff the completeness score the app computes from its rows", async () => {
    const stored = await prisma.handoff.findMany({ select: { id: true, completenessScore: true, status: true } });
    const computed = await appCompleteness(stored.map((h) => h.id));
    expect(stored.map((h) => [h.id, h.completenessScore])).toEqual(stored.map((h) => [h.id, computed.get(h.id)]));
    // The score tells apart what is missing: blocked intakes lack fields, completed handoffs hold all their evidence.
    const mean = (status: string) => {
      const scores = stored.filter((h) => h.status === status).map((h) => h.completenessScore);
      return scores.reduce((sum, x) => sum + x, 0) / scores.length;
    };
    expect(mean("INTAKE_BLOCKED")).toBeLessThan(mean("IN_PROGRESS"));
    expect(mean("IN_PROGRESS")).toBeLessThan(mean("COMPLETED"));
  });

  it("gives each handoff the risk level of its most severe risk", async () => {
    const handoffs = await prisma.handoff.findMany({ select: { riskLevel: true, risks: { select: { severity: true } } } });
    for (const h of handoffs) expect(h.riskLevel).toBe(mostSevere(h.risks.map((r) => r.severity)));
  });

  it("labels intake issues as the intake policy labels the field", async () => {
    const blocked = await prisma.handoff.findMany({ where: { status: "INTAKE_BLOCKED" }, select: { intakeIssues: true } });
    const overrides = await prisma.override.findMany({ where: { kind: "INTAKE_VALIDATION" }, select: { bypassed: true } });
    const issues = [
      ...blocked.flatMap((h) => parseIntakeIssues(h.intakeIssues)),
      ...overrides.flatMap((o) => parseIntakeIssues((o.bypassed as { issues?: unknown }).issues)),
    ];
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.label).toBe(DEFAULT_INTAKE_POLICY.fields.find((f) => f.key === issue.field)?.label);
  });

  it("scores each QA review with the domain's rubric and promise accuracy", async () => {
    const reviews = await prisma.qaReview.findMany({ where: { reviewedAt: { not: null } } });
    expect(reviews.length).toBeGreaterThan(0);
    for (const review of reviews) {
      const { parts, commitments } = review.rubric as { parts: unknown; commitments: unknown };
      const input = reviewInputSchema.parse({ rubric: parts, commitments, failurePatterns: review.failurePatterns });
      expect(review.completenessScore).toBe(rubricScore(input.rubric));
      expect(review.promiseAccuracy).toBe(promiseAccuracyOf(input.commitments.map((c) => c.outcome)));
    }
  });
});

describe("demo seed runs", () => {
  it("does nothing on a second run, so a restart keeps people's changes", async () => {
    const events = await prisma.auditEvent.count();
    const again = await seedDemo(prisma, { now: NOW });
    expect(again).toEqual({ created: false, handoffs: 200 });
    expect(await prisma.user.count()).toBe(13);
    expect(await prisma.auditEvent.count()).toBe(events);
  });

  it("builds the same data every time for the same moment", () => {
    const a = buildDemoData({ handoffs: 40, now: NOW, passwordHash: "x" });
    const b = buildDemoData({ handoffs: 40, now: NOW, passwordHash: "x" });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("shows the same customers and progress whatever hour the demo starts", () => {
    const shape = (now: Date) =>
      buildDemoData({ handoffs: 200, now, passwordHash: "x" }).handoffs.map((h) => [h.title, h.amount, h.stage, h.stageStatus, h.projectManagerId]);
    expect(shape(new Date(NOW.getTime() + 7.5 * 3_600_000))).toEqual(shape(NOW));
  });
});
