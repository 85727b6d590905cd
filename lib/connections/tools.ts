import { z } from "zod";
import type { Vendor } from "../db/generated/enums.ts";
import type { Env } from "../env.ts";
import { invalid } from "../errors.ts";

/**
 * The four tools handoffs flow through, described once: what their token is called and looks
 * like, and which other settings each needs. The Connections page, the saved-connection form's
 * validation and the settings in force are all read from here.
 */

export interface ConfigField {
  /** The key the value is kept under on the saved connection. */
  key: string;
  label: string;
  help: string;
  /** Required for the tool to be usable. */
  required: boolean;
  envVar: keyof Env;
  /** Validates a value typed on the Connections page. */
  schema: z.ZodType<string>;
}

export interface ToolDescriptor {
  vendor: Vendor;
  name: string;
  /** What the tool does for a handoff, as the Connections page says it. */
  purpose: string;
  tokenLabel: string;
  tokenEnvVar: keyof Env;
  tokenPattern: RegExp;
  tokenHelp: string;
  fields: readonly ConfigField[];
  /** How the token authenticates, as recorded on the connection. */
  authType: (token: string) => string;
}

const digits = (what: string) => z.string().trim().regex(/^\d+$/, `The ${what} is a number.`);
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
/**
 * An API address: https, or http on this machine only (a local proxy or stand-in). Anything else
 * (javascript:, file:, a cloud metadata address over http) would send the token where it must not go.
 */
const url = z
  .url("Enter a full https:// URL.")
  .refine((value) => {
    const { protocol, hostname } = new URL(value);
    return protocol === "https:" || (protocol === "http:" && LOOPBACK.has(hostname));
  }, "Use an https:// address (http:// only on this machine: localhost or 127.0.0.1).");
const token = () => "token";

export const TOOLS: Record<Vendor, ToolDescriptor> = {
  HUBSPOT: {
    vendor: "HUBSPOT",
    name: "HubSpot",
    purpose: "Deals in, handoff status and tasks out.",
    tokenLabel: "Access token",
    tokenEnvVar: "HUBSPOT_ACCESS_TOKEN",
    tokenPattern: /^\S{10,}$/,
    tokenHelp: "A private-app token (pat-…) or an OAuth access token.",
    fields: [
      { key: "basePath", label: "API base URL", help: "Leave as is for api.hubapi.com.", required: false, envVar: "HUBSPOT_API_BASE_URL", schema: url },
      { key: "portalId", label: "Portal (hub) id", help: "Used to link to deal records.", required: false, envVar: "HUBSPOT_PORTAL_ID", schema: digits("portal (hub) id") },
    ],
    authType: (t) => (t.startsWith("pat-") ? "private_app" : "oauth"),
  },
  CLICKUP: {
    vendor: "CLICKUP",
    name: "ClickUp",
    purpose: "Delivery lists and tasks from the standard template.",
    tokenLabel: "API token",
    tokenEnvVar: "CLICKUP_API_TOKEN",
    tokenPattern: /^(pk_\S{8,}|\S{20,})$/,
    tokenHelp: "A personal token (pk_…) or an OAuth access token.",
    fields: [
      { key: "teamId", label: "Workspace id", help: "The numeric workspace (team) id from the ClickUp URL.", required: true, envVar: "CLICKUP_TEAM_ID", schema: digits("workspace id") },
      { key: "spaceId", label: "Space id", help: "The space delivery folders are created in.", required: true, envVar: "CLICKUP_SPACE_ID", schema: digits("space id") },
      { key: "baseUrl", label: "API base URL", help: "Leave as is unless you go through a proxy.", required: false, envVar: "CLICKUP_API_BASE_URL", schema: url },
    ],
    authType: token,
  },
  NOTION: {
    vendor: "NOTION",
    name: "Notion",
    purpose: "Implementation briefs with their decision logs.",
    tokenLabel: "Integration secret",
    tokenEnvVar: "NOTION_TOKEN",
    tokenPattern: /^(ntn_|secret_)\S{10,}$/,
    tokenHelp: "An internal integration secret (ntn_… or secret_…). Share the briefs database with the integration.",
    fields: [
      { key: "dataSourceId", label: "Briefs data source id", help: "The data source of the database implementation briefs are created in.", required: true, envVar: "NOTION_DATA_SOURCE_ID", schema: z.string().trim().regex(/^[0-9a-f-]{32,36}$/i, "A Notion id has 32 hexadecimal digits.") },
      { key: "baseUrl", label: "API base URL", help: "Leave as is unless you go through a proxy.", required: false, envVar: "NOTION_API_BASE_URL", schema: url },
    ],
    authType: token,
  },
  SLACK: {
    vendor: "SLACK",
    name: "Slack",
    purpose: "Acknowledgement requests with buttons, and handoff digests.",
    tokenLabel: "Bot token",
    tokenEnvVar: "SLACK_BOT_TOKEN",
    tokenPattern: /^xoxb-\S{8,}$/,
    tokenHelp: "The bot user OAuth token (xoxb-…). Interactive clicks are verified with SLACK_SIGNING_SECRET.",
    fields: [
      { key: "channelId", label: "Delivery channel id", help: "Where digests and acknowledgement requests are posted (C0123ABCD).", required: true, envVar: "SLACK_CHANNEL_ID", schema: z.string().trim().regex(/^[CG][A-Z0-9]{6,}$/, "A channel id looks like C0123ABCD.") },
      { key: "apiUrl", label: "Web API URL", help: "Leave as is unless you go through a proxy.", required: false, envVar: "SLACK_API_URL", schema: url },
    ],
    authType: token,
  },
};

/** The order the Connections page lists them in: the way a deal travels. */
export const TOOL_ORDER: readonly Vendor[] = ["HUBSPOT", "CLICKUP", "NOTION", "SLACK"];

/** A tool named in a URL (`hubspot`, `clickup`, …), or a clear 422. */
export function parseTool(value: string): Vendor {
  const vendor = value.toUpperCase();
  if (!TOOL_ORDER.includes(vendor as Vendor)) throw invalid(`Unknown tool “${value}”.`);
  return vendor as Vendor;
}
