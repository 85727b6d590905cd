import { z } from "zod";
import type { Vendor } from "../db/generated/enums.ts";
import { db } from "../db/client.ts";
import { decryptSecret } from "../crypto/secrets.ts";
import { env } from "../env.ts";
import { TOOLS } from "./tools.ts";

/**
 * Where a tool's credentials come from: a connection saved on the Connections page (token
 * encrypted at rest) or else the environment. The token is the only secret; the rest (base
 * URL, workspace, channel…) is plain configuration, saved values winning over the environment's.
 */

export interface ToolSettings {
  token: string;
  config: Record<string, string>;
  source: "connection" | "environment";
}

/** The credentials and configuration in force for a tool, or null when it is not set up. */
export async function toolSettings(vendor: Vendor): Promise<ToolSettings | null> {
  const e = env();
  const descriptor = TOOLS[vendor];
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

/** The settings' required fields that are still empty. */
export function missingFields(vendor: Vendor, settings: ToolSettings) {
  return TOOLS[vendor].fields.filter((f) => f.required && !settings.config[f.key]);
}

/** Like toolSettings, but says exactly what is missing instead of returning null. */
export async function requireToolSettings(vendor: Vendor): Promise<ToolSettings> {
  const descriptor = TOOLS[vendor];
  const settings = await toolSettings(vendor);
  if (!settings) {
    throw Object.assign(new Error(`${descriptor.name} is not connected: save a token on the Connections page or set ${String(descriptor.tokenEnvVar)}.`), { status: 400 });
  }
  const missing = missingFields(vendor, settings);
  if (missing.length) {
    throw Object.assign(new Error(`${descriptor.name} is missing ${missing.map((f) => `${f.label} (${String(f.envVar)})`).join(", ")}.`), { status: 400 });
  }
  return settings;
}
