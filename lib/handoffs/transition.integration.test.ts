import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { DomainError } from "../errors.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, type Team } from "../test/fixtures.ts";
import { listInbox } from "./approvals.ts";
import { transitionHandoff } from "./transition.ts";

let database: TestDatabase;
let team: Team;

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  team = await createTeam(database.prisma);
});

afterAll(async () => {
  await database?.drop();
});

async function captureIntakeEvidence(handoffId: string) {
  await transitionHandoff(team.revops, handoffId, { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "scope_confirmed", note: "Confirmed with Sam on the call" });
  await transitionHandoff(team.revops, handoffId, { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "risks_reviewed" });
}

describe("transitionHandoff", () => {
  it("moves a handoff through a gate and writes an audit event for every step, in order", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await captureIntakeEvidence(handoff.id);
    const submitted = await transitionHandoff(team.revops, handoff.id, { type: "SUBMIT_GATE", stage: "INTAKE" });
    expect(submitted.stageStatus).toBe("AWAITING_APPROVAL");

    const waiting = await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } });
    expect(waiting.waitingOnId).toBe(team.pm.userId);
    const inbox = await listInbox(team.pm);
    expect(inbox.gates.map((g) => g.handoffId)).toContain(handoff.id);

    const approved = await transitionHandoff(team.pm, handoff.id, { type: "APPROVE_GATE", stage: "INTAKE" });
    expect(approved).toMatchObject({ stage: "DELIVERY_WORKSPACE", stageStatus: "NOT_STARTED" });
    expect((await listInbox(team.pm)).gates.map((g) => g.handoffId)).not.toContain(handoff.id);

    const events = await database.prisma.auditEvent.findMany({ where: { handoffId: handoff.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["evidence.captured", "evidence.captured", "gate.submitted", "gate.approved"]);
    expect(events.at(-1)).toMatchObject({ actorId: team.pm.userId, actorRole: "PROJECT_MANAGER", entityType: "Handoff" });

    const approval = await database.prisma.approval.findFirstOrThrow({ where: { stage: { handoffId: handoff.id } } });
    expect(approval).toMatchObject({ actorId: team.pm.userId, decision: "APPROVED" });
  });

  it("refuses a forbidden transition on the server and changes nothing", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await captureIntakeEvidence(handoff.id);
    await transitionHandoff(team.revops, handoff.id, { type: "SUBMIT_GATE", stage: "INTAKE" });
    const before = await database.prisma.auditEvent.count({ where: { handoffId: handoff.id } });

    await expect(transitionHandoff(team.viewer, handoff.id, { type: "APPROVE_GATE", stage: "INTAKE" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only the assigned project manager or a PS leader can sign off the Intake gate.",
    });
    await expect(transitionHandoff(team.revops, handoff.id, { type: "APPROVE_GATE", stage: "INTAKE" })).rejects.toBeInstanceOf(DomainError);

    const after = await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } });
    expect(after.stageStatus).toBe("AWAITING_APPROVAL");
    expect(await database.prisma.auditEvent.count({ where: { handoffId: handoff.id } })).toBe(before);
  });

  it("requires a comment to request changes, then lets the owner resubmit", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await captureIntakeEvidence(handoff.id);
    await transitionHandoff(team.revops, handoff.id, { type: "SUBMIT_GATE", stage: "INTAKE" });
    await expect(transitionHandoff(team.pm, handoff.id, { type: "REQUEST_CHANGES", stage: "INTAKE", comment: "" })).rejects.toMatchObject({
      code: "INVALID",
      message: "Say what needs to change (at least 3 characters).",
    });
    await transitionHandoff(team.pm, handoff.id, { type: "REQUEST_CHANGES", stage: "INTAKE", comment: "Out-of-scope list is vague" });
    const back = await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } });
    expect(back).toMatchObject({ stageStatus: "CHANGES_REQUESTED", waitingOnId: team.revops.userId });
    const resubmitted = await transitionHandoff(team.revops, handoff.id, { type: "SUBMIT_GATE", stage: "INTAKE" });
    expect(resubmitted.stageStatus).toBe("AWAITING_APPROVAL");
  });

  it("lets exactly one of two simultaneous approvals win", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await captureIntakeEvidence(handoff.id);
    await transitionHandoff(team.revops, handoff.id, { type: "SUBMIT_GATE", stage: "INTAKE" });
    const results = await Promise.allSettled([
      transitionHandoff(team.pm, handoff.id, { type: "APPROVE_GATE", stage: "INTAKE" }),
      transitionHandoff(team.leader, handoff.id, { type: "APPROVE_GATE", stage: "INTAKE" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await database.prisma.approval.count({ where: { stage: { handoffId: handoff.id } } })).toBe(1);
  });

  it("keeps kickoff locked until the delivery lead acknowledges, then accepts the open risks", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await database.prisma.handoff.update({ where: { id: handoff.id }, data: { stage: "ACKNOWLEDGEMENT", stageStatus: "IN_PROGRESS" } });
    await database.prisma.handoffStage.updateMany({ where: { handoffId: handoff.id }, data: { status: "APPROVED" } });
    for (const key of ["DELIVERY_WORKSPACE", "IMPLEMENTATION_BRIEF"] as const) {
      await database.prisma.handoffStage.create({ data: { handoffId: handoff.id, key, status: "APPROVED" } });
    }
    await database.prisma.handoffStage.create({ data: { handoffId: handoff.id, key: "ACKNOWLEDGEMENT", status: "IN_PROGRESS" } });

    await expect(transitionHandoff(team.pm, handoff.id, { type: "SCHEDULE_KICKOFF", date: "2026-12-14" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(transitionHandoff(team.pm, handoff.id, { type: "ACKNOWLEDGE" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await transitionHandoff(team.lead, handoff.id, { type: "ACKNOWLEDGE", comment: "Read the brief; risks understood" });
    const risks = await database.prisma.risk.findMany({ where: { handoffId: handoff.id } });
    expect(risks.every((r) => r.status === "ACCEPTED" && r.acceptedById === team.lead.userId)).toBe(true);

    await transitionHandoff(team.pm, handoff.id, { type: "SCHEDULE_KICKOFF", date: "2026-12-14" });
    const scheduled = await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } });
    expect(scheduled.kickoffScheduledAt?.toISOString().slice(0, 10)).toBe("2026-12-14");
  });

  it("records the kickoff held, dated for the KPIs, with its evidence", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await database.prisma.handoff.update({ where: { id: handoff.id }, data: { stage: "KICKOFF_QA", stageStatus: "IN_PROGRESS", acknowledgedAt: new Date() } });
    await database.prisma.handoffStage.updateMany({ where: { handoffId: handoff.id }, data: { status: "APPROVED" } });
    await database.prisma.handoffStage.create({ data: { handoffId: handoff.id, key: "KICKOFF_QA", status: "IN_PROGRESS" } });
    const today = new Date().toISOString().slice(0, 10);

    const held = { type: "RECORD_KICKOFF", date: today, note: "Client sponsor, PM and delivery lead" };
    await expect(transitionHandoff(team.pm, handoff.id, held)).rejects.toThrow(/Schedule the kickoff before/);
    await transitionHandoff(team.pm, handoff.id, { type: "SCHEDULE_KICKOFF", date: today });
    await expect(transitionHandoff(team.viewer, handoff.id, held)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await transitionHandoff(team.pm, handoff.id, held);

    const after = await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } });
    expect(after.actualKickoffAt?.toISOString().slice(0, 10)).toBe(today);
    const evidence = await database.prisma.evidence.findFirstOrThrow({ where: { stage: { handoffId: handoff.id, key: "KICKOFF_QA" }, requirementKey: "kickoff_held" } });
    expect(evidence.data).toMatchObject({ note: `Held on ${today}. Client sponsor, PM and delivery lead` });
    await expect(transitionHandoff(team.pm, handoff.id, held)).rejects.toThrow(/already been recorded/);
  });

  it("counts a scope change as an incident only once the brief has been approved", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await transitionHandoff(team.pm, handoff.id, { type: "LOG_SCOPE_CHANGE", description: "SSO moved into scope during discovery" });
    await expect(transitionHandoff(team.sales, handoff.id, { type: "LOG_SCOPE_CHANGE", description: "Sales wants more" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const brief = await database.prisma.handoffStage.create({ data: { handoffId: handoff.id, key: "IMPLEMENTATION_BRIEF", status: "APPROVED" } });
    await database.prisma.approval.create({ data: { stageId: brief.id, actorId: team.leader.userId, decision: "APPROVED" } });
    await transitionHandoff(team.lead, handoff.id, { type: "LOG_SCOPE_CHANGE", description: "Client added a second region" });

    const changes = await database.prisma.scopeChange.findMany({ where: { handoffId: handoff.id }, orderBy: { loggedAt: "asc" } });
    expect(changes.map((c) => [c.description, c.afterBrief, c.loggedById])).toEqual([
      ["SSO moved into scope during discovery", false, team.pm.userId],
      ["Client added a second region", true, team.lead.userId],
    ]);
    expect(await database.prisma.auditEvent.count({ where: { handoffId: handoff.id, action: "scope.changed" } })).toBe(2);
  });

  it("rejects a malformed command with a precise message", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await expect(transitionHandoff(team.pm, handoff.id, { type: "TELEPORT" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(transitionHandoff(team.pm, handoff.id, { type: "SCHEDULE_KICKOFF", date: "next tuesday" })).rejects.toMatchObject({
      message: "Enter the kickoff date as YYYY-MM-DD.",
    });
    await expect(transitionHandoff(team.pm, "does-not-exist", { type: "START_STAGE", stage: "INTAKE" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("risk acceptance", () => {
  it("sends a risk back to the PM, who revises it, and only then can the lead acknowledge", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await database.prisma.handoff.update({ where: { id: handoff.id }, data: { stage: "ACKNOWLEDGEMENT", stageStatus: "IN_PROGRESS", waitingOnId: team.lead.userId } });
    await database.prisma.handoffStage.updateMany({ where: { handoffId: handoff.id }, data: { status: "APPROVED" } });
    await database.prisma.handoffStage.create({ data: { handoffId: handoff.id, key: "ACKNOWLEDGEMENT", status: "IN_PROGRESS" } });
    const [volume, leave] = await database.prisma.risk.findMany({ where: { handoffId: handoff.id }, orderBy: { title: "asc" } });

    await transitionHandoff(team.lead, handoff.id, { type: "REJECT_RISK", riskId: volume.id, comment: "No client owner for the extract" });
    expect(await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).toMatchObject({ waitingOnId: team.pm.userId });
    await expect(transitionHandoff(team.lead, handoff.id, { type: "ACKNOWLEDGE" })).rejects.toMatchObject({ code: "CONFLICT" });

    await transitionHandoff(team.pm, handoff.id, { type: "REVISE_RISK", riskId: volume.id, mitigation: "Client IT extracts a sample in week 1", ownerName: "Client IT lead" });
    expect(await database.prisma.risk.findUniqueOrThrow({ where: { id: volume.id } })).toMatchObject({ status: "OPEN", ownerName: "Client IT lead" });
    expect(await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).toMatchObject({ waitingOnId: team.lead.userId });

    await transitionHandoff(team.lead, handoff.id, { type: "ACCEPT_RISK", riskId: leave.id });
    await transitionHandoff(team.lead, handoff.id, { type: "ACKNOWLEDGE" });
    const risks = await database.prisma.risk.findMany({ where: { handoffId: handoff.id } });
    expect(risks.every((r) => r.status === "ACCEPTED" && r.acceptedById === team.lead.userId)).toBe(true);
    const actions = (await database.prisma.auditEvent.findMany({ where: { handoffId: handoff.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["risk.rejected", "risk.revised", "risk.accepted", "handoff.acknowledged"]);
  });
});

describe("audit trail", () => {
  it("is append-only in the database itself", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await transitionHandoff(team.revops, handoff.id, { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "risks_reviewed" });
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { handoffId: handoff.id } });
    await expect(database.prisma.auditEvent.update({ where: { id: event.id }, data: { action: "rewritten" } })).rejects.toThrow(/append-only/);
    await expect(database.prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
  });
});
