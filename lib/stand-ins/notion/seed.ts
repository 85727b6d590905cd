import type { PropertySchema } from "./properties.ts";

/**
 * The workspace the stand-in starts with: the demo's people, the integration's bot user and
 * the "Implementation briefs" database (one data source) the app files its briefs in.
 * Ids are fixed so configuration, tests and persisted files can name them.
 */

export const WORKSPACE = { id: "f0000000-0000-4000-8000-000000000001", name: "Handoff Sandbox" } as const;

export interface SandboxUser {
  id: string;
  name: string;
  type: "person" | "bot";
  email?: string;
}

export const BOT_USER: SandboxUser = { id: "b0000000-0000-4000-8000-000000000001", name: "Handoff Control Center", type: "bot" };

export const SEED_USERS: readonly SandboxUser[] = [
  { id: "a0000000-0000-4000-8000-000000000001", name: "Ada Admin", type: "person", email: "admin@demo.local" },
  { id: "a0000000-0000-4000-8000-000000000002", name: "Priya Shah", type: "person", email: "leader@demo.local" },
  { id: "a0000000-0000-4000-8000-000000000003", name: "Marco Rossi", type: "person", email: "pm@demo.local" },
  { id: "a0000000-0000-4000-8000-000000000004", name: "Rita Okafor", type: "person", email: "revops@demo.local" },
  { id: "a0000000-0000-4000-8000-000000000005", name: "Dana Kim", type: "person", email: "lead@demo.local" },
  { id: "a0000000-0000-4000-8000-000000000006", name: "Sam Carter", type: "person", email: "sales@demo.local" },
];

export const BRIEFS_DATABASE_ID = "d0000000-0000-4000-8000-000000000001";
export const BRIEFS_DATA_SOURCE_ID = "d5000000-0000-4000-8000-000000000001";
export const BRIEFS_TITLE = "Implementation briefs";

/** Created at a fixed instant so responses do not change between runs. */
export const SEED_TIME = "2025-09-01T09:00:00.000Z";

/** Property ids are short opaque strings in Notion; the title property's id is always "title". */
export const BRIEFS_PROPERTIES: readonly PropertySchema[] = [
  { id: "title", name: "Name", type: "title" },
  { id: "hoid", name: "Handoff ID", type: "rich_text" },
  { id: "cust", name: "Customer", type: "rich_text" },
  { id: "ownr", name: "Owner", type: "rich_text" },
  {
    id: "stat",
    name: "Status",
    type: "select",
    options: [
      { id: "opt-draft", name: "Draft", color: "gray", description: null },
      { id: "opt-review", name: "In review", color: "yellow", description: null },
      { id: "opt-approved", name: "Approved", color: "green", description: null },
      { id: "opt-changed", name: "Changed after approval", color: "orange", description: null },
    ],
  },
  { id: "kick", name: "Kickoff date", type: "date" },
  { id: "link", name: "Handoff link", type: "url" },
];
