import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Vendor tokens at rest: AES-256-GCM with a random 96-bit nonce per value, keyed by
 * ENCRYPTION_KEY. The stored form is `v1.<nonce>.<tag>.<ciphertext>` (base64url), so
 * the scheme can change later without guessing. Tampering fails authentication.
 */
const VERSION = "v1";

function key(encoded: string): Buffer {
  const k = Buffer.from(encoded, "base64");
  if (k.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes encoded as base64.");
  return k;
}

export function encryptSecret(plaintext: string, encodedKey: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(encodedKey), nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, nonce.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/**
 * Decrypts with the current key, or with one of the previous keys while a rotation is under way
 * (ENCRYPTION_KEY_PREVIOUS). GCM authenticates: only the key a value was made with opens it.
 */
export function decryptSecret(stored: string, encodedKey: string, previousKeys: readonly string[] = []): string {
  const [version, nonce, tag, ciphertext] = stored.split(".");
  if (version !== VERSION || !nonce || !tag || ciphertext === undefined) throw new Error("Unrecognised encrypted secret format.");
  for (const candidate of [encodedKey, ...previousKeys]) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", key(candidate), Buffer.from(nonce, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      // not this key
    }
  }
  throw new Error("A stored secret opens with neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS: was the key changed without a rotation?");
}

/** Whether a stored value was made with exactly this key (a rotation re-encrypts those that were not). */
export function isEncryptedWith(stored: string, encodedKey: string): boolean {
  try {
    decryptSecret(stored, encodedKey);
    return true;
  } catch {
    return false;
  }
}

/** For showing that a secret is set without showing it: "pat-…a1b2". */
export function maskSecret(secret: string): string {
  return secret.length <= 8 ? "••••" : `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}
