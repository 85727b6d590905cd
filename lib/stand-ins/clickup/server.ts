import type { IncomingMessage, ServerResponse } from "node:http";
import { answerControl } from "../shared/control.ts";
import { HangingRequests } from "../shared/faults.ts";
import { closeServer, listen, sandboxServer, stopOnce, writeJson } from "../shared/http.ts";
import { DebouncedWriter } from "../shared/persistence.ts";
import { findRoute, type ApiContext } from "./api.ts";
import { CONTROL_PREFIX, handleControl, type ControlContext } from "./control.ts";
import { apiErrors, ClickUpApiError } from "./errors.ts";
import { DEFAULT_HANG_MS, faultOptionsSchema, pickFault, type FaultOptions } from "./faults.ts";
import type { SandboxRequest, SandboxResponse } from "./http.ts";
import { loadSandboxData } from "./persistence.ts";
import { DEFAULT_RATE_LIMIT, rateLimitHeaders, TokenRateLimiter, type RateLimitOptions } from "./rate-limit.ts";
import { ClickUpSandboxStore } from "./store.ts";

/**
 * A local stand-in for ClickUp's API v2, for demo mode and tests. Point a client at
 * `${sandbox.url}/api/v2` where it would use `https://api.clickup.com/api/v2`, with the
 * token in the Authorization header (`pk_…`, or `Bearer …`).
 */

export interface ClickUpSandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where people open lists and tasks: the app's Sandbox page. Unset: ClickUp's own links. */
  linkBase?: string;
  /** The personal token callers must send. */
  token: string;
  faults?: FaultOptions;
  /** Requests per window per token (default 100 a minute); `false` turns limiting off. */
  rateLimit?: RateLimitOptions | false;
  /** Randomness for fault injection; injectable for deterministic tests. */
  random?: () => number;
  /** Epoch ms, for dates on records and for rate limiting. */
  clock?: () => number;
  /** JSON file to load at start and keep up to date; in-memory when absent. */
  persistPath?: string;
}

export interface ClickUpSandbox {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash); the API is under /api/v2. */
  url: string;
  port: number;
  store: ClickUpSandboxStore;
  stop(): Promise<void>;
  /** Pass undefined/null (or rate 0) to turn faults off. */
  setFaults(faults: FaultOptions | null | undefined): void;
}

const HOST = "127.0.0.1";

/** `Authorization: pk_…` for personal tokens, `Authorization: Bearer …` for OAuth ones. */
function tokenFrom(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  return value.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? value;
}

export async function startClickUpSandbox(options: ClickUpSandboxOptions): Promise<ClickUpSandbox> {
  if (!options.token) throw new Error("startClickUpSandbox: token is required");
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const rateLimit = options.rateLimit === false ? false : (options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const limiter = rateLimit === false ? undefined : new TokenRateLimiter(rateLimit, clock);
  const loaded = options.persistPath ? loadSandboxData(options.persistPath) : undefined;
  const store = new ClickUpSandboxStore(loaded, clock);
  store.linkBase = options.linkBase;
  const writer = options.persistPath ? new DebouncedWriter(options.persistPath, store) : undefined;

  let faults = options.faults ? faultOptionsSchema.parse(options.faults) : undefined;
  const hangs = new HangingRequests();
  let baseUrl = "";

  const api: ApiContext = { store };
  const control: ControlContext = {
    store,
    faults: () => faults,
    setFaults: (f) => {
      faults = f && f.rate > 0 ? faultOptionsSchema.parse(f) : undefined;
    },
    rateLimit,
  };

  const sendError = (res: ServerResponse, error: ClickUpApiError, headers: Record<string, string> = {}) => writeJson(res, error.status, error.body, headers);
  const send = (res: ServerResponse, response: SandboxResponse, headers: Record<string, string>) =>
    writeJson(res, response.status, response.body, { ...headers, ...response.headers });

  function serveApi(req: IncomingMessage, res: ServerResponse, request: SandboxRequest) {
    const route = findRoute(request.method, request.segments);
    if (!route) return sendError(res, apiErrors.routeNotFound());
    const token = tokenFrom(req.headers.authorization);
    if (!token) return sendError(res, apiErrors.authHeaderMissing());
    if (token !== options.token) return sendError(res, apiErrors.tokenInvalid());

    const decision = limiter?.take(token);
    const headers = decision ? rateLimitHeaders(decision) : {};
    if (decision && !decision.allowed) return sendError(res, apiErrors.rateLimited(), headers);

    const fault = pickFault(faults, random);
    switch (fault) {
      case "429":
        // An injected 429 asks for a one-second wait, so fault tests stay quick.
        return sendError(res, apiErrors.rateLimited(), rateLimitHeaders({ allowed: false, limit: rateLimit ? rateLimit.limit : DEFAULT_RATE_LIMIT.limit, remaining: 0, resetAt: clock() + 1_000 }));
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
      response = route.handler(api, request, route.params);
    } catch (error) {
      if (fault === "lost_response") return req.socket.destroy();
      return sendError(res, error instanceof ClickUpApiError ? error : apiErrors.internal(), headers);
    }
    // The write (if any) is done; the caller never hears about it.
    if (fault === "lost_response") return req.socket.destroy();
    send(res, response, headers);
  }

  const server = sandboxServer(() => baseUrl, {
    serve: async (req, res, request) => {
      if (request.segments[0] === CONTROL_PREFIX) await answerControl(req, res, () => handleControl(control, request));
      else serveApi(req, res, request);
    },
    tooLarge: (res) => sendError(res, apiErrors.tooLarge()),
    failed: (res) => sendError(res, apiErrors.internal()),
  });
  const port = await listen(server, HOST, options.port);
  baseUrl = `http://${HOST}:${port}`;

  const stop = stopOnce(async () => {
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
  };
}
