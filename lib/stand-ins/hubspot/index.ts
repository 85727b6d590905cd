/** The HubSpot CRM stand-in: start it, seed it, and point the official SDK at `sandbox.url`. */
export { startHubSpotSandbox, type HubSpotSandbox, type HubSpotSandboxOptions } from "./server.ts";
export { seedSandbox, type SeedResult, type SeededDeal, type SeedScenario } from "./seed.ts";
export {
  HubSpotSandboxStore,
  DEFAULT_PORTAL_ID,
  type ChangeSource,
  type CrmRecord,
  type DealLinks,
  type NewOwner,
  type OwnerRecord,
  type PropertyInput,
  type SandboxData,
  type StoreChange,
} from "./store.ts";
export { FAULT_KINDS, DEFAULT_FAULT_KINDS, type FaultKind, type FaultOptions } from "./faults.ts";
export { DEFAULT_RATE_LIMIT, type RateLimitOptions } from "./rate-limit.ts";
export { DEFAULT_APP_ID, type WebhookDelivery, type WebhookEvent, type WebhookOptions } from "./webhooks.ts";
export { HubSpotApiError, type HubSpotErrorBody } from "./errors.ts";
