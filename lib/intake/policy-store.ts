import { db, type Tx } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { forbidden, invalid } from "../errors.ts";
import { DEFAULT_INTAKE_POLICY, intakePolicySchema, type IntakePolicy } from "./policy.ts";

export interface VersionedPolicy {
  version: number;
  policy: IntakePolicy;
  createdAt: Date | null;
  createdBy: string | null;
  note: string | null;
}

/** The policy in force: the newest saved version, or the built-in default (version 0). */
export async function currentIntakePolicy(client: { policyVersion: Tx["policyVersion"] } = db()): Promise<VersionedPolicy> {
  const latest = await client.policyVersion.findFirst({
    where: { kind: "INTAKE_POLICY" },
    orderBy: { version: "desc" },
    include: { createdBy: { select: { name: true } } },
  });
  if (!latest) return { version: 0, policy: DEFAULT_INTAKE_POLICY, createdAt: null, createdBy: null, note: "Built-in default" };
  return { version: latest.version, policy: intakePolicySchema.parse(latest.config), createdAt: latest.createdAt, createdBy: latest.createdBy?.name ?? null, note: latest.note };
}

export async function listIntakePolicyVersions(take = 20) {
  return db().policyVersion.findMany({
    where: { kind: "INTAKE_POLICY" },
    orderBy: { version: "desc" },
    take,
    select: { version: true, note: true, createdAt: true, createdBy: { select: { name: true } } },
  });
}

/**
 * Saves a new version of the intake policy. Versions are never edited in place: each
 * intake decision keeps pointing at the version it used. Audited.
 */
export async function saveIntakePolicy(actor: Actor, input: unknown, note: string): Promise<VersionedPolicy> {
  if (!can(actor.role, "policy:edit")) throw forbidden("Only RevOps and admins can change the intake policy.");
  const parsed = intakePolicySchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw invalid(`The policy is not valid: ${first.path.join(".")} — ${first.message}`);
  }
  const trimmedNote = note.trim();
  if (trimmedNote.length < 3) throw invalid("Say what changed and why (at least 3 characters).", { note: ["Required."] });

  return db().$transaction(async (tx) => {
    // Serialise concurrent saves so version numbers never collide.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('policy:INTAKE_POLICY'))`;
    const previous = await currentIntakePolicy(tx);
    const version = previous.version + 1;
    await tx.policyVersion.create({ data: { kind: "INTAKE_POLICY", version, config: parsed.data, note: trimmedNote, createdById: actor.userId } });
    await recordAudit(tx, {
      actor,
      action: "policy.changed",
      entityType: "PolicyVersion",
      entityId: `INTAKE_POLICY:${version}`,
      data: { version, previousVersion: previous.version, note: trimmedNote },
    });
    return { version, policy: parsed.data, createdAt: new Date(), createdBy: actor.name, note: trimmedNote };
  });
}
