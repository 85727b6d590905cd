import { db, type Tx } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { forbidden } from "../errors.ts";
import { currentVersion, listVersions, saveVersion } from "../policy/versions.ts";
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
  const { config, ...rest } = await currentVersion("INTAKE_POLICY", intakePolicySchema, DEFAULT_INTAKE_POLICY, client);
  return { ...rest, policy: config };
}

export function listIntakePolicyVersions(take = 20) {
  return listVersions("INTAKE_POLICY", take);
}

/**
 * Saves a new version of the intake policy. Versions are never edited in place: each
 * intake decision keeps pointing at the version it used. Audited.
 */
export async function saveIntakePolicy(actor: Actor, input: unknown, note: string): Promise<VersionedPolicy> {
  if (!can(actor.role, "policy:edit")) throw forbidden("Only RevOps and admins can change the intake policy.");
  const { config, ...rest } = await saveVersion(actor, "INTAKE_POLICY", intakePolicySchema, DEFAULT_INTAKE_POLICY, input, note, "policy");
  return { ...rest, policy: config };
}
