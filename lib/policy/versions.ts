import type { z } from "zod";
import type { PolicyKind } from "../db/generated/enums.ts";
import { db, type Tx } from "../db/client.ts";
import type { Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";

/**
 * Versioned configuration (intake policy, task template, …). A change is a new version,
 * never an edit in place, so every decision can point at the version it used.
 *
 * A change that relaxes a control (the caller says what it relaxes) does not apply when it is
 * saved: it waits as PENDING_APPROVAL until a second person — a PS leader who is not its editor —
 * approves it. Until then the version in force stays in force, and no other change of that kind
 * can be saved; the editor may withdraw it. Approval is refused when the version in force has
 * changed since the proposal, so an old proposal can never undo a newer decision.
 */

export interface Versioned<T> {
  version: number;
  config: T;
  createdAt: Date | null;
  createdBy: string | null;
  createdById: string | null;
  note: string | null;
}

export interface PendingVersion<T> extends Versioned<T> {
  baseVersion: number;
  relaxations: string[];
}

type PolicyClient = { policyVersion: Tx["policyVersion"] };

/** The version in force: the newest approved one, or the built-in default (version 0). */
export async function currentVersion<T>(kind: PolicyKind, schema: z.ZodType<T>, fallback: T, client: PolicyClient = db()): Promise<Versioned<T>> {
  const latest = await client.policyVersion.findFirst({
    where: { kind, status: "ACTIVE" },
    orderBy: { version: "desc" },
    include: { createdBy: { select: { name: true } } },
  });
  if (!latest) return { version: 0, config: fallback, createdAt: null, createdBy: null, createdById: null, note: "Built-in default" };
  return { version: latest.version, config: schema.parse(latest.config), createdAt: latest.createdAt, createdBy: latest.createdBy?.name ?? null, createdById: latest.createdById, note: latest.note };
}

/** The change of this kind waiting for a second person, if any. */
export async function pendingVersion<T>(kind: PolicyKind, schema: z.ZodType<T>, client: PolicyClient = db()): Promise<PendingVersion<T> | null> {
  const row = await client.policyVersion.findFirst({
    where: { kind, status: "PENDING_APPROVAL" },
    orderBy: { version: "desc" },
    include: { createdBy: { select: { name: true } } },
  });
  if (!row) return null;
  return {
    version: row.version,
    config: schema.parse(row.config),
    createdAt: row.createdAt,
    createdBy: row.createdBy?.name ?? null,
    createdById: row.createdById,
    note: row.note,
    baseVersion: row.baseVersion ?? 0,
    relaxations: Array.isArray(row.relaxations) ? (row.relaxations as string[]) : [],
  };
}

export async function listVersions(kind: PolicyKind, take = 20) {
  return db().policyVersion.findMany({
    where: { kind },
    orderBy: { version: "desc" },
    take,
    select: { version: true, note: true, status: true, createdAt: true, createdBy: { select: { name: true } }, decidedBy: { select: { name: true } } },
  });
}

export interface SaveOptions<T> {
  /** What the new config relaxes compared with the one in force; any entry makes it wait for approval. */
  relaxations?: (current: T, next: T) => string[];
}

export type Saved<T> = Versioned<T> & { status: "ACTIVE" | "PENDING_APPROVAL"; relaxations: string[] };

/** Validates and saves a new version, serialised so version numbers never collide. Audited. */
export async function saveVersion<T>(
  actor: Actor,
  kind: PolicyKind,
  schema: z.ZodType<T>,
  fallback: T,
  input: unknown,
  note: string,
  what: string,
  options: SaveOptions<T> = {},
): Promise<Saved<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw invalid(`The ${what} is not valid: ${first.path.join(".")} — ${first.message}`);
  }
  const trimmedNote = note.trim();
  if (trimmedNote.length < 3) throw invalid("Say what changed and why (at least 3 characters).", { note: ["Required."] });

  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`policy:${kind}`}))`;
    const waiting = await tx.policyVersion.findFirst({ where: { kind, status: "PENDING_APPROVAL" }, select: { version: true } });
    if (waiting) throw conflict(`Version ${waiting.version} of the ${what} is waiting for a PS leader's approval: have it approved or withdrawn before saving another change.`);
    const previous = await currentVersion(kind, schema, fallback, tx);
    const newest = await tx.policyVersion.findFirst({ where: { kind }, orderBy: { version: "desc" }, select: { version: true } });
    const version = Math.max(previous.version, newest?.version ?? 0) + 1;
    const relaxations = options.relaxations?.(previous.config, parsed.data) ?? [];
    const status = relaxations.length > 0 ? "PENDING_APPROVAL" : "ACTIVE";
    await tx.policyVersion.create({
      data: { kind, version, config: parsed.data as object, note: trimmedNote, createdById: actor.userId, status, baseVersion: previous.version, relaxations },
    });
    await recordAudit(tx, {
      actor,
      action: status === "ACTIVE" ? "policy.changed" : "policy.change_requested",
      entityType: "PolicyVersion",
      entityId: `${kind}:${version}`,
      data: { kind, version, previousVersion: previous.version, note: trimmedNote, ...(relaxations.length ? { relaxations } : {}) },
    });
    return { version, config: parsed.data, createdAt: new Date(), createdBy: actor.name, createdById: actor.userId, note: trimmedNote, status, relaxations };
  });
}

