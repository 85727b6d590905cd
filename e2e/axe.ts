import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Runs axe on the page as it stands and fails on any serious or critical violation, naming
 * the rule and the first offending elements so the failure says what to fix.
 */
export async function expectNoSeriousViolations(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  expect.soft(serious, `${name}: serious or critical accessibility violations`).toEqual([]);
}

/** The page fits the window: nothing scrolls sideways except inside its own scroller. */
export async function expectNoSidewaysScroll(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect.soft(scrollWidth, `${name}: page width ${scrollWidth}px in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
}
