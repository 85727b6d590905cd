import type { Client as HubSpotClient } from "@hubspot/api-client";
import type { Client as NotionClient } from "@notionhq/client";
import type { WebClient } from "@slack/web-api";
import { env } from "../env.ts";
import { createClickUpClient, type ClickUpClient } from "../integrations/clickup/client.ts";
import { createHubSpotClient, dealRecordUrl, type HubSpotClientConfig } from "../integrations/hubspot/client.ts";
import { createNotionClient } from "../integrations/notion/client.ts";
import { createSlackClient } from "../integrations/slack/client.ts";
import { requireToolSettings, toolSettings, type ToolSettings } from "./settings.ts";

/**
 * The adapters, configured from the settings in force. The adapters in lib/integrations know
 * nothing of where credentials are kept; this is where a saved connection or the environment
 * becomes a client. Each throws a 400 naming what is missing when the tool is not set up.
 */

export function hubspotClientConfig(settings: ToolSettings): HubSpotClientConfig {
  return { accessToken: settings.token, basePath: settings.config.basePath ?? env().HUBSPOT_API_BASE_URL };
}

export function clickUpClientFor(settings: ToolSettings): ClickUpClient {
  return createClickUpClient({ token: settings.token, baseUrl: settings.config.baseUrl ?? env().CLICKUP_API_BASE_URL });
}

export function notionClientFor(settings: ToolSettings): NotionClient {
  return createNotionClient({ token: settings.token, baseUrl: settings.config.baseUrl ?? env().NOTION_API_BASE_URL });
}

export function slackApiUrl(settings: ToolSettings | null): string {
  return settings?.config.apiUrl ?? env().SLACK_API_URL;
}

export function slackClientFor(settings: ToolSettings): WebClient {
  return createSlackClient({ token: settings.token, apiUrl: slackApiUrl(settings) });
}

export interface HubSpotConnection {
  client: HubSpotClient;
  /** A deal's record page, for the source link behind every intake decision. */
  dealUrl: (dealId: string) => string;
}

/** HubSpot as configured, or null when it is not (the sweep then has nothing to do). */
export async function hubspotConnection(): Promise<HubSpotConnection | null> {
  const settings = await toolSettings("HUBSPOT");
  if (!settings) return null;
  const portalId = settings.config.portalId ?? null;
  return { client: createHubSpotClient(hubspotClientConfig(settings)), dealUrl: (dealId) => dealRecordUrl(env().HUBSPOT_RECORD_URL_BASE, dealId, portalId) };
}

export async function hubspotClient(): Promise<HubSpotClient> {
  return createHubSpotClient(hubspotClientConfig(await requireToolSettings("HUBSPOT")));
}

export async function clickUpClient(): Promise<{ client: ClickUpClient; teamId: string; spaceId: string }> {
  const settings = await requireToolSettings("CLICKUP");
  return { client: clickUpClientFor(settings), teamId: settings.config.teamId, spaceId: settings.config.spaceId };
}

export async function notionClient(): Promise<{ client: NotionClient; dataSourceId: string }> {
  const settings = await requireToolSettings("NOTION");
  return { client: notionClientFor(settings), dataSourceId: settings.config.dataSourceId };
}

export async function slackClient(): Promise<{ client: WebClient; channelId: string }> {
  const settings = await requireToolSettings("SLACK");
  return { client: slackClientFor(settings), channelId: settings.config.channelId };
}
