import { afterAll, describe, expect, it } from "vitest";
import { startClickUpSandbox } from "./clickup/index.ts";
import { SPACE } from "./clickup/seed.ts";
import { BRIEFS_DATA_SOURCE_ID, startNotionSandbox } from "./notion/index.ts";
import { startSlackSandbox } from "./slack/index.ts";

/**
 * The stand-ins have no pages of their own. Given a link base (the app's Sandbox page), the URLs
 * they answer with open that page at the object, so the app stores whatever URL the tool answers
 * and never rewrites a link itself.
 */
const linkBase = "http://127.0.0.1:3000/sandbox";
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
});

const post = async (url: string, token: string, body: unknown, form = false) =>
  (await fetch(url, {
    method: "POST",
    headers: { Authorization: form ? `Bearer ${token}` : token, "Content-Type": form ? "application/x-www-form-urlencoded" : "application/json", "Notion-Version": "2025-09-03" },
    body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  }).then((r) => r.json())) as Record<string, unknown>;

describe("links the stand-ins answer with", () => {
  it("open the app's Sandbox page at a ClickUp list", async () => {
    const clickup = await startClickUpSandbox({ token: "pk_links", linkBase, rateLimit: false });
    stops.push(clickup.stop);
    const list = await post(`${clickup.url}/api/v2/space/${SPACE.id}/list`, "pk_links", { name: "Acme onboarding" });
    expect(list.url).toBe(`${linkBase}?tool=clickup#clickup-list-${list.id}`);
  });

  it("open it at a Notion page", async () => {
    const notion = await startNotionSandbox({ token: "ntn_links_0123456789", linkBase, rateLimit: false });
    stops.push(notion.stop);
    const page = await post(`${notion.url}/v1/pages`, "Bearer ntn_links_0123456789", { parent: { data_source_id: BRIEFS_DATA_SOURCE_ID }, properties: { Name: { title: [{ text: { content: "Acme brief" } }] } } });
    expect(page.url).toBe(`${linkBase}?tool=notion#notion-page-${page.id}`);
  });

  it("open it at a Slack message, through chat.getPermalink", async () => {
    const slack = await startSlackSandbox({ token: "xoxb-links", linkBase, rateLimit: false });
    stops.push(slack.stop);
    const posted = await post(`${slack.url}/api/chat.postMessage`, "xoxb-links", { channel: "C0DELIVERY", text: "Acme is ready" }, true);
    const answer = await post(`${slack.url}/api/chat.getPermalink`, "xoxb-links", { channel: "C0DELIVERY", message_ts: posted.ts as string }, true);
    expect(answer).toMatchObject({ ok: true, channel: "C0DELIVERY", permalink: `${linkBase}?tool=slack#slack-message-${posted.ts}` });
  });
});
