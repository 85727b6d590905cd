import type { PrismaClient, Tx } from "../db/client.ts";
import type { StageKey, StageStatus } from "../db/generated/enums.ts";
import { env } from "../env.ts";
import { noteOf } from "../rules/evidence.ts";
import { STAGE_KEYS } from "../rules/stages.ts";
import { KICKOFF_SLA_DAYS } from "../rules/sla.ts";

/**
 * Everything the delivery outputs (ClickUp list, Notion brief, Slack messages) are built
 * from, read in one go. The builders are pure functions of this model, so the same
 * handoff always renders the same content and a content hash says when to sync again.
 */

export interface Person {
  userId: string;
  name: string;
  email: string;
  clickupUserId: string | null;
  slackUserId: string | null;
}

/** Who owns an item: one of our people, a client contact from the CRM, or nobody known yet. */
export type ItemOwner = { kind: "person"; person: Person } | { kind: "client"; name: string; email: string | null } | { kind: "unresolved" };

export interface DeliveryModel {
  id: string;
  number: number;
  ref: string;
  title: string;
  customerName: string;
  url: string;
  closedWonAt: Date;
  promisedKickoffAt: Date | null;
  kickoffScheduledAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  stages: Record<StageKey, StageStatus>;
  people: {
    psLeader: Person | null;
    projectManager: Person | null;
    revOps: Person | null;
    deliveryLead: Person | null;
    salesOwner: Person | null;
  };
  /** Every active user who could own a task, for mapping owner names to people. */
  directory: Person[];
  commitments: { id: string; description: string; ownerName: string | null; owner: ItemOwner; dueDate: Date | null }[];
  milestones: { id: string; name: string; ownerName: string | null; owner: ItemOwner; dueDate: Date }[];
  dependencies: { id: string; description: string; party: string; owner: ItemOwner; neededBy: Date | null; status: string }[];
  risks: { id: string; title: string; severity: string; ownerName: string | null; mitigation: string | null; status: string; comment: string | null; acceptedBy: string | null }[];
  inScope: string[];
  outOfScope: string[];
  assumptions: string[];
  constraints: { system: string; constraint: string }[];
  decisions: { id: string; title: string; rationale: string; decidedBy: string; decidedAt: Date }[];
  /** The escalation note captured at the digest gate, if any. */
  escalationNote: string | null;
  /** The revision of the brief the PM approved, if approved. */
  approvedBriefRevision: string | null;
  links: Partial<Record<"clickup" | "notion" | "slackAck" | "slackDigest", { externalId: string; url: string | null }>>;
}

const personSelect = { id: true, name: true, email: true, clickupUserId: true, slackUserId: true } as const;
type PersonRow = { id: string; name: string; email: string; clickupUserId: string | null; slackUserId: string | null };
const person = (u: PersonRow | null): Person | null => (u ? { userId: u.id, name: u.name, email: u.email, clickupUserId: u.clickupUserId, slackUserId: u.slackUserId } : null);

function itemOwner(row: { owner: PersonRow | null; clientOwnerName: string | null; clientOwnerEmail: string | null }): ItemOwner {
  if (row.owner) return { kind: "person", person: person(row.owner)! };
  if (row.clientOwnerName) return { kind: "client", name: row.clientOwnerName, email: row.clientOwnerEmail };
  return { kind: "unresolved" };
}

