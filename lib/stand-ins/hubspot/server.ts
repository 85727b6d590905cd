import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { InjectedFaults } from "../shared/faults.ts";
import { bearerToken, writeJson } from "../shared/http.ts";
import { startStandIn, type StandIn, type StandInOptions } from "../shared/stand-in.ts";
import { handleApi, isSearch, type ApiContext } from "./api.ts";
import { handleControl, type ControlContext } from "./control.ts";
import { apiErrors, HubSpotApiError } from "./errors.ts";
import { FAULT_PROFILE, type FaultKind, type FaultOptions } from "./faults.ts";
import type { SandboxRequest, SandboxResponse } from "./http.ts";
import { OBJECT_TYPES } from "./model.ts";
import { loadSandboxData } from "./persistence.ts";
import { RateLimiter, type RateDecision, type RateLimitOptions } from "./rate-limit.ts";
import { DEFAULT_PORTAL_ID, HubSpotSandboxStore } from "./store.ts";
import { DEFAULT_APP_ID, WebhookDispatcher, type WebhookOptions } from "./webhooks.ts";

/**
 * A local stand-in for HubSpot's CRM API, for demo mode and tests. Point the official SDK
 * at it with `new Client({ accessToken, basePath: sandbox.url })`.
 */

export interface HubSpotSandboxOptions extends StandInOptions<FaultOptions> {
  /** Loopback only: the control API has no auth. */
  host?: "127.0.0.1";
  /** The private-app token callers must send as `Authorization: Bearer`. */
  accessToken: string;
  portalId?: number;
  /** JSON file to load at start and keep up to date; in-memory when absent. */
  dataFile?: string;
  webhook?: WebhookOptions;
  rateLimit?: RateLimitOptions;
  /** Scopes the token reports on introspection (default: everything the app needs). */
  scopes?: string[];
}

export const SANDBOX_SCOPES = [
  "crm.objects.deals.read",
  "crm.objects.deals.write",
  "crm.objects.companies.read",
  "crm.objects.contacts.read",
  "crm.objects.owners.read",
  "crm.objects.line_items.read",
  "crm.schemas.deals.read",
];

export interface HubSpotSandbox extends StandIn<FaultOptions> {
  store: HubSpotSandboxStore;
  setWebhooksDropped(dropped: boolean): void;
  /** Sends queued webhook events now and resolves when none are queued, in flight or awaiting retry. */
  webhooksSettled(): Promise<void>;
}

/** What answering HubSpot's API and token introspection takes. */
interface ApiServer {
  accessToken: string;
  scopes: readonly string[];
  appId: number;
  api: ApiContext;
  limiter: RateLimiter;
  faults: InjectedFaults<FaultKind, FaultOptions>;
}

export async function startHubSpotSandbox(options: HubSpotSandboxOptions): Promise<HubSpotSandbox> {
  if (!options.accessToken) throw new Error("startHubSpotSandbox: accessToken is required");
  const loaded = options.dataFile ? loadSandboxData(options.dataFile) : undefined;
  const store = new HubSpotSandboxStore(loaded, { portalId: options.portalId ?? DEFAULT_PORTAL_ID });

  const appId = options.webhook?.appId ?? DEFAULT_APP_ID;
  const webhooks = options.webhook ? new WebhookDispatcher(store, options.webhook) : undefined;
  const unsubscribe = webhooks ? store.onChange((change) => webhooks.handle(change)) : () => {};
  let dropped = false;

  const faults = new InjectedFaults(FAULT_PROFILE, options);
  const api: ApiContext = { store, source: { changeSource: "INTEGRATION", sourceId: String(appId) } };
  const server: ApiServer = { accessToken: options.accessToken, scopes: options.scopes ?? SANDBOX_SCOPES, appId, api, limiter: new RateLimiter(options.rateLimit), faults };
  const control: ControlContext = {
    store,
    recordUrl: (type, id) => `https://app.hubspot.com/contacts/${store.portalId}/record/${OBJECT_TYPES[type].objectTypeId}/${id}`,
    faults,
    webhooksDropped: () => dropped,
    setWebhooksDropped: (d) => {
      dropped = d;
      webhooks?.setDropped(d);
    },
    webhooksSettled: () => webhooks?.settled() ?? Promise.resolve(),
  };

  const standIn = await startStandIn({
    host: options.host,
    port: options.port,
    faults,
    persist: { file: options.dataFile, store },
    request: (base, _req, baseUrl): SandboxRequest => ({ ...base, baseUrl }),
    control: (request) => handleControl(control, request),
    controlFailure,
    api: (req, res, request) => (request.segments[0] === "oauth" ? serveTokenInfo(server, res, request) : serveApi(server, req, res, request)),
    tooLarge: (res) => sendError(res, new HubSpotApiError(413, { message: "Request body too large.", category: "VALIDATION_ERROR" })),
    failed: (res) => writeJson(res, 500, { status: "error", message: "internal error", correlationId: randomUUID(), category: "INTERNAL_ERROR" }),
    beforeStop: async () => {
      unsubscribe();
      await webhooks?.stop();
    },
  });

  return {
    ...standIn,
    store,
    setWebhooksDropped: (d) => control.setWebhooksDropped(d),
    webhooksSettled: () => control.webhooksSettled(),
  };
}

