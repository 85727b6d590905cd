import type { z } from "zod";
import type { PolicyKind } from "../db/generated/enums.ts";
import { db, type Tx } from "../db/client.ts";
import type { Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { humanIssueMessage, invalid } from "../errors.ts";

/**
 * Versioned configuration (intake policy, task template, …). A change is a new version,
 * never an edit in place, so every decision can point at the version it used.
 */

export interface Versioned<T> {
  version: number;
  config: T;
  createdAt: Date | null;
  createdBy: string | null;
  note: string | null;
}

type PolicyClient = { policyVersion: Tx["policyVersion"] };

/** The version in force: the newest saved one, or the built-in default (version 0). */
export async function currentVersion<T>(kind: PolicyKind, schema: z.ZodType<T>, fallback: T, client: PolicyClient = db()): Promise<Versioned<T>> {
  const latest = await client.policyVersion.findFirst({
    where: { kind },
    orderBy: { version: "desc" },
    include: { createdBy: { select: { name: true } } },
  });
  if (!latest) return { version: 0, config: fallback, createdAt: null, createdBy: null, note: "Built-in default" };
  return { version: latest.version, config: schema.parse(latest.config), createdAt: latest.createdAt, createdBy: latest.createdBy?.name ?? null, note: latest.note };
}

export async function listVersions(kind: PolicyKind, take = 20) {
  return db().policyVersion.findMany({
    where: { kind },
    orderBy: { version: "desc" },
    take,
    select: { version: true, note: true, createdAt: true, createdBy: { select: { name: true } } },
  });
}

/** Validates and saves a new version, serialised so version numbers never collide. Audited. */
export async function saveVersion<T>(actor: Actor, kind: PolicyKind, schema: z.ZodType<T>, fallback: T, input: unknown, note: string, what: string): Promise<Versioned<T>> {
  const parsed = schema.safeParse(input, { error: humanIssueMessage });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw invalid(`The ${what} is not valid: ${first.path.join(".")} — ${first.message}`);
  }
  const trimmedNote = note.trim();
  if (trimmedNote.length < 3) throw invalid("Say what changed and why (at least 3 characters).", { note: ["Required."] });

  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`policy:${kind}`}))`;
    const previous = await currentVersion(kind, schema, fallback, tx);
    const version = previous.version + 1;
    await tx.policyVersion.create({ data: { kind, version, config: parsed.data as object, note: trimmedNote, createdById: actor.userId } });
    await recordAudit(tx, {
      actor,
      action: "policy.changed",
      entityType: "PolicyVersion",
      entityId: `${kind}:${version}`,
      data: { kind, version, previousVersion: previous.version, note: trimmedNote },
    });
    return { version, config: parsed.data, createdAt: new Date(), createdBy: actor.name, note: trimmedNote };
  });
}
