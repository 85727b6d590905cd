import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerControl } from "../shared/control.ts";
import { HangingRequests } from "../shared/faults.ts";
import { closeServer, listen, sandboxServer, stopOnce, writeJson } from "../shared/http.ts";
import { DebouncedWriter } from "../shared/persistence.ts";
import { handleApi, isSearch, type ApiContext } from "./api.ts";
import { CONTROL_PREFIX, handleControl, type ControlContext } from "./control.ts";
import { apiErrors, HubSpotApiError } from "./errors.ts";
import { DEFAULT_HANG_MS, faultOptionsSchema, pickFault, type FaultKind, type FaultOptions } from "./faults.ts";
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

export interface HubSpotSandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: the control API has no auth. */
  host?: "127.0.0.1";
  /** The private-app token callers must send as `Authorization: Bearer`. */
  accessToken: string;
  portalId?: number;
  /** JSON file to load at start and keep up to date; in-memory when absent. */
  dataFile?: string;
  webhook?: WebhookOptions;
  faults?: FaultOptions;
  rateLimit?: RateLimitOptions;
  /** Randomness for fault injection; injectable for deterministic tests. */
  random?: () => number;
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

export interface HubSpotSandbox {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash). */
  url: string;
  port: number;
  store: HubSpotSandboxStore;
  stop(): Promise<void>;
  /** Pass undefined/null (or rate 0) to turn faults off. */
  setFaults(faults: FaultOptions | null | undefined): void;
  setWebhooksDropped(dropped: boolean): void;
  /** Sends queued webhook events now and resolves when none are queued, in flight or awaiting retry. */
  webhooksSettled(): Promise<void>;
}

