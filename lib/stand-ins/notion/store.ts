import type { BlockType, NewBlock } from "./blocks.ts";
import type { Cover, Icon } from "./icons.ts";
import { newId } from "./ids.ts";
import type { PropertySchema, PropertyValue, SelectOption } from "./properties.ts";
import { BOT_USER, BRIEFS_DATA_SOURCE_ID, BRIEFS_DATABASE_ID, BRIEFS_PROPERTIES, BRIEFS_TITLE, SEED_TIME, SEED_USERS, WORKSPACE, type SandboxUser } from "./seed.ts";

/**
 * The workspace's state: users, the briefs database and its data source, pages and blocks.
 * Pages and blocks both hold ordered child ids; an id in a page's children may be another
 * page (a child page), which the API lists as a child_page block. Nothing is ever deleted:
 * trashing sets `inTrash`, as in Notion.
 */

export type BlockParent = { type: "page_id"; page_id: string } | { type: "block_id"; block_id: string };
export type PageParent = { type: "data_source_id"; data_source_id: string; database_id: string } | { type: "page_id"; page_id: string };

export interface PageRecord {
  id: string;
  parent: PageParent;
  /** By property id; properties never set are answered empty. */
  properties: Record<string, PropertyValue>;
  icon: Icon | null;
  cover: Cover | null;
  inTrash: boolean;
  isLocked: boolean;
  createdTime: string;
  lastEditedTime: string;
  children: string[];
}

export interface BlockRecord {
  id: string;
  parent: BlockParent;
  type: BlockType;
  /** The type object as Notion answers it, e.g. `{ rich_text, checked, color }` for a to_do. */
  content: Record<string, unknown>;
  inTrash: boolean;
  createdTime: string;
  lastEditedTime: string;
  children: string[];
}

export interface DataSourceRecord {
  id: string;
  databaseId: string;
  title: string;
  properties: PropertySchema[];
  createdTime: string;
  lastEditedTime: string;
}

export interface DatabaseRecord {
  id: string;
  title: string;
  dataSourceIds: string[];
  createdTime: string;
}

/** One /v1 request as the stand-in received it, for contract tests and debugging. */
export interface RecordedRequest {
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON when the body was JSON, else the raw text; undefined when empty. */
  body: unknown;
  /** Undefined when no answer was sent (reset, lost response, timeout). */
  status?: number;
}

export interface SandboxData {
  version: 1;
  dataSources: DataSourceRecord[];
  pages: PageRecord[];
  blocks: BlockRecord[];
}

/** Where new blocks go among a parent's children: the end, the start, or after a child. */
export type Position = { type: "end" } | { type: "start" } | { type: "after_block"; id: string };

const MAX_RECORDED = 500;

const seedDataSources = (): DataSourceRecord[] => [
  {
    id: BRIEFS_DATA_SOURCE_ID,
    databaseId: BRIEFS_DATABASE_ID,
    title: BRIEFS_TITLE,
    properties: structuredClone(BRIEFS_PROPERTIES) as PropertySchema[],
    createdTime: SEED_TIME,
    lastEditedTime: SEED_TIME,
  },
];

export class NotionSandboxStore {
  /** Where people open pages (the app's Sandbox page); unset: Notion's own links. */
  linkBase: string | undefined = undefined;
  readonly workspace = WORKSPACE;
  readonly bot = BOT_USER;
  readonly databases: ReadonlyMap<string, DatabaseRecord> = new Map([
    [BRIEFS_DATABASE_ID, { id: BRIEFS_DATABASE_ID, title: BRIEFS_TITLE, dataSourceIds: [BRIEFS_DATA_SOURCE_ID], createdTime: SEED_TIME }],
  ]);
  private dataSources = new Map<string, DataSourceRecord>();
  private pages = new Map<string, PageRecord>();
  private blocks = new Map<string, BlockRecord>();
  private readonly listeners = new Set<() => void>();
  /** Newest last, capped; not persisted. */
  readonly requests: RecordedRequest[] = [];
  private lastMs = 0;

  constructor(
    data?: SandboxData,
    private readonly clock: () => number = Date.now,
  ) {
    this.load(data);
  }

  private load(data: SandboxData | undefined) {
    this.dataSources = new Map(seedDataSources().map((ds) => [ds.id, ds]));
    for (const ds of data?.dataSources ?? []) this.dataSources.set(ds.id, ds);
    this.pages = new Map((data?.pages ?? []).map((p) => [p.id, p]));
    this.blocks = new Map((data?.blocks ?? []).map((b) => [b.id, b]));
    for (const holder of [...this.pages.values(), ...this.blocks.values()]) {
      const missing = holder.children.find((id) => !this.pages.has(id) && !this.blocks.has(id));
      if (missing) throw new Error(`Notion sandbox data: ${holder.id} lists child ${missing}, which is neither a page nor a block.`);
    }
  }

  /** Back to the seed workspace: no pages, no blocks, the seed schema. */
  reset() {
    this.load(undefined);
    this.requests.length = 0;
    this.changed();
  }

  onMutation(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    for (const listener of this.listeners) listener();
  }

  /** An ISO timestamp that never repeats or goes backwards, so creation order is total. */
  private now(): string {
    this.lastMs = Math.max(this.clock(), this.lastMs + 1);
    return new Date(this.lastMs).toISOString();
  }

