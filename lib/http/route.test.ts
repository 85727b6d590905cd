import { describe, expect, it } from "vitest";
import { route } from "./route.ts";

const ok = route(async () => new Response("done"));
const post = (headers: Record<string, string>) => ok(new Request("http://127.0.0.1:3000/api/x", { method: "POST", headers }), {});

describe("route: cross-site state changes", () => {
  it("allows the app's own origin and requests without an Origin", async () => {
    expect((await post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" })).status).toBe(200);
    expect((await post({ host: "127.0.0.1:3000" })).status).toBe(200);
  });

  it("refuses another origin, even when it forges X-Forwarded-Host (no proxy is configured)", async () => {
    const refused = await post({ host: "127.0.0.1:3000", origin: "http://evil.example", "x-forwarded-host": "evil.example" });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toBe("Cross-site requests are not allowed.");
  });

  it("answers an oversized body with 413 and its reason", async () => {
    const big = route(async (request) => {
      const { readJson } = await import("./route.ts");
      return Response.json(await readJson(request, 10));
    });
    const answer = await big(new Request("http://127.0.0.1:3000/api/x", { method: "POST", body: JSON.stringify({ note: "far more than ten bytes" }) }), {});
    expect(answer.status).toBe(413);
    expect((await answer.json()).error).toMatchObject({ code: "TOO_LARGE", message: "The body is larger than 10 bytes." });
  });
});
