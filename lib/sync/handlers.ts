import type { Prisma, SyncJob } from "../db/generated/client.ts";

/**
 * An outbound effect's implementation. It receives the job and a way to record each
 * completed step (an external id, say), so that a retry after a crash or a timeout
 * skips what was already done instead of doing it twice.
 */
export interface EffectContext {
  steps: Record<string, Prisma.JsonValue>;
  saveStep(name: string, value: Prisma.InputJsonValue): Promise<void>;
  /** Call before each request to the vendor: waits for (or defers the job until) a rate-limit token. */
  throttle(): Promise<void>;
  signal: AbortSignal;
}

export type EffectHandler = (job: SyncJob, ctx: EffectContext) => Promise<Prisma.InputJsonValue>;

const handlers = new Map<string, EffectHandler>();

export function registerEffect(kind: string, handler: EffectHandler): void {
  handlers.set(kind, handler);
}

export function effectHandler(kind: string): EffectHandler | undefined {
  return handlers.get(kind);
}
