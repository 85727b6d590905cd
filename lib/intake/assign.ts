import { z } from "zod";
import type { Role } from "../db/generated/enums.ts";
import { db, type Tx } from "../db/client.ts";
import type { Actor } from "../auth/roles.ts";
import { can } from "../auth/roles.ts";
import { forbidden } from "../errors.ts";
import { currentVersion, listVersions, saveVersion, type Versioned } from "../policy/versions.ts";

/**
 * Who a new handoff goes to. The rule is versioned configuration, shown (and changed) in
 * Settings, and every handoff's assignment is audited with the rule version that made it.
 *
 * - `team`: the people of each role in the deal owner's team take turns (round-robin);
 *   a team with nobody in a role falls back to everyone of that role.
 * - `round_robin`: everyone of each role takes turns, whatever the team.
 *
 * Taking turns means: the person whose last handoff in that role is the oldest (or who has
 * none) is next; ties go alphabetically. It needs no counter, and a reassignment counts.
 */

export const ASSIGNMENT_STRATEGIES = ["team", "round_robin"] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

export const assignmentRuleSchema = z.object({
  strategy: z.enum(ASSIGNMENT_STRATEGIES, { error: "Choose how new handoffs are assigned: by team or round-robin." }),
});
export type AssignmentRule = z.infer<typeof assignmentRuleSchema>;

export const DEFAULT_ASSIGNMENT_RULE: AssignmentRule = { strategy: "team" };

export const STRATEGY_LABEL: Record<AssignmentStrategy, string> = {
  team: "By team: people in the deal owner's team take turns",
  round_robin: "Round-robin: everyone of the role takes turns",
};

export type AssignedRole = "PROJECT_MANAGER" | "PS_LEADER" | "REVOPS" | "DELIVERY_LEAD";

const COLUMN: Record<AssignedRole, "projectManagerId" | "psLeaderId" | "revOpsId" | "deliveryLeadId"> = {
  PROJECT_MANAGER: "projectManagerId",
  PS_LEADER: "psLeaderId",
  REVOPS: "revOpsId",
  DELIVERY_LEAD: "deliveryLeadId",
};

export function currentAssignmentRule(client?: Tx): Promise<Versioned<AssignmentRule>> {
  return currentVersion("ASSIGNMENT", assignmentRuleSchema, DEFAULT_ASSIGNMENT_RULE, client);
}

export function assignmentRuleHistory() {
  return listVersions("ASSIGNMENT");
}

export async function saveAssignmentRule(actor: Actor, input: unknown, note: string) {
  if (!can(actor.role, "assignment:edit")) throw forbidden("Only PS leaders, RevOps and admins can change how handoffs are assigned.");
  return saveVersion(actor, "ASSIGNMENT", assignmentRuleSchema, DEFAULT_ASSIGNMENT_RULE, input, note, "assignment rule");
}

/** The active people who may hold a role on a handoff, under the rule. */
async function eligible(tx: Tx, role: AssignedRole, rule: AssignmentRule, team: string | null) {
  const everyone = await tx.user.findMany({ where: { role: role as Role, active: true }, select: { id: true, name: true, team: true }, orderBy: { name: "asc" } });
  if (rule.strategy === "team" && team) {
    const inTeam = everyone.filter((p) => p.team === team);
    if (inTeam.length > 0) return inTeam;
  }
  return everyone;
}

/** The next person of a role under the rule, or null when nobody holds the role. */
export async function nextAssignee(tx: Tx, role: AssignedRole, rule: AssignmentRule, deal: { team: string | null }): Promise<string | null> {
  const people = await eligible(tx, role, rule, deal.team);
  if (people.length === 0) return null;
  const column = COLUMN[role];
  const last = await tx.handoff.groupBy({
    by: [column],
    where: { [column]: { in: people.map((p) => p.id) } },
    _max: { createdAt: true },
  });
  const lastAt = new Map(last.map((row) => [(row as Record<string, unknown>)[column] as string, row._max.createdAt?.getTime() ?? 0]));
  // Never assigned comes first; then whoever waited longest; ties alphabetically (people are sorted by name).
  return people.reduce((best, p) => ((lastAt.get(p.id) ?? -1) < (lastAt.get(best.id) ?? -1) ? p : best), people[0]).id;
}

export async function assignOwners(tx: Tx, rule: AssignmentRule, deal: { team: string | null }) {
  // One connection per transaction: its queries run one after another.
  const projectManagerId = await nextAssignee(tx, "PROJECT_MANAGER", rule, deal);
  const psLeaderId = await nextAssignee(tx, "PS_LEADER", rule, deal);
  const revOpsId = await nextAssignee(tx, "REVOPS", rule, deal);
  const deliveryLeadId = await nextAssignee(tx, "DELIVERY_LEAD", rule, deal);
  return { projectManagerId, psLeaderId, revOpsId, deliveryLeadId };
}

/** The app user behind a CRM owner: by HubSpot owner id, else by email. */
export async function userForCrmOwner(tx: Tx, owner: { id: string; email: string | null } | null): Promise<string | null> {
  if (!owner) return null;
  const user = await tx.user.findFirst({
    where: { active: true, OR: [{ hubspotOwnerId: owner.id }, ...(owner.email ? [{ email: owner.email }] : [])] },
    select: { id: true },
  });
  return user?.id ?? null;
}

export interface TeamRoster {
  team: string;
  people: Record<AssignedRole, string[]>;
}

/** Who is in each team, by role: what the rule picks from. People without a team are listed under "No team". */
export async function assignmentTeams(client: Pick<Tx, "user"> = db()): Promise<TeamRoster[]> {
  const people = await client.user.findMany({
    where: { active: true, role: { in: Object.keys(COLUMN) as Role[] } },
    select: { name: true, role: true, team: true },
    orderBy: [{ team: "asc" }, { name: "asc" }],
  });
  const teams = new Map<string, TeamRoster>();
  for (const p of people) {
    const team = p.team ?? "No team";
    const roster = teams.get(team) ?? { team, people: { PROJECT_MANAGER: [], PS_LEADER: [], REVOPS: [], DELIVERY_LEAD: [] } };
    roster.people[p.role as AssignedRole].push(p.name);
    teams.set(team, roster);
  }
  return [...teams.values()];
}
