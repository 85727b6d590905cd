import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { signSlackRequest, verifySlackRequest } from "./signature.ts";

const SECRET = "sandbox-signing-secret";
const BODY = `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", actions: [{ action_id: "approve", value: "h_1" }] }))}`;
const NOW = 1_700_000_000_000;
const TS = String(NOW / 1000);

function signed(overrides: Partial<{ body: string; timestamp: string }> = {}) {
  const request = { signingSecret: SECRET, body: BODY, timestamp: TS, ...overrides };
  return { ...request, signature: signSlackRequest(request) };
}

describe("verifySlackRequest", () => {
  it("accepts a request signed with the same secret, body and timestamp", () => {
    const request = signed();
    expect(request.signature).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(verifySlackRequest({ ...request, now: NOW + 1_000 })).toEqual({ ok: true });
    expect(verifySlackRequest({ ...request, timestamp: Number(TS), body: Buffer.from(BODY), now: NOW })).toEqual({ ok: true });
  });

  it("rejects a tampered body", () => {
    const request = signed();
    expect(verifySlackRequest({ ...request, body: BODY.replace("h_1", "h_2"), now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a wrong secret, a replayed timestamp and signatures of the wrong shape without throwing", () => {
    const request = signed();
    expect(verifySlackRequest({ ...request, signingSecret: "other", now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifySlackRequest({ ...request, timestamp: String(Number(TS) + 1), now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifySlackRequest({ ...request, signature: "v0=abc", now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifySlackRequest({ ...request, signature: request.signature.replace("v0=", "v1="), now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifySlackRequest({ ...request, signature: `${request.signature}0`, now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a timestamp older than the tolerance", () => {
    const request = signed();
    expect(verifySlackRequest({ ...request, now: NOW + 300_000 })).toEqual({ ok: true });
    expect(verifySlackRequest({ ...request, now: NOW + 301_000 })).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(verifySlackRequest({ ...request, now: NOW + 60_000, toleranceMs: 30_000 })).toEqual({ ok: false, reason: "stale_timestamp" });
  });

  it("rejects a timestamp further in the future than the tolerance", () => {
    expect(verifySlackRequest({ ...signed({ timestamp: String(NOW / 1000 + 301) }), now: NOW })).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(verifySlackRequest({ ...signed({ timestamp: String(NOW / 1000 + 10) }), now: NOW })).toEqual({ ok: true });
  });

  it("names a missing signature or timestamp header", () => {
    const request = signed();
    expect(verifySlackRequest({ ...request, signature: undefined, now: NOW })).toEqual({ ok: false, reason: "missing_signature" });
    expect(verifySlackRequest({ ...request, signature: " ", now: NOW })).toEqual({ ok: false, reason: "missing_signature" });
    expect(verifySlackRequest({ ...request, timestamp: null, now: NOW })).toEqual({ ok: false, reason: "missing_timestamp" });
    expect(verifySlackRequest({ ...request, timestamp: "", now: NOW })).toEqual({ ok: false, reason: "missing_timestamp" });
    expect(verifySlackRequest({ ...request, timestamp: "yesterday", now: NOW })).toEqual({ ok: false, reason: "missing_timestamp" });
  });
});

const vectorsFile = path.resolve(import.meta.dirname, "../../..", process.env.VENDOR_SPECS_DIR ?? "../shared/vendor-specs", "signature-test-vectors.json");

if (existsSync(vectorsFile)) {
  const vector = (JSON.parse(readFileSync(vectorsFile, "utf8")) as Record<string, Record<string, string> | undefined>).slack_v0;
  describe("Slack's published v0 example", () => {
    it("signs and verifies it", () => {
      expect(vector, `slack_v0 is in ${vectorsFile}`).toBeDefined();
      const v = vector!;
      const timestamp = v.x_slack_request_timestamp;
      expect(signSlackRequest({ signingSecret: v.signing_secret, timestamp, body: v.raw_body })).toBe(v.x_slack_signature);
      const now = Number(timestamp) * 1000;
      expect(verifySlackRequest({ signingSecret: v.signing_secret, signature: v.x_slack_signature, timestamp, body: v.raw_body, now })).toEqual({ ok: true });
      expect(verifySlackRequest({ signingSecret: v.signing_secret, signature: v.x_slack_signature, timestamp, body: `${v.raw_body}&x=1`, now })).toEqual({ ok: false, reason: "bad_signature" });
      // The example is from 2018: with the real clock it is stale.
      expect(verifySlackRequest({ signingSecret: v.signing_secret, signature: v.x_slack_signature, timestamp, body: v.raw_body })).toEqual({ ok: false, reason: "stale_timestamp" });
    });
  });
} else {
  console.log(`vendor-specs not found at ${vectorsFile}: Slack v0 vector tests skipped`);
}
