import { z } from "zod";
import { db } from "../db/client.ts";
import { decryptSecret } from "../crypto/secrets.ts";
import { env, type Env } from "../env.ts";

/**
 * Where ClickUp, Notion and Slack credentials come from: a connection saved on the
 * Connections page (token encrypted at rest) or else the environment. The token is the
 * only secret; the rest (base URL, workspace, channel…) is plain configuration.
 */

export type DeliveryVendor = "CLICKUP" | "NOTION" | "SLACK";

export interface ConfigField {
  key: string;
  label: string;
  help: string;
  /** Required for the vendor to be usable. */
  required: boolean;
  envVar: keyof Env;
  /** Validates a value typed on the Connections page. */
  schema: z.ZodType<string>;
}

export interface VendorDescriptor {
  vendor: DeliveryVendor;
  name: string;
  tokenLabel: string;
  tokenEnvVar: keyof Env;
  tokenPattern: RegExp;
  tokenHelp: string;
  fields: readonly ConfigField[];
}

const digits = (what: string) => z.string().trim().regex(/^\d+$/, `The ${what} is a number.`);
const url = z.url("Enter a full https:// URL.");

export const VENDORS: Record<DeliveryVendor, VendorDescriptor> = {
  CLICKUP: {
    vendor: "CLICKUP",
    name: "ClickUp",
    tokenLabel: "API token",
    tokenEnvVar: "CLICKUP_API_TOKEN",
    tokenPattern: /^(pk_\S{8,}|\S{20,})$/,
    tokenHelp: "A personal token (pk_…) or an OAuth access token.",
    fields: [
      { key: "teamId", label: "Workspace id", help: "The numeric workspace (team) id from the ClickUp URL.", required: true, envVar: "CLICKUP_TEAM_ID", schema: digits("workspace id") },
      { key: "spaceId", label: "Space id", help: "The space delivery folders are created in.", required: true, envVar: "CLICKUP_SPACE_ID", schema: digits("space id") },
      { key: "baseUrl", label: "API base URL", help: "Leave as is unless you go through a proxy.", required: false, envVar: "CLICKUP_API_BASE_URL", schema: url },
    ],
  },
  NOTION: {
    vendor: "NOTION",
    name: "Notion",
    tokenLabel: "Integration secret",
    tokenEnvVar: "NOTION_TOKEN",
    tokenPattern: /^(ntn_|secret_)\S{10,}$/,
    tokenHelp: "An internal integration secret (ntn_… or secret_…). Share the briefs database with the integration.",
    fields: [
      { key: "dataSourceId", label: "Briefs data source id", help: "The data source of the database implementation briefs are created in.", required: true, envVar: "NOTION_DATA_SOURCE_ID", schema: z.string().trim().regex(/^[0-9a-f-]{32,36}$/i, "A Notion id has 32 hexadecimal digits.") },
      { key: "baseUrl", label: "API base URL", help: "Leave as is unless you go through a proxy.", required: false, envVar: "NOTION_API_BASE_URL", schema: url },
    ],
  },
  SLACK: {
    vendor: "SLACK",
    name: "Slack",
    tokenLabel: "Bot token",
    tokenEnvVar: "SLACK_BOT_TOKEN",
    tokenPattern: /^xoxb-\S{8,}$/,
    tokenHelp: "The bot user OAuth token (xoxb-…). Interactive clicks are verified with SLACK_SIGNING_SECRET.",
    fields: [
      { key: "channelId", label: "Delivery channel id", help: "Where digests and acknowledgement requests are posted (C0123ABCD).", required: true, envVar: "SLACK_CHANNEL_ID", schema: z.string().trim().regex(/^[CG][A-Z0-9]{6,}$/, "A channel id looks like C0123ABCD.") },
      { key: "apiUrl", label: "Web API URL", help: "Leave as is unless you go through a proxy.", required: false, envVar: "SLACK_API_URL", schema: url },
    ],
  },
};

export interface VendorSettings {
  token: string;
  config: Record<string, string>;
  source: "connection" | "environment";
}

/** The credentials and configuration in force for a vendor, or null when it is not set up. */
export async function vendorSettings(vendor: DeliveryVendor): Promise<VendorSettings | null> {
  const e = env();
  const descriptor = VENDORS[vendor];
  const fromEnv = Object.fromEntries(
    descriptor.fields.map((f) => [f.key, e[f.envVar]]).filter((pair): pair is [string, string] => typeof pair[1] === "string" && pair[1] !== ""),
  );
  const saved = await db().connection.findUnique({ where: { vendor } });
  // A row without a secret only keeps the last check of the environment's credentials.
  if (saved?.encryptedSecret) {
    const config = z.record(z.string(), z.string()).catch({}).parse(saved.config);
    return { token: decryptSecret(saved.encryptedSecret, e.ENCRYPTION_KEY, e.ENCRYPTION_KEY_PREVIOUS), config: { ...fromEnv, ...config }, source: "connection" };
  }
  const token = e[descriptor.tokenEnvVar];
  if (typeof token !== "string" || !token) return null;
  return { token, config: fromEnv, source: "environment" };
}

/** Like vendorSettings, but says exactly what is missing instead of returning null. */
export async function requireVendorSettings(vendor: DeliveryVendor): Promise<VendorSettings> {
  const descriptor = VENDORS[vendor];
  const settings = await vendorSettings(vendor);
  if (!settings) {
    throw Object.assign(new Error(`${descriptor.name} is not connected: save a token on the Connections page or set ${String(descriptor.tokenEnvVar)}.`), { status: 400 });
  }
  const missing = descriptor.fields.filter((f) => f.required && !settings.config[f.key]);
  if (missing.length) {
    throw Object.assign(new Error(`${descriptor.name} is missing ${missing.map((f) => `${f.label} (${String(f.envVar)})`).join(", ")}.`), { status: 400 });
  }
  return settings;
}
