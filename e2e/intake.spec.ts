import { expect, test } from "./fixtures";

const shots = "test-results/screenshots";
const hubspot = () => process.env.E2E_HUBSPOT_URL!;

const COMPLETE = {
  amount: "120000",
  pipeline: "default",
  dealstage: "contractsent",
  scope_in: "Quote templates\nApproval workflow",
  scope_out: "Data migration",
  commercial_terms: "Fixed fee; 40% on signature, 60% on go-live; net 30.",
  dependencies: "Sandbox access — Client IT",
  promised_kickoff_date: "2099-01-10",
  milestones: "2099-01-10 — Kickoff — Marco Rossi",
  critical_risks: "Data volume unknown | medium | medium | Client IT | Sample extract in week 1",
};

test("RevOps tightens the intake policy; a deal that misses it is blocked, and fixing it in HubSpot unblocks it", async ({ page, request, team, signIn }) => {
  const name = `Tailspin Toys CPQ ${Date.now()}`;
  const created = await request.post(`${hubspot()}/__sandbox/deals`, { data: { properties: { dealname: name, ...COMPLETE } } });
  expect(created.ok()).toBeTruthy();

  await signIn(page, team.revops);
  await page.goto("/settings/intake");
  await page.getByLabel("Minimum entries for In-scope items").fill("3");
  await page.getByLabel("What changed and why").fill("Scope must list at least three deliverables");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText(/Saved as version \d+/)).toBeVisible();
  await page.screenshot({ path: `${shots}/intake-policy.png`, fullPage: true });

  await page.goto("/sandbox");
  const deal = page.getByRole("listitem", { name: `Deal ${name}` });
  await deal.getByRole("button", { name: "Move to closed won" }).click();
  // HubSpot's webhook reaches the app, the worker captures the deal, and the write-back's task reaches HubSpot.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("listitem", { name: `Deal ${name}` }).getByText("Intake blocked")).toBeVisible({ timeout: 1000 });
    await expect(page.getByText(`Fix 1 intake problem before handoff`).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await page.screenshot({ path: `${shots}/sandbox.png`, fullPage: true });

  await page.getByRole("listitem", { name: `Deal ${name}` }).getByRole("link", { name: /HO-\d+/ }).click();
  const blocked = page.getByRole("alert").filter({ hasText: "Intake blocked" });
  await expect(blocked).toContainText("1 mandatory field is missing or invalid");
  await expect(blocked).toContainText("In-scope items: Needs at least 3 items; found 2.");
  await expect(page.getByRole("button", { name: "Submit for approval" })).toBeDisabled();
  await page.screenshot({ path: `${shots}/intake-blocked.png`, fullPage: true });
  const handoffUrl = page.url();

  await page.goto("/sandbox");
  const row = page.getByRole("listitem", { name: `Deal ${name}` });
  await row.getByRole("button", { name: "Edit properties" }).click();
  await row.getByRole("textbox", { name: /In-scope items/ }).fill("Quote templates\nApproval workflow\nSales rep training");
  await row.getByRole("button", { name: "Save to HubSpot" }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("listitem", { name: `Deal ${name}` }).getByText("In delivery")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  await page.goto(handoffUrl);
  await expect(page.getByRole("alert").filter({ hasText: "Intake blocked" })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Audit events" }).getByText("HubSpot intake — Intake unblocked")).toBeVisible();
  await expect(page.getByRole("region", { name: "Scope boundaries" }).getByText("Sales rep training")).toBeVisible();
});

test("the webhook endpoint refuses unsigned and oversized deliveries", async ({ request }) => {
  const unsigned = await request.post("/api/webhooks/hubspot", { data: [{ eventId: 1, subscriptionType: "deal.propertyChange", objectId: 1 }] });
  expect(unsigned.status()).toBe(401);
  expect((await unsigned.json()).error).toBe("Missing X-HubSpot-Signature-v3 header.");
  const huge = await request.post("/api/webhooks/hubspot", { data: "x".repeat(1_100_000), headers: { "Content-Type": "application/json" } });
  expect(huge.status()).toBe(413);
});

test("sales cannot open the sandbox, which shows every seller's deals, nor change a deal through it", async ({ page, team, signIn }) => {
  await signIn(page, team.sales);
  await page.goto("/handoffs");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sandbox" })).toHaveCount(0);
  await page.goto("/sandbox");
  await expect(page).toHaveURL(/\/forbidden/);
  const refused = await page.request.post("/api/sandbox/deals/31000000003", { data: { properties: { dealstage: "closedwon" } } });
  expect(refused.status()).toBe(403);
  const click = await page.request.post("/api/sandbox/slack/click", { data: { channel: "C0DELIVERY", ts: "1.0", actionId: "x" } });
  expect(click.status()).toBe(403);
});
