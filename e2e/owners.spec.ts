import { expect, test, type Browser, type Page } from "@playwright/test";

/**
 * Owners that the delivery workspace cannot assign are resolved on the handoff, by the people
 * who can: a deal names a milestone owner nobody knows; the PS leader gives the handoff to
 * another PM, who gives the milestone to the client's contact on the CRM deal, and ClickUp's
 * answer then records "Every task has an owner". Built through the UI only, as the demo users.
 */

const DEAL = "Harborview Credit Union — Member onboarding automation";
const shots = "test-results/screenshots";

async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  return page;
}

test("an owner nobody knows is resolved on the handoff, and a PS leader reassigns its PM", async ({ browser }) => {
  test.setTimeout(240_000);
  const revops = await signIn(browser, "revops@demo.local");
  const leader = await signIn(browser, "leader@demo.local");
  const lena = await signIn(browser, "pm2@demo.local");
  const marco = await signIn(browser, "pm@demo.local");

  // Sales named someone who is neither one of ours nor a contact on the deal.
  await revops.goto("/sandbox");
  const deal = revops.getByRole("listitem", { name: `Deal ${DEAL}` });
  await deal.getByRole("button", { name: "Edit properties" }).click();
  const milestones = deal.getByRole("textbox", { name: /Promised milestones/ });
  await milestones.fill((await milestones.inputValue()).replace("Workflow design approved — Grace Liu", "Workflow design approved — Jordan Unknown"));
  await deal.getByRole("button", { name: "Save to HubSpot" }).click();
  await deal.getByRole("button", { name: "Move to closed won" }).click();
  const link = deal.getByRole("link", { name: /HO-\d+/ });
  await expect(link).toBeVisible({ timeout: 60_000 });
  await link.click();
  // The link navigates on the client: wait for the handoff's address before passing it on.
  await revops.waitForURL(/\/handoffs\/[^/?#]+$/);
  const url = revops.url();
  await revops.waitForLoadState("networkidle");
  await revops.getByRole("listitem").filter({ hasText: "Scope boundaries confirmed with sales" }).getByRole("button", { name: "Add evidence" }).click();
  await revops.getByLabel("Note for “Scope boundaries confirmed with sales”").fill("Confirmed with Sam Carter");
  await revops.getByRole("button", { name: "Save evidence" }).click();
  await revops.getByRole("listitem").filter({ hasText: "Critical risks have an owner and a mitigation" }).getByRole("button", { name: "Confirm" }).click();
  await revops.getByRole("button", { name: "Submit for approval" }).click();
  await expect(revops.getByText(/Submitted by/)).toBeVisible();

  // Only PS leaders and RevOps reassign: the PM is not offered it.
  await marco.goto(url);
  await expect(marco.getByRole("region", { name: "People" }).getByRole("button", { name: /Reassign/ })).toHaveCount(0);
  // The PS leader gives the handoff to Lena; the gate now waits on her.
  await leader.goto(url);
  const people = leader.getByRole("region", { name: "People" });
  await people.getByRole("button", { name: "Reassign the project manager" }).click();
  await people.getByLabel("New project manager").selectOption({ label: "Lena Fischer · Mid-market" });
  await people.getByRole("button", { name: "Save" }).click();
  await expect(people).toContainText("Lena Fischer");
  await expect(people.getByText("Waiting on").locator("xpath=following-sibling::dd[1]")).toHaveText("Lena Fischer");
  await leader.screenshot({ path: `${shots}/reassigned.png`, fullPage: true });

  // Lena finds it in her inbox, approves, and starts the workspace: one owner cannot be assigned.
  await lena.goto("/approvals");
  const card = lena.getByRole("region", { name: new RegExp(DEAL) });
  await card.getByRole("button", { name: /^Approve/ }).click();
  await expect(card).toHaveCount(0);
  await lena.goto(url);
  await lena.getByRole("button", { name: "Start delivery workspace" }).click();
  const owners = lena.getByRole("region", { name: /owner to resolve/ });
  await expect(async () => {
    await lena.reload();
    await expect(owners).toContainText("Jordan Unknown", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(lena.getByRole("listitem").filter({ hasText: "Every task has an owner" })).toContainText("Recorded by the ClickUp sync");
  await lena.screenshot({ path: `${shots}/owners-to-resolve.png`, fullPage: true });

  // She gives the milestone to the client's contact on the deal.
  await lena.waitForLoadState("networkidle");
  await owners.getByLabel(/Give Jordan Unknown's item to/).selectOption({ label: "Grace Liu (grace.liu@harborviewcu.example)" });
  await owners.getByRole("button", { name: "Reassign" }).click();
  await expect(async () => {
    await lena.reload();
    await expect(lena.getByRole("listitem").filter({ hasText: "Every task has an owner" })).toContainText("owned by the client", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(lena.getByRole("region", { name: /owner to resolve/ })).toHaveCount(0);
  await lena.screenshot({ path: `${shots}/owners-resolved.png`, fullPage: true });
});
