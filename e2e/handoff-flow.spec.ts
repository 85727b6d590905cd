import { createHandoff, expect, submitIntake, test } from "./fixtures";

const shots = "test-results/screenshots";

test("a person signs in through the form and lands on the handoff queue", async ({ page, team }) => {
  await page.goto("/handoffs");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(team.pm.email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("That email and password don’t match an active account.");

  await page.getByLabel("Password").fill("e2e-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Handoff queue" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Signed in" })).toContainText(team.pm.name);
});

test("a session cookie kept after signing out no longer works, and sign-in never redirects off the app", async ({ page, browser, team }) => {
  // /\evil.example resolves to another site in a browser: after sign-in the app keeps you on it.
  await page.goto("/login?callbackUrl=/%5Cevil.example/phish");
  await page.getByLabel("Email").fill(team.pm.email);
  await page.getByLabel("Password").fill("e2e-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Handoff queue" })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);

  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // Someone who copied the cookie before sign-out replays it.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const stale = await replay.request.get("/api/kpi/export?format=csv");
  expect(stale.status()).toBe(401);
  const pageWithStaleCookie = await replay.newPage();
  await pageWithStaleCookie.goto("/handoffs");
  await expect(pageWithStaleCookie).toHaveURL(/\/login/);
  await replay.close();
});

test("a PM filters the queue, keeps the view in the URL and opens a handoff", async ({ page, prisma, team, signIn }) => {
  const handoff = await createHandoff(prisma, team, { title: `Queue check ${Date.now()}` });
  await signIn(page, team.pm);
  await page.goto("/handoffs");
  await expect(page.getByText(/Showing 1–25 of/)).toBeVisible();
  await page.screenshot({ path: `${shots}/queue.png`, fullPage: true });

  await page.getByLabel("Search").fill(handoff.title);
  await expect(page).toHaveURL(/q=Queue\+check/);
  await page.getByRole("combobox", { name: "Stage" }).selectOption("INTAKE");
  await expect(page).toHaveURL(/stage=INTAKE/);
  await expect(page.getByText("Showing 1–1 of 1")).toBeVisible();

  await page.getByRole("checkbox", { name: "Waiting for me" }).check();
  await expect(page.getByText("No handoffs match these filters")).toBeVisible();
  await page.getByRole("checkbox", { name: "Waiting for me" }).uncheck();
  await expect(page).not.toHaveURL(/mine=1/);
  await expect(page.getByText("Showing 1–1 of 1")).toBeVisible();

  // The filtered view survives a reload: it lives in the address.
  await page.reload();
  await expect(page.getByText("Showing 1–1 of 1")).toBeVisible();
  await page.getByRole("link", { name: handoff.title }).click();

  await expect(page.getByRole("heading", { level: 1, name: handoff.title })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Stages" }).getByRole("link")).toHaveCount(6);
  await expect(page.getByRole("heading", { name: "Intake gate" })).toBeVisible();
  await expect(page.getByRole("link", { name: /HubSpot deal/ })).toHaveAttribute("href", /app\.hubspot\.com/);
  await page.screenshot({ path: `${shots}/detail.png`, fullPage: true });
});

test("an approver signs off a gate from the inbox and the next stage becomes available", async ({ page, prisma, team, signIn }) => {
  const handoff = await createHandoff(prisma, team, { title: `Inbox check ${Date.now()}` });
  await submitIntake(prisma, team, handoff.id);

  await signIn(page, team.pm);
  await page.goto("/approvals");
  const card = page.getByRole("region", { name: new RegExp(handoff.title) });
  await expect(card).toBeVisible();
  await expect(card.getByText("Confirmed with sales on the handover call")).toBeVisible();
  await page.screenshot({ path: `${shots}/inbox.png`, fullPage: true });

  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card).toBeHidden();
  await expect(page.getByText("Inbox zero")).toBeVisible();

  await page.goto(`/handoffs/${handoff.id}`);
  await expect(page.getByRole("heading", { name: "Delivery workspace gate" })).toBeVisible();
  await page.getByRole("button", { name: "Start delivery workspace" }).click();
  await expect(page.getByRole("button", { name: "Submit for approval" })).toBeDisabled();
  await expect(page.getByText("Still missing: Delivery list created from the standard template")).toBeVisible();

  const history = page.getByRole("list", { name: "Audit events" });
  await expect(history.getByText(`${team.pm.name} — Gate approved`)).toBeVisible();
  await expect(history.getByText(`${team.pm.name} — Stage started`)).toBeVisible();
});

test("a viewer cannot approve: the control is hidden and the server refuses a direct call", async ({ page, prisma, team, signIn }) => {
  const handoff = await createHandoff(prisma, team, { title: `Viewer check ${Date.now()}` });
  await submitIntake(prisma, team, handoff.id);

  await signIn(page, team.viewer);
  await page.goto(`/handoffs/${handoff.id}`);
  await expect(page.getByRole("heading", { name: "Intake gate" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve gate" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Approvals" })).toHaveCount(0);

  const response = await page.request.post(`/api/handoffs/${handoff.id}/transitions`, { data: { type: "APPROVE_GATE", stage: "INTAKE" } });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.message).toBe("Only the assigned project manager or a PS leader can sign off the Intake gate.");

  await page.goto("/approvals");
  await expect(page).toHaveURL(/\/forbidden/);

  const stage = await prisma.handoffStage.findUniqueOrThrow({ where: { handoffId_key: { handoffId: handoff.id, key: "INTAKE" } } });
  expect(stage.status).toBe("AWAITING_APPROVAL");
});

test("the API refuses anyone who is not signed in", async ({ request, prisma, team }) => {
  const handoff = await createHandoff(prisma, team);
  const response = await request.post(`/api/handoffs/${handoff.id}/transitions`, { data: { type: "START_STAGE", stage: "INTAKE" } });
  expect(response.status()).toBe(401);
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect((await health.json()).database.status).toBe("up");
});

test("an address with a malformed %-escape is refused with 400, never a server error", async ({ request }) => {
  for (const path of ["/handoffs/%ff", "/handoffs/%ud800", "/qa/%E0%A4%A"]) {
    const page = await request.get(path, { maxRedirects: 0 });
    expect(page.status(), path).toBe(400);
    expect(await page.text()).toContain("malformed %-escape");
  }
  const api = await request.post("/api/qa/reviews/%ud800", { data: {} });
  expect(api.status()).toBe(400);
  expect((await api.json()).error.message).toContain("malformed %-escape");
});

test("pages carry the security headers, and the session cookie is HttpOnly and SameSite", async ({ page, team, signIn }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, team.viewer);
  const response = await page.goto("/handoffs");
  const headers = response!.headers();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  const csp = headers["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  // Scripts run only with this response's nonce, and every script of the page carries it.
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).not.toContain("unsafe-eval");
  // Every script tag the server sent carries it (chunks loaded later are trusted through 'strict-dynamic').
  const html = await response!.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  // A new page view, a new nonce; and the page still works under the policy: the queue filters respond.
  const again = (await page.goto("/handoffs"))!.headers()["content-security-policy"];
  expect(again).not.toContain(`'nonce-${nonce}'`);
  await page.getByLabel("Search").fill("zz-no-such-deal");
  await expect(page.getByText(/No handoffs match/i)).toBeVisible();
  expect(violations).toEqual([]);
  expect(headers["strict-transport-security"]).toContain("max-age=");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-powered-by"]).toBeUndefined();
  const session = (await page.context().cookies()).find((c) => c.name.includes("next-auth.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});
