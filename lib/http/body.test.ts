import { describe, expect, it } from "vitest";
import { parseJsonBody, readBodyText } from "./body.ts";

/** A request whose body streams `total` bytes, counting how many were pulled. */
function streamingRequest(total: number, declare = false) {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(120);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const request = new Request("http://app.test/api/x", {
    method: "POST",
    body,
    headers: declare ? { "content-length": String(total) } : {},
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

describe("readBodyText", () => {
  it("stops reading at the byte limit instead of buffering a 20 MB body", async () => {
    const { request, pulled } = streamingRequest(20 * 1024 * 1024);
    await expect(readBodyText(request, 1024 * 1024)).rejects.toMatchObject({ code: "TOO_LARGE", httpStatus: 413, message: "The body is larger than 1 MB." });
    expect(pulled()).toBeLessThan(2 * 1024 * 1024);
  });

  it("refuses a declared oversized length before reading anything", async () => {
    const { request, pulled } = streamingRequest(5 * 1024 * 1024, true);
    await expect(readBodyText(request, 1024 * 1024)).rejects.toMatchObject({ code: "TOO_LARGE" });
    expect(pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it("reads a body within the limit", async () => {
    expect(await readBodyText(new Request("http://app.test", { method: "POST", body: '{"a":1}' }), 100)).toBe('{"a":1}');
  });
});

describe("parseJsonBody", () => {
  it("refuses JSON nested 10,000 levels deep with a 422, before parsing it", () => {
    expect(() => parseJsonBody("[".repeat(10_000) + "]".repeat(10_000))).toThrow(expect.objectContaining({ code: "INVALID", message: "The JSON nests deeper than 32 levels." }));
    expect(parseJsonBody(JSON.stringify({ a: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" }))).toEqual({ a: "[".repeat(38) });
  });

  it("refuses text PostgreSQL cannot store: NUL characters and unpaired surrogates, in values and keys", () => {
    expect(() => parseJsonBody('{"note":"a\\u0000b"}')).toThrow(expect.objectContaining({ code: "INVALID", message: "Text may not contain NUL characters." }));
    expect(() => parseJsonBody('{"note":"\\ud800"}')).toThrow(expect.objectContaining({ code: "INVALID" }));
    expect(() => parseJsonBody('{"\\udfff":1}')).toThrow(expect.objectContaining({ code: "INVALID" }));
    expect(parseJsonBody('{"note":"emoji \\ud83d\\ude00 ok"}')).toEqual({ note: "emoji 😀 ok" });
  });

  it("says when the body is not JSON", () => {
    expect(() => parseJsonBody("{nope")).toThrow(expect.objectContaining({ code: "INVALID", message: "The request body is not valid JSON." }));
    expect(parseJsonBody("")).toEqual({});
  });
});
