import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, isEncryptedWith, maskSecret } from "./secrets.ts";

const KEY = randomBytes(32).toString("base64");

describe("secrets at rest", () => {
  it("round-trips and never stores the plaintext", () => {
    const stored = encryptSecret("pat-na1-1234-secret", KEY);
    expect(stored).not.toContain("secret");
    expect(decryptSecret(stored, KEY)).toBe("pat-na1-1234-secret");
  });

  it("uses a fresh nonce every time", () => {
    expect(encryptSecret("same", KEY)).not.toBe(encryptSecret("same", KEY));
  });

  it("refuses a tampered value or the wrong key", () => {
    const stored = encryptSecret("token", KEY);
    const parts = stored.split(".");
    const flipped = Buffer.from(parts[3], "base64url");
    flipped[0] ^= 1;
    expect(() => decryptSecret([...parts.slice(0, 3), flipped.toString("base64url")].join("."), KEY)).toThrow();
    expect(() => decryptSecret(stored, randomBytes(32).toString("base64"))).toThrow();
  });

  it("masks a secret for display", () => {
    expect(maskSecret("pat-na1-abcdef-9876")).toBe("pat-…9876");
  });
});

describe("rotating ENCRYPTION_KEY", () => {
  it("opens values made with a previous key while the rotation runs, and tells which key made a value", () => {
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    const stored = encryptSecret("xoxb-old", oldKey);
    expect(() => decryptSecret(stored, newKey)).toThrow(/neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS/);
    expect(decryptSecret(stored, newKey, [oldKey])).toBe("xoxb-old");
    expect(isEncryptedWith(stored, newKey)).toBe(false);
    const rotated = encryptSecret(decryptSecret(stored, newKey, [oldKey]), newKey);
    expect(isEncryptedWith(rotated, newKey)).toBe(true);
    expect(decryptSecret(rotated, newKey)).toBe("xoxb-old");
  });
});
