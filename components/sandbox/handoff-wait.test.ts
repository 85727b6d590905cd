import { describe, expect, it } from "vitest";
import { PATIENCE_MS, handoffWait, handoffWaitText } from "./handoff-wait";

describe("waiting for the handoff of a deal moved to closed-won", () => {
  const movedAt = 1_000_000;

  it("says it is waiting until the handoff appears, then says nothing", () => {
    expect(handoffWaitText(handoffWait({ handoff: null }, movedAt, movedAt + 1_500), false)).toBe("Waiting for the handoff…");
    expect(handoffWait({ handoff: { id: "h1" } }, movedAt, movedAt + 1_500)).toBeNull();
    expect(handoffWait({ handoff: null }, undefined, movedAt)).toBeNull();
  });

  it("stops waiting after a while and says what to check", () => {
    const late = handoffWait({ handoff: null }, movedAt, movedAt + PATIENCE_MS);
    expect(late).toBe("late");
    expect(handoffWaitText(late, true)).toMatch(/webhooks are being dropped/);
    expect(handoffWaitText(late, false)).toMatch(/^No handoff yet/);
  });
});
