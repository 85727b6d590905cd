import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, createUser, type Team } from "../test/fixtures.ts";
import { requestIntakeOverride } from "./overrides.ts";
import { countInbox } from "../handoffs/approvals.ts";
import { DEFAULT_INTAKE_POLICY, type IntakePolicy } from "./policy.ts";
import { currentIntakePolicy, decideIntakePolicy, pendingIntakePolicy, saveIntakePolicy } from "./policy-store.ts";

/**
 * The two-person rule cannot be bypassed through the policy: a change that relaxes a control
 * applies only once a second person approves it, and nobody requests an override against a
 * policy version they wrote. Replays the review's finding: threshold to 1e12, override, restore.
 */

let database: TestDatabase;
let team: Team;
const ISSUE = [{ field: "scope_out", label: "Out-of-scope items", problem: "Missing: One item per line." }];
const withThreshold = (policy: IntakePolicy, amountThreshold: number): IntakePolicy => ({ ...policy, materiality: { ...policy.materiality, amountThreshold } });

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  team = await createTeam(database.prisma);
});

afterAll(async () => {
  await database?.drop();
});

describe("policy changes that relax a control", () => {
  it("wait for a PS leader other than the editor; meanwhile a material override still needs its second approver", async () => {
    const before = await currentIntakePolicy();
    const saved = await saveIntakePolicy(team.revops, withThreshold(before.policy, 1e12), "Fewer second approvals");
    expect(saved).toMatchObject({ status: "PENDING_APPROVAL", relaxations: [expect.stringContaining("Materiality threshold raised")] });
    expect((await currentIntakePolicy()).version).toBe(before.version);

    // The attack: request the override right away. The policy in force still calls 120,000 material.
    const handoff = await createHandoff(database.prisma, team, { intakeIssues: ISSUE });
    await database.prisma.handoff.update({ where: { id: handoff.id }, data: { amount: 206_000, riskLevel: "LOW" } });
    const otherRevops = await createUser(database.prisma, "REVOPS");
    const override = await requestIntakeOverride(otherRevops, handoff.id, { reason: "Client signed the scope in a side letter" });
    expect(override).toMatchObject({ material: true, status: "PENDING_SECOND_APPROVAL" });

    // Nobody saves another change while one waits, so the editor cannot "restore" around it either.
    await expect(saveIntakePolicy(team.revops, before.policy, "Restore")).rejects.toMatchObject({ code: "CONFLICT" });

    // Only a PS leader approves, and never the editor.
    expect(await countInbox(team.leader)).toBeGreaterThanOrEqual(1);
    await expect(decideIntakePolicy(team.revops, saved.version, "approve", "")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decideIntakePolicy(team.pm, saved.version, "approve", "")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decideIntakePolicy(team.leader, saved.version, "reject", "")).rejects.toMatchObject({ code: "INVALID" });
    await decideIntakePolicy(team.leader, saved.version, "approve", "Agreed in the weekly review");
    expect(await currentIntakePolicy()).toMatchObject({ version: saved.version, createdById: team.revops.userId });
    const audit = await database.prisma.auditEvent.findMany({ where: { entityId: `INTAKE_POLICY:${saved.version}` }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["policy.change_requested", "policy.change_approved"]);
    expect(audit[1].actorId).toBe(team.leader.userId);

    // The editor cannot request an override against the version they made.
    const second = await createHandoff(database.prisma, team, { intakeIssues: ISSUE });
    await expect(requestIntakeOverride(team.revops, second.id, { reason: "Now it is not material" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // Tightening it back applies at once.
    const tightened = await saveIntakePolicy(team.revops, before.policy, "Back to the standard threshold");
    expect(tightened.status).toBe("ACTIVE");
    expect((await currentIntakePolicy()).policy.materiality.amountThreshold).toBe(before.policy.materiality.amountThreshold);
  });

  it("can be withdrawn by its editor, and an approval never applies a proposal made against an older policy", async () => {
    const base = await currentIntakePolicy();
    const looser = await saveIntakePolicy(team.revops, { ...base.policy, closedWonStages: { ...base.policy.closedWonStages, default: [...base.policy.closedWonStages.default, "contractsent"] } }, "Count contract-sent");
    expect(looser.relaxations).toEqual(["Stage “contractsent” of pipeline “default” now counts as closed-won."]);
    await expect(decideIntakePolicy(team.leader, looser.version, "withdraw", "")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await decideIntakePolicy(team.revops, looser.version, "withdraw", "");
    expect(await pendingIntakePolicy()).toBeNull();

    // A stale proposal: made against version N, while N+1 came into force in between.
    const stale = await saveIntakePolicy(team.admin, withThreshold(base.policy, base.policy.materiality.amountThreshold + 1), "Round up");
    await database.prisma.policyVersion.update({ where: { kind_version: { kind: "INTAKE_POLICY", version: stale.version } }, data: { baseVersion: base.version - 1 } });
    await expect(decideIntakePolicy(team.leader, stale.version, "approve", "")).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("proposed again") });
    await decideIntakePolicy(team.leader, stale.version, "reject", "Stale");
    expect((await currentIntakePolicy()).version).toBe(base.version);
    expect(DEFAULT_INTAKE_POLICY.fields.length).toBeGreaterThan(0);
  });
});
