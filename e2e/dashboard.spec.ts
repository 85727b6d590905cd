import ExcelJS from "exceljs";
import { expect, test } from "./fixtures";

const shots = "test-results/screenshots";

test("a PS leader filters the dashboard to the pilot cohort, captures a baseline, drills into a point and downloads the XLSX", async ({ page, prisma, team, signIn }) => {
  await signIn(page, team.leader);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  for (const name of ["Kickoff delay rate", "Scope-change incidents per handoff", "Handoff completeness score", "Promise accuracy"]) {
    await expect(page.getByRole("region", { name })).toBeVisible();
  }

  await page.getByLabel("Cohort").selectOption("pilot");
  await expect(page).toHaveURL(/cohort=pilot/);
  const table = page.getByRole("region", { name: "KPI table" });
  const pilotTotal = Number(await table.locator("tfoot td").first().innerText());
  expect(pilotTotal).toBeGreaterThan(0);

  // Irreversible, so it asks first: cancelling captures nothing.
  await page.getByRole("button", { name: "Capture baseline" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Capture baseline" })).toBeVisible();
  await page.getByRole("button", { name: "Capture baseline" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Freeze baseline" }).click();
  await expect(page.getByRole("region", { name: "Baseline and targets" }).getByText(/Baseline frozen/)).toBeVisible();
  // Frozen: there is no second capture for the same filters.
  await expect(page.getByRole("button", { name: "Capture baseline" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Baseline and targets" }).getByRole("rowheader", { name: "Kickoff delay rate" })).toBeVisible();
  await page.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });

  // A point on the delay-rate chart opens the late kickoffs of that week, in the pilot cohort.
  const chart = page.getByRole("region", { name: "Kickoff delay rate" });
  await chart.getByRole("link", { name: /^Kickoff delay rate, week of/ }).first().click();
  await expect(page).toHaveURL(/\/handoffs\?kickoffFrom=\d{4}-\d{2}-\d{2}&kickoffTo=\d{4}-\d{2}-\d{2}&delayed=1&cohort=pilot/);
  await expect(page.getByRole("status").filter({ hasText: "From the dashboard" })).toContainText("kickoff later than promised · pilot cohort");
  await page.screenshot({ path: `${shots}/dashboard-drill-down.png`, fullPage: true });

  await page.goBack();
  // The period's kickoff count opens exactly that many handoffs.
  const kickoffs = table.getByRole("link", { name: /kickoffs in the period: open the handoffs/ });
  const kicked = Number(await kickoffs.innerText());
  await kickoffs.click();
  await expect(page).toHaveURL(/kickoffFrom=.*cohort=pilot/);
  await expect(page.getByText(`Showing 1–${Math.min(kicked, 25)} of ${kicked}`)).toBeVisible();
  await page.goBack();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "KPIs XLSX" }).click();
  const file = await (await download).path();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.getWorksheet("KPIs by week")!;
  expect(sheet.getRow(1).getCell(1).value).toBe("Week of");
  // One row per week shown, and the same closed-won total as the page.
  const weeks = await table.locator("tbody tr").count();
  expect(sheet.rowCount).toBe(weeks + 1);
  let closed = 0;
  for (let r = 2; r <= sheet.rowCount; r++) closed += Number(sheet.getRow(r).getCell(2).value);
  expect(closed).toBe(pilotTotal);
  expect(sheet.getRow(2).getCell(1).value).toBeInstanceOf(Date);
  // The download is in the audit trail, with the filters it was taken for.
  await expect
    .poll(() => prisma.auditEvent.findFirst({ where: { action: "kpi.exported", actorId: team.leader.userId, entityId: "kpis.xlsx" }, select: { data: true } }))
    .toMatchObject({ data: { filters: "cohort=pilot", rows: weeks } });
});

test("a QA run samples handoffs and a reviewer scores one; viewers cannot start runs", async ({ page, browser, team, signIn }) => {
  await signIn(page, team.leader);
  await page.goto("/qa");
  // Last month already has its run (the demo's): a second one is refused, and says which exists.
  const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  await page.getByLabel("Month").fill(lastMonth);
  await page.getByLabel("Sample size").fill("3");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("region", { name: "Start a QA run" }).getByRole("alert")).toContainText("already has a QA run");
  // This month has none yet.
  const month = new Date().toISOString().slice(0, 7);
  await page.getByLabel("Month").fill(month);
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("heading", { name: `QA run ${month}` })).toBeVisible();
  const first = page.getByRole("form").first();
  for (const part of ["Mandatory fields", "Evidence for each gate", "Commitments with a date"]) {
    await first.getByRole("radiogroup", { name: new RegExp(part) }).getByLabel("Met").check();
  }
  await first.getByRole("radiogroup", { name: /Risks with an owner/ }).getByLabel("Partly").check();
  // Every sales commitment gets an outcome; the first one was missed.
  const outcomes = await first.getByRole("combobox").all();
  for (const [i, outcome] of outcomes.entries()) await outcome.selectOption(i === 0 ? "MISSED" : "DELIVERED");
  await first.getByLabel("Optimistic timeline").check();
  // 40 + 25 + 20/2 + 15 = 90; promise accuracy: all but the missed one.
  const accuracy = outcomes.length ? `${Math.round(((outcomes.length - 1) / outcomes.length) * 100)}%` : "—";
  await expect(first.getByText(`Completeness 90 · promise accuracy ${accuracy}`)).toBeVisible();
  await first.getByRole("button", { name: /Save review/ }).click();
  await expect(page.getByText(/Reviewed /).first()).toBeVisible();
  await page.screenshot({ path: `${shots}/qa-run.png`, fullPage: true });

  const viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, team.viewer);
  await viewer.goto("/qa");
  await expect(viewer.getByRole("button", { name: "Start run" })).toHaveCount(0);
  const refused = await viewer.request.post("/api/qa/runs", { data: { month, sampleSize: 3, rule: "random" } });
  expect(refused.status()).toBe(403);
});
