import { randomBytes } from "node:crypto";
import path from "node:path";
import { startClickUpSandbox } from "./clickup/index.ts";
import { SPACE, TEAM } from "./clickup/seed.ts";
import { BRIEFS_DATA_SOURCE_ID, startNotionSandbox } from "./notion/index.ts";
import { startSlackSandbox } from "./slack/index.ts";

/**
 * Starts the local ClickUp, Notion and Slack stand-ins for the demo and the browser tests,
 * and returns the environment that points the app (through the official SDKs) at them.
 * Slack's button clicks are signed and delivered to the app's /api/webhooks/slack.
 */
export async function startDeliveryStandIns(options: { appUrl: string; dataDir?: string; signingSecret?: string }) {
  const tokens = {
    clickup: `pk_sandbox_${randomBytes(10).toString("hex")}`,
    notion: `ntn_sandbox${randomBytes(12).toString("hex")}`,
    slack: `xoxb-sandbox-${randomBytes(10).toString("hex")}`,
  };
  const signingSecret = options.signingSecret ?? randomBytes(16).toString("hex");
  // The stand-ins have no pages: links to their objects open the app's Sandbox page there.
  const linkBase = `${options.appUrl.replace(/\/$/, "")}/sandbox`;
  const persist = (name: string) => (options.dataDir ? { persistPath: path.join(options.dataDir, name) } : {});
  const clickup = await startClickUpSandbox({ token: tokens.clickup, linkBase, ...persist("clickup-sandbox.json") });
  const notion = await startNotionSandbox({ token: tokens.notion, linkBase, ...persist("notion-sandbox.json") });
  const slack = await startSlackSandbox({ token: tokens.slack, linkBase, signingSecret, interactionUrl: `${options.appUrl.replace(/\/$/, "")}/api/webhooks/slack` });

  return {
    clickup,
    notion,
    slack,
    env: {
      CLICKUP_API_TOKEN: tokens.clickup,
      CLICKUP_API_BASE_URL: `${clickup.url}/api`,
      CLICKUP_TEAM_ID: TEAM.id,
      CLICKUP_SPACE_ID: SPACE.id,
      CLICKUP_SANDBOX_URL: clickup.url,
      NOTION_TOKEN: tokens.notion,
      NOTION_API_BASE_URL: notion.url,
      NOTION_DATA_SOURCE_ID: BRIEFS_DATA_SOURCE_ID,
      NOTION_SANDBOX_URL: notion.url,
      SLACK_BOT_TOKEN: tokens.slack,
      SLACK_API_URL: `${slack.url}/api/`,
      SLACK_CHANNEL_ID: "C0DELIVERY",
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_SANDBOX_URL: slack.url,
    },
    async stop() {
      await Promise.all([clickup.stop(), notion.stop(), slack.stop()]);
    },
  };
}
