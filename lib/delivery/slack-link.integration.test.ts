import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { STAGE_KEYS } from "../rules/stages.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, type Team } from "../test/fixtures.ts";
import { ACTION, IDENTITY_ACTION } from "./slack-messages.ts";
import { startSlackSandbox, type SlackSandbox } from "../stand-ins/slack/index.ts";

/**
 * A Slack account is linked to a person only when that Slack user confirms it, in a signed
 * click on the direct message the app sent them; RevOps and admins can unlink but never link.
 * Replays the finding (an admin pointed their own Slack user at the delivery lead and clicked
 * as them), then the way a link is really made, against the Slack stand-in and the real
 * interaction receiver, with every Slack-originated audit event naming the Slack user and team.
 */

const SIGNING_SECRET = "slack-signing-secret-for-link-tests";
const CHANNEL = "C0DELIVERY";
const TEAM_ID = "T0SANDBOX1";
const ADMIN_SLACK = "U0SEED01";
const LEAD_SLACK = "U0SEED05";

let database: TestDatabase;
let team: Team;
let slack: SlackSandbox;
let receiver: Server;
let links: typeof import("./slack-link.ts");
let sandboxTools: typeof import("../sandbox/tools.ts");
let identities: typeof import("./identities.ts");
let runSyncJob: (id: string) => Promise<void>;
let receiveSlackInteraction: typeof import("../handoffs/slack-interactions.ts").receiveSlackInteraction;

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void receiveSlackInteraction({
        rawBody: Buffer.concat(chunks).toString("utf8"),
        signature: req.headers["x-slack-signature"] as string,
        timestamp: req.headers["x-slack-request-timestamp"] as string,
      }).then((answer) => {
        res.writeHead(answer.status, { "Content-Type": "application/json" });
        res.end(answer.body ? JSON.stringify(answer.body) : "");
      });
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  slack = await startSlackSandbox({
    token: "xoxb-link-test-token",
    signingSecret: SIGNING_SECRET,
    interactionUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/slack`,
    rateLimit: false,
  });
  Object.assign(process.env, {
    APP_URL: "http://127.0.0.1:3999",
    DATABASE_URL: database.url,
    SLACK_BOT_TOKEN: "xoxb-link-test-token",
    SLACK_API_URL: `${slack.url}/api/`,
    SLACK_CHANNEL_ID: CHANNEL,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_SANDBOX_URL: slack.url,
  });
  links = await import("./slack-link.ts");
  sandboxTools = await import("../sandbox/tools.ts");
  identities = await import("./identities.ts");
  ({ runSyncJob } = await import("../sync/run-job.ts"));
  ({ receiveSlackInteraction } = await import("../handoffs/slack-interactions.ts"));
  const { registerEffects } = await import("../worker/effects.ts");
  registerEffects();
  team = await createTeam(database.prisma);
});

afterAll(async () => {
  await slack?.stop();
  await new Promise((r) => receiver?.close(r));
  await database?.drop();
});

/** Runs the outstanding direct messages and ephemeral replies (the handoffs' own sync is not this test's). */
async function drain() {
  for (let round = 0; round < 10; round++) {
    const jobs = await database.prisma.syncJob.findMany({ where: { status: { in: ["PENDING", "FAILED"] }, kind: { in: ["slack.link_request", "slack.respond"] } }, orderBy: { createdAt: "asc" } });
    if (jobs.length === 0) return;
    for (const job of jobs) await runSyncJob(job.id);
  }
}

/** What a Slack user was told, newest last: the ephemeral replies to their own clicks. */
async function repliesTo(userId: string): Promise<string[]> {
  await drain();
  const body = (await (await fetch(`${slack.url}/__sandbox/responses?user=${userId}`)).json()) as { responses: { body: { text: string } }[] };
  return body.responses.map((r) => r.body.text);
}

/** A handoff waiting for the lead's acknowledgement, with its Slack request posted (as the sync would). */
async function handoffAtAcknowledgement() {
  const handoff = await createHandoff(database.prisma, team);
  await database.prisma.handoffStage.updateMany({ where: { handoffId: handoff.id }, data: { status: "APPROVED" } });
  for (const key of STAGE_KEYS.slice(1, STAGE_KEYS.indexOf("ACKNOWLEDGEMENT"))) {
    await database.prisma.handoffStage.create({ data: { handoffId: handoff.id, key, status: "APPROVED" } });
  }
  await database.prisma.handoff.update({ where: { id: handoff.id }, data: { stage: "ACKNOWLEDGEMENT", stageStatus: "NOT_STARTED", waitingOnId: team.lead.userId } });
  const message = slack.store.post(CHANNEL, {
    text: `needs the delivery lead's acknowledgement · ${handoff.id}`,
    blocks: [{ type: "actions", elements: [{ type: "button", action_id: ACTION.acknowledge, text: { type: "plain_text", text: "Acknowledge and accept open risks" }, value: handoff.id }] }] as never,
  });
  return { handoff, ts: message.ts };
}