/** HubSpot errors the control API throws (its bodies are parsed as HubSpot parses them) keep their status and category. */
function controlFailure(error: unknown): SandboxResponse | undefined {
  return error instanceof HubSpotApiError ? { status: error.httpStatus, body: { error: error.message, category: error.fields.category } } : undefined;
}

/**
 * Token introspection, as HubSpot answers it: GET /oauth/v1/access-tokens/{token} for
 * OAuth tokens, POST /oauth/v2/private-apps/get/access-token-info for private apps.
 */
function serveTokenInfo(server: ApiServer, res: ServerResponse, request: SandboxRequest) {
  const { accessToken, scopes, appId } = server;
  const portalId = server.api.store.portalId;
  const notFound = () => writeJson(res, 404, { status: "error", message: "The access token was not found or has expired.", correlationId: randomUUID(), category: "OBJECT_NOT_FOUND" });
  const [, version, ...rest] = request.segments;
  if (request.method === "GET" && version === "v1" && rest[0] === "access-tokens" && rest[1]) {
    if (decodeURIComponent(rest[1]) !== accessToken) return notFound();
    return writeJson(res, 200, { token: accessToken, user: "sandbox@example.com", hub_domain: "sandbox.hubspot.local", scopes, hub_id: portalId, app_id: appId, expires_in: 1800, user_id: 1, token_type: "access" });
  }
  if (request.method === "POST" && version === "v2" && rest.join("/") === "private-apps/get/access-token-info") {
    let tokenKey: unknown;
    try {
      tokenKey = (JSON.parse(request.rawBody || "{}") as { tokenKey?: unknown }).tokenKey;
    } catch {
      tokenKey = undefined;
    }
    if (tokenKey !== accessToken) return notFound();
    return writeJson(res, 200, { userId: 1, hubId: portalId, appId, scopes });
  }
  writeJson(res, 404, { status: "error", message: `The HubSpot sandbox does not implement ${request.method} ${request.path}`, correlationId: randomUUID(), category: "OBJECT_NOT_FOUND" });
}

function serveApi(server: ApiServer, req: IncomingMessage, res: ServerResponse, request: SandboxRequest) {
  const token = bearerToken(req.headers.authorization);
  if (!token) return sendError(res, apiErrors.missingAuth());
  if (token !== server.accessToken) return sendError(res, apiErrors.badToken());

  const decision = server.limiter.take(token, { isSearch: isSearch(request) });
  const headers = rateHeaders(decision);
  if (!decision.allowed) {
    const error =
      decision.policy === "SECONDLY"
        ? new HubSpotApiError(429, { message: "You have reached your secondly limit.", errorType: "RATE_LIMIT", policyName: "SECONDLY" }, { "Retry-After": "1" })
        : apiErrors.rateLimited(decision.retryAfterSeconds);
    return sendError(res, error, headers);
  }

  const answers = {
    "429": () => sendError(res, apiErrors.rateLimited(1), headers),
    "500": () => sendError(res, apiErrors.internal(), headers),
    "503": () => sendError(res, apiErrors.unavailable(), headers),
  };
  server.faults.inject(req, answers, () => {
    try {
      const response = handleApi(server.api, request);
      return () => writeJson(res, response.status, response.body, { ...headers, ...response.headers, "X-HubSpot-Correlation-Id": randomUUID() });
    } catch (error) {
      return () => sendError(res, error instanceof HubSpotApiError ? error : apiErrors.internal(), headers);
    }
  });
}

function rateHeaders(decision: RateDecision): Record<string, string> {
  return {
    "X-HubSpot-RateLimit-Max": String(decision.max),
    "X-HubSpot-RateLimit-Remaining": String(decision.remaining),
    "X-HubSpot-RateLimit-Interval-Milliseconds": String(decision.intervalMs),
  };
}

function sendError(res: ServerResponse, error: HubSpotApiError, headers: Record<string, string> = {}) {
  const correlationId = randomUUID();
  writeJson(res, error.httpStatus, error.body(correlationId), { ...headers, ...error.headers, "X-HubSpot-Correlation-Id": correlationId });
}
