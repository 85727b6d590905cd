import { describe, expect, it } from "vitest";
import { formatSpan, joinDistinct } from "./format";

describe("joinDistinct", () => {
  it("shows a value once when two parts are equal", () => {
    expect(joinDistinct(["Contoso", "Enterprise", "Enterprise"])).toBe("Contoso · Enterprise");
    expect(joinDistinct(["Contoso", "Public sector", " public  sector "])).toBe("Contoso · Public sector");
  });

  it("keeps different parts in order and drops empty ones", () => {
    expect(joinDistinct(["Contoso", null, "", "EMEA", undefined, "Mid-market"])).toBe("Contoso · EMEA · Mid-market");
  });
});

describe("formatSpan", () => {
  const hour = 3_600_000;
  it("says hours under two days and days after", () => {
    expect(formatSpan(20 * 60_000)).toBe("under an hour");
    expect(formatSpan(hour)).toBe("1 hour");
    expect(formatSpan(47 * hour)).toBe("47 hours");
    expect(formatSpan(49 * hour)).toBe("2 days");
    expect(formatSpan(-3 * 24 * hour)).toBe("3 days");
  });
});
