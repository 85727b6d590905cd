import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { InjectedFaults } from "../shared/faults.ts";
import { bearerToken, writeJson } from "../shared/http.ts";
import { startStandIn, type StandIn, type StandInOptions } from "../shared/stand-in.ts";
import { handleMethod, isKnownMethod, slackError, type ApiContext } from "./api.ts";
import { handleControl, type ControlContext } from "./control.ts";
import { FAULT_PROFILE, type FaultKind, type FaultOptions } from "./faults.ts";
import { readParams, type SandboxRequest, type SandboxResponse } from "./http.ts";
import { Interactivity, type ClickInput, type ClickResult } from "./interactivity.ts";
import { ChannelRateLimiter, type RateLimitOptions } from "./rate-limit.ts";
import { SlackSandboxStore } from "./store.ts";

/**
 * A local stand-in for Slack's Web API and interactivity, for demo mode and tests. Point the
 * official SDK at it with `new WebClient(token, { slackApiUrl: `${sandbox.url}/api/` })`.
 */

export interface SlackSandboxOptions extends StandInOptions<FaultOptions> {
  /** Where people open messages (chat.getPermalink): the app's Sandbox page. Unset: Slack's own permalinks. */
  linkBase?: string;
  /** The bot token callers must send (Authorization: Bearer, or a `token` argument). */
  token: string;
  /** Signs button clicks; a random one (readable as `sandbox.signingSecret`) when absent. */
  signingSecret?: string;
  /** The app's Interactivity Request URL that clicks are POSTed to. */
  interactionUrl?: string;
  /** chat.postMessage per-channel limit; `false` turns it off. */
  rateLimit?: RateLimitOptions | false;
  /** Epoch ms, for message ts, rate limiting and click timestamps. */
  clock?: () => number;
  /** The bot token's OAuth scopes, sent as X-OAuth-Scopes like Slack does. */
  scopes?: readonly string[];
}

export const DEFAULT_BOT_SCOPES = ["chat:write", "channels:read", "channels:history", "groups:history", "users:read", "users:read.email"] as const;

export interface SlackSandbox extends StandIn<FaultOptions> {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash); the Web API is under /api/. */
  url: string;
  signingSecret: string;
  store: SlackSandboxStore;
  /** Delivers a signed block_actions payload to interactionUrl and returns the receiver's answer. */
  clickButton(input: ClickInput): Promise<ClickResult>;
}

/** What answering Slack's Web API takes. */
interface ApiServer {
  token: string;
  scopes: readonly string[];
  api: ApiContext;
  faults: InjectedFaults<FaultKind, FaultOptions>;
}

export async function startSlackSandbox(options: SlackSandboxOptions): Promise<SlackSandbox> {
  if (!options.token) throw new Error("startSlackSandbox: token is required");
  const clock = options.clock ?? Date.now;
  const signingSecret = options.signingSecret ?? randomBytes(16).toString("hex");
  const store = new SlackSandboxStore(clock);
  store.linkBase = options.linkBase;
  const api: ApiContext = { store, limiter: options.rateLimit === false ? undefined : new ChannelRateLimiter(options.rateLimit, clock) };
  const faults = new InjectedFaults(FAULT_PROFILE, options);
  const server: ApiServer = { token: options.token, scopes: options.scopes ?? DEFAULT_BOT_SCOPES, api, faults };
  let baseUrl = "";
  const interactivity = new Interactivity(store, { signingSecret, interactionUrl: options.interactionUrl, baseUrl: () => baseUrl, clock });
  const control: ControlContext = { store, interactivity, faults };

  const standIn = await startStandIn({
    port: options.port,
    faults,
    request: (base, req): SandboxRequest => ({ ...base, contentType: (req.headers["content-type"] ?? "").toLowerCase(), authorization: req.headers.authorization }),
    control: (request) => handleControl(control, request),
    api: (req, res, request) => serveApi(server, req, res, request),
    tooLarge: (res) => writeJson(res, 413, { ok: false, error: "request_too_large" }),
    failed: (res) => writeJson(res, 500, { ok: false, error: "internal_error" }),
  });
  baseUrl = standIn.url;

  return { ...standIn, signingSecret, store, clickButton: (input) => interactivity.click(input) };
}

function serveApi(server: ApiServer, req: IncomingMessage, res: ServerResponse, request: SandboxRequest) {
  const [, method] = request.segments;
  if (request.segments[0] !== "api" || !method || request.segments.length !== 2 || !isKnownMethod(method)) return send(res, slackError("unknown_method", 404));

  const parsed = readParams(request);
  if ("error" in parsed) return send(res, slackError(parsed.error));
  const token = bearerToken(request.authorization) ?? (typeof parsed.params.token === "string" ? parsed.params.token : undefined);
  if (!token) return send(res, slackError("not_authed"));
  if (token !== server.token) return send(res, slackError("invalid_auth"));

  const answers = {
    "429": () => send(res, slackError("ratelimited", 429, { "Retry-After": "1" })),
    "500": () => send(res, slackError("internal_error", 500)),
    "503": () => send(res, slackError("service_unavailable", 503)),
  };
  server.faults.inject(req, answers, () => {
    const response = handleMethod(server.api, method, parsed.params);
    response.headers = { ...response.headers, "X-OAuth-Scopes": server.scopes.join(",") };
    return () => send(res, response);
  });
}

function send(res: ServerResponse, response: SandboxResponse) {
  writeJson(res, response.status, response.body, response.headers);
}
