import { z } from "zod";
import { db, type Tx } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";
import { visibleHandoffs } from "../auth/handoff-access.ts";
import { clickupMembers, refreshActiveHandoffs } from "./identities.ts";
import { refreshDeliveryOutputs } from "./outputs.ts";

/**
 * Resolving an owner the delivery workspace cannot assign, on the handoff where the gap shows:
 * the handoff's PM or a PS leader links the person to a ClickUp member picked from ClickUp's
 * directory, or gives the items to someone else — one of our people, or a contact of the client
 * from the CRM deal. Each change is audited and syncs the workspace again in the same
 * transaction; the "every task has an owner" evidence then comes from ClickUp's answer.
 */

const itemSchema = z.object({
  kind: z.enum(["commitment", "milestone", "dependency"], { error: "Say which kind of item: commitment, milestone or dependency." }),
  id: z.string().trim().min(1, "Say which item.").max(64),
});

export const resolveOwnerSchema = z.discriminatedUnion(
  "action",
  [
    z.object({
      action: z.literal("link"),
      userId: z.string().trim().min(1, "Say which person to link.").max(64),
      clickupUserId: z.string().trim().regex(/^\d{1,15}$/, "Pick a ClickUp member from the list."),
    }),
    z.object({
      action: z.literal("reassign"),
      items: z.array(itemSchema).min(1, "Say which items to reassign.").max(200),
      to: z.discriminatedUnion(
        "kind",
        [
          z.object({ kind: z.literal("person"), userId: z.string().trim().min(1, "Pick a person.").max(64) }),
          z.object({ kind: z.literal("client"), email: z.string().trim().toLowerCase().email("Pick a client contact.").max(320) }),
        ],
        { error: "Pick who takes the items over: one of our people or a client contact." },
      ),
    }),
  ],
  { error: "Say what to do: link a ClickUp member, or reassign the items." },
);
export type ResolveOwnerInput = z.infer<typeof resolveOwnerSchema>;

export interface ClientContact {
  name: string;
  email: string | null;
}

/** The client's contacts on the CRM deal, as last captured. */
export async function clientContacts(client: Tx | ReturnType<typeof db>, handoffId: string): Promise<ClientContact[]> {
  const h = await client.handoff.findUnique({
    where: { id: handoffId },
    select: { deal: { select: { snapshots: { orderBy: { version: "desc" }, take: 1, select: { associations: true } } } } },
  });
  const associations = h?.deal?.snapshots[0]?.associations as { contactDetails?: unknown } | null | undefined;
  const parsed = z.array(z.object({ name: z.string(), email: z.string().nullable() })).safeParse(associations?.contactDetails ?? []);
  return parsed.success ? parsed.data : [];
}

/** Who may resolve owners on a handoff: its project manager, or a PS leader. */
export function mayResolveOwners(actor: Actor, h: { projectManagerId: string | null }): boolean {
  if (!can(actor.role, "owners:resolve")) return false;
  return actor.role === "PS_LEADER" || h.projectManagerId === actor.userId;
}

const OPEN_STATUSES = new Set(["IN_PROGRESS", "INTAKE_BLOCKED", "ON_HOLD"]);

async function lockHandoff(tx: Tx, actor: Actor, handoffId: string) {
  await tx.$queryRaw`SELECT id FROM "Handoff" WHERE id = ${handoffId} FOR UPDATE`;
  const h = await tx.handoff.findFirst({
    where: { AND: [{ id: handoffId }, visibleHandoffs(actor)] },
    select: { id: true, status: true, projectManagerId: true, stages: { where: { key: "DELIVERY_WORKSPACE" }, select: { status: true } } },
  });
  if (!h) throw notFound("This handoff does not exist or you cannot see it.");
  if (!mayResolveOwners(actor, h)) throw forbidden("Only the handoff's project manager or a PS leader can resolve its owners.");
  if (!OPEN_STATUSES.has(h.status)) throw conflict("This handoff is closed: its owners can no longer change.");
  if (!h.stages[0] || h.stages[0].status === "NOT_STARTED") throw conflict("The delivery workspace has not been started yet.");
  return h;
}

export async function resolveOwner(actor: Actor, handoffId: string, input: unknown) {
  const visible = await db().handoff.findFirst({ where: { AND: [{ id: handoffId }, visibleHandoffs(actor)] }, select: { projectManagerId: true } });
  if (!visible) throw notFound("This handoff does not exist or you cannot see it.");
  if (!mayResolveOwners(actor, visible)) throw forbidden("Only the handoff's project manager or a PS leader can resolve its owners.");
  const parsed = resolveOwnerSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0].message);
  const command = parsed.data;
  if (command.action === "link") return linkMember(actor, handoffId, command);
  return reassignItems(actor, handoffId, command);
}

