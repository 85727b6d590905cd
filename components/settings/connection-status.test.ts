import { describe, expect, it } from "vitest";
import { formatDateTime } from "@/components/ui/format";
import { lastCheckText, withCheck, type ConnectionState } from "./connection-status";

describe("a connection card's last check", () => {
  const never: ConnectionState = { configured: true, source: "environment", lastCheckedAt: null, lastCheckOk: null, lastCheckError: null };

  it("shows the check's time as soon as it passes, before the page data is read again", () => {
    expect(lastCheckText(withCheck(never, null))).toBe("Never");
    const checkedAt = "2026-12-03T12:30:00.000Z";
    expect(lastCheckText(withCheck(never, { ok: true, checkedAt, error: null }))).toBe(`${formatDateTime(checkedAt)} — passed`);
    expect(lastCheckText(withCheck(never, { ok: false, checkedAt, error: "The token works: Token invalid." }))).toBe(`${formatDateTime(checkedAt)} — The token works: Token invalid.`);
  });
});
