import { Client } from "@hubspot/api-client";
import { db } from "../../db/client.ts";
import { decryptSecret } from "../../crypto/secrets.ts";
import { env } from "../../env.ts";

export interface HubSpotConfig {
  accessToken: string;
  basePath: string;
  portalId: string | null;
  source: "connection" | "environment";
}

/** The credentials to use: a token saved on the Connections page, else the environment. */
export async function hubspotConfig(): Promise<HubSpotConfig | null> {
  const e = env();
  const saved = await db().connection.findUnique({ where: { vendor: "HUBSPOT" } });
  // A row without a secret only keeps the last check of the environment's token.
  if (saved?.encryptedSecret) {
    const config = saved.config as { basePath?: string; portalId?: string };
    return {
      accessToken: decryptSecret(saved.encryptedSecret, e.ENCRYPTION_KEY, e.ENCRYPTION_KEY_PREVIOUS),
      basePath: config.basePath ?? e.HUBSPOT_API_BASE_URL,
      portalId: config.portalId ?? e.HUBSPOT_PORTAL_ID ?? null,
      source: "connection",
    };
  }
  if (!e.HUBSPOT_ACCESS_TOKEN) return null;
  return { accessToken: e.HUBSPOT_ACCESS_TOKEN, basePath: e.HUBSPOT_API_BASE_URL, portalId: e.HUBSPOT_PORTAL_ID ?? null, source: "environment" };
}

/**
 * The official SDK, pointed at HubSpot or at the local stand-in. Its own retries stay
 * off (the default, made explicit): retrying is the sync engine's job, with backoff,
 * Retry-After and idempotency the SDK does not have.
 */
export function createHubSpotClient(config: Pick<HubSpotConfig, "accessToken" | "basePath">): Client {
  return new Client({ accessToken: config.accessToken, basePath: config.basePath.replace(/\/$/, ""), numberOfApiCallRetries: 0 });
}

export async function hubspotClient(): Promise<Client> {
  const config = await hubspotConfig();
  if (!config) {
    throw Object.assign(new Error("HubSpot is not connected: save a token on the Connections page or set HUBSPOT_ACCESS_TOKEN."), { status: 400 });
  }
  return createHubSpotClient(config);
}

export function dealRecordUrl(dealId: string, portalId: string | null): string {
  const e = env();
  // The local stand-in has no record pages of its own: link to the sandbox panel.
  if (e.HUBSPOT_SANDBOX_URL) return `${e.APP_URL.replace(/\/$/, "")}/sandbox#deal-${dealId}`;
  const base = e.HUBSPOT_RECORD_URL_BASE.replace(/\/$/, "");
  return portalId ? `${base}/${portalId}/record/0-3/${dealId}` : `${base}/deals/${dealId}`;
}