export async function startHubSpotSandbox(options: HubSpotSandboxOptions): Promise<HubSpotSandbox> {
  if (!options.accessToken) throw new Error("startHubSpotSandbox: accessToken is required");
  const host = options.host ?? "127.0.0.1";
  const loaded = options.dataFile ? loadSandboxData(options.dataFile) : undefined;
  const store = new HubSpotSandboxStore(loaded, { portalId: options.portalId ?? DEFAULT_PORTAL_ID });
  const writer = options.dataFile ? new DebouncedWriter(options.dataFile, store) : undefined;

  const appId = options.webhook?.appId ?? DEFAULT_APP_ID;
  const webhooks = options.webhook ? new WebhookDispatcher(store, options.webhook) : undefined;
  const unsubscribe = webhooks ? store.onChange((change) => webhooks.handle(change)) : () => {};
  let dropped = false;

  let faults = options.faults ? faultOptionsSchema.parse(options.faults) : undefined;
  const random = options.random ?? Math.random;
  const limiter = new RateLimiter(options.rateLimit);
  const hangs = new HangingRequests();
  let baseUrl = "";

  const api: ApiContext = { store, source: { changeSource: "INTEGRATION", sourceId: String(appId) } };
  const control: ControlContext = {
    store,
    recordUrl: (type, id) => `https://app.hubspot.com/contacts/${store.portalId}/record/${OBJECT_TYPES[type].objectTypeId}/${id}`,
    faults: () => faults,
    setFaults: (f) => {
      faults = f && f.rate > 0 ? faultOptionsSchema.parse(f) : undefined;
    },
    webhooksDropped: () => dropped,
    setWebhooksDropped: (d) => {
      dropped = d;
      webhooks?.setDropped(d);
    },
    webhooksSettled: () => webhooks?.settled() ?? Promise.resolve(),
  };

  /** HubSpot errors the control API throws (its bodies are parsed as HubSpot parses them) keep their status and category. */
  const controlFailure = (error: unknown): SandboxResponse | undefined =>
    error instanceof HubSpotApiError ? { status: error.httpStatus, body: { error: error.message, category: error.fields.category } } : undefined;

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

  function sendResponse(res: ServerResponse, response: SandboxResponse, headers: Record<string, string>) {
    writeJson(res, response.status, response.body, { ...headers, ...response.headers, "X-HubSpot-Correlation-Id": randomUUID() });
  }

  /**
   * Token introspection, as HubSpot answers it: GET /oauth/v1/access-tokens/{token} for
   * OAuth tokens, POST /oauth/v2/private-apps/get/access-token-info for private apps.
   */
  function serveTokenInfo(res: ServerResponse, request: SandboxRequest) {
    const scopes = options.scopes ?? SANDBOX_SCOPES;
    const notFound = () => writeJson(res, 404, { status: "error", message: "The access token was not found or has expired.", correlationId: randomUUID(), category: "OBJECT_NOT_FOUND" });
    const [, version, ...rest] = request.segments;
    if (request.method === "GET" && version === "v1" && rest[0] === "access-tokens" && rest[1]) {
      if (decodeURIComponent(rest[1]) !== options.accessToken) return notFound();
      return writeJson(res, 200, { token: options.accessToken, user: "sandbox@example.com", hub_domain: "sandbox.hubspot.local", scopes, hub_id: store.portalId, app_id: appId, expires_in: 1800, user_id: 1, token_type: "access" });
    }
    if (request.method === "POST" && version === "v2" && rest.join("/") === "private-apps/get/access-token-info") {
      let tokenKey: unknown;
      try {
        tokenKey = (JSON.parse(request.rawBody || "{}") as { tokenKey?: unknown }).tokenKey;
      } catch {
        tokenKey = undefined;
      }
      if (tokenKey !== options.accessToken) return notFound();
      return writeJson(res, 200, { userId: 1, hubId: store.portalId, appId, scopes });
    }
    writeJson(res, 404, { status: "error", message: `The HubSpot sandbox does not implement ${request.method} ${request.path}`, correlationId: randomUUID(), category: "OBJECT_NOT_FOUND" });
  }

  function serveApi(req: IncomingMessage, res: ServerResponse, request: SandboxRequest) {
    const auth = req.headers.authorization;
    const token = auth?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    if (!token) return sendError(res, apiErrors.missingAuth());
    if (token !== options.accessToken) return sendError(res, apiErrors.badToken());

    const decision = limiter.take(token, { isSearch: isSearch(request) });
    const headers = rateHeaders(decision);
    if (!decision.allowed) {
      const error =
        decision.policy === "SECONDLY"
          ? new HubSpotApiError(429, { message: "You have reached your secondly limit.", errorType: "RATE_LIMIT", policyName: "SECONDLY" }, { "Retry-After": "1" })
          : apiErrors.rateLimited(decision.retryAfterSeconds);
      return sendError(res, error, headers);
    }

    const fault: FaultKind | undefined = pickFault(faults, random);
    switch (fault) {
      case "429":
        return sendError(res, apiErrors.rateLimited(1), headers);
      case "500":
        return sendError(res, apiErrors.internal(), headers);
      case "503":
        return sendError(res, apiErrors.unavailable(), headers);
      case "timeout":
        return hangs.hold(req, faults?.hangMs ?? DEFAULT_HANG_MS);
      case "reset":
        req.socket.destroy();
        return;
    }

    let response: SandboxResponse;
    try {
      response = handleApi(api, request);
    } catch (error) {
      if (fault === "lost_response") return req.socket.destroy();
      if (error instanceof HubSpotApiError) return sendError(res, error, headers);
      return sendError(res, apiErrors.internal(), headers);
    }
    // The write (if any) is done; the caller never hears about it.
    if (fault === "lost_response") return req.socket.destroy();
    sendResponse(res, response, headers);
  }

  const server = sandboxServer(() => baseUrl, {
    serve: async (req, res, base) => {
      const request: SandboxRequest = { ...base, baseUrl };
      if (request.segments[0] === CONTROL_PREFIX) await answerControl(req, res, () => handleControl(control, request), controlFailure);
      else if (request.segments[0] === "oauth") serveTokenInfo(res, request);
      else serveApi(req, res, request);
    },
    tooLarge: (res) => sendError(res, new HubSpotApiError(413, { message: "Request body too large.", category: "VALIDATION_ERROR" })),
    failed: (res) => writeJson(res, 500, { status: "error", message: "internal error", correlationId: randomUUID(), category: "INTERNAL_ERROR" }),
  });
  const port = await listen(server, host, options.port);
  baseUrl = `http://${host}:${port}`;

  const stop = stopOnce(async () => {
    unsubscribe();
    await webhooks?.stop();
    hangs.dropAll();
    await closeServer(server);
    writer?.close();
  });

  return {
    url: baseUrl,
    port,
    store,
    stop,
    setFaults: (f) => control.setFaults(f ?? undefined),
    setWebhooksDropped: (d) => control.setWebhooksDropped(d),
    webhooksSettled: () => control.webhooksSettled(),
  };
}
