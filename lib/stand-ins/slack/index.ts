/** The Slack Web API stand-in: start it and point the official SDK at `${sandbox.url}/api/`. */
export { startSlackSandbox, DEFAULT_BOT_SCOPES, type SlackSandbox, type SlackSandboxOptions } from "./server.ts";
export { SlackSandboxStore, BLOCK_TYPES, messageView, type Block, type MessageVersion, type SlackMessage } from "./store.ts";
export { TEAM, BOT, SEED_CHANNELS, SEED_USERS, type SlackChannel, type SlackUser } from "./seed.ts";
export { FAULT_KINDS, DEFAULT_FAULT_KINDS, type FaultKind, type FaultOptions } from "./faults.ts";
export { DEFAULT_RATE_LIMIT, type RateLimitOptions } from "./rate-limit.ts";
export { ACK_TIMEOUT_MS, type BlockActionsPayload, type ClickInput, type ClickResult, type RecordedResponse } from "./interactivity.ts";
export type { SlackErrorCode } from "./api.ts";