/** The direct message that asks a Slack user to confirm this request. */
function linkMessage(slackUserId: string, requestId: string) {
  const dm = slack.store.existingDirectChannel(slackUserId);
  const found = dm ? slack.store.history(dm.id).filter((m) => JSON.stringify(m.blocks ?? []).includes(requestId)) : [];
  return { channel: dm?.id ?? "", messages: found };
}

async function confirmAs(userId: string, request: { requestId: string; slackUserId: string }) {
  const { channel, messages } = linkMessage(request.slackUserId, request.requestId);
  expect(messages).toHaveLength(1);
  const clicked = await slack.clickButton({ channel, ts: messages[0].ts, actionId: IDENTITY_ACTION.confirm, userId });
  expect(clicked.status).toBe(200);
  return clicked;
}

describe("the finding, replayed", () => {
  it("refuses an admin linking a Slack id to someone else, and a click from the admin's Slack is never the delivery lead", async () => {
    // As the finding began: both already linked (each by their own confirmation).
    await database.prisma.user.update({ where: { id: team.admin.userId }, data: { slackUserId: ADMIN_SLACK, slackTeamId: TEAM_ID } });
    await database.prisma.user.update({ where: { id: team.lead.userId }, data: { slackUserId: LEAD_SLACK, slackTeamId: TEAM_ID } });
    const { handoff, ts } = await handoffAtAcknowledgement();

    // The admin unlinks their own Slack user (allowed: unlinking) and tries to link it to the delivery lead (refused).
    await identities.updateIdentities(team.admin, team.admin.userId, { slackUserId: null });
    for (const actor of [team.admin, team.revops]) {
      await expect(identities.updateIdentities(actor, team.lead.userId, { clickupUserId: "", slackUserId: ADMIN_SLACK })).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: "A Slack account is linked only by its owner, from their Account page, and confirmed in Slack.",
      });
    }
    // Nor to themselves by the back door: an id is never set from the People page, not even one's own.
    await expect(identities.updateIdentities(team.admin, team.admin.userId, { slackUserId: ADMIN_SLACK })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await database.prisma.user.findUniqueOrThrow({ where: { id: team.lead.userId } })).toMatchObject({ slackUserId: LEAD_SLACK, clickupUserId: null });
    expect(await database.prisma.auditEvent.count({ where: { entityId: team.lead.userId, action: { in: ["identities.changed", "slack_link.confirmed"] } } })).toBe(0);

    // The signed click from the admin's Slack account acknowledges nothing, as nobody.
    await slack.clickButton({ channel: CHANNEL, ts, actionId: ACTION.acknowledge, userId: ADMIN_SLACK });
    const after = await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id }, include: { risks: true } });
    expect(after).toMatchObject({ acknowledgedAt: null, acknowledgedById: null });
    expect(after.risks.every((r) => r.status === "OPEN")).toBe(true);
    expect(await database.prisma.auditEvent.count({ where: { handoffId: handoff.id } })).toBe(0);
    expect((await repliesTo(ADMIN_SLACK)).at(-1)).toContain("Your Slack account is not linked");

    // The admin asking for the lead's Slack account: refused while it is the lead's.
    await expect(links.requestSlackLink(team.admin, { slackUserId: LEAD_SLACK })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already linked to another person") });
    // Even once an admin has unlinked the lead, a request for it goes to the lead's Slack: the admin's Slack cannot answer it.
    await identities.updateIdentities(team.admin, team.lead.userId, { slackUserId: null });
    const request = await links.requestSlackLink(team.admin, { slackUserId: LEAD_SLACK });
    await drain();
    await confirmAs(ADMIN_SLACK, request);
    expect(await database.prisma.user.findUniqueOrThrow({ where: { id: team.admin.userId } })).toMatchObject({ slackUserId: null });
    expect((await repliesTo(ADMIN_SLACK)).at(-1)).toBe("This confirmation was not sent to you, so nothing was linked.");
    expect(await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "slack_link.refused", entityId: request.requestId } })).toMatchObject({
      data: { via: "slack", slackUserId: ADMIN_SLACK, slackTeamId: TEAM_ID, reason: "not_addressee", userId: team.admin.userId },
    });
    await links.unlinkMySlack(team.admin);
  });
});

