import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../auth/roles.ts";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, type Team } from "../test/fixtures.ts";

/**
 * Every route handler in app/api that reads a JSON body, fuzzed in process: the real handler,
 * the real domain code and a real database, with the session replaced by a signed-in person of a
 * role that may use the route. Whatever the body, the answer is a 2xx or a 4xx with a message —
 * never a 5xx — and a refused request leaves no audit event behind (every change is audited in
 * the transaction that makes it). The webhook receivers are fuzzed in hostile-input.integration.test.ts.
 * FUZZ_RUNS raises the number of cases.
 */

const RUNS = Math.max(40, Math.round(Number(process.env.FUZZ_RUNS ?? 1000) / 10));
const APP = path.resolve(import.meta.dirname, "../../app");
const ORIGIN = "http://127.0.0.1:3999";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("../auth/session.ts", async () => {
  const { can } = await import("../auth/roles.ts");
  const { DomainError, forbidden } = await import("../errors.ts");
  const requireActor = async (capability?: Parameters<typeof can>[1]) => {
    if (!session.actor) throw new DomainError("UNAUTHENTICATED", "Sign in to continue.");
    if (capability && !can(session.actor.role, capability)) throw forbidden("Your role does not allow this.");
    return session.actor;
  };
  return { currentActor: async () => session.actor, requireActor, requirePageActor: requireActor };
});

let database: TestDatabase;
let team: Team;
let params: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  team = await createTeam(database.prisma);
  // Vendors are unreachable here: a call fails at once instead of waiting on the network.
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    APP_URL: ORIGIN,
    HUBSPOT_API_BASE_URL: "http://127.0.0.1:9",
    CLICKUP_API_BASE_URL: "http://127.0.0.1:9/api",
    NOTION_API_BASE_URL: "http://127.0.0.1:9",
    SLACK_API_URL: "http://127.0.0.1:9/api/",
  });
  const handoff = await createHandoff(database.prisma, team);
  const blocked = await createHandoff(database.prisma, team, { intakeIssues: [{ field: "scope_out", label: "Out of scope", problem: "missing" }] });
  const override = await database.prisma.override.create({
    data: { handoffId: blocked.id, kind: "INTAKE_VALIDATION", reason: "fuzz", bypassed: [], material: true, status: "PENDING_SECOND_APPROVAL", requestedById: team.revops.userId },
  });
  params = { handoffs: handoff.id, overrides: override.id, people: team.viewer.userId, vendor: "clickup", versions: "1", key: "workspace", deals: "31000000008" };
});

afterAll(async () => {
  await database?.drop();
});

interface ApiRoute {
  file: string;
  url: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  params: Record<string, string>;
  readsJson: boolean;
}

function apiRoutes(dir = path.join(APP, "api")): ApiRoute[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return apiRoutes(full);
    if (name !== "route.ts") return [];
    const source = readFileSync(full, "utf8");
    const rel = path.relative(APP, path.dirname(full)).split(path.sep);
    // Webhooks have their own fuzz; next-auth's route is next-auth's.
    if (rel.includes("webhooks") || rel.includes("auth")) return [];
    const readsJson = source.includes("readJson(");
    const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] as ApiRoute["method"]);
    const routeParams: Record<string, string> = {};
    const segments = rel.map((segment, i) => {
      const match = /^\[(\w+)\]$/.exec(segment);
      if (!match) return segment;
      const value = params[match[1]] ?? params[rel[i - 1]] ?? "no-such-id";
      routeParams[match[1]] = value;
      return value;
    });
    return methods.map((method) => ({ file: path.relative(APP, full), url: `${ORIGIN}/${segments.join("/")}`, method, params: routeParams, readsJson }));
  });
}

