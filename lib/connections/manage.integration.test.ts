import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, type Team } from "../test/fixtures.ts";
import { startDeliveryStandIns } from "../stand-ins/index.ts";

/**
 * Least privilege on the delivery settings, and the connection checks against the local
 * ClickUp, Notion and Slack: a token saved in the app is stored encrypted and works.
 */

let database: TestDatabase;
let team: Team;
let standIns: Awaited<ReturnType<typeof startDeliveryStandIns>>;
let connections: typeof import("./manage.ts");
let identities: typeof import("../delivery/identities.ts");
let actions: typeof import("../delivery/commands.ts");
let template: typeof import("../delivery/template.ts");

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  standIns = await startDeliveryStandIns({ appUrl: "http://127.0.0.1:3999" });
  // Only what an environment without a saved connection would have: the base URLs and the signing secret.
  Object.assign(process.env, {
    APP_URL: "http://127.0.0.1:3999",
    DATABASE_URL: database.url,
    CLICKUP_API_BASE_URL: standIns.env.CLICKUP_API_BASE_URL,
    NOTION_API_BASE_URL: standIns.env.NOTION_API_BASE_URL,
    SLACK_API_URL: standIns.env.SLACK_API_URL,
    SLACK_SIGNING_SECRET: standIns.env.SLACK_SIGNING_SECRET,
  });
  connections = await import("./manage.ts");
  identities = await import("../delivery/identities.ts");
  actions = await import("../delivery/commands.ts");
  template = await import("../delivery/template.ts");
  team = await createTeam(database.prisma);
});

afterAll(async () => {
  await standIns?.stop();
  await database?.drop();
});

