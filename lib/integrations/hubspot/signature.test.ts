import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Signature } from "@hubspot/api-client";
import { describe, expect, it } from "vitest";
import { normalizeV3Uri, signV2, signV3, verifyV3 } from "./signature.ts";

const SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
const URI = "https://handoff.example.com/api/webhooks/hubspot";
const BODY = '[{"eventId":1,"subscriptionId":2,"portalId":3,"occurredAt":1700000000000,"subscriptionType":"deal.propertyChange"}]';
const NOW = 1_700_000_000_000;

function signed(overrides: Partial<{ uri: string; body: string; timestamp: number }> = {}) {
  const request = { clientSecret: SECRET, method: "POST", uri: URI, body: BODY, timestamp: NOW, ...overrides };
  return { ...request, signature: signV3(request) };
}

describe("verifyV3", () => {
  it("accepts a request signed with the same secret, URI, body and timestamp", () => {
    const request = signed();
    expect(verifyV3({ ...request, now: NOW + 1_000 })).toEqual({ ok: true });
    // The timestamp arrives as a header string.
    expect(verifyV3({ ...request, timestamp: String(NOW), now: NOW })).toEqual({ ok: true });
  });

  it("rejects a tampered body", () => {
    const request = signed();
    expect(verifyV3({ ...request, body: BODY.replace('"eventId":1', '"eventId":9'), now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a tampered URI", () => {
    const request = signed();
    expect(verifyV3({ ...request, uri: `${URI}?replayed=1`, now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyV3({ ...request, uri: URI.replace("https:", "http:"), now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a wrong secret, a wrong method and a signature of the wrong length without throwing", () => {
    const request = signed();
    expect(verifyV3({ ...request, clientSecret: "other", now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyV3({ ...request, method: "PUT", now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyV3({ ...request, signature: "abc", now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyV3({ ...request, signature: `${request.signature}=`, now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a timestamp older than the tolerance", () => {
    const request = signed();
    expect(verifyV3({ ...request, now: NOW + 300_000 })).toEqual({ ok: true });
    expect(verifyV3({ ...request, now: NOW + 300_001 })).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(verifyV3({ ...request, now: NOW + 60_000, toleranceMs: 30_000 })).toEqual({ ok: false, reason: "stale_timestamp" });
  });

  it("rejects a timestamp further in the future than the tolerance", () => {
    const request = signed({ timestamp: NOW + 300_001 });
    expect(verifyV3({ ...request, now: NOW })).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(verifyV3({ ...signed({ timestamp: NOW + 10_000 }), now: NOW })).toEqual({ ok: true });
  });

  it("names a missing signature or timestamp header", () => {
    const request = signed();
    expect(verifyV3({ ...request, signature: undefined, now: NOW })).toEqual({ ok: false, reason: "missing_signature" });
    expect(verifyV3({ ...request, signature: "", now: NOW })).toEqual({ ok: false, reason: "missing_signature" });
    expect(verifyV3({ ...request, timestamp: undefined, now: NOW })).toEqual({ ok: false, reason: "missing_timestamp" });
    expect(verifyV3({ ...request, timestamp: null, now: NOW })).toEqual({ ok: false, reason: "missing_timestamp" });
    expect(verifyV3({ ...request, timestamp: "yesterday", now: NOW })).toEqual({ ok: false, reason: "missing_timestamp" });
  });

  it("decodes exactly the escapes HubSpot lists before hashing", () => {
    const encoded = `${URI}?return=https%3A%2F%2Fapp%2Fx%3Fa%40b%21%24%27%28%29%2A%2C%3B&name=a%20b`;
    const decoded = `${URI}?return=https://app/x?a@b!$'()*,;&name=a%20b`;
    expect(normalizeV3Uri(encoded)).toBe(decoded);
    expect(normalizeV3Uri(encoded.toLowerCase())).toBe(decoded.toLowerCase());
    const request = signed({ uri: encoded });
    expect(request.signature).toBe(signV3({ clientSecret: SECRET, method: "POST", uri: decoded, body: BODY, timestamp: NOW }));
    expect(verifyV3({ ...request, uri: decoded, now: NOW })).toEqual({ ok: true });
    // %20 is not on the list: decoding it changes the signature.
    expect(verifyV3({ ...request, uri: decoded.replace("%20", " "), now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("hashes a Buffer body like the same bytes as a string", () => {
    const request = signed();
    expect(verifyV3({ ...request, body: Buffer.from(BODY, "utf8"), now: NOW })).toEqual({ ok: true });
  });

  it("matches the official SDK's v3 HMAC for a URI without escapes (an independent implementation)", () => {
    const timestamp = Date.now();
    const sdk = Signature.getSignature("POST", "v3", { clientSecret: SECRET, url: URI, requestBody: BODY, timestamp, signature: "" });
    expect(signV3({ clientSecret: SECRET, method: "POST", uri: URI, body: BODY, timestamp })).toBe(sdk);
  });
});

// HubSpot publishes no v3 vector; the v2 vectors pin down the shared concatenation and UTF-8 handling.
const vectorsFile = path.resolve(import.meta.dirname, "../../..", process.env.VENDOR_SPECS_DIR ?? "../shared/vendor-specs", "signature-test-vectors.json");
const haveVectors = existsSync(vectorsFile);

if (haveVectors) {
  const vectors = JSON.parse(readFileSync(vectorsFile, "utf8")) as Record<string, Record<string, string>>;
  describe("signV2 against HubSpot's published vectors", () => {
    for (const name of ["hubspot_v2_get", "hubspot_v2_post"]) {
      it(`reproduces ${name}`, () => {
        const v = vectors[name];
        expect(v, `${name} is in ${vectorsFile}`).toBeDefined();
        expect(signV2({ clientSecret: v.client_secret, method: v.method, uri: v.uri, body: v.request_body })).toBe(v.x_hubspot_signature);
      });
    }
  });
} else {
  console.log(`vendor-specs not found at ${vectorsFile}: HubSpot signature vector tests skipped`);
  it("reports that the signature vectors are absent", () => {
    expect(existsSync(vectorsFile)).toBe(false);
  });
}