describe("linking one's own Slack account", () => {
  it("asks the Slack user in a durable direct message and links only on their signed confirmation, with the team", async () => {
    const lead = team.lead;
    expect((await database.prisma.user.findUniqueOrThrow({ where: { id: lead.userId } })).slackUserId).toBeNull();
    // Looked up by the person's own email; a test address Slack does not know is said plainly.
    await expect(links.requestSlackLink(lead, {})).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("Slack has no user with your email") });
    await expect(links.requestSlackLink(lead, { slackUserId: "U0SEED05", userId: team.admin.userId })).rejects.toMatchObject({ code: "INVALID", message: "Unexpected field: userId." });
    await expect(links.requestSlackLink(lead, { slackUserId: "not-an-id" })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("A Slack user id looks like U0123ABCD") });
    await expect(links.requestSlackLink(lead, { slackUserId: "U0NOSUCH9" })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("Slack has no user U0NOSUCH9") });
    await expect(links.requestSlackLink(lead, { slackUserId: "U0SANDBOT" })).rejects.toMatchObject({ code: "INVALID" });
    await database.prisma.user.update({ where: { id: lead.userId }, data: { email: "lead@demo.local" } });

    // A first request (for the wrong Slack user, typed in lower case), replaced by a second: one pending request per person.
    const first = await links.requestSlackLink(lead, { slackUserId: " u0seed02 " });
    expect(first).toMatchObject({ slackUserId: "U0SEED02" });
    // A double click asks once.
    const [second, twice] = await Promise.all([links.requestSlackLink(lead, {}), links.requestSlackLink(lead, {})]);
    expect(second).toMatchObject({ slackUserId: LEAD_SLACK });
    expect(twice.requestId).toBe(second.requestId);
    const requests = await database.prisma.slackLinkRequest.findMany({ where: { userId: lead.userId }, orderBy: { createdAt: "asc" } });
    expect(requests.map((r) => r.status)).toEqual(["CANCELLED", "PENDING"]);
    const ttl = requests[1].expiresAt.getTime() - requests[1].createdAt.getTime();
    expect(ttl).toBeGreaterThan(29 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000 + 1_000);

    // The direct message is an outbox effect, sent once to the Slack user's id as the channel.
    const job = await database.prisma.syncJob.findUniqueOrThrow({ where: { idempotencyKey: links.linkRequestKey(second.requestId) } });
    expect(job).toMatchObject({ vendor: "SLACK", kind: "slack.link_request", status: "PENDING" });
    await drain();
    expect(await database.prisma.syncJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "SUCCEEDED", result: { sent: true, channel: "D0SEED05" } });
    await runSyncJob(job.id);
    const dm = linkMessage(LEAD_SLACK, second.requestId);
    expect(dm.messages).toHaveLength(1);
    expect(dm.messages[0].text).toContain(lead.name);
    expect(JSON.stringify(dm.messages[0].blocks)).toContain("lead@demo.local");
    expect(JSON.stringify(dm.messages[0].blocks)).toContain("Yes, this is me");
    // The replaced request's message was never sent: it was cancelled before its effect ran.
    expect(await database.prisma.syncJob.findUniqueOrThrow({ where: { idempotencyKey: links.linkRequestKey(first.requestId) } })).toMatchObject({ status: "SUCCEEDED", result: { sent: false, reason: "cancelled" } });

    // Someone else's Slack user clicking the button links nothing.
    await confirmAs("U0SEED02", second);
    expect(await database.prisma.user.findUniqueOrThrow({ where: { id: lead.userId } })).toMatchObject({ slackUserId: null });
    expect((await repliesTo("U0SEED02")).at(-1)).toBe("This confirmation was not sent to you, so nothing was linked.");

    // The Slack user it was sent to confirms: linked, with the workspace the click came from.
    await confirmAs(LEAD_SLACK, second);
    expect(await database.prisma.user.findUniqueOrThrow({ where: { id: lead.userId } })).toMatchObject({ slackUserId: LEAD_SLACK, slackTeamId: TEAM_ID });
    expect(await database.prisma.slackLinkRequest.findUniqueOrThrow({ where: { id: second.requestId } })).toMatchObject({ status: "CONFIRMED", slackTeamId: TEAM_ID, decidedAt: expect.any(Date) });
    expect(await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "slack_link.confirmed", entityId: lead.userId } })).toMatchObject({
      actorId: lead.userId,
      data: { via: "slack", slackUserId: LEAD_SLACK, slackTeamId: TEAM_ID, requestId: second.requestId },
    });
    expect((await repliesTo(LEAD_SLACK)).at(-1)).toContain(`Linked: this Slack account is now ${lead.name}`);
    const requested = await database.prisma.auditEvent.findMany({ where: { action: "slack_link.requested", entityId: lead.userId }, orderBy: { id: "asc" } });
    expect(requested.map((e) => e.data)).toEqual([expect.objectContaining({ slackUserId: "U0SEED02", foundBy: "id", replaced: 0 }), expect.objectContaining({ slackUserId: LEAD_SLACK, foundBy: "email", replaced: 1 })]);

    // A second click on the same message changes nothing; the replaced request (its message was never sent) links nothing either.
    await confirmAs(LEAD_SLACK, second);
    await slack.clickButton({ channel: dm.channel, ts: dm.messages[0].ts, actionId: IDENTITY_ACTION.confirm, value: first.requestId, userId: "U0SEED02" });
    expect((await repliesTo(LEAD_SLACK)).at(-1)).toBe(`This Slack account is already linked to ${lead.name} (lead@demo.local).`);
    expect((await repliesTo("U0SEED02")).at(-1)).toContain("withdrew this request or asked again");
    expect(await database.prisma.auditEvent.count({ where: { action: "slack_link.confirmed", entityId: lead.userId } })).toBe(1);

    // Now linked, the account is not for anyone else to ask for, and the lead cannot ask twice.
    await expect(links.requestSlackLink(team.pm, { slackUserId: LEAD_SLACK })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(links.requestSlackLink(lead, {})).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already linked to Slack user U0SEED05") });
  });

  it("takes the lead's acknowledgement click as the lead, and every audit event it writes names the Slack user and team", async () => {
    const { handoff, ts } = await handoffAtAcknowledgement();
    await slack.clickButton({ channel: CHANNEL, ts, actionId: ACTION.acknowledge, userId: LEAD_SLACK });
    expect(await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).toMatchObject({ acknowledgedById: team.lead.userId });
    const events = await database.prisma.auditEvent.findMany({ where: { handoffId: handoff.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["stage.started", "handoff.acknowledged"]);
    for (const event of events) {
      expect(event).toMatchObject({ actorId: team.lead.userId, data: { via: "slack", slackUserId: LEAD_SLACK, slackTeamId: TEAM_ID } });
    }
    // The same actions taken in the app carry no Slack ids.
    const inApp = await handoffAtAcknowledgement();
    const { transitionHandoff } = await import("../handoffs/transition.ts");
    await transitionHandoff(team.lead, inApp.handoff.id, { type: "START_STAGE", stage: "ACKNOWLEDGEMENT" });
    const started = await database.prisma.auditEvent.findFirstOrThrow({ where: { handoffId: inApp.handoff.id } });
    expect(started.data).toEqual({ stage: "ACKNOWLEDGEMENT" });
  });

  it("refuses a click from another workspace for a person linked in one", async () => {
    const { handoff } = await handoffAtAcknowledgement();
    await database.prisma.user.update({ where: { id: team.lead.userId }, data: { slackTeamId: "T0ELSEWHERE" } });
    try {
      const { ts } = slack.store.post(CHANNEL, {
        text: "ack",
        blocks: [{ type: "actions", elements: [{ type: "button", action_id: ACTION.acknowledge, text: { type: "plain_text", text: "Acknowledge" }, value: handoff.id }] }] as never,
      });
      await slack.clickButton({ channel: CHANNEL, ts, actionId: ACTION.acknowledge, userId: LEAD_SLACK });
      expect(await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).toMatchObject({ acknowledgedAt: null });
      expect((await repliesTo(LEAD_SLACK)).at(-1)).toBe("This click came from a Slack workspace your account is not linked in, so nothing was changed.");
    } finally {
      await database.prisma.user.update({ where: { id: team.lead.userId }, data: { slackTeamId: TEAM_ID } });
    }
  });

  it("does not link after the request expires", async () => {
    const viewer = team.viewer;
    const request = await links.requestSlackLink(viewer, { slackUserId: "U0SEED07" });
    await drain();
    await database.prisma.slackLinkRequest.update({ where: { id: request.requestId }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await confirmAs("U0SEED07", request);
    expect(await database.prisma.user.findUniqueOrThrow({ where: { id: viewer.userId } })).toMatchObject({ slackUserId: null, slackTeamId: null });
    expect(await database.prisma.slackLinkRequest.findUniqueOrThrow({ where: { id: request.requestId } })).toMatchObject({ status: "EXPIRED" });
    expect((await repliesTo("U0SEED07")).at(-1)).toContain("This request has expired");
    expect(await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "slack_link.expired", entityId: request.requestId } })).toMatchObject({
      data: { via: "slack", slackUserId: "U0SEED07", slackTeamId: TEAM_ID },
    });
    // A pending request is withdrawn by its person; then there is nothing left to confirm.
    const again = await links.requestSlackLink(viewer, { slackUserId: "U0SEED07" });
    expect(await links.unlinkMySlack(viewer)).toEqual({ unlinked: null, cancelled: 1 });
    await drain();
    expect(linkMessage("U0SEED07", again.requestId).messages).toHaveLength(0);
  });

  it("limits how many direct messages a person can have sent", async () => {
    const sales = team.sales;
    // Each a different Slack user from the last (the same one again within a minute is the same request).
    for (let i = 0; i < links.MAX_LINK_REQUESTS_PER_HOUR; i++) await links.requestSlackLink(sales, { slackUserId: i % 2 ? "U0SEED06" : "U0SEED12" });
    await expect(links.requestSlackLink(sales, { slackUserId: "U0SEED06" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("in the last hour") });
    expect(await database.prisma.slackLinkRequest.count({ where: { userId: sales.userId, status: "PENDING" } })).toBe(1);
    await links.unlinkMySlack(sales);
  });
});