async function linkMember(actor: Actor, handoffId: string, command: Extract<ResolveOwnerInput, { action: "link" }>) {
  const members = await clickupMembers();
  if (!members) throw conflict("ClickUp is not connected or cannot be reached right now, so its members cannot be listed. Try again shortly.");
  const member = members.find((m) => m.id === command.clickupUserId);
  if (!member) throw invalid("That ClickUp member is not in the workspace: pick one from the list.");

  await db().$transaction(async (tx) => {
    await lockHandoff(tx, actor, handoffId);
    const person = await tx.user.findFirst({ where: { id: command.userId, active: true }, select: { id: true, name: true, clickupUserId: true } });
    if (!person) throw notFound("This person does not exist or is no longer active.");
    const taken = await tx.user.findFirst({ where: { clickupUserId: command.clickupUserId, id: { not: person.id } }, select: { name: true } });
    if (taken) throw conflict(`ClickUp member ${member.name} is already linked to ${taken.name}.`);
    await tx.user.update({ where: { id: person.id }, data: { clickupUserId: command.clickupUserId } });
    await recordAudit(tx, {
      actor,
      action: "identities.changed",
      entityType: "User",
      entityId: person.id,
      handoffId,
      data: { before: { clickupUserId: person.clickupUserId }, after: { clickupUserId: command.clickupUserId }, clickupMember: member.name, from: "handoff" },
    });
    await refreshDeliveryOutputs(tx, handoffId);
  });
  // The person may own tasks on other handoffs too.
  await refreshActiveHandoffs();
  return { linked: member.name };
}

const ITEM_LABEL = { commitment: "commitment", milestone: "milestone", dependency: "dependency" } as const;

async function reassignItems(actor: Actor, handoffId: string, command: Extract<ResolveOwnerInput, { action: "reassign" }>) {
  return db().$transaction(async (tx) => {
    await lockHandoff(tx, actor, handoffId);
    let owner: { ownerId: string | null; clientOwnerName: string | null; clientOwnerEmail: string | null };
    let ownerLabel: string;
    if (command.to.kind === "person") {
      const person = await tx.user.findFirst({ where: { id: command.to.userId, active: true }, select: { id: true, name: true } });
      if (!person) throw notFound("This person does not exist or is no longer active.");
      owner = { ownerId: person.id, clientOwnerName: null, clientOwnerEmail: null };
      ownerLabel = person.name;
    } else {
      const email = command.to.email;
      const contact = (await clientContacts(tx, handoffId)).find((c) => c.email?.toLowerCase() === email);
      if (!contact) throw invalid("That email is not a contact on the CRM deal: add the contact to the deal in the CRM first.");
      owner = { ownerId: null, clientOwnerName: contact.name, clientOwnerEmail: contact.email };
      ownerLabel = `${contact.name} (client)`;
    }

    const changed: { kind: string; id: string; name: string; before: string | null }[] = [];
    for (const item of command.items) {
      const where = { id: item.id, handoffId };
      const row =
        item.kind === "commitment"
          ? await tx.commitment.findFirst({ where, select: { description: true, ownerName: true, clientOwnerName: true, owner: { select: { name: true } } } }).then((r) => r && { name: r.description, ...r })
          : item.kind === "milestone"
            ? await tx.milestone.findFirst({ where, select: { name: true, ownerName: true, clientOwnerName: true, owner: { select: { name: true } } } })
            : await tx.dependency.findFirst({ where, select: { description: true, party: true, clientOwnerName: true, owner: { select: { name: true } } } }).then((r) => r && { name: r.description, ownerName: r.party, ...r });
      if (!row) throw notFound(`That ${ITEM_LABEL[item.kind]} is not part of this handoff.`);
      if (item.kind === "commitment") await tx.commitment.update({ where: { id: item.id }, data: owner });
      else if (item.kind === "milestone") await tx.milestone.update({ where: { id: item.id }, data: owner });
      else await tx.dependency.update({ where: { id: item.id }, data: owner });
      changed.push({ kind: item.kind, id: item.id, name: row.name, before: row.owner?.name ?? (row.clientOwnerName ? `${row.clientOwnerName} (client)` : row.ownerName) });
    }
    await recordAudit(tx, { actor, action: "owner.reassigned", entityType: "Handoff", entityId: handoffId, handoffId, data: { to: ownerLabel, items: changed } });
    await refreshDeliveryOutputs(tx, handoffId);
    return { reassigned: changed.length, to: ownerLabel };
  });
}

/** What the handoff page offers to resolve owners: ClickUp's members, our people and the client's contacts. */
export async function ownerResolutionOptions(handoffId: string, needMembers: boolean) {
  const [people, contacts, members] = await Promise.all([
    db().user.findMany({
      where: { active: true, role: { in: ["PROJECT_MANAGER", "PS_LEADER", "REVOPS", "DELIVERY_LEAD"] } },
      select: { id: true, name: true, role: true, clickupUserId: true },
      orderBy: { name: "asc" },
    }),
    clientContacts(db(), handoffId),
    needMembers ? clickupMembers() : Promise.resolve([]),
  ]);
  return {
    people: people.map((p) => ({ id: p.id, name: p.name, role: p.role, linked: p.clickupUserId !== null })),
    contacts: contacts.filter((c): c is { name: string; email: string } => c.email !== null),
    /** null when ClickUp cannot be reached to list them. */
    members,
  };
}
export type OwnerResolutionOptions = Awaited<ReturnType<typeof ownerResolutionOptions>>;
