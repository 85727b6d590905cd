import type { IncomingMessage, ServerResponse } from "node:http";
import { answerControl, CONTROL_PREFIX } from "./control.ts";
import type { FaultOptionsOf, InjectedFaults } from "./faults.ts";
import { closeServer, listen, sandboxServer, stopOnce, type SandboxRequest, type SandboxResponse } from "./http.ts";
import { DebouncedWriter, type PersistentStore } from "./persistence.ts";

/**
 * A stand-in's life, the same for every vendor: an HTTP server on loopback, the control API
 * under /__sandbox beside the vendor's API, injected faults, the data file kept up to date, and
 * a stop() that ends it all. Each vendor's server.ts says only what is its own: how its API reads
 * a request and answers it, in its own error shapes.
 */

/** What every stand-in is started with, besides its vendor's own options. */
export interface StandInOptions<F> {
  /** 0 (the default) picks a free port. */
  port?: number;
  faults?: F;
  /** Randomness for fault injection; injectable for deterministic tests. */
  random?: () => number;
}

/** What every running stand-in offers, besides its vendor's own. */
export interface StandIn<F> {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash). */
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Pass undefined/null (or rate 0) to turn faults off. */
  setFaults(faults: F | null | undefined): void;
}

export interface StandInSpec<R extends SandboxRequest, F extends FaultOptionsOf<string>> {
  /** Loopback (the default) only: the control API has no auth. */
  host?: string;
  port?: number;
  faults: InjectedFaults<string, F>;
  /** The store to keep in `file`, written a moment after each change; in memory when `file` is unset. */
  persist?: { file: string | undefined; store: PersistentStore };
  /** The request as the vendor's API and control API read it: the shared one plus what they read besides. */
  request(base: SandboxRequest, req: IncomingMessage, baseUrl: string): R;
  /** Answers a control API call; it is never subject to faults or rate limits. */
  control(request: R): SandboxResponse | Promise<SandboxResponse>;
  /** Answers an error the control API threw in the vendor's own way (else a 500 naming it). */
  controlFailure?(error: unknown): SandboxResponse | undefined;
  /** Answers everything that is not the control API. */
  api(req: IncomingMessage, res: ServerResponse, request: R): void;
  /** Answers a body over MAX_BODY_BYTES, in the vendor's own error shape. */
  tooLarge(res: ServerResponse): void;
  /** Answers a request whose handling threw before anything was sent, in the vendor's own error shape. */
  failed(res: ServerResponse): void;
  /** What the vendor winds down when stopping, before the server closes. */
  beforeStop?(): void | Promise<void>;
}

export async function startStandIn<R extends SandboxRequest, F extends FaultOptionsOf<string>>(spec: StandInSpec<R, F>): Promise<StandIn<F>> {
  const host = spec.host ?? "127.0.0.1";
  const writer = spec.persist?.file ? new DebouncedWriter(spec.persist.file, spec.persist.store) : undefined;
  let baseUrl = "";

  const server = sandboxServer(() => baseUrl, {
    serve: async (req, res, base) => {
      const request = spec.request(base, req, baseUrl);
      if (request.segments[0] === CONTROL_PREFIX) await answerControl(req, res, () => spec.control(request), spec.controlFailure);
      else spec.api(req, res, request);
    },
    tooLarge: (res) => spec.tooLarge(res),
    failed: (res) => spec.failed(res),
  });
  const port = await listen(server, host, spec.port);
  baseUrl = `http://${host}:${port}`;

  const stop = stopOnce(async () => {
    await spec.beforeStop?.();
    spec.faults.dropHeld();
    await closeServer(server);
    writer?.close();
  });

  return { url: baseUrl, port, stop, setFaults: (faults) => spec.faults.set(faults ?? undefined) };
}
