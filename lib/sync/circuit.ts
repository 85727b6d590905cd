import type { Vendor } from "../db/generated/enums.ts";
import { db } from "../db/client.ts";
import { logger } from "../log/logger.ts";

/**
 * A circuit breaker per vendor connection, shared by every worker through the
 * database. After FAILURE_THRESHOLD consecutive failures (not 429s) the circuit opens:
 * jobs for that vendor are deferred to the end of the cool-down without calling it,
 * so one dead vendor neither burns retries nor holds worker slots other vendors need.
 * After the cool-down one call goes through (half-open); success closes the circuit,
 * failure opens it again for twice as long (up to 2 minutes). Ten in a row: a vendor
 * failing 30% of calls at random almost never trips it; a dead one trips it in seconds.
 */
export const FAILURE_THRESHOLD = 10;
const BASE_COOLDOWN_MS = 10_000;
const MAX_COOLDOWN_MS = 2 * 60_000;

export type CircuitVerdict = { allowed: true } | { allowed: false; retryAt: Date };

function key(vendor: Vendor, connection: string) {
  return `${vendor}:${connection}`;
}

export async function circuitAllows(vendor: Vendor, connection = "default"): Promise<CircuitVerdict> {
  const circuit = await db().vendorCircuit.findUnique({ where: { key: key(vendor, connection) } });
  if (!circuit || circuit.state === "CLOSED" || !circuit.openedUntil) return { allowed: true };
  if (circuit.openedUntil > new Date()) return { allowed: false, retryAt: circuit.openedUntil };
  if (circuit.state === "OPEN") {
    // Cool-down over: let one probe through.
    await db().vendorCircuit.updateMany({ where: { key: circuit.key, state: "OPEN" }, data: { state: "HALF_OPEN" } });
  }
  return { allowed: true };
}

export async function recordSuccess(vendor: Vendor, connection = "default"): Promise<void> {
  await db().vendorCircuit.updateMany({
    where: { key: key(vendor, connection), OR: [{ consecutiveFailures: { gt: 0 } }, { state: { not: "CLOSED" } }] },
    data: { state: "CLOSED", consecutiveFailures: 0, openedUntil: null, lastError: null },
  });
}

export async function recordFailure(vendor: Vendor, error: string, connection = "default"): Promise<void> {
  const k = key(vendor, connection);
  const circuit = await db().vendorCircuit.upsert({
    where: { key: k },
    create: { key: k, vendor, consecutiveFailures: 1, lastError: error },
    update: { consecutiveFailures: { increment: 1 }, lastError: error },
  });
  if (circuit.consecutiveFailures < FAILURE_THRESHOLD && circuit.state !== "HALF_OPEN") return;
  const trips = Math.max(0, circuit.consecutiveFailures - FAILURE_THRESHOLD);
  const cooldown = Math.min(MAX_COOLDOWN_MS, BASE_COOLDOWN_MS * 2 ** Math.min(trips, 5));
  const openedUntil = new Date(Date.now() + cooldown);
  await db().vendorCircuit.update({ where: { key: k }, data: { state: "OPEN", openedUntil } });
  logger.warn({ event: "circuit.opened", vendor, connection, failures: circuit.consecutiveFailures, cooldownMs: cooldown }, "circuit opened");
}

export async function listCircuits() {
  return db().vendorCircuit.findMany({ orderBy: { key: "asc" } });
}
