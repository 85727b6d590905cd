import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";

const shots = "test-results/screenshots";

test("RevOps replays a dead letter until it succeeds, and cancels another", async ({ page, prisma, request, team, signIn }) => {
  const deals = (await (await request.get(`${process.env.E2E_HUBSPOT_URL}/__sandbox/deals`)).json()) as { results: { id: string }[] };
  const dealId = deals.results[0].id;
  const stamp = Date.now();
  const payload = { dealId, status: "accepted", handoffUrl: "http://127.0.0.1:3100/handoffs/replayed", issues: [] };
  const dead = await prisma.syncJob.create({
    data: { vendor: "HUBSPOT", kind: "hubspot.writeback", idempotencyKey: `e2e-dead-${stamp}`, payload, status: "DEAD", attempts: 10, lastError: "HTTP-Code: 503", errorClass: "http_503" },
  });
  const doomed = await prisma.syncJob.create({
    data: { vendor: "HUBSPOT", kind: "hubspot.writeback", idempotencyKey: `e2e-doomed-${stamp}`, payload, status: "DEAD", attempts: 1, lastError: "HTTP-Code: 400", errorClass: "http_400" },
  });

  await signIn(page, team.revops);
  await page.goto("/operations?status=DEAD");
  await expect(page.getByRole("heading", { name: "Operations" })).toBeVisible();
  const deadRow = page.getByRole("row").filter({ hasText: `e2e-dead-${stamp}` });
  await expect(deadRow).toContainText("http_503");
  await page.screenshot({ path: `${shots}/operations.png`, fullPage: true });

  await deadRow.getByRole("button", { name: "Replay" }).click();
  await expect(page.getByRole("row").filter({ hasText: `e2e-dead-${stamp}` })).toHaveCount(0);
  await expect(async () => {
    await page.goto("/operations?status=SUCCEEDED");
    await expect(page.getByRole("row").filter({ hasText: `e2e-dead-${stamp}` })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  await page.goto("/operations?status=DEAD");
  await page.getByRole("row").filter({ hasText: `e2e-doomed-${stamp}` }).getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("row").filter({ hasText: `e2e-doomed-${stamp}` })).toHaveCount(0);
  expect((await prisma.syncJob.findUniqueOrThrow({ where: { id: doomed.id } })).status).toBe("CANCELLED");
  expect(await prisma.auditEvent.count({ where: { entityId: { in: [dead.id, doomed.id] } } })).toBe(2);
});

test("a project manager cannot see operations or replay jobs", async ({ page, prisma, team, signIn }) => {
  const job = await prisma.syncJob.create({
    data: { vendor: "HUBSPOT", kind: "hubspot.writeback", idempotencyKey: `e2e-pm-${Date.now()}`, payload: {}, status: "DEAD" },
  });
  await signIn(page, team.pm);
  await page.goto("/operations");
  await expect(page).toHaveURL(/\/forbidden/);
  const response = await page.request.post(`/api/operations/jobs/${job.id}/replay`);
  expect(response.status()).toBe(403);
  expect((await prisma.syncJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("DEAD");
});

test("an admin notes the audit chain head on Operations and later verifies the trail against it", async ({ page, team, signIn }) => {
  await signIn(page, team.admin);
  await page.goto("/operations");
  const published = (await page.getByRole("region", { name: "Audit chain head" }).locator("code").innerText()).trim();
  expect(published).toMatch(/^\d+:[0-9a-f]{64}$/);

  await page.getByRole("link", { name: "Verify the chain" }).click();
  await expect(page.getByRole("heading", { name: "Audit trail", level: 1 })).toBeVisible();
  await page.getByLabel("A head published earlier").fill(published);
  await page.getByRole("button", { name: "Verify the chain" }).click();
  const result = page.getByRole("status").filter({ hasText: "The chain is intact" });
  await expect(result).toBeVisible();
  await expect(result).toContainText(`The published head at place ${published.split(":")[0]} matches.`);
  await page.screenshot({ path: `${shots}/audit-trail.png`, fullPage: true });

  // A head that was never published is refused as such.
  const [place] = published.split(":");
  await page.getByLabel("A head published earlier").fill(`${place}:${"0".repeat(64)}`);
  await page.getByRole("button", { name: "Verify the chain" }).click();
  const broken = page.getByRole("alert").filter({ hasText: `Broken at place ${place}` });
  await expect(broken).toContainText("differs from the head published");

  // The trail for a period, for an auditor: a period too long is refused with its reason, a month downloads.
  const exporter = page.getByRole("region", { name: "Export the trail" });
  await exporter.getByLabel("From").fill("2020-01-01");
  await exporter.getByRole("button", { name: "Download CSV" }).click();
  await expect(exporter.getByRole("alert")).toContainText("longer than 3 years");
  const today = new Date().toISOString().slice(0, 10);
  await exporter.getByLabel("From").fill(today);
  await exporter.getByLabel("Action (optional)").fill("audit.");
  const download = page.waitForEvent("download");
  await exporter.getByRole("button", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`audit-trail-${today}-to-${today}.csv`);
  const csv = await readFile((await file.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("seq,at,actor,actor_role,action,entity_type,entity_id,handoff_id,source_url,trace_id,data,prev_hash,hash");
  await expect(exporter.getByRole("status")).toContainText(`audit-trail-${today}-to-${today}.csv`);
});

test("metrics need the token", async ({ request }) => {
  expect((await request.get("/api/metrics")).status()).toBe(401);
  const metrics = await request.get("/api/metrics", { headers: { Authorization: "Bearer e2e-metrics-token-0123456789" } });
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toMatch(/^hcc_sync_jobs\{status="dead"\} \d+$/m);
});
