import { expectNoSeriousViolations } from "./axe";
import { createHandoff, expect, submitIntake, test } from "./fixtures";

// Every page of the app, checked with axe as a person allowed to see it: no serious or
// critical violation (contrast, names, labels, landmarks, keyboard access to scrollers…).

test("signed out and refused: the sign-in page, the forbidden page and a missing page", async ({ page, team, signIn }) => {
  await page.goto("/login");
  await expect(page.getByRole("form", { name: "Sign in" })).toBeVisible();
  await expectNoSeriousViolations(page, "sign in");

  await signIn(page, team.sales);
  await page.goto("/settings/people");
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  await expectNoSeriousViolations(page, "forbidden");

  for (const path of ["/handoffs/not-a-handoff", "/no-such-page"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expectNoSeriousViolations(page, `not found (${path})`);
  }
});

test("a project manager: the queue, a handoff at its gate, a handoff at kickoff and the approvals inbox", async ({ page, prisma, team, signIn }) => {
  const handoff = await createHandoff(prisma, team, { title: `Accessible handoff ${Date.now()}` });
  await submitIntake(prisma, team, handoff.id);
  await signIn(page, team.pm);

  await page.goto("/handoffs");
  await expect(page.getByRole("heading", { name: "Handoff queue" })).toBeVisible();
  await expectNoSeriousViolations(page, "queue");

  await page.goto(`/handoffs/${handoff.id}`);
  await expect(page.getByRole("heading", { name: "Intake gate" })).toBeVisible();
  await expectNoSeriousViolations(page, "handoff at intake");
  // Folded sections are checked unfolded too.
  const folded = page.locator("details:not([open]) > summary");
  while ((await folded.count()) > 0) await folded.first().click();
  await expectNoSeriousViolations(page, "handoff at intake, every section unfolded");

  const kickoff = await prisma.handoff.findFirst({ where: { stage: "KICKOFF_QA", status: "IN_PROGRESS" }, select: { id: true } });
  if (kickoff) {
    await page.goto(`/handoffs/${kickoff.id}`);
    await expect(page.getByRole("region", { name: "Kickoff and client dates" })).toBeVisible();
    await expectNoSeriousViolations(page, "handoff at kickoff");
  }

  await page.goto("/approvals");
  await expect(page.getByRole("region", { name: new RegExp(handoff.title) })).toBeVisible();
  await expectNoSeriousViolations(page, "approvals");
});

test("a delivery lead: the acknowledgements inbox", async ({ page, team, signIn }) => {
  await signIn(page, team.lead);
  await page.goto("/approvals");
  await expect(page.getByRole("heading", { name: "Approvals" })).toBeVisible();
  await expectNoSeriousViolations(page, "approvals (delivery lead)");
});

test("a PS leader: the dashboard, QA and a QA run", async ({ page, prisma, team, signIn }) => {
  await signIn(page, team.leader);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expectNoSeriousViolations(page, "dashboard");

  await page.goto("/qa");
  await expect(page.getByRole("heading", { name: "Handoff QA" })).toBeVisible();
  await expectNoSeriousViolations(page, "QA");

  const run = await prisma.qaRun.findFirst({ select: { id: true } });
  if (run) {
    await page.goto(`/qa/${run.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page, "QA run");
  }
});

test("an admin: settings, operations and the sandboxes", async ({ page, team, signIn }) => {
  await signIn(page, team.admin);
  for (const path of ["/account", "/settings/intake", "/settings/template", "/settings/assignment", "/settings/people", "/settings/connections", "/operations", "/sandbox", "/sandbox?tool=clickup", "/sandbox?tool=notion", "/sandbox?tool=slack"]) {
    const response = await page.goto(path);
    expect.soft(response?.status(), `${path} answers`).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page, path);
  }
});
