import { describe, expect, it } from "vitest";
import { isOverdue } from "./overdue.ts";
import { atLeast, mostSevere, severityRank } from "./severity.ts";

describe("overdue", () => {
  const past = new Date("2026-01-01T00:00:00Z");
  const now = new Date("2026-01-02T00:00:00Z");
  it("is past due while the SLA clock runs, in progress or blocked at intake", () => {
    expect(isOverdue({ dueAt: past, status: "IN_PROGRESS" }, now)).toBe(true);
    expect(isOverdue({ dueAt: past.toISOString(), status: "INTAKE_BLOCKED" }, now)).toBe(true);
  });
  it("is never on hold (the clock is paused), finished, or without a due date", () => {
    expect(isOverdue({ dueAt: past, status: "ON_HOLD" }, now)).toBe(false);
    expect(isOverdue({ dueAt: past, status: "COMPLETED" }, now)).toBe(false);
    expect(isOverdue({ dueAt: past, status: "CANCELLED" }, now)).toBe(false);
    expect(isOverdue({ dueAt: null, status: "IN_PROGRESS" }, now)).toBe(false);
    expect(isOverdue({ dueAt: now, status: "IN_PROGRESS" }, past)).toBe(false);
  });
});

describe("severity", () => {
  it("orders LOW < MEDIUM < HIGH < CRITICAL", () => {
    expect(["CRITICAL", "LOW", "HIGH", "MEDIUM"].map((l) => severityRank(l as never))).toEqual([3, 0, 2, 1]);
    expect(atLeast("HIGH", "HIGH")).toBe(true);
    expect(atLeast("MEDIUM", "HIGH")).toBe(false);
    expect(mostSevere(["LOW", "CRITICAL", "MEDIUM"])).toBe("CRITICAL");
    expect(mostSevere([])).toBe("LOW");
  });
});
