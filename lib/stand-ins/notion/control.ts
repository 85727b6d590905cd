import { faultsAnswer, setFaults, type FaultSwitch } from "../shared/control.ts";
import { blockText, type BlockType } from "./blocks.ts";
import { FAULT_PROFILE, type FaultOptions } from "./faults.ts";
import type { SandboxRequest, SandboxResponse } from "./http.ts";
import { normalizeId } from "./ids.ts";
import { plainValue } from "./properties.ts";
import type { RateLimitOptions } from "./rate-limit.ts";
import { BRIEFS_DATA_SOURCE_ID } from "./seed.ts";
import type { BlockRecord, NotionSandboxStore, PageRecord } from "./store.ts";
import { pageTitle, pageUrl } from "./views.ts";

/**
 * /__sandbox: the control API for the demo's sandbox panel and for tests. Not part of Notion:
 * no auth (loopback callers only), plain JSON, never subject to faults or rate limits.
 * Pages come with their properties as plain values and their whole block tree, so the panel
 * can render a brief without speaking the Notion API.
 */

export interface ControlContext {
  store: NotionSandboxStore;
  faults: FaultSwitch<FaultOptions>;
  rateLimit: RateLimitOptions | false;
}

export { CONTROL_PREFIX } from "../shared/control.ts";

export interface BlockNode {
  id: string;
  type: BlockType | "child_page";
  /** Plain text; a table row's cells joined by " | ", a child page's title. */
  text: string;
  /** to_do blocks only. */
  checked?: boolean;
  /** table_row blocks only: each cell's plain text. */
  cells?: string[];
  children: BlockNode[];
}

function blockNode(store: NotionSandboxStore, item: BlockRecord | PageRecord): BlockNode {
  if (!("type" in item)) return { id: item.id, type: "child_page", text: pageTitle(item), children: [] };
  const node: BlockNode = { id: item.id, type: item.type, text: blockText(item.type, item.content), children: store.children(item.id).map((c) => blockNode(store, c)) };
  if (item.type === "to_do") node.checked = item.content.checked as boolean;
  if (item.type === "table_row") node.cells = (item.content.cells as Array<Array<{ plain_text: string }>>).map((cell) => cell.map((t) => t.plain_text).join(""));
  return node;
}

export function pageTree(store: NotionSandboxStore, page: PageRecord) {
  const ds = page.parent.type === "data_source_id" ? store.dataSource(page.parent.data_source_id) : undefined;
  const properties = Object.fromEntries((ds?.properties ?? []).map((p) => [p.name, page.properties[p.id] ? plainValue(page.properties[p.id]) : null]));
  return {
    id: page.id,
    url: pageUrl(store, page),
    title: pageTitle(page),
    inTrash: page.inTrash,
    createdTime: page.createdTime,
    lastEditedTime: page.lastEditedTime,
    properties,
    blocks: store.children(page.id).map((c) => blockNode(store, c)),
  };
}

export function handleControl(ctx: ControlContext, req: SandboxRequest): SandboxResponse {
  const [, resource, id] = req.segments;
  const route = `${req.method} ${resource ?? ""}${id ? "/:id" : ""}`;
  const { store } = ctx;

  switch (route) {
    case "GET ":
      return {
        status: 200,
        body: {
          workspace: store.workspace,
          bot: store.bot,
          databases: [...store.databases.values()].map((db) => ({ id: db.id, title: db.title, dataSourceIds: db.dataSourceIds })),
          pages: store.pagesOf(BRIEFS_DATA_SOURCE_ID).length,
          faults: ctx.faults.current() ?? null,
          rateLimit: ctx.rateLimit,
        },
      };
    case "GET pages":
      return { status: 200, body: { pages: store.pagesOf(BRIEFS_DATA_SOURCE_ID).map((p) => pageTree(store, p)) } };
    case "GET pages/:id": {
      const page = store.page(normalizeId(id) ?? id);
      return page ? { status: 200, body: { page: pageTree(store, page) } } : { status: 404, body: { error: `No page ${id}` } };
    }
    case "GET requests":
      return { status: 200, body: { requests: store.requests } };
    case "GET faults":
      return faultsAnswer(ctx.faults);
    case "POST faults":
      return setFaults(ctx.faults, FAULT_PROFILE.schema, req.rawBody, "Expected { rate: 0..1, kinds?: FaultKind[], hangMs?: number }");
    case "POST reset":
      store.reset();
      return { status: 200, body: { ok: true } };
    default:
      return { status: 404, body: { error: `The sandbox control API has no route ${req.method} /${req.segments.join("/")}` } };
  }
}
