import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../db/client.ts";
import type { Role, StageKey } from "../db/generated/enums.ts";
import { ROLE_LABEL, type Actor } from "../auth/roles.ts";

/**
 * Test data made through Prisma with unique names, so tests never depend on the demo
 * seed or on each other.
 */
export function uniq(prefix = "t"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export async function createUser(prisma: PrismaClient, role: Role, options: { passwordHash?: string; name?: string; email?: string } = {}): Promise<Actor & { email: string }> {
  const tag = uniq(role.toLowerCase().replace("_", "-"));
  const user = await prisma.user.create({
    data: { email: options.email ?? `${tag}@example.test`, name: options.name ?? `Test ${ROLE_LABEL[role]} ${tag.slice(-4)}`, role, passwordHash: options.passwordHash },
  });
  return { userId: user.id, role: user.role, name: user.name, email: user.email };
}

export interface Team {
  admin: Actor;
  leader: Actor;
  pm: Actor;
  revops: Actor;
  lead: Actor;
  sales: Actor;
  viewer: Actor;
}

export async function createTeam(prisma: PrismaClient, passwordHash?: string): Promise<Team & Record<keyof Team, { email: string }>> {
  const [admin, leader, pm, revops, lead, sales, viewer] = await Promise.all(
    (["ADMIN", "PS_LEADER", "PROJECT_MANAGER", "REVOPS", "DELIVERY_LEAD", "SALES", "VIEWER"] as const).map((role) => createUser(prisma, role, { passwordHash })),
  );
  return { admin, leader, pm, revops, lead, sales, viewer };
}

/** A handoff at the start of intake (IN_PROGRESS), with a deal, two risks and one stage row. */
export async function createHandoff(
  prisma: PrismaClient,
  team: Team,
  options: { title?: string; intakeIssues?: { field: string; label: string; problem: string }[]; stage?: StageKey } = {},
) {
  const title = options.title ?? `Handoff ${uniq()}`;
  const sourceId = String(Date.now()) + randomBytes(2).readUInt16BE(0);
  const deal = await prisma.deal.create({
    data: {
      sourceId,
      sourceUrl: `https://app.hubspot.com/contacts/1/record/0-3/${sourceId}`,
      name: title,
      companyName: `${title} Inc.`,
      amount: 120000,
      pipeline: "default",
      dealStage: "closedwon",
      closedWonAt: new Date(),
      properties: { scope_in: "CPQ rollout", scope_out: "Data migration" },
      snapshots: { create: { version: 1, properties: { scope_in: "CPQ rollout", scope_out: "Data migration" } } },
    },
  });
  const blocked = Boolean(options.intakeIssues?.length);
  return prisma.handoff.create({
    data: {
      dealId: deal.id,
      title,
      customerName: `${title} Inc.`,
      team: "Enterprise",
      segment: "Enterprise",
      pipeline: "default",
      closedWonAt: new Date(),
      status: blocked ? "INTAKE_BLOCKED" : "IN_PROGRESS",
      intakeIssues: options.intakeIssues ?? [],
      psLeaderId: team.leader.userId,
      projectManagerId: team.pm.userId,
      revOpsId: team.revops.userId,
      deliveryLeadId: team.lead.userId,
      salesOwnerId: team.sales.userId,
      waitingOnId: team.revops.userId,
      dueAt: new Date(Date.now() + 48 * 3_600_000),
      stages: {
        create: {
          key: "INTAKE",
          status: "IN_PROGRESS",
          startedAt: new Date(),
          // A deal that passed validation carries its snapshot as evidence, as intake records it.
          evidence: blocked ? undefined : { create: { requirementKey: "deal_snapshot", kind: "SNAPSHOT", label: "Validated deal snapshot", data: { snapshotVersion: 1 } } },
        },
      },
      risks: {
        create: [
          { title: "Data volume unknown", severity: "HIGH", likelihood: "MEDIUM", ownerName: "Client IT", mitigation: "Sample extract in week 1" },
          { title: "Key user on leave", severity: "MEDIUM", likelihood: "LOW", ownerName: "PM", mitigation: "Name a deputy" },
        ],
      },
    },
  });
}
