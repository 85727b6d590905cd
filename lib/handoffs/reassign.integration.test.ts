import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, createUser, type Team } from "../test/fixtures.ts";
import { assignOwners, currentAssignmentRule, saveAssignmentRule } from "../intake/assign.ts";
import { countInbox } from "./approvals.ts";
import { reassignHandoff } from "./reassign.ts";
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

describe("reassigning a handoff", () => {
  it("lets PS leaders and RevOps move the PM; whose move it is and the Approvals inbox follow at once", async () => {
    const handoff = await createHandoff(database.prisma, team);
    await database.prisma.handoff.update({ where: { id: handoff.id }, data: { projectManagerId: team.pm.userId, psLeaderId: team.leader.userId, revOpsId: team.revops.userId } });
    // RevOps submits the intake gate: it now waits on the PM's sign-off.
    await transitionHandoff(team.revops, handoff.id, { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "scope_confirmed", note: "Confirmed on the call" });
    await transitionHandoff(team.revops, handoff.id, { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "risks_reviewed" });
    await transitionHandoff(team.revops, handoff.id, { type: "SUBMIT_GATE", stage: "INTAKE" });
    expect((await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).waitingOnId).toBe(team.pm.userId);

    const otherPm = await createUser(database.prisma, "PROJECT_MANAGER");
    const before = await countInbox(otherPm);
    await reassignHandoff(team.revops, handoff.id, { role: "projectManager", userId: otherPm.userId });

    const after = await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } });
    expect(after).toMatchObject({ projectManagerId: otherPm.userId, waitingOnId: otherPm.userId });
    expect(await countInbox(otherPm)).toBe(before + 1);
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { handoffId: handoff.id, action: "handoff.reassigned" } });
    expect(audit).toMatchObject({ actorId: team.revops.userId, data: { role: "projectManager", to: otherPm.name, fromId: team.pm.userId } });

    // The new PM can sign the gate off; the old one no longer waits for it.
    await transitionHandoff(otherPm, handoff.id, { type: "APPROVE_GATE", stage: "INTAKE" });
  });

  it("refuses other roles, people without the role, and closed handoffs", async () => {
    const handoff = await createHandoff(database.prisma, team);
    for (const actor of [team.pm, team.lead, team.sales, team.viewer, team.admin]) {
      await expect(reassignHandoff(actor, handoff.id, { role: "deliveryLead", userId: team.lead.userId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // A seller who did not sell the deal cannot even tell it exists.
    const otherSeller = await createUser(database.prisma, "SALES");
    await expect(reassignHandoff(otherSeller, handoff.id, { role: "deliveryLead", userId: team.lead.userId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reassignHandoff(team.leader, handoff.id, { role: "deliveryLead", userId: team.pm.userId })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("is not a delivery lead") });
    await expect(reassignHandoff(team.leader, handoff.id, { role: "salesOwner", userId: team.sales.userId })).rejects.toMatchObject({ code: "INVALID" });
    await expect(reassignHandoff(team.leader, "no-such-handoff", { role: "deliveryLead", userId: team.lead.userId })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await database.prisma.handoff.update({ where: { id: handoff.id }, data: { status: "COMPLETED" } });
    await expect(reassignHandoff(team.leader, handoff.id, { role: "deliveryLead", userId: team.lead.userId })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("the assignment rule", () => {
  it("gives a deal to its owner's team, taking turns, and falls back to everyone when the team has nobody in a role", async () => {
    const [north1, north2, south] = [
      await createUser(database.prisma, "PROJECT_MANAGER", { name: "A North PM" }),
      await createUser(database.prisma, "PROJECT_MANAGER", { name: "B North PM" }),
      await createUser(database.prisma, "PROJECT_MANAGER", { name: "C South PM" }),
    ];
    await database.prisma.user.updateMany({ where: { id: { in: [north1.userId, north2.userId] } }, data: { team: "North" } });
    await database.prisma.user.update({ where: { id: south.userId }, data: { team: "South" } });
    const rule = (await currentAssignmentRule()).config;
    expect(rule.strategy).toBe("team");

    const picked: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { projectManagerId } = await database.prisma.$transaction((tx) => assignOwners(tx, rule, { team: "North" }));
      picked.push(projectManagerId!);
      const h = await createHandoff(database.prisma, team);
      await database.prisma.handoff.update({ where: { id: h.id }, data: { projectManagerId } });
    }
    // Turns within the team: A, B, then A again; never the South PM.
    expect(picked).toEqual([north1.userId, north2.userId, north1.userId]);

    // Nobody in the "Nowhere" team holds a role: everyone of the role is eligible.
    const { deliveryLeadId } = await database.prisma.$transaction((tx) => assignOwners(tx, rule, { team: "Nowhere" }));
    expect(deliveryLeadId).not.toBeNull();
  });

  it("is versioned, audited and only changed by PS leaders, RevOps and admins", async () => {
    await expect(saveAssignmentRule(team.pm, { strategy: "round_robin" }, "Spread the load")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveAssignmentRule(team.leader, { strategy: "by_magic" }, "Nope")).rejects.toMatchObject({ code: "INVALID" });
    const saved = await saveAssignmentRule(team.leader, { strategy: "round_robin" }, "Spread the load across teams");
    expect((await currentAssignmentRule()).config.strategy).toBe("round_robin");
    expect(await database.prisma.auditEvent.count({ where: { action: "policy.changed", entityId: `ASSIGNMENT:${saved.version}` } })).toBe(1);
  });
});
