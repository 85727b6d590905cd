import { describe, expect, it } from "vitest";
import { formatDateTime } from "@/components/ui/format";
import { connectionBadge, lastCheckText, withCheck, type ConnectionState } from "./connection-status";

describe("a connection card's last check", () => {
  const never: ConnectionState = { configured: true, source: "environment", lastCheckedAt: null, lastCheckOk: null, lastCheckError: null };

  it("shows the check's time as soon as it passes, before the page data is read again", () => {
    expect(lastCheckText(withCheck(never, null))).toBe("Never");
    const checkedAt = "2026-12-03T12:30:00.000Z";
    expect(lastCheckText(withCheck(never, { ok: true, checkedAt, error: null }))).toBe(`${formatDateTime(checkedAt)} — passed`);
    expect(lastCheckText(withCheck(never, { ok: false, checkedAt, error: "The token works: Token invalid." }))).toBe(`${formatDateTime(checkedAt)} — The token works: Token invalid.`);
  });
});

describe("a connection card's badge", () => {
  const saved: ConnectionState = { configured: true, source: "connection", lastCheckedAt: null, lastCheckOk: null, lastCheckError: null };

  it("says the check failed instead of Connected once a check fails, at once and after a reload", () => {
    expect(connectionBadge({ ...saved, configured: false, source: null })).toEqual({ tone: "amber", label: "Not connected" });
    expect(connectionBadge(saved)).toEqual({ tone: "green", label: "Connected" });
    expect(connectionBadge({ ...saved, source: "environment" })).toEqual({ tone: "green", label: "Connected (environment)" });
    expect(connectionBadge(withCheck(saved, { ok: false, checkedAt: "2026-12-03T12:30:00.000Z", error: "API token is invalid." }))).toEqual({ tone: "red", label: "Check failed" });
    expect(connectionBadge({ ...saved, lastCheckOk: false })).toEqual({ tone: "red", label: "Check failed" });
  });
});
