import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { setDb } from "../lib/db/client.ts";
import { transitionHandoff } from "../lib/handoffs/transition.ts";
import { createHandoff, expect, submitIntake, test } from "./fixtures";

const shots = "test-results/screenshots";
const slackUrl = () => JSON.parse(process.env.E2E_APP_ENV!).SLACK_SANDBOX_URL as string;

/** Waits (reloading, as a person would) until the outputs panel says the output is synced. */
async function waitForSync(page: Page, label: string) {
  const row = page.getByRole("region", { name: "Delivery outputs" }).getByRole("listitem").filter({ hasText: label });
  await expect(async () => {
    await page.reload();
    await expect(row.getByText("Synced")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  return row;
}

test("one handoff goes from approved intake to a posted digest through ClickUp, Notion and Slack", async ({ browser, prisma, team, signIn }) => {
  test.setTimeout(240_000);
  // The people of this test, linked to the tools: the lead gets a Slack account of their own.
  const leadSlack = `U${randomBytes(4).toString("hex").toUpperCase()}`;
  const created = await fetch(`${slackUrl()}/__sandbox/users`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ id: leadSlack, name: "lead", realName: team.lead.name, email: team.lead.email }),
  });
  expect(created.status).toBe(201);
  await prisma.user.update({ where: { id: team.lead.userId }, data: { clickupUserId: "81000005", slackUserId: leadSlack } });
  await prisma.user.update({ where: { id: team.pm.userId }, data: { clickupUserId: "81000003" } });
  await prisma.user.update({ where: { id: team.leader.userId }, data: { clickupUserId: "81000002" } });

  const title = `Walkthrough ${Date.now()}`;
  const handoff = await createHandoff(prisma, team, { title });
  const kickoff = new Date(Date.now() + 10 * 86_400_000);
  await prisma.handoff.update({ where: { id: handoff.id }, data: { promisedKickoffAt: kickoff } });
  await prisma.milestone.create({ data: { handoffId: handoff.id, name: "Pilot region live", dueDate: new Date(kickoff.getTime() + 20 * 86_400_000), ownerName: team.lead.name } });
  await prisma.commitment.create({ data: { handoffId: handoff.id, description: "Quote templates in three languages", ownerName: team.pm.name, dueDate: new Date(kickoff.getTime() + 14 * 86_400_000) } });
  await prisma.dependency.create({ data: { handoffId: handoff.id, description: "Sandbox org credentials", party: "Client IT", neededBy: new Date(kickoff.getTime() + 5 * 86_400_000) } });
  await prisma.scopeItem.create({ data: { handoffId: handoff.id, kind: "IN_SCOPE", description: "Quote-to-cash for EMEA" } });
  await submitIntake(prisma, team, handoff.id);
  setDb(prisma);
  await transitionHandoff(team.pm, handoff.id, { type: "APPROVE_GATE", stage: "INTAKE" });

  const pm = await (await browser.newContext()).newPage();
  const leader = await (await browser.newContext()).newPage();
  const lead = await (await browser.newContext()).newPage();
  await signIn(pm, team.pm);
  await signIn(leader, team.leader);
  await signIn(lead, team.lead);

  // Step 2 — the PM starts the workspace; the list appears in ClickUp with owners and gates.
  await pm.goto(`/handoffs/${handoff.id}`);
  await pm.getByRole("button", { name: "Start delivery workspace" }).click();
  const list = await waitForSync(pm, "ClickUp delivery list");
  await expect(pm.getByRole("region", { name: /Delivery workspace/ }).getByText("Every task has an owner (captured)")).toBeVisible();
  await pm.screenshot({ path: `${shots}/delivery-workspace.png`, fullPage: true });
  await pm.goto((await list.getByRole("link", { name: /Open/ }).getAttribute("href"))!);
  const clickupList = pm.getByRole("region", { name: new RegExp(`HO-${handoff.number} ·`) });
  await expect(clickupList.getByRole("row", { name: /Milestone: Pilot region live/ })).toContainText("Dana Kim");
  await expect(clickupList.getByRole("row", { name: /Milestone: Pilot region live/ })).toContainText("Gate: Sandbox org credentials");
  await pm.screenshot({ path: `${shots}/sandbox-clickup.png`, fullPage: true });
  await pm.goto(`/handoffs/${handoff.id}`);
  await pm.getByRole("button", { name: "Submit for approval" }).click();
  await expect(pm.getByText(/Submitted by/)).toBeVisible();

  // The approver signs off.
  await leader.goto(`/handoffs/${handoff.id}`);
  await leader.screenshot({ path: `${shots}/delivery-workspace-approval.png`, fullPage: true });
  await leader.getByRole("button", { name: "Approve gate" }).click();
  await expect(leader.getByRole("button", { name: "Approve gate" })).toBeHidden();

  // Step 3 — the brief: published to Notion, a decision appended, reviewed, approved with a snapshot.
  await pm.reload();
  await pm.getByRole("button", { name: "Start implementation brief" }).click();
  await pm.getByLabel("What was decided").fill("Roll out EMEA before APAC");
  await pm.getByLabel("Why", { exact: true }).fill("The EMEA sponsor owns the pilot");
  await pm.getByRole("button", { name: "Record decision" }).click();
  await expect(pm.getByRole("region", { name: "Decision log" })).toContainText("Roll out EMEA before APAC");
  await waitForSync(pm, "Notion implementation brief");
  await pm.getByRole("button", { name: "Add evidence" }).click();
  await pm.getByLabel("Note for “In/out of scope, assumptions and constraints reviewed”").fill("Reviewed with the delivery lead");
  await pm.getByRole("button", { name: "Save evidence" }).click();
  await pm.getByRole("button", { name: "Submit for approval" }).click();
  await expect(pm.getByText(/Submitted by/)).toBeVisible();
  await leader.reload();
  // The approver reads the brief in the app, and sees that Notion holds this very revision.
  const brief = leader.getByRole("region", { name: "Implementation brief", exact: true });
  await expect(brief.getByRole("region", { name: "In scope" })).toContainText("Quote-to-cash for EMEA");
  await expect(brief.getByText("On Notion")).toBeVisible();
  await leader.screenshot({ path: `${shots}/delivery-brief-approval.png`, fullPage: true });
  await leader.getByRole("button", { name: "Approve gate" }).click();
  // The approved content is kept as the gate's evidence, under the folded "Quality gates" record.
  await leader.getByRole("region", { name: "Quality gates" }).locator("summary").click();
  await expect(leader.getByText(/Brief content approved/)).toBeVisible();
  await leader.goto("/sandbox?tool=notion");
  const page = leader.getByRole("region", { name: new RegExp(`HO-${handoff.number} ·`) });
  await expect(page).toContainText("Quote-to-cash for EMEA");
  await expect(page).toContainText("Roll out EMEA before APAC");
  // The approval reaches Notion through the outbox: reload, as a person would, until it shows.
  await expect(async () => {
    await leader.reload();
    await expect(page).toContainText("Approved", { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await leader.screenshot({ path: `${shots}/sandbox-notion.png`, fullPage: true });

  // Step 4 — the delivery lead acknowledges from Slack: each risk accepted, then the handoff.
  await lead.goto("/sandbox?tool=slack");
  const request = lead.locator(`[id^="slack-message-"]`).filter({ hasText: `HO-${handoff.number} needs the delivery lead's acknowledgement` });
  await expect(async () => {
    await lead.reload();
    await expect(request).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await lead.screenshot({ path: `${shots}/sandbox-slack-request.png`, fullPage: true });
  for (const risk of ["Data volume unknown", "Key user on leave"]) {
    const before = await prisma.auditEvent.count({ where: { handoffId: handoff.id, action: "risk.accepted" } });
    await request.getByRole("button", { name: "Accept risk" }).first().click();
    await expect.poll(() => prisma.auditEvent.count({ where: { handoffId: handoff.id, action: "risk.accepted" } })).toBe(before + 1);
    await expect(async () => {
      await lead.reload();
      await expect(request.getByText(new RegExp(`accepted by ${team.lead.name}`)).nth(before)).toBeVisible({ timeout: 1_000 });
    }, risk).toPass({ timeout: 30_000 });
  }
  await request.getByRole("button", { name: "Acknowledge and accept open risks" }).click();
  await expect(async () => {
    await lead.reload();
    await expect(lead.getByText(`HO-${handoff.number} acknowledged`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(async () => {
    await lead.reload();
    await expect(lead.getByRole("region", { name: "Replies only you can see" })).toContainText(`You acknowledged HO-${handoff.number}`, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  await lead.goto(`/handoffs/${handoff.id}`);
  await expect(lead.getByText(/Acknowledged on/)).toBeVisible();
  await lead.screenshot({ path: `${shots}/delivery-acknowledged.png`, fullPage: true });
  await lead.getByRole("button", { name: "Submit for approval" }).click();
  await expect(lead.getByText(/Submitted by/)).toBeVisible();
  await pm.reload();
  await pm.getByRole("button", { name: "Approve gate" }).click();
  await expect(pm.getByRole("button", { name: "Start handoff digest" })).toBeVisible();

  // Step 5 — the digest, posted once and edited when the escalation contacts are added.
  await pm.getByRole("button", { name: "Start handoff digest" }).click();
  await waitForSync(pm, "Slack handoff digest");
  await pm.getByRole("button", { name: "Add evidence" }).click();
  await pm.getByLabel("Note for “Escalation contacts confirmed”").fill("Priya for scope, Rita for commercial terms");
  await pm.getByRole("button", { name: "Save evidence" }).click();
  await expect(pm.getByRole("region", { name: /Handoff digest/ }).getByText("Digest posted to the delivery channel (captured)")).toBeVisible();
  await pm.screenshot({ path: `${shots}/delivery-digest-stage.png`, fullPage: true });

  await pm.goto("/sandbox?tool=slack");
  const digest = pm.locator(`[id^="slack-message-"]`).filter({ hasText: `Handoff digest: HO-${handoff.number}` });
  await expect(async () => {
    await pm.reload();
    await expect(digest).toContainText("Rita for commercial terms", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(digest).toHaveCount(1);
  await expect(digest).toContainText("Pilot region live");
  await expect(digest).toContainText("Accountable owner");
  await expect(digest.getByRole("link", { name: "ClickUp list" })).toBeVisible();
  await expect(digest.getByRole("link", { name: "Implementation brief" })).toBeVisible();
  await pm.screenshot({ path: `${shots}/sandbox-slack-digest.png`, fullPage: true });
});