export type VersionDecision = "approve" | "reject" | "withdraw";

/**
 * Decides a pending change: a PS leader other than its editor approves or rejects it; its editor
 * may withdraw it. Approval applies it only if the version it was based on is still in force.
 */
export async function decideVersion(actor: Actor, kind: PolicyKind, version: number, decision: VersionDecision, note: string, what: string) {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`policy:${kind}`}))`;
    const row = await tx.policyVersion.findUnique({ where: { kind_version: { kind, version } } });
    if (!row) throw notFound(`There is no version ${version} of the ${what}.`);
    if (row.status !== "PENDING_APPROVAL") throw conflict(`Version ${version} of the ${what} is not waiting for approval.`);
    if (decision === "withdraw") {
      if (row.createdById !== actor.userId) throw forbidden("Only the person who proposed a change can withdraw it.");
    } else {
      if (actor.role !== "PS_LEADER") throw forbidden(`A change that relaxes the ${what} is approved by a PS leader.`);
      if (row.createdById === actor.userId) throw forbidden("A second person must approve a change that relaxes a control: you proposed this one.");
      if (decision === "reject" && note.trim().length < 3) throw invalid("Say why the change is rejected (at least 3 characters).", { note: ["Required."] });
    }
    if (decision === "approve") {
      const inForce = await tx.policyVersion.findFirst({ where: { kind, status: "ACTIVE" }, orderBy: { version: "desc" }, select: { version: true } });
      if ((inForce?.version ?? 0) !== (row.baseVersion ?? 0)) {
        throw conflict(`Version ${version} was proposed against version ${row.baseVersion ?? 0}, but version ${inForce?.version ?? 0} is now in force: it must be proposed again.`);
      }
    }
    const status = decision === "approve" ? "ACTIVE" : decision === "reject" ? "REJECTED" : "WITHDRAWN";
    await tx.policyVersion.update({ where: { id: row.id }, data: { status, decidedById: actor.userId, decidedAt: new Date(), decisionNote: note.trim() || null } });
    await recordAudit(tx, {
      actor,
      action: decision === "approve" ? "policy.change_approved" : decision === "reject" ? "policy.change_rejected" : "policy.change_withdrawn",
      entityType: "PolicyVersion",
      entityId: `${kind}:${version}`,
      data: { kind, version, proposedBy: row.createdById, note: note.trim(), relaxations: row.relaxations ?? [] },
    });
    return { version, status };
  });
}
