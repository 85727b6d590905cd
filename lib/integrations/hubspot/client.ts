import { Client } from "@hubspot/api-client";
import { z } from "zod";

/** What the client needs, given by its caller (lib/connections reads it from the saved connection or the environment). */
export interface HubSpotClientConfig {
  accessToken: string;
  basePath: string;
}

/**
 * The official SDK, pointed at HubSpot or at the local stand-in. Its own retries stay
 * off (the default, made explicit): retrying is the sync engine's job, with backoff,
 * Retry-After and idempotency the SDK does not have.
 */
export function createHubSpotClient(config: HubSpotClientConfig): Client {
  return new Client({ accessToken: config.accessToken, basePath: config.basePath.replace(/\/$/, ""), numberOfApiCallRetries: 0 });
}

/** A deal's record page in HubSpot (or wherever HUBSPOT_RECORD_URL_BASE points). */
export function dealRecordUrl(recordUrlBase: string, dealId: string, portalId: string | null): string {
  const base = recordUrlBase.replace(/\/$/, "");
  return portalId ? `${base}/${portalId}/record/0-3/${dealId}` : `${base}/deals/${dealId}`;
}

const scopesSchema = z.object({ scopes: z.array(z.string()) });

/** HubSpot's token introspection: the scopes of a private-app token (v2) or an OAuth access token (v1). */
export async function tokenScopes(config: HubSpotClientConfig): Promise<string[]> {
  const base = config.basePath.replace(/\/$/, "");
  const response = config.accessToken.startsWith("pat-")
    ? await fetch(`${base}/oauth/v2/private-apps/get/access-token-info`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ tokenKey: config.accessToken }),
        signal: AbortSignal.timeout(10_000),
      })
    : await fetch(`${base}/oauth/v1/access-tokens/${encodeURIComponent(config.accessToken)}`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw Object.assign(new Error(`Token introspection answered ${response.status}.`), { code: response.status });
  return scopesSchema.parse(await response.json()).scopes;
}
