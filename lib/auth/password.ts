import bcrypt from "bcryptjs";

/** bcrypt with cost 12: slow enough to make offline guessing expensive. */
const COST = 12;

export function hashPassword(password: string, cost = COST): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so a miss takes as long as a wrong password:
// made at the same cost as every stored hash (stored ones are rehashed at sign-in when the cost changes).
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= bcrypt.hash("not a password anyone has", COST));

/**
 * Exactly one comparison at the current cost, whoever signs in: against the stored hash, or the
 * dummy for an unknown email. A hash of another (older, cheaper) cost is checked and then the dummy
 * too, so an account with an old hash does not answer faster than the rest.
 */
export async function verifyPasswordOrDummy(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    await bcrypt.compare(password, await dummy());
    return false;
  }
  const ok = await bcrypt.compare(password, hash);
  if (needsRehash(hash)) await bcrypt.compare(password, await dummy());
  return ok;
}

/** A stored hash made at another cost is replaced at the next successful sign-in. */
export function needsRehash(hash: string): boolean {
  try {
    return bcrypt.getRounds(hash) !== COST;
  } catch {
    return true;
  }
}
