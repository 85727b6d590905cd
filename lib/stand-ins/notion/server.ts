import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerControl } from "../shared/control.ts";
import { HangingRequests } from "../shared/faults.ts";
import { closeServer, listen, sandboxServer, stopOnce, writeJson } from "../shared/http.ts";
import { DebouncedWriter } from "../shared/persistence.ts";
import { matchRoute, readJsonBody, readPathIds, type ApiContext } from "./api.ts";
import { CONTROL_PREFIX, handleControl, type ControlContext } from "./control.ts";
import { NOTION_VERSION, NotionApiError, notionErrors } from "./errors.ts";
import { DEFAULT_HANG_MS, faultOptionsSchema, pickFault, type FaultOptions } from "./faults.ts";
import type { SandboxRequest } from "./http.ts";
import { loadSandboxData } from "./persistence.ts";
import { DEFAULT_RATE_LIMIT, TokenRateLimiter, type RateLimitOptions } from "./rate-limit.ts";
import { NotionSandboxStore, type RecordedRequest } from "./store.ts";

/**
 * A local stand-in for Notion's API (version 2025-09-03), for demo mode and tests. Point the
 * official SDK at it with `new Client({ auth: token, baseUrl: sandbox.url })`; the SDK adds /v1.
 */

export interface NotionSandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where people open pages: the app's Sandbox page. Unset: Notion's own links. */
  linkBase?: string;
  /** The integration token callers must send as `Authorization: Bearer`. */
  token: string;
  faults?: FaultOptions;
  /** Per-token token bucket; defaults to 3 requests/second with bursts of 10. `false` turns it off. */
  rateLimit?: RateLimitOptions | false;
  /** Randomness for fault injection; injectable for deterministic tests. */
  random?: () => number;
  /** Epoch ms, for timestamps and rate limiting. */
  clock?: () => number;
  /** JSON file to load at start and keep up to date; in-memory when absent. */
  persistPath?: string;
}

export interface NotionSandbox {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash); the API is under /v1. */
  url: string;
  port: number;
  store: NotionSandboxStore;
  stop(): Promise<void>;
  /** Pass undefined/null (or rate 0) to turn faults off. */
  setFaults(faults: FaultOptions | null | undefined): void;
}

const HOST = "127.0.0.1";

function openStore(persistPath: string | undefined, clock: () => number): NotionSandboxStore {
  const data = persistPath ? loadSandboxData(persistPath) : undefined;
  try {
    return new NotionSandboxStore(data, clock);
  } catch (error) {
    throw new Error(`${(error as Error).message} (in ${persistPath}; move it aside to start fresh)`);
  }
}

export async function startNotionSandbox(options: NotionSandboxOptions): Promise<NotionSandbox> {
  if (!options.token) throw new Error("startNotionSandbox: token is required");
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const store = openStore(options.persistPath, clock);
  store.linkBase = options.linkBase;
  const writer = options.persistPath ? new DebouncedWriter(options.persistPath, store) : undefined;
  const rateLimit = options.rateLimit === false ? false : (options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const limiter = rateLimit ? new TokenRateLimiter(rateLimit, clock) : undefined;
  const api: ApiContext = { store };
  let faults = options.faults ? faultOptionsSchema.parse(options.faults) : undefined;
  const hangs = new HangingRequests();
  let baseUrl = "";

  const control: ControlContext = {
    store,
    rateLimit,
    faults: () => faults,
    setFaults: (f) => {
      faults = f && f.rate > 0 ? faultOptionsSchema.parse(f) : undefined;
    },
  };

  function serveApi(req: IncomingMessage, res: ServerResponse, request: SandboxRequest) {
    const requestId = randomUUID();
    const recorded: RecordedRequest = { at: new Date(clock()).toISOString(), method: request.method, path: request.path, query: Object.fromEntries(request.query), body: undefined };
    if (request.rawBody.trim() !== "") {
      try {
        recorded.body = JSON.parse(request.rawBody);
      } catch {
        recorded.body = request.rawBody;
      }
    }
    store.record(recorded);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      recorded.status = status;
      writeJson(res, status, body, { ...headers, "x-notion-request-id": requestId });
    };
    const fail = (error: NotionApiError) => send(error.status, error.body(requestId), error.headers);

    const token = request.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    if (token !== options.token) return fail(notionErrors.unauthorized());
    const version = request.headers["notion-version"];
    if (typeof version !== "string" || version.trim() === "") return fail(notionErrors.missingVersion());
    if (version !== NOTION_VERSION) return fail(notionErrors.unsupportedVersion(version));
    const route = matchRoute(request.method, request.segments);
    if (!route) return fail(notionErrors.invalidRequestUrl());

    const decision = limiter?.take(token);
    if (decision && !decision.allowed) return fail(notionErrors.rateLimited(decision.retryAfterSeconds));

    const fault = pickFault(faults, random);
    switch (fault) {
      case "429":
        return fail(notionErrors.rateLimited(1));
      case "529":
        return fail(notionErrors.overloaded(1));
      case "500":
        return fail(notionErrors.internal());
      case "503":
        return fail(notionErrors.unavailable());
      case "timeout":
        return hangs.hold(req, faults?.hangMs ?? DEFAULT_HANG_MS);
      case "reset":
        return req.socket.destroy();
    }

    let status = 200;
    let body: unknown;
    try {
      body = route.handler(api, { params: readPathIds(route.captures), query: request.query, body: readJsonBody(request.method, request.rawBody) });
    } catch (error) {
      const notionError = error instanceof NotionApiError ? error : notionErrors.internal();
      status = notionError.status;
      body = notionError;
    }
    // The write (if any) is done; the caller never hears about it.
    if (fault === "lost_response") return req.socket.destroy();
    if (body instanceof NotionApiError) return fail(body);
    send(status, body);
  }

  const server = sandboxServer(() => baseUrl, {
    serve: async (req, res, base) => {
      const request: SandboxRequest = { ...base, headers: req.headers };
      if (request.segments[0] === CONTROL_PREFIX) await answerControl(req, res, () => handleControl(control, request));
      else serveApi(req, res, request);
    },
    tooLarge: (res) => writeJson(res, 413, notionErrors.validation("Request body too large.").body(randomUUID())),
    failed: (res) => writeJson(res, 500, notionErrors.internal().body(randomUUID())),
  });
  const port = await listen(server, HOST, options.port);
  baseUrl = `http://${HOST}:${port}`;

  const stop = stopOnce(async () => {
    hangs.dropAll();
    await closeServer(server);
    writer?.close();
  });

  return { url: baseUrl, port, store, stop, setFaults: (f) => control.setFaults(f ?? undefined) };
}
