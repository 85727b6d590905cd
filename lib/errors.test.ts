import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError, invalidInput, parseInput } from "./errors.ts";

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected the input to be refused");
}

describe("validation messages people read", () => {
  const form = z.object({
    note: z.string().max(2000),
    title: z.string().trim().min(3),
    tags: z.array(z.string()).max(3),
    size: z.number().int().max(500),
    day: z.iso.date(),
    choice: z.enum(["A", "B"]),
  });
  const good = { note: "ok", title: "Fine", tags: [], size: 10, day: "2026-12-01", choice: "A" };

  it("says what to do instead of how zod failed", () => {
    expect(refusal(() => parseInput(form, { ...good, note: "x".repeat(2001) })).message).toBe("Keep it under 2,000 characters.");
    expect(refusal(() => parseInput(form, { ...good, title: "" })).message).toBe("Use at least 3 characters.");
    expect(refusal(() => parseInput(form, { ...good, tags: ["a", "b", "c", "d"] })).message).toBe("Choose at most 3.");
    expect(refusal(() => parseInput(form, { ...good, size: 501 })).message).toBe("Enter 500 or less.");
    expect(refusal(() => parseInput(form, { ...good, day: "01/12/2026" })).message).toBe("Enter a date as YYYY-MM-DD.");
    expect(refusal(() => parseInput(form, { ...good, choice: "C" })).message).toBe("Choose one of: A, B.");
    expect(refusal(() => parseInput(form, { ...good, title: undefined })).message).toBe("This is required.");
  });

  it("keeps the message a schema sets itself, and reports each field", () => {
    const schema = z.object({ comment: z.string().max(10, "Keep the comment under 10 characters."), other: z.string().max(2) });
    const error = refusal(() => parseInput(schema, { comment: "x".repeat(11), other: "abc" }));
    expect(error.message).toBe("Keep the comment under 10 characters.");
    expect(error.fieldErrors).toEqual({ comment: ["Keep the comment under 10 characters."], other: ["Keep it under 2 characters."] });
    expect(error.httpStatus).toBe(422);
  });

  it("turns a ZodError thrown anywhere into the same human message, without losing a schema's own", () => {
    const raw = z.object({ note: z.string().max(2000) }).safeParse({ note: "x".repeat(2001) });
    expect(raw.success).toBe(false);
    expect(raw.error!.issues[0].message).toContain("Too big");
    expect(invalidInput(raw.error!).message).toBe("Keep it under 2,000 characters.");
    const own = z.object({ note: z.string().max(5, "Five at most.") }).safeParse({ note: "too long" });
    expect(invalidInput(own.error!).message).toBe("Five at most.");
    const missing = z.object({ note: z.string() }).safeParse({});
    expect(invalidInput(missing.error!).message).toBe("This is required.");
    const wrong = z.object({ size: z.number() }).safeParse({ size: "ten" });
    expect(invalidInput(wrong.error!).message).toBe("Enter a number.");
  });
});
