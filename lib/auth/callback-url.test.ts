import { describe, expect, it } from "vitest";
import { safeCallbackUrl, sameOriginPath } from "./callback-url.ts";

const APP = "https://handoffs.example.com";

describe("safeCallbackUrl", () => {
  it("keeps a path on the app's own origin, with its query and hash", () => {
    expect(safeCallbackUrl("/handoffs/abc?tab=risks#gate", APP)).toBe("/handoffs/abc?tab=risks#gate");
    expect(safeCallbackUrl(`${APP}/approvals`, APP)).toBe("/approvals");
  });

  it("refuses every way of pointing at another site", () => {
    for (const attack of [
      "/\\evil.example/phish",
      "/%5Cevil.example/phish".replace("%5C", "\\"),
      "//evil.example/phish",
      "\\\\evil.example",
      "https://evil.example/handoffs",
      "https://handoffs.example.com.evil.example/",
      "http://handoffs.example.com/handoffs",
      "javascript:alert(1)",
      "data:text/html,hi",
      "/\t/evil.example",
    ]) {
      expect(safeCallbackUrl(attack, APP), attack).toBe("/handoffs");
    }
  });

  it("falls back to the queue for nothing, the sign-in page itself and API routes", () => {
    expect(safeCallbackUrl(undefined, APP)).toBe("/handoffs");
    expect(safeCallbackUrl("", APP)).toBe("/handoffs");
    expect(safeCallbackUrl("/login?callbackUrl=/x", APP)).toBe("/handoffs");
    expect(safeCallbackUrl("/api/kpi/export", APP)).toBe("/handoffs");
  });
});

describe("sameOriginPath", () => {
  it("lets next-auth's own redirects reach the sign-in page, never another origin", () => {
    expect(sameOriginPath(`${APP}/login`, APP)).toBe("/login");
    expect(sameOriginPath("/\\evil.example/", APP)).toBeNull();
    expect(sameOriginPath("https://evil.example/login", APP)).toBeNull();
  });
});
