import { z } from "zod";
import { db, type Tx } from "../db/client.ts";
import type { Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { conflict, invalid, parseInput } from "../errors.ts";
import type { ActionOrigin } from "../audit/record.ts";
import { logger } from "../log/logger.ts";
import { enqueueEffect } from "../sync/enqueue.ts";
import { refreshActiveHandoffs } from "./identities.ts";
import { slackClientFor } from "../connections/clients.ts";
import { toolSettings } from "../connections/settings.ts";

/**
 * A person links their own Slack account, and only theirs: they ask from their Account page,
 * the app sends that Slack user a direct message, and the link is made when that Slack user
 * clicks "Yes, this is me" in a signed click. Nobody else can link a Slack account to a
 * person (RevOps and admins may only unlink), so a Slack click is taken as a person only when
 * that person's own Slack account made it.
 */

export const LINK_REQUEST_TTL_MS = 30 * 60_000;
/** Each request sends a direct message to the Slack user it names: a person may not send many. */
export const MAX_LINK_REQUESTS_PER_HOUR = 5;
/** The same request again this soon is a double click: it is answered with the request already made. */
const REPEAT_WINDOW_MS = 60_000;

/** Only one's own account is ever linked: a request naming anyone (a `userId`, say) is refused, not ignored. */
export const slackLinkRequestSchema = z.strictObject({
  /** Empty: the Slack user whose email is the person's own, looked up with users.lookupByEmail. */
  slackUserId: z
    .string()
    .trim()
    .toUpperCase()
    .max(32, "A Slack user id looks like U0123ABCD.")
    .regex(/^([UW][A-Z0-9]{2,})?$/, "A Slack user id looks like U0123ABCD: in Slack, open your profile, then ⋮ → Copy member ID.")
    .optional()
    .transform((v) => v || null),
});

export const linkRequestKey = (requestId: string) => `slack.link_request:${requestId}`;

/** The signed-in person's account and where their Slack link stands, for the Account page. */
export async function mySlackLink(actor: Actor) {
  const me = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { name: true, email: true, role: true, slackUserId: true, slackTeamId: true },
  });
  const pending = await db().slackLinkRequest.findFirst({
    where: { userId: actor.userId, status: "PENDING", expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, slackUserId: true, createdAt: true, expiresAt: true },
  });
  const message = pending ? await db().syncJob.findUnique({ where: { idempotencyKey: linkRequestKey(pending.id) }, select: { status: true, lastError: true } }) : null;
  return { ...me, pending: pending ? { ...pending, message: message ? { status: message.status, error: message.lastError } : null } : null };
}

type SlackApiError = { data?: { error?: string } };
const slackErrorCode = (error: unknown) => (error as SlackApiError)?.data?.error;
const unreachable = () => conflict("Slack could not be reached to check your account. Try again in a minute.");

/** The Slack user to ask: the one named, checked to be a person, or the one with the person's email. */
async function slackUserToAsk(me: { email: string }, named: string | null): Promise<string> {
  const settings = await toolSettings("SLACK");
  if (!settings) throw conflict("Slack is not connected yet, so there is no account to link. RevOps or an admin connects it on the Connections page.");
  const client = slackClientFor(settings);
  const userSchema = z.looseObject({ user: z.looseObject({ id: z.string(), is_bot: z.boolean().optional(), deleted: z.boolean().optional() }) });
  if (named) {
    const found = await client.users.info({ user: named }).then(
      (answer) => userSchema.parse(answer).user,
      (error: unknown) => {
        if (slackErrorCode(error) === "user_not_found") throw invalid(`Slack has no user ${named}. In Slack, open your profile, then ⋮ → Copy member ID.`, { slackUserId: ["No such Slack user."] });
        throw unreachable();
      },
    );
    if (found.is_bot || found.deleted) throw invalid(`${named} is not a person's active Slack account.`, { slackUserId: ["Not a person's active Slack account."] });
    return found.id;
  }
  const found = await client.users.lookupByEmail({ email: me.email }).then(
    (answer) => userSchema.parse(answer).user,
    (error: unknown) => {
      if (slackErrorCode(error) === "users_not_found") {
        throw invalid(`Slack has no user with your email (${me.email}). Enter your Slack user id instead: in Slack, open your profile, then ⋮ → Copy member ID.`);
      }
      throw unreachable();
    },
  );
  return found.id;
}

/** Locks the person's row: one request, confirmation or unlink of theirs at a time. */
async function lockPerson(tx: Tx, userId: string) {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
}

