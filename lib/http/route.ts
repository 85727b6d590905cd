import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { env } from "../env.ts";
import { invalidInput, isDomainError } from "../errors.ts";
import { logger } from "../log/logger.ts";
import { parseJsonBody, readBodyText } from "./body.ts";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

export interface ErrorBody {
  error: { code: string; message: string; fieldErrors?: Record<string, string[]>; traceId?: string };
}

/**
 * Wraps a route handler: refuses cross-site state changes, maps expected errors to
 * precise 4xx answers, and logs unexpected ones with a trace id the user can quote.
 */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const traceId = request.headers.get("x-trace-id") ?? randomUUID();
    try {
      if (!["GET", "HEAD", "OPTIONS"].includes(request.method) && !sameOrigin(request)) {
        return json({ error: { code: "FORBIDDEN", message: "Cross-site requests are not allowed." } }, 403);
      }
      return await handler(request, context);
    } catch (error) {
      if (isDomainError(error)) {
        return json({ error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } }, error.httpStatus);
      }
      if (error instanceof ZodError) {
        const refused = invalidInput(error);
        return json({ error: { code: refused.code, message: refused.message, fieldErrors: refused.fieldErrors } }, refused.httpStatus);
      }
      if (isUnstorableText(error)) {
        return json({ error: { code: "INVALID", message: "The request contains characters that cannot be stored, such as a NUL character or invalid UTF-8. Remove them and try again." } }, 422);
      }
      if (isStatementTimeout(error)) {
        logger.warn({ traceId, method: request.method, url: new URL(request.url).pathname }, "statement timeout");
        return json({ error: { code: "TIMEOUT", message: "This took too long and was stopped. Narrow the period or the filters and try again.", traceId } }, 503);
      }
      logger.error({ err: error, traceId, method: request.method, url: new URL(request.url).pathname }, "unhandled error in route");
      return json({ error: { code: "INTERNAL", message: `Something went wrong on our side. Reference: ${traceId}`, traceId } }, 500);
    }
  };
}

/** The SQLSTATE PostgreSQL answered with, as Prisma's driver adapter reports it. */
function sqlState(error: unknown): string | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } } | null)?.meta;
  return meta?.driverAdapterError?.cause?.originalCode;
}

/** PostgreSQL cancelled the statement at STATEMENT_TIMEOUT_MS (SQLSTATE 57014). */
export function isStatementTimeout(error: unknown): boolean {
  return sqlState(error) === "57014";
}

/** Text PostgreSQL cannot hold, wherever it came from (a path segment, say): NUL (22021) or untranslatable (22P05). */
export function isUnstorableText(error: unknown): boolean {
  const state = sqlState(error);
  return state === "22021" || state === "22P05";
}

function json(body: ErrorBody, status: number) {
  return NextResponse.json(body, { status });
}

/** Browsers send Origin on cross-site POSTs; it must be our own. */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true; // not a browser form/fetch from another site (e.g. curl, server-to-server)
  // X-Forwarded-Host is anyone's to send: it counts only behind a proxy we were told about.
  const forwarded = env().TRUST_PROXY ? request.headers.get("x-forwarded-host") : null;
  const host = forwarded ?? request.headers.get("host");
  try {
    const o = new URL(origin);
    return o.host === host || o.origin === new URL(env().APP_URL).origin;
  } catch {
    return false;
  }
}

export async function readJson(request: Request, maxBytes = 64 * 1024): Promise<unknown> {
  return parseJsonBody(await readBodyText(request, maxBytes));
}