const jsonRoutes = () => apiRoutes().filter((r) => r.readsJson && r.method !== "GET");

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "\ud800", "9".repeat(5000), "<!here>", "</script>", "javascript:alert(1)", "-1", "1e309", "NaN", "2099-13-45", "INTAKE", "CONFIRM", "round_robin"),
);
const value = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.json().map((j) => JSON.parse(j) as unknown));
/** Keys the routes' schemas know, so the fuzz reaches past the first missing field. */
const KEYS = ["reason", "note", "decision", "comment", "title", "rationale", "type", "stage", "requirementKey", "url", "policy", "rule", "template", "properties", "month", "sampleSize", "clickupUserId", "slackUserId", "role", "userId", "classification", "kind", "items", "riskId", "date", "memberId", "contact", "strategy", "teams"];
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  fc.json(),
  nasty,
  fc.nat({ max: 5000 }).map((depth) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth)),
);

describe("every JSON route, fuzzed", () => {
  it("finds the routes", () => {
    // A floor, so that a change to how routes read bodies cannot silently empty this test.
    expect(jsonRoutes().length).toBeGreaterThanOrEqual(15);
  });

  it("answers 2xx or a 4xx with a message, never a 5xx, and a refusal stores nothing", async () => {
    const people = [team.admin, team.leader, team.pm, team.revops, team.lead, team.sales, team.viewer];
    for (const route of jsonRoutes()) {
      const statuses = new Map<number, number>();
      const handlers = (await import(/* @vite-ignore */ path.join(APP, route.file))) as Record<string, Handler>;
      await fc.assert(
        fc.asyncProperty(body, fc.constantFrom(...people), async (text, who) => {
          session.actor = who;
          const before = await database.prisma.auditEvent.count();
          const response = await handlers[route.method](new Request(route.url, { method: route.method, body: text, headers: { "content-type": "application/json", origin: ORIGIN } }), {
            params: Promise.resolve(route.params),
          });
          const answer = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
          const what = `${route.method} ${route.file} as ${who.role} with ${text.slice(0, 120)}: ${response.status} ${JSON.stringify(answer)?.slice(0, 200)}`;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect(response.status, what).toBeLessThan(500);
          if (response.status >= 400) {
            expect(typeof answer?.error?.message === "string" && answer.error.message.length > 0, what).toBe(true);
            expect(await database.prisma.auditEvent.count(), `${what} — stored an audit event`).toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
      // The fuzz got past the door: some bodies were read and judged, not all refused as unauthorised.
      const judged = [...statuses].filter(([status]) => ![401, 403].includes(status)).reduce((n, [, count]) => n + count, 0);
      expect(judged, `${route.method} ${route.file}: ${JSON.stringify(Object.fromEntries(statuses))}`).toBeGreaterThan(0);
      if (process.env.FUZZ_REPORT) console.log(route.method, route.file, Object.fromEntries(statuses));
    }
  }, 600_000);

  it("answers a hostile id in the path (NUL, lone surrogates, 5,000 digits) with a 4xx, never a 5xx", async () => {
    const people = [team.admin, team.leader, team.pm, team.revops];
    const withParams = apiRoutes().filter((r) => Object.keys(r.params).length > 0);
    expect(withParams.length).toBeGreaterThanOrEqual(10);
    for (const route of withParams) {
      const handlers = (await import(/* @vite-ignore */ path.join(APP, route.file))) as Record<string, Handler>;
      await fc.assert(
        fc.asyncProperty(nasty, fc.constantFrom(...people), async (id, who) => {
          session.actor = who;
          const params = Object.fromEntries(Object.keys(route.params).map((k) => [k, id]));
          const init: RequestInit = route.method === "GET" ? { method: "GET" } : { method: route.method, body: "{}", headers: { "content-type": "application/json", origin: ORIGIN } };
          const response = await handlers[route.method](new Request(route.url, init), { params: Promise.resolve(params) });
          const answer = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
          expect(response.status, `${route.method} ${route.file} as ${who.role} with id ${JSON.stringify(id.slice(0, 40))}: ${response.status} ${JSON.stringify(answer)?.slice(0, 200)}`).toBeLessThan(500);
        }),
        { numRuns: Math.max(20, Math.round(RUNS / 4)) },
      );
    }
  }, 600_000);
});