  toJSON(): SandboxData {
    return { version: 1, dataSources: [...this.dataSources.values()], pages: [...this.pages.values()], blocks: [...this.blocks.values()] };
  }

  record(request: RecordedRequest) {
    this.requests.push(request);
    if (this.requests.length > MAX_RECORDED) this.requests.splice(0, this.requests.length - MAX_RECORDED);
  }

  // Users

  listUsers(): SandboxUser[] {
    return [...SEED_USERS, BOT_USER];
  }

  user(id: string): SandboxUser | undefined {
    return this.listUsers().find((u) => u.id === id);
  }

  // Databases and data sources

  database(id: string): DatabaseRecord | undefined {
    return this.databases.get(id);
  }

  dataSource(id: string): DataSourceRecord | undefined {
    return this.dataSources.get(id);
  }

  addSelectOptions(dataSourceId: string, additions: ReadonlyArray<{ propertyId: string; option: SelectOption }>) {
    const ds = this.dataSources.get(dataSourceId);
    if (!ds || additions.length === 0) return;
    for (const { propertyId, option } of additions) {
      const property = ds.properties.find((p) => p.id === propertyId);
      if (property) property.options = [...(property.options ?? []), option];
    }
    ds.lastEditedTime = this.now();
    this.changed();
  }

  // Pages and blocks

  page(id: string): PageRecord | undefined {
    return this.pages.get(id);
  }

  block(id: string): BlockRecord | undefined {
    return this.blocks.get(id);
  }

  /** Every page of a data source, oldest first (trashed ones included). */
  pagesOf(dataSourceId: string): PageRecord[] {
    return [...this.pages.values()].filter((p) => p.parent.type === "data_source_id" && p.parent.data_source_id === dataSourceId);
  }

  /** The children of a page or block, in order; trashed ones only when asked. */
  children(id: string, includeTrashed = false): Array<PageRecord | BlockRecord> {
    const holder = this.pages.get(id) ?? this.blocks.get(id);
    const all = (holder?.children ?? []).map((child) => (this.pages.get(child) ?? this.blocks.get(child))!);
    return includeTrashed ? all : all.filter((c) => !c.inTrash);
  }

  createPage(input: { parent: PageParent; properties: Record<string, PropertyValue>; icon: Icon | null; cover: Cover | null; children: NewBlock[] }): PageRecord {
    const at = this.now();
    const page: PageRecord = { id: newId(), parent: input.parent, properties: input.properties, icon: input.icon, cover: input.cover, inTrash: false, isLocked: false, createdTime: at, lastEditedTime: at, children: [] };
    this.pages.set(page.id, page);
    if (input.parent.type === "page_id") this.pages.get(input.parent.page_id)?.children.push(page.id);
    page.children = input.children.map((block) => this.insertBlock(block, { type: "page_id", page_id: page.id }, at));
    this.changed();
    return page;
  }

  updatePage(id: string, patch: { properties?: Record<string, PropertyValue>; icon?: Icon | null; cover?: Cover | null; inTrash?: boolean; isLocked?: boolean }): PageRecord {
    const page = this.pages.get(id)!;
    if (patch.properties) page.properties = { ...page.properties, ...patch.properties };
    if (patch.icon !== undefined) page.icon = patch.icon;
    if (patch.cover !== undefined) page.cover = patch.cover;
    if (patch.inTrash !== undefined) page.inTrash = patch.inTrash;
    if (patch.isLocked !== undefined) page.isLocked = patch.isLocked;
    page.lastEditedTime = this.now();
    this.changed();
    return page;
  }

  private insertBlock(block: NewBlock, parent: BlockParent, at: string): string {
    const record: BlockRecord = { id: newId(), parent, type: block.type, content: block.content, inTrash: false, createdTime: at, lastEditedTime: at, children: [] };
    this.blocks.set(record.id, record);
    record.children = block.children.map((child) => this.insertBlock(child, { type: "block_id", block_id: record.id }, at));
    return record.id;
  }

  /** Adds blocks under a page or block; the caller has checked the parent and the position. */
  appendChildren(parentId: string, blocks: NewBlock[], position: Position = { type: "end" }): BlockRecord[] {
    const at = this.now();
    const page = this.pages.get(parentId);
    const holder = page ?? this.blocks.get(parentId)!;
    const parent: BlockParent = page ? { type: "page_id", page_id: parentId } : { type: "block_id", block_id: parentId };
    const ids = blocks.map((block) => this.insertBlock(block, parent, at));
    const index = position.type === "start" ? 0 : position.type === "after_block" ? holder.children.indexOf(position.id) + 1 : holder.children.length;
    holder.children.splice(index, 0, ...ids);
    holder.lastEditedTime = at;
    this.changed();
    return ids.map((id) => this.blocks.get(id)!);
  }

  updateBlock(id: string, patch: { content?: Record<string, unknown>; inTrash?: boolean }): BlockRecord {
    const block = this.blocks.get(id)!;
    if (patch.content) block.content = patch.content;
    if (patch.inTrash !== undefined) block.inTrash = patch.inTrash;
    block.lastEditedTime = this.now();
    this.changed();
    return block;
  }
}
