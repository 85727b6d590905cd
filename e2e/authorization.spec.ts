import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { hashPassword } from "../lib/auth/password";
import { currentIntakePolicy } from "../lib/intake/policy-store";
import { createHandoff, createUser, expect, PASSWORD, test } from "./fixtures";

/**
 * Who may reach what, for every page and route handler in app/, for every role and for a
 * signed-out visitor — as the README's roles describe. The list of routes is read from app/,
 * so a new route without an entry here fails this test.
 *
 * Pages are checked both ways: allowed roles get the page, others are sent to /forbidden.
 * Route handlers that change state are checked for refusals only (a refused role gets 401, 403 or
 * 404, never anything else); what the allowed roles can do is tested by the journey and the
 * integration tests, and is not repeated here because it would change the shared database.
 */

type Role = "ADMIN" | "PS_LEADER" | "PROJECT_MANAGER" | "REVOPS" | "DELIVERY_LEAD" | "SALES" | "VIEWER";
const ROLES: Role[] = ["ADMIN", "PS_LEADER", "PROJECT_MANAGER", "REVOPS", "DELIVERY_LEAD", "SALES", "VIEWER"];
const ALL = ROLES;
const except = (...roles: Role[]) => ROLES.filter((r) => !roles.includes(r));

interface Ids {
  handoff: string;
  otherSellersHandoff: string;
  qaRun: string;
  override: string;
  user: string;
  job: string;
}

type Entry =
  | { kind: "page"; path: (ids: Ids) => string; allowed: Role[]; /** Where the page sends those allowed, when it is a redirect. */ redirectsTo?: string }
  | { kind: "get"; path: (ids: Ids) => string; allowed: Role[] | "public" | "token" }
  | { kind: "post" | "delete"; path: (ids: Ids) => string; allowed: Role[] | "signature"; body?: unknown; note?: string }
  | { kind: "public"; note: string };