describe("unlinking", () => {
  it("lets RevOps and admins unlink (audited), the person unlink themselves, and nobody else", async () => {
    await expect(identities.updateIdentities(team.pm, team.lead.userId, { slackUserId: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await identities.updateIdentities(team.revops, team.lead.userId, { slackUserId: null });
    expect(await database.prisma.user.findUniqueOrThrow({ where: { id: team.lead.userId } })).toMatchObject({ slackUserId: null, slackTeamId: null });
    expect(await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "slack_link.revoked", entityId: team.lead.userId }, orderBy: { id: "desc" } })).toMatchObject({
      actorId: team.revops.userId,
      data: { slackUserId: LEAD_SLACK, slackTeamId: TEAM_ID },
    });

    // Unlinked, the lead's Slack clicks count for nobody.
    const { handoff, ts } = await handoffAtAcknowledgement();
    await slack.clickButton({ channel: CHANNEL, ts, actionId: ACTION.acknowledge, userId: LEAD_SLACK });
    expect(await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).toMatchObject({ acknowledgedAt: null });
    expect((await repliesTo(LEAD_SLACK)).at(-1)).toContain("Link it yourself from your Account page");

    // The lead links again, then unlinks themselves.
    const request = await links.requestSlackLink(team.lead, {});
    await drain();
    await confirmAs(LEAD_SLACK, request);
    expect(await links.unlinkMySlack(team.lead)).toEqual({ unlinked: LEAD_SLACK, cancelled: 0 });
    expect(await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "slack_link.unlinked", entityId: team.lead.userId } })).toMatchObject({
      actorId: team.lead.userId,
      data: { slackUserId: LEAD_SLACK, slackTeamId: TEAM_ID, by: "self" },
    });
  });
});

