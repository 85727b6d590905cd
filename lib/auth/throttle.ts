import { db } from "../db/client.ts";
import { can, type Actor } from "./roles.ts";
import { recordAudit } from "../audit/record.ts";
import { forbidden, notFound } from "../errors.ts";
import { logger } from "../log/logger.ts";

/**
 * Password guessing is slowed down, then stopped, per account and per client address.
 *
 * Within a 15-minute window, after 5 failures each further try must wait twice as long as the
 * last (1 s, 2 s, 4 s, …); after 10 failures on an account (50 from one address) sign-in is
 * locked for 15 minutes — the right password included — with an audit event. An admin can lift
 * an account's lock. A success clears the account's count.
 */

const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;
const SLOW_AFTER = 5;
const LOCK_AFTER = { account: 10, ip: 50 } as const;

export type ThrottleKey = { kind: "account" | "ip"; value: string };

const keyOf = (k: ThrottleKey) => `${k.kind}:${k.value.toLowerCase()}`;

export class SignInThrottled extends Error {
  constructor(readonly retryAfterSeconds: number, readonly locked: boolean) {
    super(
      locked
        ? `Too many failed sign-ins: sign-in is locked for ${Math.ceil(retryAfterSeconds / 60)} more minute${Math.ceil(retryAfterSeconds / 60) === 1 ? "" : "s"}. An admin can unlock the account.`
        : `Too many failed sign-ins: wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"} before trying again.`,
    );
    this.name = "SignInThrottled";
  }
}

/** Throws SignInThrottled when any key is locked or must still wait; call before checking the password. */
export async function assertMayTry(keys: ThrottleKey[], now = new Date()): Promise<void> {
  const rows = await db().loginThrottle.findMany({ where: { key: { in: keys.map(keyOf) } } });
  for (const row of rows) {
    if (now.getTime() - row.firstFailureAt.getTime() > WINDOW_MS && !(row.lockedUntil && row.lockedUntil > now)) continue;
    if (row.lockedUntil && row.lockedUntil > now) throw new SignInThrottled(Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000), true);
    if (row.failures >= SLOW_AFTER) {
      const wait = 1000 * 2 ** (row.failures - SLOW_AFTER);
      const allowedAt = row.lastFailureAt.getTime() + wait;
      if (allowedAt > now.getTime()) throw new SignInThrottled(Math.ceil((allowedAt - now.getTime()) / 1000), false);
    }
  }
}

export async function recordFailure(keys: ThrottleKey[], now = new Date()): Promise<void> {
  for (const k of keys) {
    const key = keyOf(k);
    const locked = await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login:${key}`}))`;
      const row = await tx.loginThrottle.findUnique({ where: { key } });
      const fresh = !row || now.getTime() - row.firstFailureAt.getTime() > WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const lock = failures >= LOCK_AFTER[k.kind] && !(row?.lockedUntil && row.lockedUntil > now);
      await tx.loginThrottle.upsert({
        where: { key },
        create: { key, failures, firstFailureAt: now, lastFailureAt: now },
        update: {
          failures,
          lastFailureAt: now,
          ...(fresh ? { firstFailureAt: now, lockedUntil: null } : {}),
          ...(lock ? { lockedUntil: new Date(now.getTime() + LOCK_MS) } : {}),
        },
      });
      if (lock) {
        await recordAudit(tx, {
          actor: { system: "Sign-in protection" },
          action: "auth.locked",
          entityType: k.kind === "account" ? "Account" : "ClientAddress",
          entityId: k.value.toLowerCase(),
          data: { failures, lockedMinutes: LOCK_MS / 60_000 },
        });
      }
      return lock;
    });
    if (locked) logger.warn({ event: "auth.locked", kind: k.kind }, "sign-in locked after repeated failures");
  }
}

export async function recordSuccess(email: string): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: keyOf({ kind: "account", value: email }) } });
}

/** The accounts whose sign-in is locked now, by email. */
export async function lockedAccounts(now = new Date()): Promise<Set<string>> {
  const rows = await db().loginThrottle.findMany({ where: { key: { startsWith: "account:" }, lockedUntil: { gt: now } }, select: { key: true } });
  return new Set(rows.map((r) => r.key.slice("account:".length)));
}

/** An admin lifts an account's lock (and its failure count). Audited. */
export async function unlockAccount(actor: Actor, userId: string): Promise<void> {
  if (!can(actor.role, "users:manage")) throw forbidden("Only admins can unlock an account.");
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) throw notFound("This person does not exist.");
  await db().$transaction(async (tx) => {
    await tx.loginThrottle.deleteMany({ where: { key: keyOf({ kind: "account", value: user.email }) } });
    await recordAudit(tx, { actor, action: "auth.unlocked", entityType: "User", entityId: userId, data: { email: user.email } });
  });
}
