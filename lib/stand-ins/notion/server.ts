import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { InjectedFaults } from "../shared/faults.ts";
import { bearerToken, writeJson } from "../shared/http.ts";
import { startStandIn, type StandIn, type StandInOptions } from "../shared/stand-in.ts";
import { matchRoute, readJsonBody, readPathIds, type ApiContext } from "./api.ts";
import { handleControl, type ControlContext } from "./control.ts";
import { NOTION_VERSION, NotionApiError, notionErrors } from "./errors.ts";
import { FAULT_PROFILE, type FaultKind, type FaultOptions } from "./faults.ts";
import type { SandboxRequest } from "./http.ts";
import { loadSandboxData } from "./persistence.ts";
import { DEFAULT_RATE_LIMIT, TokenRateLimiter, type RateLimitOptions } from "./rate-limit.ts";
import { NotionSandboxStore, type RecordedRequest } from "./store.ts";

/**
 * A local stand-in for Notion's API (version 2025-09-03), for demo mode and tests. Point the
 * official SDK at it with `new Client({ auth: token, baseUrl: sandbox.url })`; the SDK adds /v1.
 */

export interface NotionSandboxOptions extends StandInOptions<FaultOptions> {
  /** Where people open pages: the app's Sandbox page. Unset: Notion's own links. */
  linkBase?: string;
  /** The integration token callers must send as `Authorization: Bearer`. */
  token: string;
  /** Per-token token bucket; defaults to 3 requests/second with bursts of 10. `false` turns it off. */
  rateLimit?: RateLimitOptions | false;
  /** Epoch ms, for timestamps and rate limiting. */
  clock?: () => number;
  /** JSON file to load at start and keep up to date; in-memory when absent. */
  persistPath?: string;
}

export interface NotionSandbox extends StandIn<FaultOptions> {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash); the API is under /v1. */
  url: string;
  store: NotionSandboxStore;
}

/** What answering Notion's API takes. */
interface ApiServer {
  token: string;
  api: ApiContext;
  limiter: TokenRateLimiter | undefined;
  clock: () => number;
  faults: InjectedFaults<FaultKind, FaultOptions>;
}

export async function startNotionSandbox(options: NotionSandboxOptions): Promise<NotionSandbox> {
  if (!options.token) throw new Error("startNotionSandbox: token is required");
  const clock = options.clock ?? Date.now;
  const store = openStore(options.persistPath, clock);
  store.linkBase = options.linkBase;
  const rateLimit = options.rateLimit === false ? false : (options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const limiter = rateLimit ? new TokenRateLimiter(rateLimit, clock) : undefined;
  const faults = new InjectedFaults(FAULT_PROFILE, options);
  const server: ApiServer = { token: options.token, api: { store }, limiter, clock, faults };
  const control: ControlContext = { store, rateLimit, faults };

  const standIn = await startStandIn({
    port: options.port,
    faults,
    persist: { file: options.persistPath, store },
    request: (base, req): SandboxRequest => ({ ...base, headers: req.headers }),
    control: (request) => handleControl(control, request),
    api: (req, res, request) => serveApi(server, req, res, request),
    tooLarge: (res) => writeJson(res, 413, notionErrors.validation("Request body too large.").body(randomUUID())),
    failed: (res) => writeJson(res, 500, notionErrors.internal().body(randomUUID())),
  });
  return { ...standIn, store };
}

function openStore(persistPath: string | undefined, clock: () => number): NotionSandboxStore {
  const data = persistPath ? loadSandboxData(persistPath) : undefined;
  try {
    return new NotionSandboxStore(data, clock);
  } catch (error) {
    throw new Error(`${(error as Error).message} (in ${persistPath}; move it aside to start fresh)`);
  }
}

function serveApi(server: ApiServer, req: IncomingMessage, res: ServerResponse, request: SandboxRequest) {
  const requestId = randomUUID();
  const recorded = recordRequest(server, request);
  const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    recorded.status = status;
    writeJson(res, status, body, { ...headers, "x-notion-request-id": requestId });
  };
  const fail = (error: NotionApiError) => send(error.status, error.body(requestId), error.headers);

  const token = bearerToken(request.headers.authorization);
  if (token !== server.token) return fail(notionErrors.unauthorized());
  const version = request.headers["notion-version"];
  if (typeof version !== "string" || version.trim() === "") return fail(notionErrors.missingVersion());
  if (version !== NOTION_VERSION) return fail(notionErrors.unsupportedVersion(version));
  const route = matchRoute(request.method, request.segments);
  if (!route) return fail(notionErrors.invalidRequestUrl());

  const decision = server.limiter?.take(token);
  if (decision && !decision.allowed) return fail(notionErrors.rateLimited(decision.retryAfterSeconds));

  const answers = {
    "429": () => fail(notionErrors.rateLimited(1)),
    "529": () => fail(notionErrors.overloaded(1)),
    "500": () => fail(notionErrors.internal()),
    "503": () => fail(notionErrors.unavailable()),
  };
  server.faults.inject(req, answers, () => {
    let body: unknown;
    try {
      body = route.handler(server.api, { params: readPathIds(route.captures), query: request.query, body: readJsonBody(request.method, request.rawBody) });
    } catch (error) {
      body = error instanceof NotionApiError ? error : notionErrors.internal();
    }
    return () => (body instanceof NotionApiError ? fail(body) : send(200, body));
  });
}

/** Every API call is kept for the control API's request log, its body as JSON where it parses. */
function recordRequest(server: ApiServer, request: SandboxRequest): RecordedRequest {
  const recorded: RecordedRequest = { at: new Date(server.clock()).toISOString(), method: request.method, path: request.path, query: Object.fromEntries(request.query), body: undefined };
  if (request.rawBody.trim() !== "") {
    try {
      recorded.body = JSON.parse(request.rawBody);
    } catch {
      recorded.body = request.rawBody;
    }
  }
  server.api.store.record(recorded);
  return recorded;
}
