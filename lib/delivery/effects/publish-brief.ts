import { APIResponseError, type BlockObjectRequest, type Client } from "@notionhq/client";
import { z } from "zod";
import { db } from "../../db/client.ts";
import type { EffectContext, EffectHandler } from "../../sync/handlers.ts";
import { briefContent, type BriefContent, type BriefSection } from "../brief.ts";
import { loadDeliveryModel, type DeliveryModel } from "../model.ts";
import { recordDeliveryOutput } from "../output-results.ts";
import { notionClient } from "../../connections/clients.ts";

/**
 * Keeps a handoff's implementation brief in Notion: one page per handoff (found again by
 * its "Handoff ID" property), whose properties and brief sections follow the handoff, and
 * whose decision log only ever grows. The sections live in one callout block stamped with
 * the content revision: a changed brief gets a new callout in the same place and the old
 * one is removed; decisions are appended below and never edited.
 */

const payloadSchema = z.object({ handoffId: z.string(), revision: z.string() });

const MAX_TEXT = 2000;
const MAX_CHILDREN = 100;
const DECISION_LOG = "Decision log";

const MAX_RICH_TEXT = 100;

/**
 * Rich text for any length: Notion caps one text object at 2,000 characters and an array at
 * 100 objects, so long text is split, not cut — a decision's reference at the end of its line
 * must survive, or the log would append it again on every sync.
 */
export function text(content: string) {
  const parts: { type: "text"; text: { content: string } }[] = [];
  for (let i = 0; i < content.length && parts.length < MAX_RICH_TEXT; i += MAX_TEXT) parts.push({ type: "text", text: { content: content.slice(i, i + MAX_TEXT) } });
  return parts.length ? parts : [{ type: "text" as const, text: { content: "" } }];
}

export function revisionLine(content: Pick<BriefContent, "properties" | "revision">): string {
  return `Brief for ${content.properties.handoffRef}, maintained by Handoff Control Center · revision ${content.revision}. Change the handoff, not this block; the decision log below is append-only.`;
}

function sectionBlocks(section: BriefSection): BlockObjectRequest[] {
  const heading: BlockObjectRequest = { type: "heading_3", heading_3: { rich_text: text(section.heading) } };
  if (section.items.length === 0) return [heading, { type: "paragraph", paragraph: { rich_text: text(section.empty) } }];
  const items = section.items.map<BlockObjectRequest>((item) =>
    section.style === "todo" ? { type: "to_do", to_do: { rich_text: text(item), checked: false } } : { type: "bulleted_list_item", bulleted_list_item: { rich_text: text(item) } },
  );
  return [heading, ...items];
}

/** The callout holding every section; children beyond Notion's 100 per request follow in a second call. */
export function briefBlocks(content: BriefContent): { callout: BlockObjectRequest; overflow: BlockObjectRequest[] } {
  const children = content.sections.flatMap(sectionBlocks);
  return {
    callout: {
      type: "callout",
      callout: { rich_text: text(revisionLine(content)), icon: { type: "emoji", emoji: "📋" }, children: children.slice(0, MAX_CHILDREN) as never },
    },
    overflow: children.slice(MAX_CHILDREN),
  };
}

export function decisionBlock(line: string): BlockObjectRequest {
  return { type: "paragraph", paragraph: { rich_text: text(line) } };
}

export function briefProperties(content: BriefContent) {
  const p = content.properties;
  return {
    Name: { title: text(content.title) },
    "Handoff ID": { rich_text: text(p.handoffRef) },
    Customer: { rich_text: text(p.customer) },
    Owner: { rich_text: text(p.owner) },
    Status: { select: { name: p.status } },
    "Kickoff date": { date: p.kickoffDate ? { start: p.kickoffDate } : null },
    "Handoff link": { url: p.handoffUrl },
  };
}

interface PageBlock {
  id: string;
  type: string;
  text: string;
}

const blockSchema = z.looseObject({ id: z.string(), type: z.string() });

function plainText(block: Record<string, unknown>): string {
  const body = block[block.type as string] as { rich_text?: { plain_text?: string; text?: { content?: string } }[] } | undefined;
  return (body?.rich_text ?? []).map((r) => r.plain_text ?? r.text?.content ?? "").join("");
}

async function pageBlocks(client: Client, pageId: string, ctx: EffectContext): Promise<PageBlock[]> {
  const blocks: PageBlock[] = [];
  let cursor: string | undefined;
  do {
    await ctx.throttle();
    const page = await client.blocks.children.list({ block_id: pageId, page_size: 100, ...(cursor ? { start_cursor: cursor } : {}) });
    for (const raw of page.results) {
      const block = blockSchema.parse(raw);
      blocks.push({ id: block.id, type: block.type, text: plainText(block) });
    }
    cursor = page.has_more ? (page.next_cursor ?? undefined) : undefined;
  } while (cursor);
  return blocks;
}

async function findPage(client: Client, dataSourceId: string, ref: string, ctx: EffectContext): Promise<{ id: string; url: string } | null> {
  await ctx.throttle();
  const found = await client.dataSources.query({ data_source_id: dataSourceId, filter: { property: "Handoff ID", rich_text: { equals: ref } }, page_size: 1 });
  const page = z.looseObject({ id: z.string(), url: z.string() }).safeParse(found.results[0]);
  return page.success ? page.data : null;
}

type Content = BriefContent;
type Block = Awaited<ReturnType<typeof pageBlocks>>[number];
type Page = { id: string; url: string };

