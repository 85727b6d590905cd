import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { writeJson, type SandboxResponse } from "./http.ts";

/**
 * Plumbing for the stand-ins' control API (/__sandbox), which the demo's sandbox panel and the
 * tests use to look inside a stand-in and steer it. It is not part of any vendor's API, so it
 * has one shape for all of them: plain JSON, no auth, never subject to faults or rate limits.
 */

export const CONTROL_PREFIX = "__sandbox";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * Answers a control API call. The API has no auth, so it answers callers on this machine
 * only. A handler that throws gets a 500 naming the error, unless `failure` answers that
 * error in the vendor's own way.
 */
export async function answerControl(
  req: IncomingMessage,
  res: ServerResponse,
  handle: () => SandboxResponse | Promise<SandboxResponse>,
  failure: (error: unknown) => SandboxResponse | undefined = () => undefined,
): Promise<void> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? "")) return writeJson(res, 403, { error: "The sandbox control API answers loopback callers only." });
  try {
    const response = await handle();
    writeJson(res, response.status, response.body);
  } catch (error) {
    const response = failure(error) ?? { status: 500, body: { error: error instanceof Error ? error.message : String(error) } };
    writeJson(res, response.status, response.body);
  }
}

/** Parses a control API JSON body; an empty body counts as `{}`, and anything not JSON is undefined (for the schema to reject). */
export function controlBody(raw: string): unknown {
  try {
    return raw.trim() === "" ? {} : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export const badRequest = (error: string): SandboxResponse => ({ status: 400, body: { error } });

/** The injected faults as the control API sees them; the stand-in validates them again when set. */
export interface FaultSwitch<F> {
  current(): F | undefined;
  set(faults: F | undefined): void;
}

/** GET faults: what is being injected, null for nothing. */
export function faultsAnswer<F>(faults: FaultSwitch<F>): SandboxResponse {
  return { status: 200, body: { faults: faults.current() ?? null } };
}

/** POST faults: replaces what is injected (rate 0 turns it off); a body that does not fit the schema gets a 400 saying what was `expected`. */
export function setFaults<F extends { rate: number }>(faults: FaultSwitch<F>, schema: z.ZodType<F>, rawBody: string, expected: string): SandboxResponse {
  const parsed = schema.safeParse(controlBody(rawBody));
  if (!parsed.success) return badRequest(expected);
  faults.set(parsed.data.rate > 0 ? parsed.data : undefined);
  return faultsAnswer(faults);
}
