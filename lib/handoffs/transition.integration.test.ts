import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { DomainError } from "../errors.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, createUser, type Team } from "../test/fixtures.ts";
import { listInbox } from "./approvals.ts";
import { getHandoffDetail } from "./detail.ts";
import { decideOverride, requestIntakeOverride } from "../intake/overrides.ts";
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

    const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await expect(transitionHandoff(team.pm, handoff.id, { type: "SCHEDULE_KICKOFF", date: inTwoWeeks })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(transitionHandoff(team.pm, handoff.id, { type: "ACKNOWLEDGE" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await transitionHandoff(team.lead, handoff.id, { type: "ACKNOWLEDGE", comment: "Read the brief; risks understood" });
    const risks = await database.prisma.risk.findMany({ where: { handoffId: handoff.id } });
    expect(risks.every((r) => r.status === "ACCEPTED" && r.acceptedById === team.lead.userId)).toBe(true);

    // A kickoff in the past is refused, with a reason the PM can act on.
    await expect(transitionHandoff(team.pm, handoff.id, { type: "SCHEDULE_KICKOFF", date: "2020-01-01" })).rejects.toMatchObject({
      code: "INVALID",
      message: "The kickoff cannot be scheduled in the past (2020-01-01): pick today or a later day.",
      fieldErrors: { date: ["Pick today or a later day."] },
    });
    expect((await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).kickoffScheduledAt).toBeNull();
    await transitionHandoff(team.pm, handoff.id, { type: "SCHEDULE_KICKOFF", date: inTwoWeeks });
    const scheduled = await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } });
    expect(scheduled.kickoffScheduledAt?.toISOString().slice(0, 10)).toBe(inTwoWeeks);
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

  it("shows client dates as the Kickoff & QA gate's evidence as soon as they are confirmed", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await database.prisma.handoff.update({ where: { id: handoff.id }, data: { stage: "KICKOFF_QA", stageStatus: "IN_PROGRESS", acknowledgedAt: new Date() } });
    await database.prisma.handoffStage.updateMany({ where: { handoffId: handoff.id }, data: { status: "APPROVED" } });
    await database.prisma.handoffStage.create({ data: { handoffId: handoff.id, key: "KICKOFF_QA", status: "IN_PROGRESS" } });
    const gate = async () => (await getHandoffDetail(team.pm, handoff.id)).stages.find((s) => s.key === "KICKOFF_QA")!;
    expect((await gate()).missing).toContain("Client dates confirmed");

    await transitionHandoff(team.pm, handoff.id, { type: "CONFIRM_CLIENT_DATES" });
    const after = await gate();
    expect(after.missing).not.toContain("Client dates confirmed");
    expect(after.requirements.find((r) => r.key === "client_dates_confirmed")!.items).toMatchObject([{ capturedBy: team.pm.name }]);
    // One way to record it: the gate does not ask for a second click.
    await expect(transitionHandoff(team.pm, handoff.id, { type: "CAPTURE_EVIDENCE", stage: "KICKOFF_QA", requirementKey: "client_dates_confirmed" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("counts client dates confirmed before Kickoff & QA once that stage starts", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await database.prisma.handoff.update({ where: { id: handoff.id }, data: { stage: "HANDOFF_DIGEST", stageStatus: "IN_PROGRESS", acknowledgedAt: new Date() } });
    await database.prisma.handoffStage.updateMany({ where: { handoffId: handoff.id }, data: { status: "APPROVED" } });
    await database.prisma.handoffStage.create({ data: { handoffId: handoff.id, key: "HANDOFF_DIGEST", status: "APPROVED" } });
    await transitionHandoff(team.pm, handoff.id, { type: "CONFIRM_CLIENT_DATES" });
    await database.prisma.handoff.update({ where: { id: handoff.id }, data: { stage: "KICKOFF_QA", stageStatus: "NOT_STARTED" } });
    await database.prisma.handoffStage.create({ data: { handoffId: handoff.id, key: "KICKOFF_QA", status: "NOT_STARTED" } });

    await transitionHandoff(team.pm, handoff.id, { type: "START_STAGE", stage: "KICKOFF_QA" });
    const gate = (await getHandoffDetail(team.pm, handoff.id)).stages.find((s) => s.key === "KICKOFF_QA")!;
    expect(gate.missing).toEqual(["Kickoff held with the client"]);
    expect(gate.requirements.find((r) => r.key === "client_dates_confirmed")!.items).toMatchObject([{ capturedBy: team.pm.name }]);
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

describe("who may see a handoff", () => {
  it("answers a handoff that is missing, or someone else's sale, as not found — for reading and for every change", async () => {
    const handoff = await createHandoff(database.prisma, team);
    const otherSeller = await createUser(database.prisma, "SALES");
    for (const [who, id] of [
      [otherSeller, handoff.id],
      [team.pm, "no-such-handoff"],
      [team.pm, "bad\u0000id"],
    ] as const) {
      await expect(getHandoffDetail(who, id)).rejects.toMatchObject({ code: "NOT_FOUND", httpStatus: 404 });
      await expect(transitionHandoff(who, id, { type: "LOG_SCOPE_CHANGE", description: "Sales wants more" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(requestIntakeOverride(who, id, { reason: "Let it through, the client is waiting." })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    // The seller who sold it still sees it, and is refused changes for what they are: read-only.
    expect((await getHandoffDetail(team.sales, handoff.id)).id).toBe(handoff.id);
    await expect(transitionHandoff(team.sales, handoff.id, { type: "LOG_SCOPE_CHANGE", description: "Sales wants more" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("a material intake override", () => {
  it("unblocks the handoff in the transaction that confirms it, and the page stops saying it is blocked", async () => {
    const issues = [{ field: "dependencies", label: "Client dependencies", problem: "is missing" }];
    const handoff = await createHandoff(database.prisma, team, { intakeIssues: issues });
    await database.prisma.handoff.update({ where: { id: handoff.id }, data: { amount: 250_000 } });

    const requested = await requestIntakeOverride(team.revops, handoff.id, { reason: "Dependencies agreed in the SOW annex; CRM catches up later." });
    expect(requested).toMatchObject({ material: true, status: "PENDING_SECOND_APPROVAL" });
    let detail = await getHandoffDetail(team.pm, handoff.id);
    expect(detail.status).toBe("INTAKE_BLOCKED");
    expect(detail.intakeIssues).toHaveLength(1);

    await decideOverride(team.pm, requested.id, { decision: "CONFIRM", comment: "Agreed" });
    expect((await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).status).toBe("IN_PROGRESS");
    detail = await getHandoffDetail(team.pm, handoff.id);
    expect(detail.status).toBe("IN_PROGRESS");
    expect(detail.intakeIssues).toEqual([]);
    expect(detail.overrides).toMatchObject([{ status: "APPROVED", material: true, confirmedBy: team.pm.name }]);
    expect(detail.overrideControls.canRequest).toBe(false);
    // The deal in the CRM is told too, with the same change.
    const writeback = await database.prisma.syncJob.findFirstOrThrow({ where: { handoffId: handoff.id, kind: "hubspot.writeback" } });
    expect(writeback.payload).toMatchObject({ status: "accepted" });
  });

  it("does not let anyone confirm that the critical risks are owned while one has no owner", async () => {
    const issues = [{ field: "critical_risks", label: "Critical risks", problem: "“Data volume unknown” has no owner" }];
    const handoff = await createHandoff(database.prisma, team, { intakeIssues: issues });
    await database.prisma.risk.updateMany({ where: { handoffId: handoff.id, title: "Data volume unknown" }, data: { ownerName: null, ownerId: null } });
    const requested = await requestIntakeOverride(team.revops, handoff.id, { reason: "Owner to be named at kickoff; the client agreed." });
    if (requested.status === "PENDING_SECOND_APPROVAL") await decideOverride(team.pm, requested.id, { decision: "CONFIRM" });

    await expect(transitionHandoff(team.revops, handoff.id, { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "risks_reviewed" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("“Data volume unknown” has no owner"),
    });
    expect(await database.prisma.evidence.count({ where: { stage: { handoffId: handoff.id }, requirementKey: "risks_reviewed" } })).toBe(0);

    await database.prisma.risk.updateMany({ where: { handoffId: handoff.id, title: "Data volume unknown" }, data: { ownerName: "Client IT" } });
    await transitionHandoff(team.revops, handoff.id, { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "risks_reviewed" });
    expect(await database.prisma.evidence.count({ where: { stage: { handoffId: handoff.id }, requirementKey: "risks_reviewed" } })).toBe(1);
  });
});
