import { describe, expect, it } from "vitest";
import { verifiedSsoEmail } from "./sso.ts";

describe("verifiedSsoEmail", () => {
  it("matches by an email the identity provider verified", () => {
    expect(verifiedSsoEmail({ email: "Dana@Example.com", email_verified: true })).toBe("dana@example.com");
    expect(verifiedSsoEmail({ email: "dana@example.com", email_verified: "true" })).toBe("dana@example.com");
  });

  it("trusts no unverified or missing claim", () => {
    expect(verifiedSsoEmail({ email: "admin@example.com" })).toBeNull();
    expect(verifiedSsoEmail({ email: "admin@example.com", email_verified: false })).toBeNull();
    expect(verifiedSsoEmail({ email: "admin@example.com", email_verified: "false" })).toBeNull();
    expect(verifiedSsoEmail({ email_verified: true })).toBeNull();
    expect(verifiedSsoEmail(null)).toBeNull();
  });
});
