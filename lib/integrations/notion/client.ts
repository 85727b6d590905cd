import { Client } from "@notionhq/client";
import { env } from "../../env.ts";
import { requireVendorSettings, type VendorSettings } from "../settings.ts";

/**
 * The official Notion SDK, pointed at Notion or at the local stand-in. Its own retries
 * are off: the sync engine retries with backoff and Retry-After, and a retried append
 * must first look at what the page already holds.
 */
export function createNotionClient(settings: VendorSettings): Client {
  return new Client({ auth: settings.token, baseUrl: (settings.config.baseUrl ?? env().NOTION_API_BASE_URL).replace(/\/$/, ""), retry: false, timeoutMs: 20_000 });
}

export async function notionClient(): Promise<{ client: Client; dataSourceId: string }> {
  const settings = await requireVendorSettings("NOTION");
  return { client: createNotionClient(settings), dataSourceId: settings.config.dataSourceId };
}
