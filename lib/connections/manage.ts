import { z } from "zod";
import type { Vendor } from "../db/generated/enums.ts";
import { db } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { encryptSecret, maskSecret } from "../crypto/secrets.ts";
import { env } from "../env.ts";
import { forbidden, invalid, parseInput } from "../errors.ts";
import { TOOL_CHECKS, type CheckItem, type ToolChecks } from "./checks.ts";
import { missingFields, toolSettings } from "./settings.ts";
import { TOOLS } from "./tools.ts";

/**
 * The connections of all four tools, one way: save a token (encrypted at rest, never sent
 * back) with its configuration, remove it, and check that it works and can do what the handoff
 * steps need. A check's outcome is kept on the tool's connection row, which is created to hold it
 * when the credentials come from the environment rather than a saved token.
 */

function assertMayManage(actor: Actor) {
  if (!can(actor.role, "connections:manage")) throw forbidden("Only admins and RevOps can manage connections.");
}

export interface ConnectionStatus {
  vendor: Vendor;
  name: string;
  configured: boolean;
  source: "connection" | "environment" | null;
  tokenHint: string | null;
  config: Record<string, string>;
  lastCheckedAt: string | null;
  lastCheckOk: boolean | null;
  lastCheckError: string | null;
}

export async function connectionStatus(vendor: Vendor): Promise<ConnectionStatus> {
  const [settings, row] = await Promise.all([toolSettings(vendor), db().connection.findUnique({ where: { vendor } })]);
  return {
    vendor,
    name: TOOLS[vendor].name,
    configured: Boolean(settings),
    source: settings?.source ?? null,
    tokenHint: settings ? maskSecret(settings.token) : null,
    config: settings?.config ?? {},
    lastCheckedAt: row?.lastCheckedAt?.toISOString() ?? null,
    lastCheckOk: row?.lastCheckOk ?? null,
    lastCheckError: row?.lastCheckError ?? null,
  };
}

function connectionSchema(vendor: Vendor) {
  const tool = TOOLS[vendor];
  return z.object({
    token: z.string().trim().regex(tool.tokenPattern, `That does not look like a ${tool.name} ${tool.tokenLabel.toLowerCase()}. ${tool.tokenHelp}`),
    ...Object.fromEntries(tool.fields.map((f) => [f.key, f.required ? f.schema : f.schema.optional().or(z.literal("").transform(() => undefined))])),
  });
}

export async function saveConnection(actor: Actor, vendor: Vendor, input: unknown): Promise<void> {
  assertMayManage(actor);
  const { token, ...rest } = parseInput(connectionSchema(vendor), input) as Record<string, string | undefined> & { token: string };
  const config = Object.fromEntries(Object.entries(rest).filter((pair): pair is [string, string] => typeof pair[1] === "string"));
  const encryptedSecret = encryptSecret(token, env().ENCRYPTION_KEY);
  const authType = TOOLS[vendor].authType(token);
  await db().$transaction(async (tx) => {
    await tx.connection.upsert({
      where: { vendor },
      create: { vendor, authType, encryptedSecret, config, scopes: [] },
      update: { authType, encryptedSecret, config, scopes: [], lastCheckedAt: null, lastCheckOk: null, lastCheckError: null },
    });
    await recordAudit(tx, { actor, action: "connection.saved", entityType: "Connection", entityId: vendor, data: { authType, tokenHint: maskSecret(token), ...config } });
  });
}

export async function removeConnection(actor: Actor, vendor: Vendor): Promise<void> {
  assertMayManage(actor);
  await db().$transaction(async (tx) => {
    await tx.connection.deleteMany({ where: { vendor } });
    await recordAudit(tx, { actor, action: "connection.removed", entityType: "Connection", entityId: vendor, data: {} });
  });
}

export interface CheckResult {
  ok: boolean;
  checks: CheckItem[];
  /** When the check ran (ISO), as the card's “Last check” line shows it. */
  checkedAt: string;
  /** The failed checks in one sentence, or null when every check passed. */
  error: string | null;
}

export type { CheckItem };

/** Keeps a check's outcome on the tool's connection row. */
export async function recordCheck(vendor: Vendor, outcome: ToolChecks): Promise<CheckResult> {
  const { checks } = outcome;
  const ok = checks.every((c) => c.ok);
  const error = ok ? null : (outcome.error ?? checks.filter((c) => !c.ok).map((c) => `${c.label}: ${c.detail}`).join(" "));
  const checkedAt = new Date();
  const saved = { lastCheckedAt: checkedAt, lastCheckOk: ok, lastCheckError: error, ...(outcome.scopes ? { scopes: outcome.scopes } : {}) };
  await db().connection.upsert({
    where: { vendor },
    create: { vendor, authType: "environment", encryptedSecret: null, config: {}, scopes: outcome.scopes ?? [], ...saved },
    update: saved,
  });
  return { ok, checks, checkedAt: checkedAt.toISOString(), error };
}

/** Runs the tool's checks and records the outcome, whether the token was saved here or set in the environment. */
export async function checkConnection(actor: Actor, vendor: Vendor): Promise<CheckResult> {
  assertMayManage(actor);
  const tool = TOOLS[vendor];
  const settings = await toolSettings(vendor);
  if (!settings) throw invalid(`${tool.name} is not connected yet: save a token first.`);
  const missing = missingFields(vendor, settings);
  if (missing.length) throw invalid(`Fill in ${missing.map((f) => f.label).join(", ")} first.`);
  return recordCheck(vendor, await TOOL_CHECKS[vendor](settings));
}