/** Keyed by the route file's path under app/, as it is on disk. */
const MATRIX: Record<string, Entry[]> = {
  "page.tsx": [{ kind: "public", note: "redirects to the queue, which decides" }],
  "login/page.tsx": [{ kind: "public", note: "the sign-in page" }],
  "forbidden/page.tsx": [{ kind: "public", note: "where refused pages send people" }],
  "(app)/handoffs/(queue)/page.tsx": [{ kind: "page", path: () => "/handoffs", allowed: ALL }],
  "(app)/account/page.tsx": [{ kind: "page", path: () => "/account", allowed: ALL }],
  "(app)/handoffs/[id]/page.tsx": [
    { kind: "page", path: (ids) => `/handoffs/${ids.handoff}`, allowed: ALL },
    // IDOR: a seller opening another seller's handoff by id sees a 404, not the deal.
    { kind: "page", path: (ids) => `/handoffs/${ids.otherSellersHandoff}`, allowed: except("SALES") },
  ],
  "(app)/approvals/page.tsx": [{ kind: "page", path: () => "/approvals", allowed: ["PS_LEADER", "PROJECT_MANAGER", "DELIVERY_LEAD"] }],
  "(app)/dashboard/page.tsx": [{ kind: "page", path: () => "/dashboard", allowed: except("DELIVERY_LEAD", "SALES") }],
  "(app)/qa/page.tsx": [{ kind: "page", path: () => "/qa", allowed: except("DELIVERY_LEAD", "SALES") }],
  "(app)/qa/[id]/page.tsx": [{ kind: "page", path: (ids) => `/qa/${ids.qaRun}`, allowed: except("DELIVERY_LEAD", "SALES") }],
  "(app)/operations/page.tsx": [{ kind: "page", path: () => "/operations", allowed: ["ADMIN", "REVOPS"] }],
  "(app)/sandbox/page.tsx": [{ kind: "page", path: () => "/sandbox", allowed: except("SALES") }],
  "(app)/sandbox/hubspot/[...record]/page.tsx": [{ kind: "page", path: () => "/sandbox/hubspot/deals/31000000008", allowed: except("SALES"), redirectsTo: "/sandbox#deal-31000000008" }],
  "(app)/settings/intake/page.tsx": [{ kind: "page", path: () => "/settings/intake", allowed: ["ADMIN", "REVOPS"] }],
  "(app)/settings/template/page.tsx": [{ kind: "page", path: () => "/settings/template", allowed: ["ADMIN", "PS_LEADER", "REVOPS"] }],
  "(app)/settings/people/page.tsx": [{ kind: "page", path: () => "/settings/people", allowed: ["ADMIN", "REVOPS"] }],
  "(app)/settings/connections/page.tsx": [{ kind: "page", path: () => "/settings/connections", allowed: ["ADMIN", "REVOPS"] }],
  "(app)/settings/audit/page.tsx": [{ kind: "page", path: () => "/settings/audit?verify=1", allowed: ["ADMIN"] }],
  "(app)/settings/assignment/page.tsx": [{ kind: "page", path: () => "/settings/assignment", allowed: ["ADMIN", "PS_LEADER", "REVOPS"] }],

  "api/auth/[...nextauth]/route.ts": [{ kind: "public", note: "next-auth's own endpoints (sign-in, CSRF, session)" }],
  "api/health/route.ts": [{ kind: "get", path: () => "/api/health", allowed: "public" }],
  "api/metrics/route.ts": [{ kind: "get", path: () => "/api/metrics", allowed: "token" }],
  "api/webhooks/hubspot/route.ts": [{ kind: "post", path: () => "/api/webhooks/hubspot", allowed: "signature", body: [{ eventId: 1, subscriptionType: "deal.creation", objectId: 1 }] }],
  "api/webhooks/slack/route.ts": [{ kind: "post", path: () => "/api/webhooks/slack", allowed: "signature", body: "payload=%7B%7D" }],
  "api/kpi/export/route.ts": [{ kind: "get", path: () => "/api/kpi/export?table=kpis&format=csv", allowed: except("DELIVERY_LEAD", "SALES") }],
  "api/kpi/executive-brief/route.ts": [{ kind: "get", path: () => "/api/kpi/executive-brief", allowed: except("DELIVERY_LEAD", "SALES") }],
  "api/kpi/runbook/route.ts": [{ kind: "get", path: () => "/api/kpi/runbook", allowed: except("DELIVERY_LEAD", "SALES") }],
  "api/audit/export/route.ts": [{ kind: "get", path: () => "/api/audit/export?format=jsonl&from=2026-01-01&to=2026-12-31&action=gate.", allowed: ["ADMIN"] }],
  "api/kpi/proof-brief/route.ts": [{ kind: "get", path: () => "/api/kpi/proof-brief", allowed: except("DELIVERY_LEAD", "SALES") }],
  "api/kpi/baseline/route.ts": [{ kind: "post", path: () => "/api/kpi/baseline", allowed: ["ADMIN", "PS_LEADER"], body: {} }],

  "api/assignment/route.ts": [{ kind: "post", path: () => "/api/assignment", allowed: ["ADMIN", "PS_LEADER", "REVOPS"], body: { rule: { strategy: "round_robin" }, note: "matrix" } }],
  "api/connections/[vendor]/route.ts": ["hubspot", "clickup"].flatMap((tool): Entry[] => [
    { kind: "post", path: () => `/api/connections/${tool}`, allowed: ["ADMIN", "REVOPS"], body: {} },
    { kind: "delete", path: () => `/api/connections/${tool}`, allowed: ["ADMIN", "REVOPS"] },
  ]),
  "api/connections/[vendor]/check/route.ts": ["hubspot", "clickup"].map((tool): Entry => ({ kind: "post", path: () => `/api/connections/${tool}/check`, allowed: ["ADMIN", "REVOPS"], body: {} })),
  "api/delivery/template/route.ts": [{ kind: "post", path: () => "/api/delivery/template", allowed: ["ADMIN", "PS_LEADER", "REVOPS"], body: { template: {}, note: "matrix" } }],
  "api/intake/policy/route.ts": [{ kind: "post", path: () => "/api/intake/policy", allowed: ["ADMIN", "REVOPS"], body: { policy: {}, note: "matrix" } }],
  "api/intake/policy/versions/[version]/decision/route.ts": [
    // Only PS leaders decide, and only others' proposals: lib/intake/policy-approval.integration.test.ts.
    { kind: "post", path: () => "/api/intake/policy/versions/1/decision", allowed: ["PS_LEADER", "ADMIN", "REVOPS"], body: { decision: "approve" } },
  ],
  "api/intake/reconcile/route.ts": [{ kind: "post", path: () => "/api/intake/reconcile", allowed: ["ADMIN", "REVOPS"], body: {} }],
  "api/operations/jobs/[id]/cancel/route.ts": [{ kind: "post", path: (ids) => `/api/operations/jobs/${ids.job}/cancel`, allowed: ["ADMIN", "REVOPS"], body: {} }],
  "api/operations/jobs/[id]/replay/route.ts": [{ kind: "post", path: (ids) => `/api/operations/jobs/${ids.job}/replay`, allowed: ["ADMIN", "REVOPS"], body: {} }],
  "api/people/match/route.ts": [{ kind: "post", path: () => "/api/people/match", allowed: ["ADMIN", "REVOPS"], body: {} }],
  // Sets a ClickUp member or unlinks Slack; setting a Slack id is refused even for admins (lib/integrations/slack-link.integration.test.ts).
  "api/people/[id]/identities/route.ts": [{ kind: "post", path: (ids) => `/api/people/${ids.user}/identities`, allowed: ["ADMIN", "REVOPS"], body: { clickupUserId: "" } }],
  // Each person links or unlinks only their own Slack account: the route takes no one else's id.
  "api/account/slack/route.ts": [
    { kind: "post", path: () => "/api/account/slack", allowed: ALL, body: {} },
    { kind: "delete", path: () => "/api/account/slack", allowed: ALL },
  ],
  "api/people/[id]/unlock/route.ts": [{ kind: "post", path: (ids) => `/api/people/${ids.user}/unlock`, allowed: ["ADMIN"], body: {} }],
  "api/sandbox/deals/[id]/route.ts": [{ kind: "post", path: () => "/api/sandbox/deals/31000000008", allowed: except("SALES", "VIEWER"), body: { properties: { dealname: "x" } } }],
  // Sales and viewers may only confirm their own Slack link request, which this body is not.
  "api/sandbox/slack/click/route.ts": [{ kind: "post", path: () => "/api/sandbox/slack/click", allowed: except("SALES", "VIEWER"), body: {} }],
  "api/sandbox/webhooks/route.ts": [{ kind: "post", path: () => "/api/sandbox/webhooks", allowed: ["ADMIN", "REVOPS"], body: {} }],
  "api/qa/runs/route.ts": [{ kind: "post", path: () => "/api/qa/runs", allowed: ["ADMIN", "PS_LEADER", "REVOPS"], body: { month: "2001-01", sampleSize: 1, rule: "random" } }],
  "api/qa/runs/[id]/close/route.ts": [{ kind: "post", path: (ids) => `/api/qa/runs/${ids.qaRun}/close`, allowed: ["ADMIN", "PS_LEADER", "REVOPS"], body: {} }],
  "api/qa/actions/route.ts": [{ kind: "post", path: () => "/api/qa/actions", allowed: ["ADMIN", "PS_LEADER", "REVOPS"], body: {} }],
  "api/qa/actions/[id]/done/route.ts": [{ kind: "post", path: () => "/api/qa/actions/none/done", allowed: ["ADMIN", "PS_LEADER", "REVOPS", "PROJECT_MANAGER"], body: {} }],
  "api/qa/reviews/[id]/route.ts": [{ kind: "post", path: () => "/api/qa/reviews/none", allowed: ["ADMIN", "PS_LEADER", "REVOPS", "PROJECT_MANAGER"], body: {} }],
  "api/overrides/[id]/decision/route.ts": [{ kind: "post", path: (ids) => `/api/overrides/${ids.override}/decision`, allowed: ["PS_LEADER", "PROJECT_MANAGER"], body: { decision: "CONFIRM" } }],
  "api/overrides/[id]/classification/route.ts": [{ kind: "post", path: (ids) => `/api/overrides/${ids.override}/classification`, allowed: ["PS_LEADER", "REVOPS"], body: { classification: "JUSTIFIED" } }],

  // The handoff's own actions: the fixture handoff's PM, PS leader, RevOps and delivery lead are this test's people.
  "api/handoffs/[id]/transitions/route.ts": [{ kind: "post", path: (ids) => `/api/handoffs/${ids.handoff}/transitions`, allowed: ["PS_LEADER", "PROJECT_MANAGER", "REVOPS"], body: { type: "SUBMIT_GATE", stage: "INTAKE" } }],
  "api/handoffs/[id]/decisions/route.ts": [{ kind: "post", path: (ids) => `/api/handoffs/${ids.handoff}/decisions`, allowed: ["PS_LEADER", "PROJECT_MANAGER", "DELIVERY_LEAD"], body: { title: "A decision from the matrix", rationale: "Refused roles must not record it" } }],
  "api/handoffs/[id]/outputs/[key]/route.ts": [{ kind: "post", path: (ids) => `/api/handoffs/${ids.handoff}/outputs/workspace`, allowed: ["PS_LEADER", "PROJECT_MANAGER", "REVOPS", "ADMIN"], body: {} }],
  "api/handoffs/[id]/overrides/route.ts": [{ kind: "post", path: (ids) => `/api/handoffs/${ids.handoff}/overrides`, allowed: ["PS_LEADER", "PROJECT_MANAGER", "REVOPS"], body: { reason: "matrix" } }],
  "api/handoffs/[id]/owners/route.ts": [{ kind: "post", path: (ids) => `/api/handoffs/${ids.handoff}/owners`, allowed: ["PS_LEADER", "PROJECT_MANAGER"], body: {} }],
  "api/handoffs/[id]/assignment/route.ts": [
    { kind: "post", path: (ids) => `/api/handoffs/${ids.handoff}/assignment`, allowed: ["PS_LEADER", "REVOPS"], body: {} },
    // IDOR: another seller's handoff is not found for a seller.
    { kind: "post", path: (ids) => `/api/handoffs/${ids.otherSellersHandoff}/assignment`, allowed: ["PS_LEADER", "REVOPS"], body: {} },
  ],
};

function routeFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full, base);
    return name === "page.tsx" || name === "route.ts" ? [path.relative(base, full).split(path.sep).join("/")] : [];
  });
}

test("every page and route handler in app/ has an entry in the authorization matrix", () => {
  const files = routeFiles(path.resolve(import.meta.dirname, "../app")).sort();
  expect(files.filter((f) => !MATRIX[f]), "routes with no authorization entry").toEqual([]);
  expect(Object.keys(MATRIX).filter((f) => !files.includes(f)), "entries for routes that no longer exist").toEqual([]);
  // Every method a route handler exports is covered.
  for (const file of files.filter((f) => f.endsWith("route.ts"))) {
    const exported = [...readFileSync(path.resolve(import.meta.dirname, "../app", file), "utf8").matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
    const entries = MATRIX[file];
    if (entries.some((e) => e.kind === "public")) continue;
    for (const method of exported) {
      const kind = method === "GET" ? "get" : method.toLowerCase();
      expect(entries.some((e) => e.kind === kind), `${file} exports ${method} but the matrix has no ${kind} entry`).toBe(true);
    }
  }
});

test("each role and a signed-out visitor reach only what the README gives them", async ({ prisma, team, playwright }) => {
  test.setTimeout(180_000);
  const otherSeller = await createUser(prisma, "SALES");
  const mine = await createHandoff(prisma, team, { title: `Matrix ${Date.now()}` });
  const theirs = await createHandoff(prisma, team, { title: `Matrix other ${Date.now()}` });
  await prisma.handoff.update({ where: { id: theirs.id }, data: { salesOwnerId: otherSeller.userId } });
  const qaRun = await prisma.qaRun.findFirstOrThrow({ select: { id: true } });
  const override = await prisma.override.create({
    data: { handoffId: mine.id, kind: "INTAKE_VALIDATION", reason: "matrix", bypassed: [], material: true, status: "PENDING_SECOND_APPROVAL", requestedById: team.revops.userId },
  });
  // Refusals come before any lookup: a job id that names nothing still gets 401/403.
  const job = (await prisma.syncJob.findFirst({ select: { id: true } }))?.id ?? "no-such-job";
  const ids: Ids = { handoff: mine.id, otherSellersHandoff: theirs.id, qaRun: qaRun.id, override: override.id, user: team.viewer.userId, job };
  const baseURL = test.info().project.use.baseURL!;

  const people: Record<Role, { email: string }> = {
    ADMIN: team.admin,
    PS_LEADER: team.leader,
    PROJECT_MANAGER: team.pm,
    REVOPS: team.revops,
    DELIVERY_LEAD: team.lead,
    SALES: team.sales,
    VIEWER: team.viewer,
  };
  const contexts = new Map<Role | "ANONYMOUS", APIRequestContext>();
  for (const role of ROLES) {
    const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
    const { csrfToken } = await (await context.get("/api/auth/csrf")).json();
    const signedIn = await context.post("/api/auth/callback/credentials", { form: { csrfToken, email: people[role].email, password: PASSWORD, json: "true" } });
    expect(signedIn.ok(), `sign-in as ${role}`).toBeTruthy();
    contexts.set(role, context);
  }
  contexts.set("ANONYMOUS", await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } }));

  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
  };

  for (const [file, entries] of Object.entries(MATRIX)) {
    for (const entry of entries) {
      if (entry.kind === "public") continue;
      const url = entry.path(ids);
      for (const [who, request] of contexts) {
        const allowed = who !== "ANONYMOUS" && Array.isArray(entry.allowed) && entry.allowed.includes(who as Role);
        if (entry.kind === "page") {
          const response = await request.get(url, { maxRedirects: 0 });
          const status = response.status();
          const location = response.headers()["location"] ?? "";
          if (who === "ANONYMOUS") check(status >= 300 && status < 400 && location.includes("/login"), `${file} ${url}: signed out got ${status} ${location}`);
          else if (allowed && entry.redirectsTo) check(status >= 300 && status < 400 && location.includes(entry.redirectsTo), `${file} ${url}: ${who} should be sent to ${entry.redirectsTo}, got ${status} ${location}`);
          else if (allowed) check(status === 200, `${file} ${url}: ${who} should be allowed, got ${status} ${location}`);
          else check(status === 404 || (status >= 300 && status < 400 && location.includes("/forbidden")), `${file} ${url}: ${who} should be refused, got ${status} ${location}`);
        } else if (entry.kind === "get") {
          const response = await request.get(url, { maxRedirects: 0 });
          const status = response.status();
          if (entry.allowed === "public") check(status === 200, `${url}: ${who} got ${status}`);
          else if (entry.allowed === "token") check(status === 401 || status === 404, `${url} without its token: ${who} got ${status}`);
          else if (who === "ANONYMOUS") check(status === 401, `${url}: signed out got ${status}`);
          else if (allowed) check(status === 200, `${url}: ${who} should be allowed, got ${status}`);
          else check(status === 403 || status === 404, `${url}: ${who} should be refused, got ${status}`);
        } else {
          if (entry.allowed === "signature") {
            // Anyone at all, signed in or not: without the vendor's signature nothing is accepted.
            const response = await request.post(url, typeof entry.body === "string" ? { data: entry.body, headers: { "content-type": "application/x-www-form-urlencoded" } } : { data: entry.body });
            check(response.status() === 401, `${url} unsigned: ${who} got ${response.status()}`);
            continue;
          }
          if (allowed) continue;
          const response = entry.kind === "delete" ? await request.delete(url) : await request.post(url, { data: entry.body ?? {} });
          const status = response.status();
          const body = await response.json().catch(() => null);
          if (who === "ANONYMOUS") check(status === 401, `${entry.kind.toUpperCase()} ${url}: signed out got ${status}`);
          else check((status === 403 || status === 404) && typeof body?.error?.message === "string", `${entry.kind.toUpperCase()} ${url}: ${who} should be refused with a message, got ${status} ${JSON.stringify(body)?.slice(0, 160)}`);
        }
      }
    }
  }
  // IDOR through the queue's search and the dashboard's drill-down filters: a seller's queue never
  // lists another seller's handoff, whatever the filters; everyone else's does.
  const today = new Date().toISOString().slice(0, 10);
  const search = `q=${encodeURIComponent(theirs.title)}`;
  for (const query of [search, `${search}&closedFrom=${today}&closedTo=${today}`, `closedFrom=${today}&closedTo=${today}&size=100`]) {
    const seller = await (await contexts.get("SALES")!.get(`/handoffs?${query}`)).text();
    // The search box echoes the query, so look for the handoff's link, not its title.
    check(!seller.includes(`/handoffs/${theirs.id}`), `/handoffs?${query}: a seller sees another seller's handoff`);
    if (!query.startsWith(search)) continue;
    const leader = await (await contexts.get("PS_LEADER")!.get(`/handoffs?${query}`)).text();
    check(leader.includes(`/handoffs/${theirs.id}`), `/handoffs?${query}: a PS leader should see every handoff`);
  }

  for (const context of contexts.values()) await context.dispose();
  expect(failures, "authorization matrix violations").toEqual([]);
});

