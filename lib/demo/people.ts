import type { Prisma } from "../db/generated/client.ts";
import type { Role } from "../db/generated/enums.ts";
import { DAY, plus, WINDOW_DAYS } from "./time.ts";

/**
 * The demo's thirteen people: one primary login per role (admin@, leader@, pm@, revops@, lead@,
 * sales@, viewer@demo.local) and colleagues in three teams, so queues and reports have owners.
 * A person's position in USERS fixes their Slack, ClickUp and HubSpot ids in the stand-ins.
 */

export type Team = "Enterprise" | "Mid-market" | "Public sector";

export interface Person {
  id: string;
  email: string;
  name: string;
  role: Role;
  team: Team;
  slackUserId: string;
  /** Their member id in the ClickUp stand-in (lib/stand-ins/clickup/seed.ts). */
  clickupUserId: string | null;
  hubspotOwnerId: string;
}

const USERS: readonly Omit<Person, "id" | "slackUserId" | "clickupUserId" | "hubspotOwnerId">[] = [
  { email: "admin@demo.local", name: "Ada Admin", role: "ADMIN", team: "Enterprise" },
  { email: "leader@demo.local", name: "Priya Shah", role: "PS_LEADER", team: "Enterprise" },
  { email: "pm@demo.local", name: "Marco Rossi", role: "PROJECT_MANAGER", team: "Enterprise" },
  { email: "revops@demo.local", name: "Rita Okafor", role: "REVOPS", team: "Mid-market" },
  { email: "lead@demo.local", name: "Dana Kim", role: "DELIVERY_LEAD", team: "Enterprise" },
  { email: "sales@demo.local", name: "Sam Carter", role: "SALES", team: "Enterprise" },
  { email: "viewer@demo.local", name: "Victor Lang", role: "VIEWER", team: "Public sector" },
  { email: "pm2@demo.local", name: "Lena Fischer", role: "PROJECT_MANAGER", team: "Mid-market" },
  { email: "pm3@demo.local", name: "Omar Haddad", role: "PROJECT_MANAGER", team: "Public sector" },
  { email: "lead2@demo.local", name: "Tom Becker", role: "DELIVERY_LEAD", team: "Mid-market" },
  { email: "lead3@demo.local", name: "Aiko Tanaka", role: "DELIVERY_LEAD", team: "Public sector" },
  { email: "sales2@demo.local", name: "Nina Patel", role: "SALES", team: "Mid-market" },
  { email: "leader2@demo.local", name: "Ben Walsh", role: "PS_LEADER", team: "Mid-market" },
];

/** The Slack stand-in's workspace (lib/stand-ins/slack/seed.ts), where the demo people's Slack users are. */
const SLACK_SANDBOX_TEAM_ID = "T0SANDBOX1";

/** The primary demo users get the largest share of the work, so each login has plenty to see. */
export const PM_WEIGHTS = [["pm@demo.local", 45], ["pm2@demo.local", 30], ["pm3@demo.local", 25]] as const;
export const LEAD_WEIGHTS = [["lead@demo.local", 45], ["lead2@demo.local", 30], ["lead3@demo.local", 25]] as const;

/** The demo's people, with their ids. */
export class Staff {
  readonly all: Person[];

  constructor(newId: () => string) {
    this.all = USERS.map((u, i) => ({
      ...u,
      id: newId(),
      slackUserId: `U0SEED${String(i + 1).padStart(2, "0")}`,
      // Everyone is a member of the ClickUp stand-in (81000007 is a contractor, not one of our people).
      clickupUserId: String(i < 6 ? 81_000_001 + i : 81_000_002 + i),
      hubspotOwnerId: String(9_000_001 + i),
    }));
  }

  get(email: string): Person {
    const person = this.all.find((p) => p.email === email);
    if (!person) throw new Error(`No demo user ${email}`);
    return person;
  }

  byId(id: string | null): Person {
    const person = this.all.find((p) => p.id === id);
    if (!person) throw new Error(`No demo user with id ${id}`);
    return person;
  }
}

/** The people as users who can sign in, all with the same password. */
export function userRows(staff: Staff, passwordHash: string, now: Date): Prisma.UserCreateManyInput[] {
  const createdAt = plus(now, -(WINDOW_DAYS + 14) * DAY);
  return staff.all.map((p) => ({
    id: p.id,
    email: p.email,
    name: p.name,
    role: p.role,
    team: p.team,
    passwordHash,
    // Seeded as already confirmed, in the Slack stand-in's workspace; people link their own Slack otherwise.
    slackUserId: p.slackUserId,
    slackTeamId: SLACK_SANDBOX_TEAM_ID,
    clickupUserId: p.clickupUserId,
    hubspotOwnerId: p.hubspotOwnerId,
    createdAt,
    updatedAt: createdAt,
  }));
}
