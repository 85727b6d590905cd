/**
 * The workspace the stand-in starts with: the demo's people, the one space handoffs are
 * delivered in, and the "Handoff ID" field that lets the app find its tasks again. Folders,
 * lists and tasks are created by the app.
 */

export const TEAM = { id: "9012345678", name: "Handoff Sandbox", color: "#7b68ee" } as const;

/** ClickUp workspace roles: 1 owner, 2 admin, 3 member, 4 guest. */
export type MemberRole = 1 | 2 | 3 | 4;

export interface ClickUpMember {
  id: number;
  username: string;
  email: string;
  color: string;
  initials: string;
  role: MemberRole;
}

export const MEMBERS: readonly ClickUpMember[] = [
  { id: 81000001, username: "Ada Admin", email: "admin@demo.local", color: "#7b68ee", initials: "AA", role: 1 },
  { id: 81000002, username: "Priya Shah", email: "leader@demo.local", color: "#e16b16", initials: "PS", role: 2 },
  { id: 81000003, username: "Marco Rossi", email: "pm@demo.local", color: "#0f9d9f", initials: "MR", role: 3 },
  { id: 81000004, username: "Rita Okafor", email: "revops@demo.local", color: "#aa2fff", initials: "RO", role: 3 },
  { id: 81000005, username: "Dana Kim", email: "lead@demo.local", color: "#1090e0", initials: "DK", role: 3 },
  { id: 81000006, username: "Sam Carter", email: "sales@demo.local", color: "#ee5e99", initials: "SC", role: 3 },
  // In ClickUp but not among the app's users: assigning work to them must still work.
  { id: 81000007, username: "Lee Contractor", email: "contractor@demo.local", color: "#656f7d", initials: "LC", role: 3 },
  { id: 81000008, username: "Victor Lang", email: "viewer@demo.local", color: "#5f55ee", initials: "VL", role: 4 },
  { id: 81000009, username: "Lena Fischer", email: "pm2@demo.local", color: "#3db88b", initials: "LF", role: 3 },
  { id: 81000010, username: "Omar Haddad", email: "pm3@demo.local", color: "#d4b106", initials: "OH", role: 3 },
  { id: 81000011, username: "Tom Becker", email: "lead2@demo.local", color: "#c25400", initials: "TB", role: 3 },
  { id: 81000012, username: "Aiko Tanaka", email: "lead3@demo.local", color: "#9b59b6", initials: "AT", role: 3 },
  { id: 81000013, username: "Nina Patel", email: "sales2@demo.local", color: "#e84393", initials: "NP", role: 3 },
  { id: 81000014, username: "Ben Walsh", email: "leader2@demo.local", color: "#2d3436", initials: "BW", role: 2 },
];

/** The personal token's owner: what GET /v2/user answers and who creates tasks. */
export const AUTHORIZED_USER_ID = MEMBERS[0].id;

export interface TaskStatus {
  id: string;
  status: string;
  /** "open" is the first status, "closed" the done one; the others are "custom". */
  type: "open" | "custom" | "closed";
  orderindex: number;
  color: string;
}

export const SPACE = {
  id: "90120001",
  name: "Delivery",
  color: "#7b68ee",
  /**
   * Folderless lists live in a hidden folder in ClickUp: their `folder` is
   * `{ id, name: "hidden", hidden: true }`.
   */
  hiddenFolderId: "90120002",
  statuses: [
    { id: "p90120001_todo", status: "to do", type: "open", orderindex: 0, color: "#87909e" },
    { id: "p90120001_prog", status: "in progress", type: "custom", orderindex: 1, color: "#5f55ee" },
    { id: "p90120001_blck", status: "blocked", type: "custom", orderindex: 2, color: "#e16b16" },
    { id: "p90120001_done", status: "complete", type: "closed", orderindex: 3, color: "#008844" },
  ] as readonly TaskStatus[],
} as const;

export interface CustomFieldDefinition {
  id: string;
  name: string;
  type: "short_text";
  /** Epoch ms, as a string like ClickUp's. */
  date_created: string;
}

/** A Space-level field, so every List in the Space (including new ones) has it. */
export const HANDOFF_ID_FIELD: CustomFieldDefinition = {
  id: "5b3f0c1e-7d2a-4e8b-9c61-2f4a8d0e6b17",
  name: "Handoff ID",
  type: "short_text",
  date_created: "1700000000000",
};

export const CUSTOM_FIELDS: readonly CustomFieldDefinition[] = [HANDOFF_ID_FIELD];

/** Folder and List ids count up from here (ClickUp ids are strings of digits). */
export const FIRST_ID = 90120100;