describe("in the demo, where the stand-in plays Slack", () => {
  it("shows each person only their own confirmation, and answers it only as the Slack user whose email is theirs", async () => {
    // The viewer asks for the lead's (now free) Slack account by id; the lead asks by email.
    const viewers = await links.requestSlackLink(team.viewer, { slackUserId: LEAD_SLACK });
    const leads = await links.requestSlackLink(team.lead, {});
    await drain();

    const leadSees = await sandboxTools.slackSandboxDirectMessages(team.lead);
    expect(leadSees).toMatchObject({ slackUserId: LEAD_SLACK, answerable: true });
    expect(leadSees!.messages.map((m) => m.channel)).toEqual(["D0SEED05"]);
    const leadMessage = leadSees!.messages[0];
    expect(JSON.stringify(leadMessage.blocks)).toContain(leads.requestId);
    // Both messages went to the same Slack user; each person sees their own only.
    const viewerSees = await sandboxTools.slackSandboxDirectMessages(team.viewer);
    expect(viewerSees).toMatchObject({ slackUserId: LEAD_SLACK, answerable: false });
    expect(viewerSees!.messages).toHaveLength(1);
    expect(JSON.stringify(viewerSees!.messages[0].blocks)).toContain(viewers.requestId);
    expect(await sandboxTools.slackSandboxDirectMessages(team.pm)).toBeNull();
    expect((await sandboxTools.slackSandboxMessages()).some((m) => m.channel.startsWith("D"))).toBe(false);

    const confirm = (message: { channel: string; ts: string }, value: string) => ({ channel: message.channel, ts: message.ts, actionId: IDENTITY_ACTION.confirm, value });
    // The viewer cannot answer as a Slack user whose email is not theirs, nor answer the lead's message.
    await expect(sandboxTools.clickSlackButton(team.viewer, confirm(viewerSees!.messages[0], viewers.requestId))).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("someone else's") });
    await expect(sandboxTools.clickSlackButton(team.viewer, confirm(leadMessage, leads.requestId))).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Nor can anyone else, by any button, in a direct message that is not theirs.
    await expect(sandboxTools.clickSlackButton(team.pm, confirm(leadMessage, leads.requestId))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(sandboxTools.clickSlackButton(team.pm, { channel: leadMessage.channel, ts: leadMessage.ts, actionId: ACTION.acknowledge })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This direct message was not sent to you.",
    });
    await expect(sandboxTools.clickSlackButton(team.sales, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await database.prisma.user.count({ where: { slackUserId: LEAD_SLACK } })).toBe(0);

    // The lead answers their own, as their Slack user: linked, with the stand-in's workspace.
    await sandboxTools.clickSlackButton(team.lead, confirm(leadMessage, leads.requestId));
    expect(await database.prisma.user.findUniqueOrThrow({ where: { id: team.lead.userId } })).toMatchObject({ slackUserId: LEAD_SLACK, slackTeamId: TEAM_ID });
    expect(await sandboxTools.slackSandboxDirectMessages(team.lead)).toBeNull();
    await drain();
    expect((await sandboxTools.slackSandboxReplies(team.lead)).replies[0].text).toContain("Linked: this Slack account is now");
    await links.unlinkMySlack(team.viewer);
  });
});
