import { expectNoSeriousViolations, expectNoSidewaysScroll } from "./axe";
import { createHandoff, expect, submitIntake, test } from "./fixtures";

const shots = "test-results/screenshots";

// A phone (390 px wide): the pages a project manager works on fit the screen, tables scroll
// inside their cards, and the navigation and sign-out are behind a Menu button.
test.use({ viewport: { width: 390, height: 844 } });

test("at phone width the queue, a handoff, approvals and the dashboard fit the screen, and the menu reaches every page and sign-out", async ({ page, prisma, team, signIn }) => {
  const handoff = await createHandoff(prisma, team, { title: `Phone handoff ${Date.now()}` });
  await submitIntake(prisma, team, handoff.id);
  await signIn(page, team.pm);

  const pages = [
    { name: "queue", path: "/handoffs", heading: "Handoff queue" },
    { name: "handoff", path: `/handoffs/${handoff.id}`, heading: handoff.title },
    { name: "approvals", path: "/approvals", heading: "Approvals" },
    { name: "dashboard", path: "/dashboard", heading: "Dashboard" },
  ];
  for (const { name, path, heading } of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoSidewaysScroll(page, name);
    await expectNoSeriousViolations(page, `${name} at phone width`);
    await page.screenshot({ path: `${shots}/phone-${name}.png`, fullPage: true });
  }

  // The navigation is one tap away, closes on Escape and after a link is followed.
  const menu = page.getByRole("button", { name: /Menu/ });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Approvals" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Signed in" }).getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.screenshot({ path: `${shots}/phone-menu.png` });
  await expectNoSidewaysScroll(page, "open menu");
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.click();
  await nav.getByRole("link", { name: "Handoff queue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Handoff queue" })).toBeVisible();
  await expect(nav).toBeHidden();
});