/** Signs in through next-auth's API and returns a request context that acts as that person. */
async function actAs(playwright: { request: { newContext(options: object): Promise<APIRequestContext> } }, who: { email: string }) {
  const baseURL = test.info().project.use.baseURL!;
  const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const { csrfToken } = await (await context.get("/api/auth/csrf")).json();
  const signedIn = await context.post("/api/auth/callback/credentials", { form: { csrfToken, email: who.email, password: PASSWORD, json: "true" } });
  expect(signedIn.ok(), `sign-in as ${who.email}`).toBeTruthy();
  return context;
}

test("two people, always: nobody approves their own gate, confirms their own override, or overrides against their own policy", async ({ prisma, team, playwright }) => {
  const pm = await actAs(playwright, team.pm);
  const leader = await actAs(playwright, team.leader);

  // The PM submits the intake gate, then tries to approve it: refused; the PS leader approves it.
  const handoff = await createHandoff(prisma, team, { title: `Duties ${Date.now()}` });
  const transitions = `/api/handoffs/${handoff.id}/transitions`;
  for (const requirementKey of ["scope_confirmed", "risks_reviewed"]) {
    expect((await pm.post(transitions, { data: { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey, note: "Checked with sales" } })).status()).toBeLessThan(300);
  }
  expect((await pm.post(transitions, { data: { type: "SUBMIT_GATE", stage: "INTAKE" } })).status()).toBeLessThan(300);
  const selfApproval = await pm.post(transitions, { data: { type: "APPROVE_GATE", stage: "INTAKE" } });
  expect(selfApproval.status()).toBe(403);
  expect((await selfApproval.json()).error.message).toMatch(/submitted/i);
  expect((await prisma.handoffStage.findFirstOrThrow({ where: { handoffId: handoff.id, key: "INTAKE" } })).status).toBe("AWAITING_APPROVAL");
  expect((await leader.post(transitions, { data: { type: "APPROVE_GATE", stage: "INTAKE" } })).status()).toBeLessThan(300);

  // The PM asks to override a blocked, material intake, then tries to confirm it: refused; the PS leader confirms.
  const blocked = await createHandoff(prisma, team, { title: `Duties blocked ${Date.now()}`, intakeIssues: [{ field: "scope_out", label: "Out of scope", problem: "missing" }] });
  await prisma.handoff.update({ where: { id: blocked.id }, data: { amount: 250_000 } });
  const requested = await pm.post(`/api/handoffs/${blocked.id}/overrides`, { data: { reason: "The client confirmed scope in writing; the CRM field follows." } });
  expect(requested.status()).toBeLessThan(300);
  const override = (await requested.json()) as { id: string; status: string };
  expect(override.status).toBe("PENDING_SECOND_APPROVAL");
  const selfConfirm = await pm.post(`/api/overrides/${override.id}/decision`, { data: { decision: "CONFIRM" } });
  expect(selfConfirm.status()).toBe(403);
  expect((await selfConfirm.json()).error.message).toMatch(/second, different person/);
  expect((await prisma.handoff.findUniqueOrThrow({ where: { id: blocked.id } })).status).toBe("INTAKE_BLOCKED");
  expect((await leader.post(`/api/overrides/${override.id}/decision`, { data: { decision: "CONFIRM" } })).status()).toBeLessThan(300);

  // A RevOps editor saves the policy in force (unchanged, so it applies at once), then cannot override against it.
  const editor = await createUser(prisma, "REVOPS", { passwordHash: await hashPassword(PASSWORD) });
  const editing = await actAs(playwright, editor);
  const current = await currentIntakePolicy(prisma);
  const saved = await editing.post("/api/intake/policy", { data: { policy: current.policy, note: "Re-saved by the separation-of-duties test" } });
  expect(saved.status()).toBe(201);
  const another = await createHandoff(prisma, team, { title: `Duties editor ${Date.now()}`, intakeIssues: [{ field: "scope_out", label: "Out of scope", problem: "missing" }] });
  const ownPolicy = await editing.post(`/api/handoffs/${another.id}/overrides`, { data: { reason: "Overriding against my own policy" } });
  expect(ownPolicy.status()).toBe(403);
  expect((await ownPolicy.json()).error.message).toMatch(/You made version \d+ of the intake policy/);
  expect(await prisma.override.count({ where: { handoffId: another.id } })).toBe(0);

  for (const context of [pm, leader, editing]) await context.dispose();
});