export const notionBrief: EffectHandler = async (job, ctx) => {
  const { handoffId } = payloadSchema.parse(job.payload);
  const model = await loadDeliveryModel(db(), handoffId);
  const content = briefContent(model);
  const { client, dataSourceId } = await notionClient();

  const { page, created } = await upsertPage(ctx, client, dataSourceId, model, content);
  await ctx.saveStep("pageUrl", page.url);
  const blocks = await pageBlocks(client, page.id, ctx);
  const callouts = await replaceCallout(ctx, client, page, content, blocks);
  // The page changed under us when it was created or its callouts were replaced: read it again.
  const appended = await appendDecisions(ctx, client, page, content, created || callouts !== 1 ? await pageBlocks(client, page.id, ctx) : blocks);

  const url = page.url;
  await recordDeliveryOutput({
    syncJobId: job.id,
    handoffId,
    vendor: "NOTION",
    linkKind: "brief",
    externalId: page.id,
    url,
    stage: "IMPLEMENTATION_BRIEF",
    evidence: [{ requirementKey: "brief_link", kind: "LINK", label: "Implementation brief published", url, data: { note: `Revision ${content.revision}`, revision: content.revision, pageId: page.id } }],
    action: created ? "brief.created" : "brief.updated",
    data: { revision: content.revision, status: content.properties.status, decisionsAppended: appended },
  });
  return { pageId: page.id, url, created, revision: content.revision, status: content.properties.status, decisionsAppended: appended };
};

const pageShape = z.looseObject({ id: z.string(), url: z.string() });

/** Deleted in Notion, or no longer shared with the integration. */
function isGone(error: unknown): boolean {
  return APIResponseError.isAPIResponseError(error) && (error.status === 404 || (error.status === 400 && /archived/i.test(error.message)));
}

/** The brief's page with its properties up to date: the one linked, else the one found by reference, else a new one. */
async function upsertPage(ctx: EffectContext, client: Client, dataSourceId: string, model: DeliveryModel, content: Content): Promise<{ page: Page; created: boolean }> {
  const update = async (id: string) => {
    await ctx.throttle();
    try {
      return pageShape.parse(await client.pages.update({ page_id: id, properties: briefProperties(content) as never }));
    } catch (error) {
      // Gone: the brief is published again.
      if (isGone(error)) return null;
      throw error;
    }
  };
  let page = model.links.notion ? await update(model.links.notion.externalId) : null;
  if (!page) {
    const found = await findPage(client, dataSourceId, model.ref, ctx);
    page = found ? await update(found.id) : null;
  }
  if (page) return { page, created: false };
  await ctx.throttle();
  const created = await client.pages.create({
    parent: { data_source_id: dataSourceId, type: "data_source_id" },
    properties: briefProperties(content) as never,
    children: [
      briefBlocks(content).callout,
      { type: "divider", divider: {} },
      { type: "heading_2", heading_2: { rich_text: text(DECISION_LOG) } },
      ...content.decisions.slice(0, MAX_CHILDREN - 3).map((d) => decisionBlock(d.line)),
    ],
  });
  return { page: pageShape.parse(created), created: true };
}

/**
 * The brief itself lives in one callout the app maintains: the current revision's is added (with
 * its overflow, 100 blocks per call) where the old one was, and the old ones are deleted. Returns
 * how many maintained callouts the page had.
 */
async function replaceCallout(ctx: EffectContext, client: Client, page: Page, content: Content, blocks: Block[]): Promise<number> {
  const { callout, overflow } = briefBlocks(content);
  const marker = `revision ${content.revision}`;
  const callouts = blocks.filter((b) => b.type === "callout" && b.text.includes("maintained by Handoff Control Center"));
  let current = callouts.find((b) => b.text.includes(marker));
  if (!current) {
    await ctx.throttle();
    const anchor = callouts[0];
    const result = await client.blocks.children.append({
      block_id: page.id,
      children: [callout],
      ...(anchor ? { position: { type: "after_block" as const, after_block: { id: anchor.id } } } : { position: { type: "start" as const } }),
    });
    current = { id: blockSchema.parse(result.results[0]).id, type: "callout", text: marker };
  }
  for (let i = 0; i < overflow.length; i += MAX_CHILDREN) {
    if (ctx.steps[`overflow:${content.revision}:${i}`]) continue;
    await ctx.throttle();
    await client.blocks.children.append({ block_id: current.id, children: overflow.slice(i, i + MAX_CHILDREN) as never });
    await ctx.saveStep(`overflow:${content.revision}:${i}`, true);
  }
  for (const old of callouts.filter((b) => b.id !== current.id)) {
    await ctx.throttle();
    await client.blocks.delete({ block_id: old.id }).catch((error: unknown) => {
      // Already gone (an earlier attempt deleted it and never heard back): that is the goal.
      if (!isGone(error)) throw error;
    });
  }
  return callouts.length;
}

/** The decision log: append what the page does not hold yet, never touch what it does. Returns how many were appended. */
async function appendDecisions(ctx: EffectContext, client: Client, page: Page, content: Content, blocks: Block[]): Promise<number> {
  if (!blocks.some((b) => b.type === "heading_2" && b.text === DECISION_LOG)) {
    await ctx.throttle();
    await client.blocks.children.append({ block_id: page.id, children: [{ type: "heading_2", heading_2: { rich_text: text(DECISION_LOG) } }] });
  }
  const onPage = new Set(blocks.flatMap((b) => b.text.match(/D-[a-z0-9]{8}$/)?.[0] ?? []));
  const missing = content.decisions.filter((d) => !onPage.has(d.ref));
  for (let i = 0; i < missing.length; i += MAX_CHILDREN) {
    await ctx.throttle();
    await client.blocks.children.append({ block_id: page.id, children: missing.slice(i, i + MAX_CHILDREN).map((d) => decisionBlock(d.line)) });
  }
  return missing.length;
}
