import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** HTTP plumbing shared by the local vendor stand-ins (HubSpot, Slack, …). */

/** A request as the stand-ins route it; each adds what its vendor's API reads besides. */
export interface SandboxRequest {
  method: string;
  path: string;
  /** Decoded path segments, trailing slash ignored. */
  segments: string[];
  query: URLSearchParams;
  rawBody: string;
}

export interface SandboxResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The request parts every stand-in routes on, once the body has been read. */
export function sandboxRequest(req: IncomingMessage, url: URL, rawBody: string): SandboxRequest {
  return { method: (req.method ?? "GET").toUpperCase(), path: url.pathname, segments: pathSegments(url.pathname), query: url.searchParams, rawBody };
}

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** A body over MAX_BODY_BYTES; each stand-in answers it in its vendor's own error shape. */
export class BodyTooLargeError extends Error {}

/** Reads a request body as text, giving up (and dropping the connection) past MAX_BODY_BYTES. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError("Request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Decoded path segments, trailing slash ignored. */
export function pathSegments(pathname: string): string[] {
  return pathname
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  return header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
}

export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent || res.destroyed) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (body === undefined || status === 204) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export interface SandboxHandlers {
  /** Answers a request whose body has been read whole. */
  serve(req: IncomingMessage, res: ServerResponse, request: SandboxRequest): void | Promise<void>;
  /** Answers a body over MAX_BODY_BYTES, in the vendor's own error shape. */
  tooLarge(res: ServerResponse): void;
  /** Answers a request whose handling threw before anything was sent, in the vendor's own error shape. */
  failed(res: ServerResponse): void;
}

/**
 * A stand-in's HTTP server. Handlers get the body already read, since every vendor API here
 * takes small JSON or form bodies; a body that cannot be read (the client went away) just
 * drops the connection. `baseUrl` is read per request because it is only known once listening.
 */
export function sandboxServer(baseUrl: () => string, handlers: SandboxHandlers): Server {
  return createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", baseUrl());
      let rawBody: string;
      try {
        rawBody = await readBody(req);
      } catch (error) {
        if (error instanceof BodyTooLargeError) handlers.tooLarge(res);
        else req.socket.destroy();
        return;
      }
      await handlers.serve(req, res, sandboxRequest(req, url, rawBody));
    })().catch(() => {
      if (!res.headersSent) handlers.failed(res);
    });
  });
}

/** Starts listening and resolves with the port; keep-alive clients must not hold up stop(). */
export async function listen(server: Server, host: string, port = 0): Promise<number> {
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Closes the server and drops its open connections (keep-alive ones included), so stop() does not wait for them to idle out. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A stop() that does its work once, however often it is called (a test's cleanup may stop a sandbox the test already stopped). */
export function stopOnce(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= stop());
}
