/** The Notion API stand-in: start it and point the official SDK at it with `new Client({ auth, baseUrl: sandbox.url })`. */
export { startNotionSandbox, type NotionSandbox, type NotionSandboxOptions } from "./server.ts";
export { NotionSandboxStore, type BlockRecord, type DataSourceRecord, type PageRecord, type RecordedRequest, type SandboxData } from "./store.ts";
export { BOT_USER, BRIEFS_DATA_SOURCE_ID, BRIEFS_DATABASE_ID, BRIEFS_PROPERTIES, BRIEFS_TITLE, SEED_USERS, WORKSPACE, type SandboxUser } from "./seed.ts";
export { DEFAULT_FAULT_KINDS, DEFAULT_HANG_MS, FAULT_KINDS, type FaultKind, type FaultOptions } from "./faults.ts";
export { DEFAULT_RATE_LIMIT, type RateLimitOptions } from "./rate-limit.ts";
export { BLOCK_TYPES, MAX_CHILDREN, type BlockType } from "./blocks.ts";
export { NOTION_VERSION, type NotionErrorCode } from "./errors.ts";
export { pageTree, type BlockNode } from "./control.ts";