export function handoffUrl(id: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/handoffs/${id}`;
}

export function handoffReference(number: number): string {
  return `HO-${number}`;
}

const LINK_KEYS = { "CLICKUP:list": "clickup", "NOTION:brief": "notion", "SLACK:ack": "slackAck", "SLACK:digest": "slackDigest" } as const;

export async function loadDeliveryModel(client: Tx | PrismaClient, handoffId: string): Promise<DeliveryModel> {
  // Sequential on purpose: inside a transaction queries must not overlap.
  const h = await client.handoff.findUniqueOrThrow({
    where: { id: handoffId },
    include: {
      psLeader: { select: personSelect },
      projectManager: { select: personSelect },
      revOps: { select: personSelect },
      deliveryLead: { select: personSelect },
      salesOwner: { select: personSelect },
      stages: { select: { key: true, status: true, evidence: { where: { requirementKey: { in: ["escalation_contacts", "approved_snapshot"] } }, orderBy: { capturedAt: "desc" }, select: { requirementKey: true, data: true } } } },
      // Every list ends its order on the id: rows created together (one createMany) share a
      // createdAt, and an update must not reorder them, or the brief's revision would change.
      commitments: { orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }, { id: "asc" }], include: { owner: { select: personSelect } } },
      milestones: { orderBy: [{ dueDate: "asc" }, { position: "asc" }, { id: "asc" }], include: { owner: { select: personSelect } } },
      dependencies: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { owner: { select: personSelect } } },
      risks: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { owner: { select: { name: true } }, acceptedBy: { select: { name: true } } } },
      scopeItems: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      assumptions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      integrationConstraints: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      decisions: { orderBy: [{ decidedAt: "asc" }, { id: "asc" }] },
      externalLinks: true,
    },
  });
  const acknowledgedBy = h.acknowledgedById ? await client.user.findUnique({ where: { id: h.acknowledgedById }, select: { name: true } }) : null;
  const directory = await client.user.findMany({ where: { active: true }, select: personSelect, orderBy: { name: "asc" } });

  const stages = Object.fromEntries(STAGE_KEYS.map((k) => [k, h.stages.find((s) => s.key === k)?.status ?? "NOT_STARTED"])) as Record<StageKey, StageStatus>;
  const evidence = h.stages.flatMap((s) => s.evidence);
  const revisionOf = (data: unknown) => (data && typeof data === "object" && "revision" in data && typeof data.revision === "string" ? data.revision : null);

  const links: DeliveryModel["links"] = {};
  for (const link of h.externalLinks) {
    const key = LINK_KEYS[`${link.vendor}:${link.kind}` as keyof typeof LINK_KEYS];
    if (key) links[key] = { externalId: link.externalId, url: link.url };
  }

  return {
    id: h.id,
    number: h.number,
    ref: handoffReference(h.number),
    title: h.title,
    customerName: h.customerName,
    url: handoffUrl(h.id),
    closedWonAt: h.closedWonAt,
    promisedKickoffAt: h.promisedKickoffAt,
    kickoffScheduledAt: h.kickoffScheduledAt,
    acknowledgedAt: h.acknowledgedAt,
    acknowledgedBy: acknowledgedBy?.name ?? null,
    stages,
    people: {
      psLeader: person(h.psLeader),
      projectManager: person(h.projectManager),
      revOps: person(h.revOps),
      deliveryLead: person(h.deliveryLead),
      salesOwner: person(h.salesOwner),
    },
    directory: directory.map((u) => person(u)!),
    commitments: h.commitments.map((c) => ({ id: c.id, description: c.description, ownerName: c.ownerName, owner: itemOwner(c), dueDate: c.dueDate })),
    milestones: h.milestones.map((m) => ({ id: m.id, name: m.name, ownerName: m.ownerName, owner: itemOwner(m), dueDate: m.dueDate })),
    dependencies: h.dependencies.map((d) => ({ id: d.id, description: d.description, party: d.party, owner: itemOwner(d), neededBy: d.neededBy, status: d.status })),
    risks: h.risks.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      ownerName: r.owner?.name ?? r.ownerName,
      mitigation: r.mitigation,
      status: r.status,
      comment: r.comment,
      acceptedBy: r.acceptedBy?.name ?? null,
    })),
    inScope: h.scopeItems.filter((s) => s.kind === "IN_SCOPE").map((s) => s.description),
    outOfScope: h.scopeItems.filter((s) => s.kind === "OUT_OF_SCOPE").map((s) => s.description),
    assumptions: h.assumptions.map((a) => a.text),
    constraints: h.integrationConstraints.map((c) => ({ system: c.system, constraint: c.constraint })),
    decisions: h.decisions.map((d) => ({ id: d.id, title: d.title, rationale: d.rationale, decidedBy: d.decidedBy, decidedAt: d.decidedAt })),
    escalationNote: noteOf(evidence.find((e) => e.requirementKey === "escalation_contacts")?.data),
    approvedBriefRevision: revisionOf(evidence.find((e) => e.requirementKey === "approved_snapshot")?.data),
    links,
  };
}

/** The date tasks and the digest count from: the scheduled kickoff, else the promised one, else two weeks after closed-won. */
export function kickoffDate(model: Pick<DeliveryModel, "kickoffScheduledAt" | "promisedKickoffAt" | "closedWonAt">): Date {
  return model.kickoffScheduledAt ?? model.promisedKickoffAt ?? new Date(model.closedWonAt.getTime() + KICKOFF_SLA_DAYS * 86_400_000);
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
