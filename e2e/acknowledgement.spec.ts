import { createHandoff, expect, test } from "./fixtures";

const shots = "test-results/screenshots";

test("the delivery lead sends a risk back, the PM revises it, the lead acknowledges, and only then can the kickoff be scheduled", async ({ browser, prisma, team, signIn }) => {
  const handoff = await createHandoff(prisma, team, { title: `Ack check ${Date.now()}` });
  await prisma.handoff.update({ where: { id: handoff.id }, data: { stage: "ACKNOWLEDGEMENT", stageStatus: "IN_PROGRESS", waitingOnId: team.lead.userId } });
  await prisma.handoffStage.updateMany({ where: { handoffId: handoff.id }, data: { status: "APPROVED" } });
  await prisma.handoffStage.create({ data: { handoffId: handoff.id, key: "ACKNOWLEDGEMENT", status: "IN_PROGRESS" } });

  const pmPage = await (await browser.newContext()).newPage();
  await signIn(pmPage, team.pm);
  await pmPage.goto(`/handoffs/${handoff.id}`);
  await expect(pmPage.getByRole("button", { name: "Schedule kickoff" })).toBeDisabled();
  await expect(pmPage.getByText("Locked until the delivery lead acknowledges the handoff and accepts its risks.")).toBeVisible();
  const inAMonth = new Date(Date.now() + 30 * 86_400_000);
  const kickoffDay = inAMonth.toISOString().slice(0, 10);
  const kickoffShown = inAMonth.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
  const refused = await pmPage.request.post(`/api/handoffs/${handoff.id}/transitions`, { data: { type: "SCHEDULE_KICKOFF", date: kickoffDay } });
  expect(refused.status()).toBe(409);

  const leadPage = await (await browser.newContext()).newPage();
  await signIn(leadPage, team.lead);
  await leadPage.goto(`/handoffs/${handoff.id}`);
  const volume = leadPage.getByRole("listitem", { name: "Risk Data volume unknown" });
  await volume.getByRole("button", { name: "Send back" }).click();
  await volume.getByLabel("Why “Data volume unknown” cannot be accepted").fill("Nobody on the client side owns the extract");
  await volume.getByRole("button", { name: "Send back to the PM" }).click();
  await expect(volume.getByText("Sent back: “Nobody on the client side owns the extract”")).toBeVisible();
  await expect(leadPage.getByRole("button", { name: "Acknowledge and accept risks" })).toBeDisabled();
  await expect(leadPage.getByText("1 risk is with the project manager for revision.")).toBeVisible();
  const early = await leadPage.request.post(`/api/handoffs/${handoff.id}/transitions`, { data: { type: "ACKNOWLEDGE" } });
  expect(early.status()).toBe(409);
  expect((await early.json()).error.message).toContain("1 risk was sent back (“Data volume unknown”)");
  await leadPage.screenshot({ path: `${shots}/acknowledgement.png`, fullPage: true });

  await pmPage.reload();
  const sentBack = pmPage.getByRole("listitem", { name: "Risk Data volume unknown" });
  await sentBack.getByRole("button", { name: "Revise" }).click();
  await sentBack.getByLabel("Owner of “Data volume unknown”").fill("Client IT lead");
  await sentBack.getByLabel("Revised mitigation for “Data volume unknown”").fill("Client IT extracts a sample in week 1");
  await sentBack.getByRole("button", { name: "Save and reopen" }).click();
  await expect(sentBack.getByText("Owner: Client IT lead")).toBeVisible();

  await leadPage.reload();
  await leadPage.getByRole("listitem", { name: "Risk Data volume unknown" }).getByRole("button", { name: "Accept" }).click();
  await expect(leadPage.getByRole("listitem", { name: "Risk Data volume unknown" }).getByText(`Accepted by ${team.lead.name}`)).toBeVisible();
  await leadPage.getByRole("button", { name: "Acknowledge and accept risks" }).click();
  await expect(leadPage.getByText(/Acknowledged on/)).toBeVisible();

  await pmPage.reload();
  await expect(pmPage.getByRole("button", { name: "Schedule kickoff" })).toBeEnabled();
  await pmPage.getByLabel("Kickoff date").fill(kickoffDay);
  await pmPage.getByRole("button", { name: "Schedule kickoff" }).click();
  await expect(pmPage.getByRole("region", { name: "Kickoff and client dates" })).toContainText(kickoffShown);
});
