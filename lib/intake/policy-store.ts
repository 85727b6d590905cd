import { db, type Tx } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { forbidden } from "../errors.ts";
import { currentVersion, decideVersion, listVersions, pendingVersion, saveVersion, type VersionDecision } from "../policy/versions.ts";
import { DEFAULT_INTAKE_POLICY, intakePolicySchema, policyRelaxations, type IntakePolicy } from "./policy.ts";

export interface VersionedPolicy {
  version: number;
  policy: IntakePolicy;
  createdAt: Date | null;
  createdBy: string | null;
  createdById: string | null;
  note: string | null;
}

/** The policy in force: the newest saved version, or the built-in default (version 0). */
export async function currentIntakePolicy(client: { policyVersion: Tx["policyVersion"] } = db()): Promise<VersionedPolicy> {
  const { config, ...rest } = await currentVersion("INTAKE_POLICY", intakePolicySchema, DEFAULT_INTAKE_POLICY, client);
  return { ...rest, policy: config };
}

export function listIntakePolicyVersions(take = 20) {
  return listVersions("INTAKE_POLICY", take);
}

/** A change to the policy that relaxes a control and waits for a PS leader's approval. */
export function pendingIntakePolicy() {
  return pendingVersion("INTAKE_POLICY", intakePolicySchema);
}

/**
 * Saves a new version of the intake policy. Versions are never edited in place: each
 * intake decision keeps pointing at the version it used. A version that relaxes a control
 * (see `policyRelaxations`) applies only once a PS leader other than its editor approves it.
 * Audited.
 */
export async function saveIntakePolicy(actor: Actor, input: unknown, note: string) {
  if (!can(actor.role, "policy:edit")) throw forbidden("Only RevOps and admins can change the intake policy.");
  const { config, ...rest } = await saveVersion(actor, "INTAKE_POLICY", intakePolicySchema, DEFAULT_INTAKE_POLICY, input, note, "intake policy", { relaxations: policyRelaxations });
  return { ...rest, policy: config };
}

export function decideIntakePolicy(actor: Actor, version: number, decision: VersionDecision, note: string) {
  return decideVersion(actor, "INTAKE_POLICY", version, decision, note, "intake policy");
}

/** The pending change as the approver and the editor see it; null when none waits. */
export async function pendingIntakePolicyChange() {
  const pending = await pendingIntakePolicy();
  if (!pending) return null;
  return {
    version: pending.version,
    baseVersion: pending.baseVersion,
    proposedBy: pending.createdBy,
    proposedById: pending.createdById,
    proposedAt: pending.createdAt?.toISOString() ?? null,
    note: pending.note,
    relaxations: pending.relaxations,
  };
}