/**
 * Starts linking the signed-in person's Slack account: a pending request (replacing any earlier
 * one), and the durable direct message that asks that Slack user to confirm. Only for oneself.
 */
export async function requestSlackLink(actor: Actor, input: unknown): Promise<{ requestId: string; slackUserId: string; expiresAt: Date }> {
  const { slackUserId: named } = parseInput(slackLinkRequestSchema, input ?? {});
  const me = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true, slackUserId: true } });
  if (me.slackUserId) throw conflict(`Your account is already linked to Slack user ${me.slackUserId}. Unlink it first to link another.`);
  const slackUserId = await slackUserToAsk(me, named);

  return db().$transaction(async (tx) => {
    await lockPerson(tx, actor.userId);
    const now = new Date();
    const current = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { slackUserId: true } });
    if (current.slackUserId) throw conflict(`Your account is already linked to Slack user ${current.slackUserId}. Unlink it first to link another.`);
    const holder = await tx.user.findFirst({ where: { slackUserId, id: { not: actor.userId } }, select: { id: true } });
    if (holder) {
      throw conflict(`Slack user ${slackUserId} is already linked to another person in Handoff Control Center. If it is yours, ask RevOps or an admin to unlink it from them first.`);
    }
    const repeated = await tx.slackLinkRequest.findFirst({
      where: { userId: actor.userId, slackUserId, status: "PENDING", createdAt: { gt: new Date(now.getTime() - REPEAT_WINDOW_MS) }, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
    });
    if (repeated) return { requestId: repeated.id, slackUserId, expiresAt: repeated.expiresAt };
    const recent = await tx.slackLinkRequest.count({ where: { userId: actor.userId, createdAt: { gt: new Date(now.getTime() - 3_600_000) } } });
    if (recent >= MAX_LINK_REQUESTS_PER_HOUR) {
      throw conflict(`You asked to link a Slack account ${recent} times in the last hour. Answer the message in Slack, or try again later.`);
    }

    // One pending request per person: a new one replaces the old, whose message can no longer link anything.
    await tx.slackLinkRequest.updateMany({ where: { userId: actor.userId, status: "PENDING", expiresAt: { lte: now } }, data: { status: "EXPIRED", decidedAt: now } });
    const replaced = await tx.slackLinkRequest.updateMany({ where: { userId: actor.userId, status: "PENDING" }, data: { status: "CANCELLED", decidedAt: now } });
    const request = await tx.slackLinkRequest.create({ data: { userId: actor.userId, slackUserId, expiresAt: new Date(now.getTime() + LINK_REQUEST_TTL_MS) } });
    await enqueueEffect(tx, { vendor: "SLACK", kind: "slack.link_request", idempotencyKey: linkRequestKey(request.id), payload: { requestId: request.id } });
    await recordAudit(tx, {
      actor,
      action: "slack_link.requested",
      entityType: "User",
      entityId: actor.userId,
      data: { requestId: request.id, slackUserId, foundBy: named ? "id" : "email", expiresAt: request.expiresAt.toISOString(), replaced: replaced.count },
    });
    return { requestId: request.id, slackUserId, expiresAt: request.expiresAt };
  });
}

/** Unlinks the signed-in person's Slack account and withdraws any pending request. Only for oneself. */
export async function unlinkMySlack(actor: Actor): Promise<{ unlinked: string | null; cancelled: number }> {
  const result = await db().$transaction(async (tx) => {
    await lockPerson(tx, actor.userId);
    const now = new Date();
    const me = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { slackUserId: true, slackTeamId: true } });
    const cancelled = await tx.slackLinkRequest.updateMany({ where: { userId: actor.userId, status: "PENDING" }, data: { status: "CANCELLED", decidedAt: now } });
    if (cancelled.count) {
      await recordAudit(tx, { actor, action: "slack_link.cancelled", entityType: "User", entityId: actor.userId, data: { requests: cancelled.count } });
    }
    if (me.slackUserId) {
      await tx.user.update({ where: { id: actor.userId }, data: { slackUserId: null, slackTeamId: null } });
      await recordAudit(tx, { actor, action: "slack_link.unlinked", entityType: "User", entityId: actor.userId, data: { slackUserId: me.slackUserId, slackTeamId: me.slackTeamId, by: "self" } });
    }
    return { unlinked: me.slackUserId, cancelled: cancelled.count };
  });
  if (result.unlinked) await refreshActiveHandoffs();
  return result;
}

