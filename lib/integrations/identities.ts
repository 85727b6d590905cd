import { z } from "zod";
import { db } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { refreshDeliveryOutputs } from "../delivery/outputs.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";
import { logger } from "../log/logger.ts";
import { createClickUpClient } from "./clickup/client.ts";
import { vendorSettings } from "./settings.ts";
import { createSlackClient } from "./slack/client.ts";

/**
 * Who each person is in ClickUp and Slack: task owners become ClickUp assignees, and a
 * Slack click is taken as the person it is mapped to (and only then). RevOps and admins
 * keep the mapping; "match by email" fills in what the tools' directories can tell.
 */

export const identitySchema = z.object({
  clickupUserId: z
    .string()
    .trim()
    .regex(/^\d*$/, "A ClickUp member id is a number.")
    .transform((v) => v || null),
  slackUserId: z
    .string()
    .trim()
    .regex(/^([UW][A-Z0-9]{2,})?$/, "A Slack user id looks like U0123ABCD.")
    .transform((v) => v || null),
});

function assertMayManage(actor: Actor) {
  if (!can(actor.role, "people:manage")) throw forbidden("Only RevOps and admins can link people to their ClickUp and Slack accounts.");
}

export async function listPeople() {
  return db().user.findMany({
    where: { active: true },
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: { id: true, name: true, email: true, role: true, clickupUserId: true, slackUserId: true },
  });
}

/** ClickUp's workspace members, to pick from; null when ClickUp is not connected or cannot be reached. */
export async function clickupMembers(): Promise<{ id: string; name: string; email: string }[] | null> {
  const settings = await vendorSettings("CLICKUP");
  if (!settings?.config.teamId) return null;
  try {
    const teams = await createClickUpClient(settings).teams();
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

export async function updateIdentities(actor: Actor, userId: string, input: unknown) {
  assertMayManage(actor);
  const parsed = identitySchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0].message, z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true, name: true, clickupUserId: true, slackUserId: true } });
  if (!user) throw notFound("This person does not exist.");
  if (parsed.data.slackUserId) {
    const taken = await db().user.findFirst({ where: { slackUserId: parsed.data.slackUserId, id: { not: userId } }, select: { name: true } });
    if (taken) throw conflict(`Slack user ${parsed.data.slackUserId} is already linked to ${taken.name}.`);
  }
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: parsed.data });
    await recordAudit(tx, {
      actor,
      action: "identities.changed",
      entityType: "User",
      entityId: userId,
      data: { before: { clickupUserId: user.clickupUserId, slackUserId: user.slackUserId }, after: parsed.data },
    });
  });
  await refreshActiveHandoffs();
}

/** Links everyone not yet linked whose email the tool's directory knows. Returns how many links were made. */
export async function matchIdentitiesByEmail(actor: Actor): Promise<{ clickup: number; slack: number; notConnected: string[]; unmatched: string[] }> {
  assertMayManage(actor);
  const people = await listPeople();
  const notConnected: string[] = [];
  let clickup = 0;
  let slack = 0;

  const members = await clickupMembers();
  if (!members) notConnected.push("ClickUp");
  const slackSettings = await vendorSettings("SLACK");
  if (!slackSettings) notConnected.push("Slack");
  const slackClient = slackSettings ? createSlackClient(slackSettings) : null;

  const unmatched: string[] = [];
  for (const person of people) {
    const data: { clickupUserId?: string; slackUserId?: string } = {};
    if (!person.clickupUserId && members) {
      const member = members.find((m) => m.email.toLowerCase() === person.email.toLowerCase());
      if (member) data.clickupUserId = member.id;
    }
    if (!person.slackUserId && slackClient) {
      const found = await slackClient.users.lookupByEmail({ email: person.email }).catch(() => null);
      const id = found?.user?.id;
      if (id && !(await db().user.findFirst({ where: { slackUserId: id }, select: { id: true } }))) data.slackUserId = id;
    }
    const stillMissing = (!person.clickupUserId && !data.clickupUserId && members) || (!person.slackUserId && !data.slackUserId && slackClient);
    if (stillMissing) unmatched.push(person.name);
    if (!data.clickupUserId && !data.slackUserId) continue;
    await db().$transaction(async (tx) => {
      await tx.user.update({ where: { id: person.id }, data });
      await recordAudit(tx, { actor, action: "identities.matched", entityType: "User", entityId: person.id, data: { ...data, by: "email" } });
    });
    if (data.clickupUserId) clickup++;
    if (data.slackUserId) slack++;
    
  }
  if (clickup + slack > 0) await refreshActiveHandoffs();
  return { clickup, slack, notConnected, unmatched };
}
