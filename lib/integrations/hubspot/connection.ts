import { z } from "zod";
import { db } from "../../db/client.ts";
import { can, type Actor } from "../../auth/roles.ts";
import { recordAudit } from "../../audit/record.ts";
import { encryptSecret, maskSecret } from "../../crypto/secrets.ts";
import { env } from "../../env.ts";
import { forbidden, invalid, parseInput } from "../../errors.ts";
import { recordCheck, type CheckResult } from "../connection-check.ts";
import { withRetry } from "./call.ts";
import { createHubSpotClient, hubspotConfig } from "./client.ts";

/**
 * The HubSpot connection: a private-app token or an OAuth access token, stored
 * encrypted (AES-256-GCM) and never sent back to the browser, plus a pre-flight
 * check that the token works and carries the scopes intake needs.
 */
export const REQUIRED_SCOPES = [
  { scope: "crm.objects.deals.read", why: "read closed-won deals" },
  { scope: "crm.objects.deals.write", why: "write the handoff status and tasks back to the deal" },
  { scope: "crm.objects.companies.read", why: "name the customer" },
  { scope: "crm.objects.contacts.read", why: "read the deal's contacts" },
  { scope: "crm.objects.owners.read", why: "map the deal owner to a salesperson" },
] as const;

export const connectionInputSchema = z.object({
  accessToken: z.string().trim().min(10, "Paste the full access token."),
  basePath: z.url("Enter the API base URL as a full link, such as https://api.hubapi.com.").optional().or(z.literal("").transform(() => undefined)),
  portalId: z.string().trim().regex(/^\d*$/, "The portal (hub) id is a number.").optional(),
});

export interface ConnectionStatus {
  configured: boolean;
  source: "connection" | "environment" | null;
  tokenHint: string | null;
  basePath: string | null;
  lastCheckedAt: string | null;
  lastCheckOk: boolean | null;
  lastCheckError: string | null;
}

export async function hubspotConnectionStatus(): Promise<ConnectionStatus> {
  const [config, row] = await Promise.all([hubspotConfig(), db().connection.findUnique({ where: { vendor: "HUBSPOT" } })]);
  return {
    configured: Boolean(config),
    source: config?.source ?? null,
    tokenHint: config ? maskSecret(config.accessToken) : null,
    basePath: config?.basePath ?? null,
    lastCheckedAt: row?.lastCheckedAt?.toISOString() ?? null,
    lastCheckOk: row?.lastCheckOk ?? null,
    lastCheckError: row?.lastCheckError ?? null,
  };
}

export async function saveHubSpotConnection(actor: Actor, input: unknown): Promise<void> {
  if (!can(actor.role, "connections:manage")) throw forbidden("Only admins and RevOps can manage connections.");
  const { accessToken, basePath, portalId } = parseInput(connectionInputSchema, input);
  const encryptedSecret = encryptSecret(accessToken, env().ENCRYPTION_KEY);
  const config = { ...(basePath && { basePath }), ...(portalId && { portalId }) };
  const authType = accessToken.startsWith("pat-") ? "private_app" : "oauth";
  await db().$transaction(async (tx) => {
    await tx.connection.upsert({
      where: { vendor: "HUBSPOT" },
      create: { vendor: "HUBSPOT", authType, encryptedSecret, config, scopes: [] },
      update: { authType, encryptedSecret, config, scopes: [], lastCheckedAt: null, lastCheckOk: null, lastCheckError: null },
    });
    await recordAudit(tx, { actor, action: "connection.saved", entityType: "Connection", entityId: "HUBSPOT", data: { authType, tokenHint: maskSecret(accessToken), ...config } });
  });
}

export async function removeHubSpotConnection(actor: Actor): Promise<void> {
  if (!can(actor.role, "connections:manage")) throw forbidden("Only admins and RevOps can manage connections.");
  await db().$transaction(async (tx) => {
    await tx.connection.deleteMany({ where: { vendor: "HUBSPOT" } });
    await recordAudit(tx, { actor, action: "connection.removed", entityType: "Connection", entityId: "HUBSPOT", data: {} });
  });
}

export interface PreflightResult extends CheckResult {
  tokenWorks: boolean;
  canReadDeals: boolean;
  scopes: { scope: string; why: string; granted: boolean }[];
}

/**
 * Does the token work, can it read deals, and does it carry every scope intake needs? Said as
 * the same list of checks every tool's card shows, and recorded on the connection.
 */
export async function checkHubSpotConnection(actor: Actor): Promise<PreflightResult> {
  if (!can(actor.role, "connections:manage")) throw forbidden("Only admins and RevOps can check connections.");
  const config = await hubspotConfig();
  if (!config) throw invalid("HubSpot is not connected yet: save a token first.");

  let granted: string[] = [];
  let tokenWorks = false;
  let canReadDeals = false;
  let error: string | null = null;
  try {
    granted = await tokenScopes(config.accessToken, config.basePath);
    tokenWorks = true;
    await withRetry(() => createHubSpotClient(config).crm.deals.basicApi.getPage(1));
    canReadDeals = true;
  } catch (e) {
    error = (e as { code?: number }).code === 401 || (e as { code?: number }).code === 404 ? "HubSpot does not recognise this token." : (e as Error).message.split("\n")[0];
  }
  const scopes = REQUIRED_SCOPES.map((r) => ({ ...r, granted: granted.includes(r.scope) }));
  const missing = scopes.filter((s) => !s.granted).map((s) => s.scope);
  const checks = [
    { label: "The token works", ok: tokenWorks, detail: tokenWorks ? "HubSpot recognises the token." : (error ?? "HubSpot did not answer.") },
    ...(tokenWorks ? [{ label: "Deals can be read", ok: canReadDeals, detail: canReadDeals ? "Read a page of deals." : (error ?? "HubSpot refused to list deals.") }] : []),
    ...(tokenWorks ? scopes.map((s) => ({ label: `Scope ${s.scope}`, ok: s.granted, detail: s.granted ? `Granted: ${s.why}.` : `Missing: needed to ${s.why}.` })) : []),
  ];
  const result = await recordCheck("HUBSPOT", checks, { scopes: granted, error: error ?? (missing.length ? `Missing scopes: ${missing.join(", ")}` : null) });
  return { ...result, tokenWorks, canReadDeals, scopes };
}

const scopesSchema = z.object({ scopes: z.array(z.string()) });

/** HubSpot's token introspection: private-app tokens (v2) and OAuth access tokens (v1). */
async function tokenScopes(accessToken: string, basePath: string): Promise<string[]> {
  const base = basePath.replace(/\/$/, "");
  const response = accessToken.startsWith("pat-")
    ? await fetch(`${base}/oauth/v2/private-apps/get/access-token-info`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ tokenKey: accessToken }),
        signal: AbortSignal.timeout(10_000),
      })
    : await fetch(`${base}/oauth/v1/access-tokens/${encodeURIComponent(accessToken)}`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw Object.assign(new Error(`Token introspection answered ${response.status}.`), { code: response.status });
  return scopesSchema.parse(await response.json()).scopes;
}