export interface LinkConfirmation {
  ok: boolean;
  /** What the Slack user reads, as an ephemeral reply. */
  reply: string;
  /** The person whose account was linked, when it was. */
  linkedUserId?: string;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === "P2002";
const TAKEN = "This Slack account is already linked to another person in Handoff Control Center, so nothing was linked. If it should be theirs no longer, RevOps or an admin can unlink it.";

/**
 * A "Yes, this is me" click, already verified as signed by Slack. It links the request's person
 * to the Slack user only when that Slack user is the one who clicked, the request is still
 * pending and in time, and no one else holds the Slack account. Every outcome is told to the
 * clicker; each decision is audited with the click's Slack user and team.
 */
export async function confirmSlackLink(requestId: string, origin: ActionOrigin): Promise<LinkConfirmation> {
  const slack = { via: origin.via, slackUserId: origin.slackUserId, slackTeamId: origin.slackTeamId };
  try {
    return await db().$transaction(async (tx): Promise<LinkConfirmation> => {
      const found = await tx.slackLinkRequest.findUnique({ where: { id: requestId }, select: { userId: true } });
      if (!found) return { ok: false, reply: "This link request is not one we know, so nothing was linked." };
      await lockPerson(tx, found.userId);
      const request = await tx.slackLinkRequest.findUniqueOrThrow({
        where: { id: requestId },
        include: { user: { select: { id: true, name: true, email: true, role: true, active: true, slackUserId: true } } },
      });
      const { user } = request;
      const now = new Date();
      const refuse = async (reason: string, reply: string): Promise<LinkConfirmation> => {
        await recordAudit(tx, { actor: { system: "slack" }, action: "slack_link.refused", entityType: "SlackLinkRequest", entityId: request.id, data: { ...slack, userId: user.id, reason } });
        return { ok: false, reply };
      };

      // Only the Slack user the request was sent to can answer it.
      if (request.slackUserId !== origin.slackUserId) return refuse("not_addressee", "This confirmation was not sent to you, so nothing was linked.");
      if (request.status === "CONFIRMED") {
        return user.slackUserId === origin.slackUserId
          ? { ok: true, reply: `This Slack account is already linked to ${user.name} (${user.email}).` }
          : { ok: false, reply: "This request was already answered; nothing was changed." };
      }
      if (request.status === "CANCELLED") return { ok: false, reply: `${user.name} withdrew this request or asked again since, so nothing was linked. Use the newest message, if there is one.` };
      if (request.status === "EXPIRED" || request.expiresAt <= now) {
        if (request.status === "PENDING") {
          await tx.slackLinkRequest.update({ where: { id: request.id }, data: { status: "EXPIRED", decidedAt: now } });
          await recordAudit(tx, { actor: { system: "slack" }, action: "slack_link.expired", entityType: "SlackLinkRequest", entityId: request.id, data: { ...slack, userId: user.id } });
        }
        return { ok: false, reply: "This request has expired, so nothing was linked. Ask again from your Account page in Handoff Control Center." };
      }
      if (!user.active) return refuse("inactive", "The person who asked no longer has an active account, so nothing was linked.");
      if (user.slackUserId) return refuse("already_linked", `${user.name} is already linked to another Slack account, so nothing was changed.`);
      const holder = await tx.user.findFirst({ where: { slackUserId: origin.slackUserId, id: { not: user.id } }, select: { id: true } });
      if (holder) return refuse("taken", TAKEN);

      await tx.user.update({ where: { id: user.id }, data: { slackUserId: origin.slackUserId, slackTeamId: origin.slackTeamId } });
      await tx.slackLinkRequest.update({ where: { id: request.id }, data: { status: "CONFIRMED", decidedAt: now, slackTeamId: origin.slackTeamId } });
      await recordAudit(tx, {
        actor: { userId: user.id, role: user.role, name: user.name },
        action: "slack_link.confirmed",
        entityType: "User",
        entityId: user.id,
        data: { ...slack, requestId: request.id },
      });
      return {
        ok: true,
        linkedUserId: user.id,
        reply: `Linked: this Slack account is now ${user.name} (${user.email}) in Handoff Control Center. Your clicks on handoff buttons count as theirs.`,
      };
    });
  } catch (error) {
    // Two people confirming the same Slack account at once: the unique index lets one win.
    if (isUniqueViolation(error)) return { ok: false, reply: TAKEN };
    throw error;
  }
}

/** After a link is confirmed in Slack, messages that mention the person are updated in the background. */
export function refreshAfterLink(): void {
  void refreshActiveHandoffs().catch((error: unknown) => logger.warn({ err: error }, "could not refresh handoffs after a Slack link"));
}
