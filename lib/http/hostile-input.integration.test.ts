import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { signV3 } from "../integrations/hubspot/signature.ts";
import { signSlackRequest } from "../integrations/slack/signature.ts";
import { commandSchema } from "../handoffs/lifecycle.ts";
import { isDomainError } from "../errors.ts";
import { parseJsonBody } from "./body.ts";

/**
 * Property-based fuzzing of what the outside world sends us: both webhook receivers, signed
 * and unsigned, and the JSON body parser every route uses. Whatever arrives, the answer is a
 * 2xx or a 4xx that says why — never a 5xx or an exception — and a refused delivery stores
 * nothing. FUZZ_RUNS raises the number of cases (CI runs the default).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const HUBSPOT_SECRET = "fuzz-hubspot-client-secret";
const SLACK_SECRET = "fuzz-slack-signing-secret";
const URI = "http://127.0.0.1:3999/api/webhooks/hubspot";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  Object.assign(process.env, { HUBSPOT_CLIENT_SECRET: HUBSPOT_SECRET, SLACK_SIGNING_SECRET: SLACK_SECRET, APP_URL: "http://127.0.0.1:3999", DATABASE_URL: database.url });
});

afterAll(async () => {
  await database?.drop();
});

/** Strings with the characters that break things: NUL, lone surrogates, huge digit runs, markup. */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "\udfff", "9".repeat(5000), "<!here>", "</script>", "{", "[]", "null", "-1", "1e309", "NaN"),
);
const hubspotEvent = fc.record(
  {
    eventId: fc.oneof(fc.integer(), fc.bigInt().map(String), nasty),
    subscriptionType: fc.oneof(fc.constantFrom("deal.creation", "deal.propertyChange", "contact.creation"), nasty),
    objectId: fc.oneof(fc.nat(), fc.double(), nasty),
    propertyName: nasty,
    propertyValue: nasty,
    occurredAt: fc.oneof(fc.integer(), nasty),
  },
  { requiredKeys: [] },
);
const hubspotBody = fc.oneof(
  fc.array(hubspotEvent, { maxLength: 5 }).map((events) => JSON.stringify(events)),
  fc.json(),
  fc.string(),
  fc.nat({ max: 3000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
);

async function webhookRows() {
  return database.prisma.webhookEvent.count();
}

describe("the HubSpot webhook receiver, fuzzed", () => {
  it("answers 2xx or a 4xx with a reason, signed or not, and stores nothing when it refuses", async () => {
    const { receiveHubSpotWebhook } = await import("../intake/webhook.ts");
    await fc.assert(
      fc.asyncProperty(hubspotBody, fc.boolean(), async (rawBody, signed) => {
        const timestamp = String(Date.now());
        const before = await webhookRows();
        const answer = await receiveHubSpotWebhook({
          method: "POST",
          uri: URI,
          rawBody,
          timestamp,
          signature: signed ? signV3({ clientSecret: HUBSPOT_SECRET, method: "POST", uri: URI, body: rawBody, timestamp }) : "forged",
        });
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(typeof answer.body.error).toBe("string");
          expect(await webhookRows()).toBe(before);
        }
        if (!signed) expect(answer.status).toBe(401);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("the Slack interactivity receiver, fuzzed", () => {
  it("answers 2xx or a 4xx, never a 5xx or an exception, whatever the signed form says", async () => {
    const { receiveSlackInteraction } = await import("../handoffs/slack-interactions.ts");
    const payload = fc.oneof(
      fc.json(),
      fc.record(
        {
          type: fc.oneof(fc.constant("block_actions"), nasty),
          user: fc.record({ id: nasty, team_id: nasty }, { requiredKeys: [] }),
          actions: fc.array(fc.record({ action_id: nasty, value: nasty }, { requiredKeys: [] }), { maxLength: 3 }),
          container: fc.record({ channel_id: nasty, message_ts: nasty }, { requiredKeys: [] }),
          state: fc.json(),
        },
        { requiredKeys: [] },
      ).map((p) => JSON.stringify(p)),
      nasty,
    );
    await fc.assert(
      fc.asyncProperty(payload, fc.boolean(), async (p, signed) => {
        const rawBody = new URLSearchParams({ payload: p }).toString();
        const timestamp = String(Math.floor(Date.now() / 1000));
        const answer = await receiveSlackInteraction({
          rawBody,
          timestamp,
          signature: signed ? signSlackRequest({ signingSecret: SLACK_SECRET, timestamp, body: rawBody }) : "v0=forged",
        });
        expect(answer.status).toBeLessThan(500);
        if (!signed) expect(answer.status).toBe(401);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("JSON bodies, fuzzed", () => {
  it("are parsed or refused with a 4xx DomainError — never another exception — and what passes is storable", () => {
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      nasty,
      fc.nat({ max: 20_000 }).map((depth) => "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
      fc.anything().map((v) => {
        try {
          return JSON.stringify(v) ?? "";
        } catch {
          return "";
        }
      }),
    );
    fc.assert(
      fc.property(body, (text) => {
        try {
          const parsed = parseJsonBody(text);
          // What passes can be handed to the command schema without it throwing.
          expect(() => commandSchema.safeParse(parsed)).not.toThrow();
          expect(JSON.stringify(parsed) ?? "").not.toContain("\\u0000");
        } catch (error) {
          expect(isDomainError(error), String(error)).toBe(true);
          expect(isDomainError(error) && error.httpStatus).toBeGreaterThanOrEqual(400);
          expect(isDomainError(error) && error.httpStatus).toBeLessThan(500);
        }
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
