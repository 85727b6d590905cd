import type { IncomingMessage, ServerResponse } from "node:http";
import { InjectedFaults } from "../shared/faults.ts";
import { bearerToken, writeJson } from "../shared/http.ts";
import { startStandIn, type StandIn, type StandInOptions } from "../shared/stand-in.ts";
import { findRoute, type ApiContext } from "./api.ts";
import { handleControl, type ControlContext } from "./control.ts";
import { apiErrors, ClickUpApiError } from "./errors.ts";
import { FAULT_PROFILE, type FaultKind, type FaultOptions } from "./faults.ts";
import type { SandboxRequest, SandboxResponse } from "./http.ts";
import { loadSandboxData } from "./persistence.ts";
import { DEFAULT_RATE_LIMIT, rateLimitHeaders, TokenRateLimiter, type RateLimitOptions } from "./rate-limit.ts";
import { ClickUpSandboxStore } from "./store.ts";

/**
 * A local stand-in for ClickUp's API v2, for demo mode and tests. Point a client at
 * `${sandbox.url}/api/v2` where it would use `https://api.clickup.com/api/v2`, with the
 * token in the Authorization header (`pk_…`, or `Bearer …`).
 */

export interface ClickUpSandboxOptions extends StandInOptions<FaultOptions> {
  /** Where people open lists and tasks: the app's Sandbox page. Unset: ClickUp's own links. */
  linkBase?: string;
  /** The personal token callers must send. */
  token: string;
  /** Requests per window per token (default 100 a minute); `false` turns limiting off. */
  rateLimit?: RateLimitOptions | false;
  /** Epoch ms, for dates on records and for rate limiting. */
  clock?: () => number;
  /** JSON file to load at start and keep up to date; in-memory when absent. */
  persistPath?: string;
}

export interface ClickUpSandbox extends StandIn<FaultOptions> {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash); the API is under /api/v2. */
  url: string;
  store: ClickUpSandboxStore;
}

/** What answering ClickUp's API takes. */
interface ApiServer {
  token: string;
  api: ApiContext;
  limiter: TokenRateLimiter | undefined;
  /** The limit an injected 429 reports. */
  limit: number;
  clock: () => number;
  faults: InjectedFaults<FaultKind, FaultOptions>;
}

export async function startClickUpSandbox(options: ClickUpSandboxOptions): Promise<ClickUpSandbox> {
  if (!options.token) throw new Error("startClickUpSandbox: token is required");
  const clock = options.clock ?? Date.now;
  const rateLimit = options.rateLimit === false ? false : (options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const limiter = rateLimit === false ? undefined : new TokenRateLimiter(rateLimit, clock);
  const store = new ClickUpSandboxStore(options.persistPath ? loadSandboxData(options.persistPath) : undefined, clock);
  store.linkBase = options.linkBase;
  const faults = new InjectedFaults(FAULT_PROFILE, options);
  const server: ApiServer = { token: options.token, api: { store }, limiter, limit: rateLimit ? rateLimit.limit : DEFAULT_RATE_LIMIT.limit, clock, faults };
  const control: ControlContext = { store, faults, rateLimit };

  const standIn = await startStandIn({
    port: options.port,
    faults,
    persist: { file: options.persistPath, store },
    request: (base) => base,
    control: (request) => handleControl(control, request),
    api: (req, res, request) => serveApi(server, req, res, request),
    tooLarge: (res) => sendError(res, apiErrors.tooLarge()),
    failed: (res) => sendError(res, apiErrors.internal()),
  });
  return { ...standIn, store };
}

function serveApi(server: ApiServer, req: IncomingMessage, res: ServerResponse, request: SandboxRequest) {
  const route = findRoute(request.method, request.segments);
  if (!route) return sendError(res, apiErrors.routeNotFound());
  const token = tokenFrom(req.headers.authorization);
  if (!token) return sendError(res, apiErrors.authHeaderMissing());
  if (token !== server.token) return sendError(res, apiErrors.tokenInvalid());

  const decision = server.limiter?.take(token);
  const headers = decision ? rateLimitHeaders(decision) : {};
  if (decision && !decision.allowed) return sendError(res, apiErrors.rateLimited(), headers);

  const answers = {
    // An injected 429 asks for a one-second wait, so fault tests stay quick.
    "429": () => sendError(res, apiErrors.rateLimited(), rateLimitHeaders({ allowed: false, limit: server.limit, remaining: 0, resetAt: server.clock() + 1_000 })),
    "500": () => sendError(res, apiErrors.internal(), headers),
    "503": () => sendError(res, apiErrors.unavailable(), headers),
  };
  server.faults.inject(req, answers, () => {
    try {
      const response = route.handler(server.api, request, route.params);
      return () => send(res, response, headers);
    } catch (error) {
      return () => sendError(res, error instanceof ClickUpApiError ? error : apiErrors.internal(), headers);
    }
  });
}

/** `Authorization: pk_…` for personal tokens, `Authorization: Bearer …` for OAuth ones. */
function tokenFrom(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  return bearerToken(value) ?? value;
}

function sendError(res: ServerResponse, error: ClickUpApiError, headers: Record<string, string> = {}) {
  writeJson(res, error.status, error.body, headers);
}

function send(res: ServerResponse, response: SandboxResponse, headers: Record<string, string>) {
  writeJson(res, response.status, response.body, { ...headers, ...response.headers });
}
