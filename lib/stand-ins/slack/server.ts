import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerControl } from "../shared/control.ts";
import { closeServer, listen, sandboxServer, stopOnce, writeJson } from "../shared/http.ts";
import { handleMethod, isKnownMethod, slackError, type ApiContext } from "./api.ts";
import { CONTROL_PREFIX, handleControl, type ControlContext } from "./control.ts";
import { faultOptionsSchema, pickFault, type FaultOptions } from "./faults.ts";
import { readParams, type SandboxRequest, type SandboxResponse } from "./http.ts";
import { Interactivity, type ClickInput, type ClickResult } from "./interactivity.ts";
import { ChannelRateLimiter, type RateLimitOptions } from "./rate-limit.ts";
import { SlackSandboxStore } from "./store.ts";

/**
 * A local stand-in for Slack's Web API and interactivity, for demo mode and tests. Point the
 * official SDK at it with `new WebClient(token, { slackApiUrl: `${sandbox.url}/api/` })`.
 */

export interface SlackSandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where people open messages (chat.getPermalink): the app's Sandbox page. Unset: Slack's own permalinks. */
  linkBase?: string;
  /** The bot token callers must send (Authorization: Bearer, or a `token` argument). */
  token: string;
  /** Signs button clicks; a random one (readable as `sandbox.signingSecret`) when absent. */
  signingSecret?: string;
  /** The app's Interactivity Request URL that clicks are POSTed to. */
  interactionUrl?: string;
  faults?: FaultOptions;
  /** chat.postMessage per-channel limit; `false` turns it off. */
  rateLimit?: RateLimitOptions | false;
  /** Randomness for fault injection; injectable for deterministic tests. */
  random?: () => number;
  /** Epoch ms, for message ts, rate limiting and click timestamps. */
  clock?: () => number;
  /** The bot token's OAuth scopes, sent as X-OAuth-Scopes like Slack does. */
  scopes?: readonly string[];
}

export const DEFAULT_BOT_SCOPES = ["chat:write", "channels:read", "channels:history", "groups:history", "users:read", "users:read.email"] as const;

export interface SlackSandbox {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash); the Web API is under /api/. */
  url: string;
  port: number;
  signingSecret: string;
  store: SlackSandboxStore;
  stop(): Promise<void>;
  /** Pass undefined/null (or rate 0) to turn faults off. */
  setFaults(faults: FaultOptions | null | undefined): void;
  /** Delivers a signed block_actions payload to interactionUrl and returns the receiver's answer. */
  clickButton(input: ClickInput): Promise<ClickResult>;
}

const HOST = "127.0.0.1";

export async function startSlackSandbox(options: SlackSandboxOptions): Promise<SlackSandbox> {
  if (!options.token) throw new Error("startSlackSandbox: token is required");
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const signingSecret = options.signingSecret ?? randomBytes(16).toString("hex");
  const store = new SlackSandboxStore(clock);
  store.linkBase = options.linkBase;
  const api: ApiContext = { store, limiter: options.rateLimit === false ? undefined : new ChannelRateLimiter(options.rateLimit, clock) };
  let faults = options.faults ? faultOptionsSchema.parse(options.faults) : undefined;
  let baseUrl = "";

  const interactivity = new Interactivity(store, { signingSecret, interactionUrl: options.interactionUrl, baseUrl: () => baseUrl, clock });
  const control: ControlContext = {
    store,
    interactivity,
    faults: () => faults,
    setFaults: (f) => {
      faults = f && f.rate > 0 ? faultOptionsSchema.parse(f) : undefined;
    },
  };

  const send = (res: ServerResponse, response: SandboxResponse) => writeJson(res, response.status, response.body, response.headers);

  function serveApi(req: IncomingMessage, res: ServerResponse, request: SandboxRequest) {
    const [, method] = request.segments;
    if (request.segments[0] !== "api" || !method || request.segments.length !== 2 || !isKnownMethod(method)) return send(res, slackError("unknown_method", 404));

    const parsed = readParams(request);
    if ("error" in parsed) return send(res, slackError(parsed.error));
    const bearer = request.authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    const token = bearer ?? (typeof parsed.params.token === "string" ? parsed.params.token : undefined);
    if (!token) return send(res, slackError("not_authed"));
    if (token !== options.token) return send(res, slackError("invalid_auth"));

    const fault = pickFault(faults, random);
    switch (fault) {
      case "429":
        return send(res, slackError("ratelimited", 429, { "Retry-After": "1" }));
      case "500":
        return send(res, slackError("internal_error", 500));
      case "503":
        return send(res, slackError("service_unavailable", 503));
      case "reset":
        req.socket.destroy();
        return;
    }
    const response = handleMethod(api, method, parsed.params);
    response.headers = { ...response.headers, "X-OAuth-Scopes": (options.scopes ?? DEFAULT_BOT_SCOPES).join(",") };
    // The post (if any) is done; the caller never hears about it.
    if (fault === "lost_response") return req.socket.destroy();
    send(res, response);
  }

  const server = sandboxServer(() => baseUrl, {
    serve: async (req, res, base) => {
      const request: SandboxRequest = { ...base, contentType: (req.headers["content-type"] ?? "").toLowerCase(), authorization: req.headers.authorization };
      if (request.segments[0] === CONTROL_PREFIX) await answerControl(req, res, () => handleControl(control, request));
      else serveApi(req, res, request);
    },
    tooLarge: (res) => writeJson(res, 413, { ok: false, error: "request_too_large" }),
    failed: (res) => writeJson(res, 500, { ok: false, error: "internal_error" }),
  });
  const port = await listen(server, HOST, options.port);
  baseUrl = `http://${HOST}:${port}`;

  const stop = stopOnce(() => closeServer(server));

  return {
    url: baseUrl,
    port,
    signingSecret,
    store,
    stop,
    setFaults: (f) => control.setFaults(f ?? undefined),
    clickButton: (input) => interactivity.click(input),
  };
}
