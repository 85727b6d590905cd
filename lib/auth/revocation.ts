import { db } from "../db/client.ts";

/**
 * Signed-out sessions. A JWT session cookie stays valid until it expires, wherever a copy of it
 * went; signing out records its session id here, and the session is refused from then on.
 */

const MAX_SESSION_MS = 12 * 60 * 60 * 1000;

export async function revokeSession(sessionId: unknown, userId: unknown, expiresAtSeconds: unknown): Promise<void> {
  if (typeof sessionId !== "string" || typeof userId !== "string") return;
  const expiresAt = typeof expiresAtSeconds === "number" ? new Date(expiresAtSeconds * 1000) : new Date(Date.now() + MAX_SESSION_MS);
  await db().revokedSession.upsert({ where: { id: sessionId }, create: { id: sessionId, userId, expiresAt }, update: {} });
  // Rows are only needed while their cookie could still be presented.
  await db().revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

export async function isRevoked(sessionId: string): Promise<boolean> {
  return (await db().revokedSession.count({ where: { id: sessionId } })) > 0;
}
