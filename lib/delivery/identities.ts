import { z } from "zod";
import { db, type Tx } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { refreshDeliveryOutputs } from "./outputs.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { logger } from "../log/logger.ts";
import { clickUpClientFor } from "../connections/clients.ts";
import { toolSettings } from "../connections/settings.ts";

/**
 * Who each person is in ClickUp and Slack: task owners become ClickUp assignees, and a Slack
 * click is taken as the person it is linked to (and only then). RevOps and admins keep the
 * ClickUp mapping; "match by email" fills in what ClickUp's directory can tell. A Slack account
 * is linked only by its owner, confirmed in Slack (lib/integrations/slack-link.ts): here it can
 * only be unlinked.
 */

export const SLACK_LINKED_BY_OWNER = "A Slack account is linked only by its owner, from their Account page, and confirmed in Slack.";

export const identitySchema = z.object({
  clickupUserId: z
    .string()
    .trim()
    .regex(/^\d*$/, "A ClickUp member id is a number.")
    .transform((v) => v || null)
    .optional(),
  /** Only null or "" (unlink) is accepted; any id is refused. */
  slackUserId: z.string().trim().max(64).nullable().optional(),
});

function assertMayManage(actor: Actor) {
  if (!can(actor.role, "people:manage")) throw forbidden("Only RevOps and admins can manage people's ClickUp and Slack links.");
}

export async function listPeople() {
  return db().user.findMany({
    where: { active: true },
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      clickupUserId: true,
      slackUserId: true,
      slackTeamId: true,
      slackLinkRequests: { where: { status: "PENDING", expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" }, take: 1, select: { slackUserId: true, expiresAt: true } },
    },
  });
}

/** ClickUp's workspace members, to pick from; null when ClickUp is not connected or cannot be reached. */
export async function clickupMembers(): Promise<{ id: string; name: string; email: string }[] | null> {
  const settings = await toolSettings("CLICKUP");
  if (!settings?.config.teamId) return null;
  try {
    const teams = await clickUpClientFor(settings).teams();
    const team = teams.find((t) => t.id === settings.config.teamId);
    return (team?.members ?? []).map((m) => ({ id: String(m.user.id), name: m.user.username ?? String(m.user.id), email: m.user.email ?? "" }));
  } catch (error) {
    logger.warn({ err: error }, "could not list ClickUp members");
    return null;
  }
}

/** After a mapping changes, active workspaces and messages that name the person are brought up to date. */
export async function refreshActiveHandoffs() {
  const handoffs = await db().handoff.findMany({
    // Commitments and milestones name owners as text, so any active handoff may mention them.
    where: { status: "IN_PROGRESS", externalLinks: { some: {} } },
    select: { id: true },
  });
  for (const h of handoffs) await db().$transaction((tx) => refreshDeliveryOutputs(tx, h.id));
}

/**
 * Sets a person's ClickUp member, and may unlink (never link) their Slack account:
 * `slackUserId: null` or "" revokes the link and any pending request; an id is refused.
 */
export async function updateIdentities(actor: Actor, userId: string, input: unknown) {
  assertMayManage(actor);
  const parsed = identitySchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0].message, z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const { clickupUserId, slackUserId } = parsed.data;
  if (slackUserId) throw forbidden(SLACK_LINKED_BY_OWNER);
  const unlinkSlack = slackUserId !== undefined;
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true, clickupUserId: true } });
  if (!user) throw notFound("This person does not exist.");

  const changed = await db().$transaction(async (tx) => {
    let changed = false;
    if (clickupUserId !== undefined && clickupUserId !== user.clickupUserId) {
      await tx.user.update({ where: { id: userId }, data: { clickupUserId } });
      await recordAudit(tx, {
        actor,
        action: "identities.changed",
        entityType: "User",
        entityId: userId,
        data: { before: { clickupUserId: user.clickupUserId }, after: { clickupUserId } },
      });
      changed = true;
    }
    if (unlinkSlack) changed = (await revokeSlackLink(tx, actor, userId)) || changed;
    return changed;
  });
  if (changed) await refreshActiveHandoffs();
}

/** An admin or RevOps unlinks someone's Slack account and withdraws their pending requests. Whether anything changed. */
async function revokeSlackLink(tx: Tx, actor: Actor, userId: string): Promise<boolean> {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
  const now = new Date();
  const current = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { slackUserId: true, slackTeamId: true } });
  const cancelled = await tx.slackLinkRequest.updateMany({ where: { userId, status: "PENDING" }, data: { status: "CANCELLED", decidedAt: now } });
  if (!current.slackUserId && cancelled.count === 0) return false;
  if (current.slackUserId) await tx.user.update({ where: { id: userId }, data: { slackUserId: null, slackTeamId: null } });
  await recordAudit(tx, {
    actor,
    action: "slack_link.revoked",
    entityType: "User",
    entityId: userId,
    data: { slackUserId: current.slackUserId, slackTeamId: current.slackTeamId, cancelledRequests: cancelled.count },
  });
  return Boolean(current.slackUserId);
}

export interface MatchResult {
  /** ClickUp members linked by email. */
  clickup: number;
  notConnected: string[];
  /** People ClickUp's directory does not know by email. */
  unmatched: string[];
  /** People with no Slack link: each links their own, from their Account page. */
  slackNotLinked: number;
}

/** Links everyone not yet linked to a ClickUp member whose email ClickUp knows. Slack is never linked here. */
export async function matchIdentitiesByEmail(actor: Actor): Promise<MatchResult> {
  assertMayManage(actor);
  const people = await listPeople();
  const members = await clickupMembers();
  const notConnected = members ? [] : ["ClickUp"];
  const unmatched: string[] = [];
  let clickup = 0;

  for (const person of people) {
    if (person.clickupUserId || !members) continue;
    const member = members.find((m) => m.email && m.email.toLowerCase() === person.email.toLowerCase());
    if (!member) {
      unmatched.push(person.name);
      continue;
    }
    await db().$transaction(async (tx) => {
      await tx.user.update({ where: { id: person.id }, data: { clickupUserId: member.id } });
      await recordAudit(tx, { actor, action: "identities.matched", entityType: "User", entityId: person.id, data: { clickupUserId: member.id, by: "email" } });
    });
    clickup++;
  }
  if (clickup > 0) await refreshActiveHandoffs();
  return { clickup, notConnected, unmatched, slackNotLinked: people.filter((p) => !p.slackUserId).length };
}
