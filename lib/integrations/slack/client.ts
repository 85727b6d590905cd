import { LogLevel, WebClient } from "@slack/web-api";

/** What the client needs, given by its caller (lib/connections reads it from the saved connection or the environment). */
export interface SlackClientConfig {
  token: string;
  apiUrl: string;
}

/**
 * The official Slack SDK, pointed at Slack or at the local stand-in. By default it
 * retries any failed call for about 30 minutes, and a retried chat.postMessage posts
 * twice; here it never retries and rejects rate-limited calls, so the sync engine
 * decides (with backoff, Retry-After and a lookup before posting again).
 */
export function createSlackClient(config: SlackClientConfig): WebClient {
  return new WebClient(config.token, {
    slackApiUrl: config.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 20_000,
    logLevel: LogLevel.ERROR,
  });
}

/** Whether a response_url from a signed click may be posted to: Slack's own host, or the API host in use. */
export function isSlackResponseUrl(url: string, apiUrl: string): boolean {
  const target = new URL(url);
  if (target.protocol === "https:" && target.hostname === "hooks.slack.com") return true;
  return target.origin === new URL(apiUrl).origin;
}
