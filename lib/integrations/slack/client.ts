import { LogLevel, WebClient } from "@slack/web-api";
import { env } from "../../env.ts";
import { requireVendorSettings, type VendorSettings } from "../settings.ts";

/**
 * The official Slack SDK, pointed at Slack or at the local stand-in. By default it
 * retries any failed call for about 30 minutes, and a retried chat.postMessage posts
 * twice; here it never retries and rejects rate-limited calls, so the sync engine
 * decides (with backoff, Retry-After and a lookup before posting again).
 */
export function createSlackClient(settings: VendorSettings): WebClient {
  return new WebClient(settings.token, {
    slackApiUrl: settings.config.apiUrl ?? env().SLACK_API_URL,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 20_000,
    logLevel: LogLevel.ERROR,
  });
}

export async function slackClient(): Promise<{ client: WebClient; channelId: string }> {
  const settings = await requireVendorSettings("SLACK");
  return { client: createSlackClient(settings), channelId: settings.config.channelId };
}
