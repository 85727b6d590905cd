/**
 * What a failed outbound call means for its job: try again (and when), or stop.
 * 429, 5xx, timeouts and dropped connections are retried; other 4xx answers are the
 * request's fault and would fail the same way again, so the job is parked.
 */
export interface FailureClass {
  retryable: boolean;
  errorClass: string;
  retryAfterMs?: number;
  message: string;
}

const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT"]);

function statusOf(error: unknown): number | undefined {
  const e = error as { code?: unknown; status?: unknown; statusCode?: unknown; response?: { status?: unknown } };
  for (const v of [e?.code, e?.status, e?.statusCode, e?.response?.status]) if (typeof v === "number") return v;
  return undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const e = error as { headers?: Record<string, string> | Headers; retryAfterMs?: number; body?: unknown };
  if (typeof e?.retryAfterMs === "number") return e.retryAfterMs;
  const header = e?.headers instanceof Headers ? e.headers.get("retry-after") : e?.headers?.["retry-after"];
  const seconds = header ? Number(header) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

// The codes the official SDKs give errors that carry no HTTP status (Slack: @slack/web-api, Notion: @notionhq/client).
const SDK_RATE_LIMITED = new Set(["slack_webapi_rate_limited_error"]);
const SDK_NETWORK = new Set(["slack_webapi_request_error"]);
const SDK_TIMEOUT = new Set(["notionhq_client_request_timeout"]);

export function classifyFailure(error: unknown): FailureClass {
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0].slice(0, 500);
  const status = statusOf(error);
  const code = (error as { code?: unknown; cause?: { code?: unknown } })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  if (typeof code === "string" && SDK_RATE_LIMITED.has(code)) {
    const seconds = (error as { retryAfter?: unknown }).retryAfter;
    return { retryable: true, errorClass: "rate_limited", retryAfterMs: typeof seconds === "number" ? seconds * 1000 : undefined, message };
  }
  if (typeof code === "string" && SDK_NETWORK.has(code)) return { retryable: true, errorClass: "network", message };
  if (typeof code === "string" && SDK_TIMEOUT.has(code)) return { retryable: true, errorClass: "timeout", message };
  if (status === 429) return { retryable: true, errorClass: "rate_limited", retryAfterMs: retryAfterOf(error), message };
  if (status !== undefined && status >= 500) return { retryable: true, errorClass: `http_${status}`, message };
  if (status !== undefined && status >= 400) return { retryable: false, errorClass: `http_${status}`, message };
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return { retryable: true, errorClass: "timeout", message };
  if (typeof code === "string" && NETWORK_CODES.has(code)) return { retryable: true, errorClass: "network", message };
  if (/socket hang up|fetch failed|network|timed? ?out/i.test(message)) return { retryable: true, errorClass: "network", message };
  return { retryable: false, errorClass: "unexpected", message };
}
