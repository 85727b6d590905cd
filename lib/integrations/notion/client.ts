import { Client } from "@notionhq/client";

/** What the client needs, given by its caller (lib/connections reads it from the saved connection or the environment). */
export interface NotionClientConfig {
  token: string;
  baseUrl: string;
}

/**
 * The official Notion SDK, pointed at Notion or at the local stand-in. Its own retries
 * are off: the sync engine retries with backoff and Retry-After, and a retried append
 * must first look at what the page already holds.
 */
export function createNotionClient(config: NotionClientConfig): Client {
  return new Client({ auth: config.token, baseUrl: config.baseUrl.replace(/\/$/, ""), retry: false, timeoutMs: 20_000 });
}
