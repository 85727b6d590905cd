import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";

/**
 * The product's central journey, walked the way the README tells a newcomer to walk it: a
 * deal closed today in the HubSpot sandbox becomes a handoff and is carried to Completed by
 * the README's demo users, through the app's pages and the stand-ins' pages only. Nothing is
 * written to the database after the demo seed, and no API is called that a person would not
 * call by clicking. A screenshot is kept at every stage.
 */

const DEAL = "Aurora Biotech — Lab data platform rollout";
const PASSWORD = "demo-password";
const shots = "test-results/screenshots/journey";

async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  return page;
}

/** Reloads, as a person would, until the background work the page waits on shows. */
async function eventually(page: Page, check: () => Promise<void>, timeout = 60_000) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout });
}

function gate(page: Page, stage: string): Locator {
  return page.getByRole("region", { name: `${stage} gate` });
}

function requirement(page: Page, stage: string, label: string): Locator {
  return gate(page, stage).getByRole("listitem").filter({ hasText: label });
}

async function addNote(page: Page, stage: string, label: string, note: string) {
  await requirement(page, stage, label).getByRole("button", { name: /Add evidence|Update/ }).click();
  await page.getByLabel(`Note for “${label}”`).fill(note);
  await page.getByRole("button", { name: "Save evidence" }).click();
  await expect(requirement(page, stage, label)).toContainText(note);
}

async function submit(page: Page, stage: string) {
  await gate(page, stage).getByRole("button", { name: "Submit for approval" }).click();
  await expect(gate(page, stage)).toContainText(/Submitted by/);
}

async function approve(page: Page, url: string, stage: string) {
  await page.goto(url);
  await gate(page, stage).getByRole("button", { name: "Approve gate" }).click();
  await expect(gate(page, stage).getByRole("button", { name: "Approve gate" })).toHaveCount(0);
}

