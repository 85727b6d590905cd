import type { IncomingMessage } from "node:http";
import { z } from "zod";
import type { FaultSwitch } from "./control.ts";

/**
 * Injected failures, shared by the stand-ins so every vendor's fault tests drive them the same
 * way: a rate (0..1) of API calls that fail, and which kinds of failure to draw from.
 *
 * A stand-in's own kinds are its error answers ("429", "500", …), each answered in its vendor's
 * error shape; what they are differs, since what a vendor's SDK retries differs. The other kinds
 * are the connection's, carried out here the same way for every vendor: "timeout" never answers
 * (nothing is done) until the hang ends or the sandbox stops; "reset" drops the connection before
 * doing anything; "lost_response" performs the call, then drops the connection, so the write
 * happened but the caller cannot know it.
 */

type ConnectionFault = "timeout" | "reset" | "lost_response";

/** The kinds a stand-in answers in its vendor's own error shape. */
export type AnswerKind<K extends string> = Exclude<K, ConnectionFault>;

/** How one call answers each of the stand-in's error kinds. */
export type FaultAnswers<K extends string> = Record<AnswerKind<K>, () => void>;

/** What a stand-in can be told to inject: how often, which kinds, and (with "timeout") how long to hang. */
export interface FaultOptionsOf<K extends string> {
  rate: number;
  kinds?: readonly K[];
  hangMs?: number;
}

export interface FaultProfile<K extends string, F extends FaultOptionsOf<K>> {
  /** Every kind the stand-in can inject: its error answers, then the connection's. */
  kinds: readonly K[];
  /** Drawn when the faults name no kinds: the transient failures a client is expected to retry (the error answers and "reset"); timeouts and lost responses are opt-in. */
  defaultKinds: readonly K[];
  /** `{ rate, kinds?, hangMs? }`, the kinds limited to the stand-in's own. */
  schema: z.ZodType<F>;
  /** How long a "timeout" holds the connection when the faults do not say; only stand-ins that inject timeouts have one. */
  hangMs?: number;
}

type Answers = readonly [string, ...string[]];

/** A stand-in that answers its error kinds and can drop the connection ("reset", "lost_response"). */
export function faultProfile<const A extends Answers>(answers: A) {
  type K = A[number] | "reset" | "lost_response";
  const kinds: readonly [...A, "reset", "lost_response"] = [...answers, "reset", "lost_response"];
  const defaultKinds: readonly K[] = [...answers, "reset"];
  const schema = faultOptionsFor<K>(kinds);
  return { kinds, defaultKinds, schema } satisfies FaultProfile<K, z.infer<typeof schema>>;
}

/** The same, and "timeout" too, which holds the connection for `hangMs` unless the faults say otherwise. */
export function hangingFaultProfile<const A extends Answers>(answers: A, hangMs: number) {
  type K = A[number] | ConnectionFault;
  const kinds: readonly [...A, "timeout", "reset", "lost_response"] = [...answers, "timeout", "reset", "lost_response"];
  const defaultKinds: readonly K[] = [...answers, "reset"];
  const schema = faultOptionsFor<K>(kinds).extend({
    /** How long a "timeout" holds the connection before dropping it. */
    hangMs: z.number().int().min(0).max(600_000).optional(),
  });
  return { kinds, defaultKinds, schema, hangMs } satisfies FaultProfile<K, z.infer<typeof schema>>;
}

/** `{ rate, kinds? }`, the kinds limited to the stand-in's own. */
function faultOptionsFor<K extends string>(kinds: readonly K[]) {
  return z.object({
    rate: z.number().min(0).max(1),
    kinds: z.array(z.enum(kinds)).min(1).optional(),
  });
}

/**
 * The faults a running stand-in injects: those it was started with, then whatever the control
 * API sets (rate 0 turns them off). Also holds the calls a "timeout" keeps waiting.
 */
export class InjectedFaults<K extends string, F extends FaultOptionsOf<K>> implements FaultSwitch<F> {
  private options: F | undefined;
  private readonly random: () => number;
  private readonly hangs = new HangingRequests();

  constructor(
    private readonly profile: FaultProfile<K, F>,
    start: { faults?: F; random?: () => number },
  ) {
    this.random = start.random ?? Math.random;
    this.options = start.faults ? profile.schema.parse(start.faults) : undefined;
  }

  current(): F | undefined {
    return this.options;
  }

  set(faults: F | undefined) {
    this.options = faults && faults.rate > 0 ? this.profile.schema.parse(faults) : undefined;
  }

  /**
   * One API call that got past auth and rate limiting: draws its fault and carries it out. An
   * error kind gets the vendor's answer; otherwise `perform` does the call and says how to
   * answer it, which a "lost_response" drops.
   */
  inject(req: IncomingMessage, answers: FaultAnswers<K>, perform: () => () => void): void {
    const fault = this.draw();
    const hangMs = this.options?.hangMs ?? this.profile.hangMs;
    if (fault === "reset") {
      req.socket.destroy();
    } else if (fault === "timeout" && hangMs !== undefined) {
      this.hangs.hold(req, hangMs);
    } else if (fault !== undefined && fault !== "lost_response") {
      answers[fault as AnswerKind<K>]();
    } else {
      const answer = perform();
      // The write (if any) is done; the caller never hears about it.
      if (fault === "lost_response") req.socket.destroy();
      else answer();
    }
  }

  /** Drops the calls a "timeout" holds, so stopping never waits out a hang. */
  dropHeld() {
    this.hangs.dropAll();
  }

  /**
   * The fault (if any) for one call: none at rate 0, else one draw decides whether the call
   * fails and a second which of the kinds (the stand-in's defaults when none are given) it gets.
   */
  private draw(): K | undefined {
    const options = this.options;
    if (!options || options.rate <= 0) return undefined;
    if (this.random() >= options.rate) return undefined;
    const kinds = options.kinds ?? this.profile.defaultKinds;
    return kinds[Math.min(kinds.length - 1, Math.floor(this.random() * kinds.length))];
  }
}

/**
 * Requests an injected "timeout" holds unanswered: each until its time passes (then the
 * connection drops) or the caller gives up.
 */
class HangingRequests {
  private readonly held = new Set<{ timer: NodeJS.Timeout; req: IncomingMessage }>();

  hold(req: IncomingMessage, ms: number) {
    const entry = {
      req,
      timer: setTimeout(() => {
        this.held.delete(entry);
        req.socket.destroy();
      }, ms),
    };
    this.held.add(entry);
    req.socket.once("close", () => {
      clearTimeout(entry.timer);
      this.held.delete(entry);
    });
  }

  dropAll() {
    for (const entry of this.held) {
      clearTimeout(entry.timer);
      entry.req.socket.destroy();
    }
    this.held.clear();
  }
}
