import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "../db/client.ts";
import { DomainError, forbidden } from "../errors.ts";
import { authOptions } from "./options.ts";
import { isRevoked } from "./revocation.ts";
import { can, type Actor, type Capability } from "./roles.ts";

/**
 * The signed-in person, read fresh from the database on every request: a deactivated
 * user or a changed role takes effect at once, and a signed-out session is refused,
 * whatever the session cookie says.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  const { id, sid } = (session?.user ?? {}) as { id?: string; sid?: string };
  // A session without an id predates revocation; one that was signed out is over.
  if (!id || !sid || (await isRevoked(sid))) return null;
  const user = await db().user.findUnique({ where: { id }, select: { id: true, role: true, name: true, active: true } });
  if (!user?.active) return null;
  return { userId: user.id, role: user.role, name: user.name };
});

/** For pages: the actor, or a redirect to sign-in. */
export async function requirePageActor(capability?: Capability): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  if (capability && !can(actor.role, capability)) redirect("/forbidden");
  return actor;
}

/** For server actions and route handlers: the actor, or a 401/403 DomainError. */
export async function requireActor(capability?: Capability): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new DomainError("UNAUTHENTICATED", "Sign in to continue.");
  if (capability && !can(actor.role, capability)) throw forbidden("Your role does not allow this.");
  return actor;
}