describe("delivery settings permissions", () => {
  it("lets only RevOps and admins manage connections and people, and says so", async () => {
    await expect(connections.saveConnection(team.pm, "SLACK", { token: standIns.env.SLACK_BOT_TOKEN, channelId: "C0DELIVERY" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(identities.updateIdentities(team.lead, team.lead.userId, { clickupUserId: "81000005" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only RevOps and admins can manage people's ClickUp and Slack links.",
    });
    await expect(template.saveTaskTemplate(team.pm, template.DEFAULT_TASK_TEMPLATE, "try")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const handoff = await createHandoff(database.prisma, team);
    await expect(actions.addDecision(team.sales, handoff.id, { title: "Skip UAT", rationale: "Client is in a hurry" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(actions.resyncOutput(team.viewer, handoff.id, "workspace")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(actions.resyncOutput(team.pm, handoff.id, "workspace")).rejects.toMatchObject({ code: "CONFLICT", message: "The ClickUp delivery list is not due yet: the handoff has not reached that step." });
    expect(await database.prisma.decision.count({ where: { handoffId: handoff.id } })).toBe(0);
  });

  it("refuses a malformed token or id with a precise message", async () => {
    await expect(connections.saveConnection(team.revops, "CLICKUP", { token: "nope", teamId: "9012345678", spaceId: "90120001" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(connections.saveConnection(team.revops, "SLACK", { token: standIns.env.SLACK_BOT_TOKEN, channelId: "#delivery" })).rejects.toMatchObject({
      message: "A channel id looks like C0123ABCD.",
    });
    await expect(identities.updateIdentities(team.revops, team.lead.userId, { clickupUserId: "abc", slackUserId: "" })).rejects.toMatchObject({ message: "A ClickUp member id is a number." });
  });

  it("sends a token only to an https address, or to http on this machine", async () => {
    const save = (baseUrl: string) => connections.saveConnection(team.revops, "CLICKUP", { token: standIns.env.CLICKUP_API_TOKEN, teamId: "9012345678", spaceId: "90120001", baseUrl });
    for (const bad of ["javascript:alert(1)", "file:///etc/passwd", "gopher://example.com", "http://169.254.169.254/latest", "http://clickup.example.com"]) {
      await expect(save(bad), bad).rejects.toMatchObject({ code: "INVALID", message: "Use an https:// address (http:// only on this machine: localhost or 127.0.0.1)." });
    }
    expect(await database.prisma.connection.count({ where: { vendor: "CLICKUP", encryptedSecret: { not: null } } })).toBe(0);
    await save("https://clickup-proxy.example.com/api");
    await save(standIns.env.CLICKUP_API_BASE_URL);
    expect((await connections.connectionStatus("CLICKUP")).config.baseUrl).toBe(standIns.env.CLICKUP_API_BASE_URL);
    await connections.removeConnection(team.revops, "CLICKUP");
  });
});

describe("connections", () => {
  it("stores each token encrypted and checks it against the tool", async () => {
    await connections.saveConnection(team.revops, "CLICKUP", { token: standIns.env.CLICKUP_API_TOKEN, teamId: "9012345678", spaceId: "90120001" });
    await connections.saveConnection(team.revops, "NOTION", { token: standIns.env.NOTION_TOKEN, dataSourceId: standIns.env.NOTION_DATA_SOURCE_ID });
    await connections.saveConnection(team.admin, "SLACK", { token: standIns.env.SLACK_BOT_TOKEN, channelId: "C0DELIVERY" });
    const rows = await database.prisma.connection.findMany({ where: { vendor: { in: ["CLICKUP", "NOTION", "SLACK"] } } });
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.encryptedSecret).not.toContain(row.vendor === "CLICKUP" ? standIns.env.CLICKUP_API_TOKEN : row.vendor === "NOTION" ? standIns.env.NOTION_TOKEN : standIns.env.SLACK_BOT_TOKEN);

    for (const vendor of ["CLICKUP", "NOTION", "SLACK"] as const) {
      const result = await connections.checkConnection(team.revops, vendor);
      expect(result.checks.filter((c) => !c.ok), vendor).toEqual([]);
    }
    const status = await connections.connectionStatus("SLACK");
    expect(status).toMatchObject({ configured: true, source: "connection", lastCheckOk: true });
    expect(status.tokenHint).not.toBe(standIns.env.SLACK_BOT_TOKEN);
  });

  it("says exactly what is wrong with a connection that does not work", async () => {
    await connections.saveConnection(team.revops, "CLICKUP", { token: "pk_wrong_token_123456", teamId: "9012345678", spaceId: "90120001" });
    const clickup = await connections.checkConnection(team.revops, "CLICKUP");
    expect(clickup.ok).toBe(false);
    expect(clickup.checks[0]).toMatchObject({ label: "The token works", ok: false });
    expect(clickup.checks[0].detail).toContain("Token invalid");

    await connections.saveConnection(team.revops, "SLACK", { token: standIns.env.SLACK_BOT_TOKEN, channelId: "C0NOSUCH1" });
    const slack = await connections.checkConnection(team.revops, "SLACK");
    const channelCheck = "The delivery channel exists and the bot is in it";
    expect(slack.checks.find((c) => c.label === channelCheck)).toMatchObject({ ok: false });
    expect((await database.prisma.connection.findUniqueOrThrow({ where: { vendor: "SLACK" } })).lastCheckError).toContain(channelCheck);

    // A channel the bot was never invited to: Slack would refuse every post with not_in_channel.
    await connections.saveConnection(team.revops, "SLACK", { token: standIns.env.SLACK_BOT_TOKEN, channelId: "C0WARROOM1" });
    const uninvited = await connections.checkConnection(team.revops, "SLACK");
    expect(uninvited.checks.find((c) => c.label === channelCheck)).toMatchObject({ ok: false, detail: expect.stringContaining("The bot is not in #client-war-room: invite it") });
  });

  it("links people to ClickUp by email, and never to Slack, which each person links themselves", async () => {
    await connections.saveConnection(team.revops, "CLICKUP", { token: standIns.env.CLICKUP_API_TOKEN, teamId: "9012345678", spaceId: "90120001" });
    await connections.saveConnection(team.revops, "SLACK", { token: standIns.env.SLACK_BOT_TOKEN, channelId: "C0DELIVERY" });
    await database.prisma.user.update({ where: { id: team.lead.userId }, data: { email: "lead@demo.local" } });
    const result = await identities.matchIdentitiesByEmail(team.revops);
    expect(result).toMatchObject({ clickup: 1, notConnected: [] });
    // The rest of the test team have addresses ClickUp does not know: named, so they can be linked by hand.
    expect(result.unmatched).toEqual(expect.arrayContaining([team.pm.name, team.sales.name]));
    expect(result.unmatched).not.toContain(team.lead.name);
    // Slack knows the lead's email too, but only the lead links their Slack account, confirmed in Slack.
    expect(await database.prisma.user.findUniqueOrThrow({ where: { id: team.lead.userId } })).toMatchObject({ clickupUserId: "81000005", slackUserId: null });
    const people = await database.prisma.user.count({ where: { active: true, slackUserId: null } });
    expect(result.slackNotLinked).toBe(people);
    expect(await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "identities.matched", entityId: team.lead.userId } })).toMatchObject({ data: { clickupUserId: "81000005", by: "email" } });
  });
});
