import { compactId } from "./ids.ts";
import { propertySchemaView, propertyValueView } from "./properties.ts";
import { plainText, type RichText } from "./rich-text.ts";
import type { SandboxUser } from "./seed.ts";
import type { BlockRecord, DataSourceRecord, DatabaseRecord, NotionSandboxStore, PageRecord } from "./store.ts";

/**
 * Objects as the 2025-09-03 API answers them (shapes from @notionhq/client's response types).
 * Timestamps are cut to the minute, as Notion reports them.
 */

const minute = (iso: string) => `${iso.slice(0, 16)}:00.000Z`;
const textItem = (content: string): RichText => ({
  type: "text",
  text: { content, link: null },
  annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: "default" },
  plain_text: content,
  href: null,
});

export function userView(store: NotionSandboxStore, user: SandboxUser) {
  const common = { object: "user" as const, id: user.id, name: user.name, avatar_url: null };
  if (user.type === "person") return { ...common, type: "person" as const, person: { email: user.email } };
  return {
    ...common,
    type: "bot" as const,
    bot: {
      owner: { type: "workspace" as const, workspace: true as const },
      workspace_id: store.workspace.id,
      workspace_limits: { max_file_upload_size_in_bytes: 5 * 1024 * 1024 },
      workspace_name: store.workspace.name,
    },
  };
}

const botRef = (store: NotionSandboxStore) => ({ object: "user" as const, id: store.bot.id });

export function pageTitle(page: PageRecord): string {
  const value = page.properties.title;
  return value?.type === "title" ? plainText(value.title) : "";
}

/**
 * `https://www.notion.so/<Title-words>-<id without dashes>`, like a page's share link; with a link
 * base (the app's Sandbox page, since the stand-in has no pages of its own) the page there.
 */
export function pageUrl(store: NotionSandboxStore, page: PageRecord): string {
  if (store.linkBase) return `${store.linkBase}?tool=notion#notion-page-${page.id}`;
  const slug = pageTitle(page)
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `https://www.notion.so/${slug ? `${slug}-` : ""}${compactId(page.id)}`;
}

function pageProperties(store: NotionSandboxStore, page: PageRecord) {
  if (page.parent.type === "page_id") return { title: { id: "title", type: "title" as const, title: page.properties.title?.type === "title" ? page.properties.title.title : [] } };
  const ds = store.dataSource(page.parent.data_source_id);
  return Object.fromEntries((ds?.properties ?? []).map((p) => [p.name, propertyValueView(p, page.properties[p.id])]));
}

export function pageView(store: NotionSandboxStore, page: PageRecord) {
  return {
    object: "page" as const,
    id: page.id,
    created_time: minute(page.createdTime),
    last_edited_time: minute(page.lastEditedTime),
    created_by: botRef(store),
    last_edited_by: botRef(store),
    cover: page.cover,
    icon: page.icon,
    parent: page.parent,
    in_trash: page.inTrash,
    archived: page.inTrash,
    is_archived: page.inTrash,
    is_locked: page.isLocked,
    properties: pageProperties(store, page),
    url: pageUrl(store, page),
    public_url: null,
  };
}

export function databaseView(store: NotionSandboxStore, db: DatabaseRecord) {
  return {
    object: "database" as const,
    id: db.id,
    title: [textItem(db.title)],
    description: [],
    parent: { type: "workspace" as const, workspace: true as const },
    is_inline: false,
    in_trash: false,
    archived: false,
    is_locked: false,
    created_time: minute(db.createdTime),
    last_edited_time: minute(db.createdTime),
    data_sources: db.dataSourceIds.map((id) => ({ id, name: store.dataSource(id)?.title ?? "" })),
    icon: null,
    cover: null,
    url: `https://www.notion.so/${compactId(db.id)}`,
    public_url: null,
  };
}

export function dataSourceView(store: NotionSandboxStore, ds: DataSourceRecord) {
  return {
    object: "data_source" as const,
    id: ds.id,
    title: [textItem(ds.title)],
    description: [],
    parent: { type: "database_id" as const, database_id: ds.databaseId },
    database_parent: { type: "workspace" as const, workspace: true as const },
    is_inline: false,
    in_trash: false,
    archived: false,
    created_time: minute(ds.createdTime),
    last_edited_time: minute(ds.lastEditedTime),
    created_by: botRef(store),
    last_edited_by: botRef(store),
    properties: Object.fromEntries(ds.properties.map((p) => [p.name, propertySchemaView(p)])),
    icon: null,
    cover: null,
    url: `https://www.notion.so/${compactId(ds.databaseId)}`,
    public_url: null,
  };
}

/** A block, or a page seen as a block of its parent (child_page). */
export function blockView(store: NotionSandboxStore, item: BlockRecord | PageRecord) {
  const isPage = !("type" in item);
  const common = {
    object: "block" as const,
    id: item.id,
    parent: item.parent,
    created_time: minute(item.createdTime),
    last_edited_time: minute(item.lastEditedTime),
    created_by: botRef(store),
    last_edited_by: botRef(store),
    has_children: store.children(item.id).length > 0,
    in_trash: item.inTrash,
    archived: item.inTrash,
  };
  if (isPage) return { ...common, type: "child_page" as const, child_page: { title: pageTitle(item) } };
  return { ...common, type: item.type, [item.type]: item.content };
}

/** A page of a list endpoint, with the `type` marker each endpoint uses. */
export function listView<T>(type: "block" | "user" | "page_or_data_source", page: { results: T[]; next_cursor: string | null; has_more: boolean }) {
  return { object: "list" as const, results: page.results, next_cursor: page.next_cursor, has_more: page.has_more, type, [type]: {} };
}
