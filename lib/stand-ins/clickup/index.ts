/** The ClickUp API v2 stand-in: start it and point a client at `${sandbox.url}/api/v2`. */
export { startClickUpSandbox, type ClickUpSandbox, type ClickUpSandboxOptions } from "./server.ts";
export { ClickUpSandboxStore, type DependencyRecord, type FieldValue, type FolderRecord, type ListRecord, type SandboxData, type TaskRecord } from "./store.ts";
export { AUTHORIZED_USER_ID, CUSTOM_FIELDS, HANDOFF_ID_FIELD, MEMBERS, SPACE, TEAM, type ClickUpMember, type CustomFieldDefinition, type TaskStatus } from "./seed.ts";
export { DEFAULT_FAULT_KINDS, DEFAULT_HANG_MS, FAULT_KINDS, type FaultKind, type FaultOptions } from "./faults.ts";
export { DEFAULT_RATE_LIMIT, type RateLimitOptions } from "./rate-limit.ts";
export { PAGE_SIZE } from "./task-query.ts";
export { CONTROL_PREFIX, workspaceTree } from "./control.ts";
export { urls } from "./views.ts";
export type { ClickUpErrorBody } from "./errors.ts";