test("a deal closed today in the HubSpot sandbox is carried to Completed by the README's demo users", async ({ browser }) => {
  test.setTimeout(300_000);
  const revops = await signIn(browser, "revops@demo.local");
  const pm = await signIn(browser, "pm@demo.local");
  const leader = await signIn(browser, "leader@demo.local");
  const lead = await signIn(browser, "lead@demo.local");

  // 1 — Intake. RevOps closes the deal in the HubSpot sandbox; the signed webhook reaches the app,
  // the worker captures the deal, and the list shows the handoff without a reload.
  await revops.goto("/sandbox");
  const deal = revops.getByRole("listitem", { name: `Deal ${DEAL}` });
  await deal.getByRole("button", { name: "Move to closed won" }).click();
  const handoffLink = deal.getByRole("link", { name: /HO-\d+/ });
  await expect(handoffLink).toBeVisible({ timeout: 60_000 });
  await expect(handoffLink).toContainText("In delivery");
  const ref = (await handoffLink.textContent())!.match(/HO-\d+/)![0];
  await revops.screenshot({ path: `${shots}/01-sandbox-closed-won.png`, fullPage: true });
  await handoffLink.click();
  await expect(revops.getByRole("heading", { level: 1, name: DEAL })).toBeVisible();
  const url = revops.url();

  // Assigned by the demo's rule: the deal owner's team (Enterprise) is the README's users.
  const people = revops.getByRole("region", { name: "People" });
  await expect(people).toContainText("Priya Shah");
  await expect(people).toContainText("Marco Rossi");
  await expect(people).toContainText("Dana Kim");
  // Closed today, not on the close date sales planned for next week.
  const today = new Date().toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
  await expect(revops.getByRole("region", { name: "Deal as captured" })).toContainText(today);

  await revops.waitForLoadState("networkidle");
  await addNote(revops, "Intake", "Scope boundaries confirmed with sales", "Confirmed with Sam Carter on the handover call");
  await requirement(revops, "Intake", "Critical risks have an owner and a mitigation").getByRole("button", { name: "Confirm" }).click();
  await expect(requirement(revops, "Intake", "Critical risks have an owner and a mitigation")).toContainText("Rita Okafor");
  await submit(revops, "Intake");
  await revops.screenshot({ path: `${shots}/02-intake-submitted.png`, fullPage: true });

  // The PM finds it in the Approvals inbox and signs it off there.
  await pm.goto("/approvals");
  const card = pm.getByRole("region", { name: new RegExp(`^${ref} `) });
  await expect(card).toBeVisible();
  await pm.screenshot({ path: `${shots}/03-approvals-intake.png`, fullPage: true });
  await card.getByRole("button", { name: /^Approve/ }).click();
  await expect(card).toHaveCount(0);

  // 2 — Delivery workspace. The PM starts it; ClickUp answers with the list, every owner mapped
  // (the client's own milestone tagged as the client's), and the evidence is recorded from that answer.
  await pm.goto(url);
  await pm.getByRole("button", { name: "Start delivery workspace" }).click();
  await eventually(pm, async () => {
    await expect(requirement(pm, "Delivery workspace", "Every task has an owner")).toContainText("owned by the client", { timeout: 1_000 });
    await expect(requirement(pm, "Delivery workspace", "Dependency gates set")).toContainText("dependencies", { timeout: 1_000 });
  });
  await pm.screenshot({ path: `${shots}/04-workspace-synced.png`, fullPage: true });
  await pm.goto("/sandbox?tool=clickup");
  const list = pm.getByRole("region", { name: new RegExp(`${ref} ·`) });
  await expect(list.getByRole("row", { name: /Milestone: Integration design sign-off/ })).toContainText("Client-owned");
  await expect(list.getByRole("row", { name: /Milestone: UAT complete/ })).toContainText("Marco Rossi");
  await expect(list.getByText("Unassigned")).toHaveCount(0);
  await pm.screenshot({ path: `${shots}/05-sandbox-clickup.png`, fullPage: true });
  await pm.goto(url);
  await submit(pm, "Delivery workspace");
  await approve(leader, url, "Delivery workspace");
  await leader.screenshot({ path: `${shots}/06-workspace-approved.png`, fullPage: true });

  // 3 — Implementation brief. Published to Notion, a decision appended, reviewed and approved
  // once Notion holds the revision the approver reads.
  await pm.goto(url);
  await pm.getByRole("button", { name: "Start implementation brief" }).click();
  await pm.getByLabel("What was decided").fill("Integrate the Boston lab first");
  await pm.getByLabel("Why", { exact: true }).fill("Its LIMS sandbox is ready and its champion is named");
  await pm.getByRole("button", { name: "Record decision" }).click();
  await expect(pm.getByRole("region", { name: "Decision log" })).toContainText("Integrate the Boston lab first");
  await eventually(pm, async () => {
    await expect(pm.getByRole("region", { name: "Delivery outputs" }).getByRole("listitem").filter({ hasText: "Notion implementation brief" }).getByText("Synced")).toBeVisible({ timeout: 1_000 });
  });
  await addNote(pm, "Implementation brief", "In/out of scope, assumptions and constraints reviewed", "Reviewed with Dana; SSO stays with Aurora IT");
  await submit(pm, "Implementation brief");
  await leader.goto(url);
  const brief = leader.getByRole("region", { name: "Implementation brief", exact: true });
  await expect(brief).toContainText("LIMS integration for three research sites");
  await expect(brief.getByText("On Notion")).toBeVisible();
  await leader.screenshot({ path: `${shots}/07-brief-review.png`, fullPage: true });
  await approve(leader, url, "Implementation brief");
  await leader.goto("/sandbox?tool=notion");
  const page = leader.getByRole("region", { name: new RegExp(`${ref} ·`) });
  await expect(page).toContainText("Integrate the Boston lab first");
  await expect(page).toContainText("Approved");
  await leader.screenshot({ path: `${shots}/08-sandbox-notion.png`, fullPage: true });

  // 4 — Acknowledgement, from Slack: the delivery lead accepts each risk, then the handoff.
  await lead.goto("/sandbox?tool=slack");
  const request = lead.locator(`[id^="slack-message-"]`).filter({ hasText: `${ref} needs the delivery lead's acknowledgement` });
  await eventually(lead, async () => {
    await expect(request).toBeVisible({ timeout: 1_000 });
  });
  for (let accepted = 1; accepted <= 2; accepted++) {
    await request.getByRole("button", { name: "Accept risk" }).first().click();
    await eventually(lead, async () => {
      await expect(request.getByText(/accepted by Dana Kim/)).toHaveCount(accepted, { timeout: 1_000 });
    });
  }
  await lead.screenshot({ path: `${shots}/09-slack-risks-accepted.png`, fullPage: true });
  await request.getByRole("button", { name: "Acknowledge and accept open risks" }).click();
  await eventually(lead, async () => {
    await expect(lead.getByText(`${ref} acknowledged`)).toBeVisible({ timeout: 1_000 });
  });
  await lead.goto(url);
  await expect(lead.getByText(/Acknowledged on/)).toBeVisible();
  // Until the acknowledgement, no kickoff could be scheduled; the lead now submits it for sign-off.
  await submit(lead, "Delivery-lead acknowledgement");
  await lead.screenshot({ path: `${shots}/10-acknowledged.png`, fullPage: true });
  await approve(pm, url, "Delivery-lead acknowledgement");

  // 5 — Handoff digest, posted to Slack and edited as the escalation contacts are confirmed.
  await pm.getByRole("button", { name: "Start handoff digest" }).click();
  await eventually(pm, async () => {
    await expect(requirement(pm, "Handoff digest", "Digest posted to the delivery channel")).toContainText("slack", { timeout: 1_000 });
  });
  await addNote(pm, "Handoff digest", "Escalation contacts confirmed", "Priya Shah for scope, Rita Okafor for commercial terms");
  await submit(pm, "Handoff digest");
  await approve(leader, url, "Handoff digest");
  await leader.goto("/sandbox?tool=slack");
  const digest = leader.locator(`[id^="slack-message-"]`).filter({ hasText: `Handoff digest: ${ref}` });
  await eventually(leader, async () => {
    await expect(digest).toContainText("Rita Okafor for commercial terms", { timeout: 1_000 });
  });
  await expect(digest).toHaveCount(1);
  await expect(digest).toContainText("Kickoff workshop");
  await leader.screenshot({ path: `${shots}/11-slack-digest.png`, fullPage: true });

  // 6 — Kickoff & QA: the kickoff is scheduled and held today, the client's dates confirmed.
  await pm.goto(url);
  await pm.getByRole("button", { name: "Start kickoff & QA" }).click();
  await expect(pm.getByRole("button", { name: "Start kickoff & QA" })).toHaveCount(0);
  await pm.waitForLoadState("networkidle");
  const iso = new Date().toISOString().slice(0, 10);
  const kickoff = pm.getByRole("region", { name: "Kickoff and client dates" });
  await kickoff.getByLabel("Kickoff date").fill(iso);
  await kickoff.getByRole("button", { name: "Schedule kickoff" }).click();
  await expect(kickoff.getByText("Kickoff scheduled", { exact: true }).locator("xpath=following-sibling::dd[1]")).toHaveText(today);
  await kickoff.getByRole("button", { name: "Confirm client dates" }).click();
  await expect(requirement(pm, "Kickoff & QA", "Client dates confirmed")).toContainText("Marco Rossi");
  await kickoff.getByLabel("Held on").fill(iso);
  await kickoff.getByLabel("Attendees").fill("Helena Brandt, Marco Rossi, Dana Kim");
  await kickoff.getByRole("button", { name: "Record kickoff held" }).click();
  await expect(requirement(pm, "Kickoff & QA", "Kickoff held with the client")).toContainText("Helena Brandt, Marco Rossi, Dana Kim");
  await submit(pm, "Kickoff & QA");
  await pm.screenshot({ path: `${shots}/12-kickoff-submitted.png`, fullPage: true });
  await approve(leader, url, "Kickoff & QA");

  await expect(leader.getByText("Completed", { exact: true }).first()).toBeVisible();
  await leader.screenshot({ path: `${shots}/13-completed.png`, fullPage: true });
  // The queue agrees, and nothing waits on anyone any more.
  await leader.goto(`/handoffs?q=${encodeURIComponent(ref)}`);
  await expect(leader.getByRole("row", { name: new RegExp(DEAL) })).toContainText("Completed");
});
