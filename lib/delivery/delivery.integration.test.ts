import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, type Team } from "../test/fixtures.ts";
import { startClickUpSandbox, type ClickUpSandbox } from "../stand-ins/clickup/index.ts";
import { BRIEFS_DATA_SOURCE_ID, startNotionSandbox, type NotionSandbox } from "../stand-ins/notion/index.ts";
import { startSlackSandbox, type SlackSandbox } from "../stand-ins/slack/index.ts";
import { signSlackRequest } from "../integrations/slack/signature.ts";
import type { ClickResult } from "../stand-ins/slack/index.ts";
import { transitionHandoff } from "../handoffs/transition.ts";
import { ACTION, COMMENT_ACTION, COMMENT_BLOCK } from "./slack-messages.ts";

/**
 * The delivery steps end to end against the local ClickUp, Notion and Slack stand-ins,
 * through the official SDKs and the sync engine: what each tool ends up holding, that a
 * retry never duplicates it, and that Slack clicks obey the same rules as the app.
 */

const SIGNING_SECRET = "slack-signing-secret-for-tests";
let database: TestDatabase;
let team: Team;
let clickup: ClickUpSandbox;
let notion: NotionSandbox;
let slack: SlackSandbox;
let receiver: Server;
let runSyncJob: (id: string) => Promise<void>;
let receiveSlackInteraction: typeof import("../handoffs/slack-interactions.ts").receiveSlackInteraction;

const CHANNEL = "C0DELIVERY";
const LEAD_SLACK = "U0SEED05";
const PM_SLACK = "U0SEED03";

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  clickup = await startClickUpSandbox({ token: "pk_test_token", rateLimit: false });
  notion = await startNotionSandbox({ token: "ntn_test_token_0123456789", rateLimit: false });
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
    token: "xoxb-test-token-0123",
    signingSecret: SIGNING_SECRET,
    interactionUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/slack`,
    rateLimit: false,
  });
  Object.assign(process.env, {
    APP_URL: "http://127.0.0.1:3999",
    DATABASE_URL: database.url,
    CLICKUP_API_TOKEN: "pk_test_token",
    CLICKUP_API_BASE_URL: `${clickup.url}/api`,
    CLICKUP_TEAM_ID: "9012345678",
    CLICKUP_SPACE_ID: "90120001",
    NOTION_TOKEN: "ntn_test_token_0123456789",
    NOTION_API_BASE_URL: notion.url,
    NOTION_DATA_SOURCE_ID: BRIEFS_DATA_SOURCE_ID,
    SLACK_BOT_TOKEN: "xoxb-test-token-0123",
    SLACK_API_URL: `${slack.url}/api/`,
    SLACK_CHANNEL_ID: CHANNEL,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
  });
  ({ runSyncJob } = await import("../sync/run-job.ts"));
  ({ receiveSlackInteraction } = await import("../handoffs/slack-interactions.ts"));
  const { registerEffects } = await import("../worker/effects.ts");
  registerEffects();

  team = await createTeam(database.prisma);
  const identities: [keyof Team, string, string][] = [
    ["leader", "81000002", "U0SEED02"],
    ["pm", "81000003", PM_SLACK],
    ["revops", "81000004", "U0SEED04"],
    ["lead", "81000005", LEAD_SLACK],
  ];
  for (const [who, clickupUserId, slackUserId] of identities) {
    await database.prisma.user.update({ where: { id: team[who].userId }, data: { clickupUserId, slackUserId } });
  }
});

afterAll(async () => {
  await Promise.all([clickup?.stop(), notion?.stop(), slack?.stop()]);
  await new Promise((r) => receiver?.close(r));
  await database?.drop();
});

/** Runs the handoff's outstanding effects (and those they cause) until none is left. */
async function drain(handoffId: string) {
  for (let round = 0; round < 60; round++) {
    const dead = await database.prisma.syncJob.findMany({ where: { handoffId, status: "DEAD" }, select: { kind: true, lastError: true } });
    expect(dead).toEqual([]);
    const jobs = await database.prisma.syncJob.findMany({ where: { handoffId, status: { in: ["PENDING", "FAILED", "RUNNING"] } }, orderBy: { createdAt: "asc" } });
    if (jobs.length === 0) return;
    for (const job of jobs) await runSyncJob(job.id);
  }
  throw new Error("effects did not settle");
}

async function clickupTree() {
  const res = await fetch(`${clickup.url}/__sandbox/workspace`);
  return (await res.json()) as { spaces: { folders: { name: string; lists: { id: string; name: string; tasks: { id: string; name: string; assignees: { email: string }[]; tags: { name: string }[]; due_date: string | null; dependencies: { waiting_on: string[]; blocking: string[] } }[] }[] }[] }[] };
}

async function notionPages() {
  const res = await fetch(`${notion.url}/__sandbox/pages`);
  return ((await res.json()) as { pages: { id: string; properties: Record<string, unknown>; blocks: { type: string; text: string; children?: { type: string; text: string }[] }[] }[] }).pages;
}

async function seedDetails(handoffId: string) {
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000);
  const day = (n: number) => new Date(inTwoWeeks.getTime() + n * 86_400_000);
  await database.prisma.handoff.update({ where: { id: handoffId }, data: { promisedKickoffAt: inTwoWeeks, customerName: "Northwind Traders" } });
  const dep = await database.prisma.dependency.create({ data: { handoffId, description: "SSO metadata from client IT", party: "Client IT", neededBy: day(3) } });
  await database.prisma.milestone.createMany({
    data: [
      { handoffId, name: "Sandbox configured", dueDate: day(10), ownerName: null },
      { handoffId, name: "Go-live", dueDate: day(60), ownerName: null },
    ],
  });
  await database.prisma.commitment.create({ data: { handoffId, description: "Weekly status report", ownerName: "Someone Outside", dueDate: day(7) } });
  await database.prisma.scopeItem.createMany({
    data: [
      { handoffId, kind: "IN_SCOPE", description: "CPQ rollout for 3 regions" },
      { handoffId, kind: "OUT_OF_SCOPE", description: "Data migration" },
    ],
  });
  await database.prisma.assumption.create({ data: { handoffId, text: "Client provides a sandbox org" } });
  return dep;
}

async function approve(stage: Parameters<typeof transitionHandoff>[2] & object, handoffId: string) {
  return transitionHandoff(team.leader, handoffId, stage);
}

async function passIntake(handoffId: string) {
  await transitionHandoff(team.revops, handoffId, { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "scope_confirmed", note: "Confirmed with Sam" });
  await transitionHandoff(team.revops, handoffId, { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "risks_reviewed" });
  await transitionHandoff(team.revops, handoffId, { type: "SUBMIT_GATE", stage: "INTAKE" });
  await transitionHandoff(team.pm, handoffId, { type: "APPROVE_GATE", stage: "INTAKE" });
}

function click(actionId: string, value: string, userId: string, ts: string, inputs?: Record<string, Record<string, string>>): Promise<ClickResult> {
  return slack.clickButton({ channel: CHANNEL, ts, actionId, value, userId, ...(inputs ? { inputs } : {}) });
}

async function ackMessage(handoffId: string) {
  const link = await database.prisma.externalLink.findUniqueOrThrow({ where: { handoffId_vendor_kind: { handoffId, vendor: "SLACK", kind: "ack" } } });
  const ts = link.externalId.split("/")[1];
  return slack.store.message(CHANNEL, ts)!;
}

describe("delivery outputs", () => {
  let handoffId: string;
  let number: number;
  /** The handoff's live brief page in the Notion stand-in. */
  const briefPage = async () => (await notionPages()).find((p) => p.properties["Handoff ID"] === `HO-${number}` && !(p as { inTrash?: boolean }).inTrash)!;

  it("builds the ClickUp workspace from the template, reports unmapped owners, and never duplicates on retries", async () => {
    const handoff = await createHandoff(database.prisma, team, { title: "Northwind CPQ" });
    handoffId = handoff.id;
    number = handoff.number;
    await seedDetails(handoffId);
    await passIntake(handoffId);
    await transitionHandoff(team.pm, handoffId, { type: "START_STAGE", stage: "DELIVERY_WORKSPACE" });
    await drain(handoffId);

    const folder = (await clickupTree()).spaces[0].folders.find((f) => f.name.startsWith(`HO-${number} `))!;
    expect(folder.name).toBe(`HO-${number} · Northwind Traders`);
    const list = folder.lists[0];
    expect(list.name).toBe("Delivery plan");
    // 1 gate + 5 standard tasks + 1 commitment + 2 milestones.
    expect(list.tasks).toHaveLength(9);
    const byName = (name: string) => list.tasks.find((t) => t.name === name)!;
    expect(byName("Client kickoff meeting").assignees.map((a) => a.email)).toEqual(["pm@demo.local"]);
    expect(byName("Commitment: Weekly status report").assignees).toEqual([]);
    const gate = byName("Gate: SSO metadata from client IT");
    // The early milestone waits on the dependency; go-live (after it too) as well.
    expect(byName("Milestone: Sandbox configured").dependencies.waiting_on).toEqual([gate.id]);
    expect(byName("Confirm system access and environments").dependencies.waiting_on).toContain(gate.id);

    const stage = await database.prisma.handoffStage.findUniqueOrThrow({ where: { handoffId_key: { handoffId, key: "DELIVERY_WORKSPACE" } }, include: { evidence: true } });
    expect(stage.evidence.map((e) => e.requirementKey).sort()).toEqual(["dependency_gates", "workspace_link"]);
    const job = await database.prisma.syncJob.findFirstOrThrow({ where: { handoffId, kind: "clickup.workspace" } });
    expect(job.result).toMatchObject({ unmapped: [{ owner: "Someone Outside", kind: "unknown", tasks: ["Commitment: Weekly status report"] }] });

    // Only the handoff's PM or a PS leader resolves owners, and only for this handoff's items.
    const { resolveOwner } = await import("./owners.ts");
    const commitment = await database.prisma.commitment.findFirstOrThrow({ where: { handoffId, description: "Weekly status report" } });
    const toLead = { action: "reassign", items: [{ kind: "commitment", id: commitment.id }], to: { kind: "person", userId: team.lead.userId } };
    await expect(resolveOwner(team.sales, handoffId, toLead)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resolveOwner(team.lead, handoffId, toLead)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resolveOwner(team.pm, handoffId, { ...toLead, items: [{ kind: "commitment", id: "not-this-handoffs" }] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveOwner(team.pm, handoffId, { ...toLead, to: { kind: "client", email: "nobody@client.example" } })).rejects.toMatchObject({ code: "INVALID" });
    await expect(resolveOwner(team.pm, handoffId, { action: "link", userId: team.lead.userId, clickupUserId: "99999999" })).rejects.toMatchObject({ code: "INVALID" });

    // The PM gives the unknown owner's commitment to the delivery lead; the list syncs again through lost
    // answers and server errors: still nine tasks, now all assigned.
    clickup.setFaults({ rate: 0.15, kinds: ["lost_response", "500"] });
    await resolveOwner(team.pm, handoffId, toLead);
    const { resyncOutput } = await import("./commands.ts");
    await drain(handoffId);
    clickup.setFaults(null);
    // Linking a person to a member picked from ClickUp's directory: stored, audited on the handoff.
    await resolveOwner(team.leader, handoffId, { action: "link", userId: team.admin.userId, clickupUserId: "81000001" });
    expect(await database.prisma.user.findUniqueOrThrow({ where: { id: team.admin.userId } })).toMatchObject({ clickupUserId: "81000001" });
    expect(await database.prisma.auditEvent.findFirstOrThrow({ where: { handoffId, action: "identities.changed", entityId: team.admin.userId } })).toMatchObject({
      actorId: team.leader.userId,
      data: { after: { clickupUserId: "81000001" }, clickupMember: "Ada Admin" },
    });
    // A member already linked to someone else is refused, with who holds it.
    await expect(resolveOwner(team.leader, handoffId, { action: "link", userId: team.sales.userId, clickupUserId: "81000001" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(team.admin.name),
    });
    const reassigned = await database.prisma.auditEvent.findFirstOrThrow({ where: { handoffId, action: "owner.reassigned" } });
    expect(reassigned).toMatchObject({ actorId: team.pm.userId, data: { to: team.lead.name, items: [{ kind: "commitment", name: "Weekly status report", before: "Someone Outside" }] } });
    const again = (await clickupTree()).spaces[0].folders.filter((f) => f.name.startsWith(`HO-${number} `));
    expect(again).toHaveLength(1);
    expect(again[0].lists).toHaveLength(1);
    expect(again[0].lists[0].tasks).toHaveLength(9);
    expect(again[0].lists[0].tasks.find((t) => t.name === "Commitment: Weekly status report")!.assignees.map((a) => a.email)).toEqual(["lead@demo.local"]);
    expect(again[0].lists[0].tasks.find((t) => t.name === "Milestone: Sandbox configured")!.dependencies.waiting_on).toHaveLength(1);
    const evidence = await database.prisma.evidence.findMany({ where: { stage: { handoffId, key: "DELIVERY_WORKSPACE" }, requirementKey: "owners_mapped" } });
    expect(evidence).toHaveLength(1);

    // A milestone the client owns: given to a contact on the CRM deal, it is tagged as the client's in
    // ClickUp, with the contact named in the description, and nobody of ours is its assignee.
    await database.prisma.dealSnapshot.updateMany({
      where: { deal: { handoff: { id: handoffId } } },
      data: { associations: { contactDetails: [{ id: "501", name: "Helena Brandt", email: "helena.brandt@northwind.example" }] } },
    });
    const goLive = await database.prisma.milestone.findFirstOrThrow({ where: { handoffId, name: "Go-live" } });
    await resolveOwner(team.leader, handoffId, { action: "reassign", items: [{ kind: "milestone", id: goLive.id }], to: { kind: "client", email: "helena.brandt@northwind.example" } });
    await drain(handoffId);
    const clientTask = (await clickupTree()).spaces[0].folders.find((f) => f.name.startsWith(`HO-${number} `))!.lists[0].tasks.find((t) => t.name === "Milestone: Go-live")!;
    expect(clientTask.assignees).toEqual([]);
    expect(clientTask.tags.map((t) => t.name)).toContain("client-owned");
    expect(await database.prisma.milestone.findUniqueOrThrow({ where: { id: goLive.id } })).toMatchObject({ clientOwnerName: "Helena Brandt", clientOwnerEmail: "helena.brandt@northwind.example", ownerId: null });
    const task = await fetch(`${clickup.url}/api/v2/task/${clientTask.id}?include_markdown_description=true`, { headers: { Authorization: "pk_test_token" } }).then((r) => r.json());
    expect(task.markdown_description ?? task.description).toContain("Owned by the client: Helena Brandt <helena.brandt@northwind.example>.");

    // A promise loses its date: the task loses its due date too.
    await database.prisma.commitment.updateMany({ where: { handoffId, description: "Weekly status report" }, data: { dueDate: null } });
    await resyncOutput(team.pm, handoffId, "workspace");
    await drain(handoffId);
    const undated = (await clickupTree()).spaces[0].folders.find((f) => f.name.startsWith(`HO-${number} `))!.lists[0].tasks.find((t) => t.name === "Commitment: Weekly status report")!;
    expect(undated.due_date).toBeNull();

    // The template's list gets a new name: the handoff keeps the list it has, found by its id.
    const { currentTaskTemplate, saveTaskTemplate } = await import("./template.ts");
    const template = (await currentTaskTemplate()).config;
    await saveTaskTemplate(team.leader, { ...template, listName: "Delivery plan (v2)" }, "Rename the list");
    await resyncOutput(team.pm, handoffId, "workspace");
    await drain(handoffId);
    const renamed = (await clickupTree()).spaces[0].folders.filter((f) => f.name.startsWith(`HO-${number} `));
    expect(renamed[0].lists.map((l) => l.name)).toEqual([again[0].lists[0].name]);
    expect(renamed[0].lists[0].tasks).toHaveLength(9);
    await saveTaskTemplate(team.leader, template, "Back to the standard name");

    await transitionHandoff(team.pm, handoffId, { type: "SUBMIT_GATE", stage: "DELIVERY_WORKSPACE" });
    await approve({ type: "APPROVE_GATE", stage: "DELIVERY_WORKSPACE" }, handoffId);
  });

  it("publishes the brief to Notion, updates it in place and only ever appends to the decision log", async () => {
    await transitionHandoff(team.pm, handoffId, { type: "START_STAGE", stage: "IMPLEMENTATION_BRIEF" });
    const { addDecision, resyncOutput } = await import("./commands.ts");
    await addDecision(team.pm, handoffId, { title: "Phase the rollout", rationale: "EMEA first, then APAC" });
    await drain(handoffId);

    let pages = (await notionPages()).filter((p) => p.properties["Handoff ID"] === `HO-${number}`);
    expect(pages).toHaveLength(1);
    expect(pages[0].properties).toMatchObject({ Customer: "Northwind Traders", Status: "Draft", "Handoff link": `http://127.0.0.1:3999/handoffs/${handoffId}` });
    const callout = pages[0].blocks.find((b) => b.type === "callout")!;
    expect(callout.children!.map((c) => c.text)).toEqual(expect.arrayContaining(["In scope", "CPQ rollout for 3 regions", "Out of scope", "Data migration", "Client provides a sandbox org"]));
    const firstDecision = pages[0].blocks.find((b) => b.text.includes("Phase the rollout"))!;

    // A new decision and a scope change, synced through lost answers: one page, the old decision untouched.
    await database.prisma.scopeItem.create({ data: { handoffId, kind: "IN_SCOPE", description: "Partner portal" } });
    notion.setFaults({ rate: 0.25, kinds: ["lost_response", "503"] });
    await addDecision(team.leader, handoffId, { title: "Keep the legacy quote tool", rationale: "Finance needs it until Q3" });
    await drain(handoffId);
    notion.setFaults(null);
    pages = (await notionPages()).filter((p) => p.properties["Handoff ID"] === `HO-${number}`);
    expect(pages).toHaveLength(1);
    const blocks = pages[0].blocks;
    expect(blocks.filter((b) => b.type === "callout")).toHaveLength(1);
    expect(blocks.find((b) => b.type === "callout")!.children!.map((c) => c.text)).toContain("Partner portal");
    const log = blocks.slice(blocks.findIndex((b) => b.text === "Decision log") + 1).map((b) => b.text);
    expect(log).toHaveLength(2);
    expect(log[0]).toBe(firstDecision.text);
    expect(log[1]).toContain("Keep the legacy quote tool");

    // A decision longer than one Notion text object keeps its reference, so a second sync does not append it again.
    const long = { title: "Data residency for every region".padEnd(200, "."), rationale: "Legal asked for it in writing. ".repeat(64).slice(0, 2000) };
    await addDecision(team.pm, handoffId, long);
    await drain(handoffId);
    await resyncOutput(team.pm, handoffId, "brief");
    await drain(handoffId);
    const longLog = (await notionPages())
      .find((p) => p.properties["Handoff ID"] === `HO-${number}`)!
      .blocks.filter((b) => b.text.startsWith(new Date().toISOString().slice(0, 10)) && b.text.includes("Data residency"));
    expect(longLog).toHaveLength(1);
    expect(longLog[0].text).toContain(long.rationale);
    expect(longLog[0].text).toMatch(/D-[a-z0-9]{8}$/);

    await transitionHandoff(team.pm, handoffId, { type: "CAPTURE_EVIDENCE", stage: "IMPLEMENTATION_BRIEF", requirementKey: "brief_reviewed", note: "Scope and constraints reviewed with Dana" });
    await transitionHandoff(team.pm, handoffId, { type: "SUBMIT_GATE", stage: "IMPLEMENTATION_BRIEF" });
    // What the approver signs off must be what Notion holds: a change not yet on the page waits.
    await database.prisma.assumption.create({ data: { handoffId, text: "Client keeps the legacy quote tool until Q3" } });
    await transitionHandoff(team.pm, handoffId, { type: "LOG_SCOPE_CHANGE", description: "Legacy quote tool stays until Q3" });
    await expect(approve({ type: "APPROVE_GATE", stage: "IMPLEMENTATION_BRIEF" }, handoffId)).rejects.toThrow(/changed since Notion last confirmed it/);
    await drain(handoffId);
    await approve({ type: "APPROVE_GATE", stage: "IMPLEMENTATION_BRIEF" }, handoffId);
    await drain(handoffId);
    const snapshot = await database.prisma.evidence.findFirstOrThrow({ where: { stage: { handoffId, key: "IMPLEMENTATION_BRIEF" }, requirementKey: "approved_snapshot" } });
    expect(snapshot.url).toContain("notion");
    expect(JSON.stringify(snapshot.data)).toContain("Partner portal");
    pages = (await notionPages()).filter((p) => p.properties["Handoff ID"] === `HO-${number}`);
    expect(pages[0].properties.Status).toBe("Approved");

    // Someone deletes the page in Notion: the next sync publishes the brief again, decision log and all.
    notion.store.updatePage(pages[0].id, { inTrash: true });
    await resyncOutput(team.pm, handoffId, "brief");
    await drain(handoffId);
    const live = (await notionPages()).filter((p) => p.properties["Handoff ID"] === `HO-${number}` && !(p as { inTrash?: boolean }).inTrash);
    expect(live).toHaveLength(1);
    expect(live[0].id).not.toBe(pages[0].id);
    expect(live[0].blocks.filter((b) => /D-[a-z0-9]{8}$/.test(b.text))).toHaveLength(3);
    const link = await database.prisma.externalLink.findFirstOrThrow({ where: { handoffId, vendor: "NOTION" } });
    expect(link.externalId).toBe(live[0].id);
  });

  it("asks the delivery lead in Slack and takes signed clicks only from the right person", async () => {
    let message = await ackMessage(handoffId);
    expect(message.text).toContain(`HO-${number}`);
    const risks = await database.prisma.risk.findMany({ where: { handoffId }, orderBy: { createdAt: "asc" } });
    const value = (riskId: string) => `${handoffId}:${riskId}`;

    // Kickoff cannot be scheduled before the acknowledgement.
    await expect(transitionHandoff(team.pm, handoffId, { type: "SCHEDULE_KICKOFF", date: "2030-01-15" })).rejects.toMatchObject({ code: "CONFLICT" });

    // Someone Slack does not know us for: answered, nothing changes.
    expect((await click(ACTION.acceptRisk, value(risks[0].id), "U0SEED07", message.ts)).status).toBe(200);
    // The PM is not the delivery lead.
    expect((await click(ACTION.acceptRisk, value(risks[0].id), PM_SLACK, message.ts)).status).toBe(200);
    await drain(handoffId);
    expect((await database.prisma.risk.findUniqueOrThrow({ where: { id: risks[0].id } })).status).toBe("OPEN");
    const replies = (await (await fetch(`${slack.url}/__sandbox/responses`)).json()) as { responses: { body: { text: string } }[] };
    const texts = replies.responses.map((r) => r.body.text);
    expect(texts).toContain("Your Slack account is not linked to a Handoff Control Center user, so nothing was changed. Link it yourself from your Account page in Handoff Control Center, then confirm here in Slack.");
    expect(texts.some((t) => t.includes("Only the assigned delivery lead"))).toBe(true);

    // Sending back without a comment is refused; with one it works.
    await click(ACTION.rejectRisk, value(risks[1].id), LEAD_SLACK, message.ts);
    await drain(handoffId);
    expect((await database.prisma.risk.findUniqueOrThrow({ where: { id: risks[1].id } })).status).toBe("OPEN");
    await click(ACTION.rejectRisk, value(risks[1].id), LEAD_SLACK, message.ts, { [COMMENT_BLOCK]: { [COMMENT_ACTION]: "Needs a named deputy" } });
    await click(ACTION.acceptRisk, value(risks[0].id), LEAD_SLACK, message.ts);
    await drain(handoffId);
    expect(await database.prisma.risk.findUniqueOrThrow({ where: { id: risks[1].id } })).toMatchObject({ status: "REJECTED", comment: "Needs a named deputy" });
    expect((await database.prisma.risk.findUniqueOrThrow({ where: { id: risks[0].id } })).status).toBe("ACCEPTED");
    // A reply that quotes the deal's own words carries them escaped: a risk called "<!channel>" pings no one.
    const title = risks[0].title;
    await database.prisma.risk.update({ where: { id: risks[0].id }, data: { title: "<!channel> urgent <http://evil.example|pay here> & co" } });
    await click(ACTION.acceptRisk, value(risks[0].id), LEAD_SLACK, message.ts);
    await drain(handoffId);
    const answered = (await (await fetch(`${slack.url}/__sandbox/responses`)).json()) as { responses: { body: { text: string } }[] };
    const quoted = answered.responses.map((r) => r.body.text).find((t) => t.includes("urgent"));
    expect(quoted).toContain("&lt;!channel&gt; urgent &lt;http://evil.example|pay here&gt; &amp; co");
    expect(quoted).not.toContain("<!channel>");
    await database.prisma.risk.update({ where: { id: risks[0].id }, data: { title } });
    // Deciding on risks is the acknowledgement, not a change to the approved brief.
    expect((await briefPage()).properties.Status).toBe("Approved");

    // The same message was edited in place to show it.
    message = await ackMessage(handoffId);
    expect(slack.store.history(CHANNEL).filter((m) => m.text.includes(`ref HO-${number}/ack`))).toHaveLength(1);
    expect(JSON.stringify(message.blocks)).toContain("sent back");
    expect(message.versions.length).toBeGreaterThan(1);

    // Acknowledging waits for the PM's revision.
    await click(ACTION.acknowledge, handoffId, LEAD_SLACK, message.ts);
    await drain(handoffId);
    expect((await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoffId } })).acknowledgedAt).toBeNull();
    await transitionHandoff(team.pm, handoffId, { type: "REVISE_RISK", riskId: risks[1].id, mitigation: "Priya deputises for the key user" });
    await click(ACTION.acknowledge, handoffId, LEAD_SLACK, message.ts);
    await drain(handoffId);
    const acknowledged = await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoffId } });
    expect(acknowledged.acknowledgedById).toBe(team.lead.userId);
    // Every event the clicks wrote names the Slack user and workspace that clicked; the PM's revision, made in the app, does not.
    const events = await database.prisma.auditEvent.findMany({ where: { handoffId, action: { in: ["stage.started", "risk.accepted", "risk.rejected", "risk.revised", "handoff.acknowledged"] } }, orderBy: { id: "asc" } });
    const fromSlack = events.filter((e) => e.actorId === team.lead.userId);
    expect(fromSlack.map((e) => e.action)).toEqual(expect.arrayContaining(["risk.rejected", "risk.accepted", "handoff.acknowledged"]));
    for (const event of fromSlack) expect(event.data).toMatchObject({ via: "slack", slackUserId: LEAD_SLACK, slackTeamId: "T0SANDBOX1" });
    expect(events.find((e) => e.action === "risk.revised")?.data).not.toHaveProperty("slackUserId");
    message = await ackMessage(handoffId);
    expect(JSON.stringify(message.blocks)).not.toContain(ACTION.acknowledge);
    expect(JSON.stringify(message.blocks)).toContain("acknowledged");
  });

  it("refuses unsigned, tampered and stale interactions", async () => {
    const body = new URLSearchParams({ payload: JSON.stringify({ type: "block_actions", user: { id: LEAD_SLACK }, actions: [{ action_id: ACTION.acknowledge, value: handoffId, action_ts: "1.2" }] }) }).toString();
    const now = Math.floor(Date.now() / 1000);
    const signature = signSlackRequest({ signingSecret: SIGNING_SECRET, timestamp: now, body });
    expect((await receiveSlackInteraction({ rawBody: body, signature: null, timestamp: String(now) })).status).toBe(401);
    expect((await receiveSlackInteraction({ rawBody: body.replace("1.2", "1.3"), signature, timestamp: String(now) })).status).toBe(401);
    const staleAt = now - 6 * 60;
    const stale = await receiveSlackInteraction({ rawBody: body, signature: signSlackRequest({ signingSecret: SIGNING_SECRET, timestamp: staleAt, body }), timestamp: String(staleAt) });
    expect(stale).toMatchObject({ status: 401, body: { error: "The request timestamp is more than five minutes from now." } });
    const garbled = "payload=%7Bnot-json";
    expect((await receiveSlackInteraction({ rawBody: garbled, signature: signSlackRequest({ signingSecret: SIGNING_SECRET, timestamp: now, body: garbled }), timestamp: String(now) })).status).toBe(400);
  });

  it("posts the digest once and edits it when the handoff changes", async () => {
    await transitionHandoff(team.lead, handoffId, { type: "SUBMIT_GATE", stage: "ACKNOWLEDGEMENT" });
    await transitionHandoff(team.pm, handoffId, { type: "APPROVE_GATE", stage: "ACKNOWLEDGEMENT" });
    await transitionHandoff(team.pm, handoffId, { type: "START_STAGE", stage: "HANDOFF_DIGEST" });
    slack.setFaults({ rate: 0.2, kinds: ["lost_response"] });
    await drain(handoffId);
    slack.setFaults(null);

    const digests = () => slack.store.history(CHANNEL).filter((m) => m.text.includes(`ref HO-${number}/digest`));
    expect(digests()).toHaveLength(1);
    const text = JSON.stringify(digests()[0].blocks);
    expect(text).toContain("Accountable owner");
    expect(text).toContain(`<@U0SEED02>`);
    expect(text).toContain("Sandbox configured");
    expect(text).not.toContain("Go-live");
    expect(text).toContain("Data volume unknown");
    expect(text).toContain("ClickUp list");
    expect(text).toContain("Implementation brief");

    await transitionHandoff(team.pm, handoffId, { type: "CAPTURE_EVIDENCE", stage: "HANDOFF_DIGEST", requirementKey: "escalation_contacts", note: "Priya for scope, Rita for commercial terms" });
    await drain(handoffId);
    expect(digests()).toHaveLength(1);
    expect(JSON.stringify(digests()[0].blocks)).toContain("Rita for commercial terms");
    expect(digests()[0].versions.length).toBeGreaterThan(1);
    const stage = await database.prisma.evidence.findMany({ where: { stage: { handoffId, key: "HANDOFF_DIGEST" } } });
    expect(stage.map((e) => e.requirementKey).sort()).toEqual(["digest_posted", "escalation_contacts"]);

    // The kickoff date is a property of the page: scheduling it moves the date, not the brief's status.
    const before = (await briefPage()).properties.Status;
    const kickoff = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    await transitionHandoff(team.pm, handoffId, { type: "SCHEDULE_KICKOFF", date: kickoff });
    await drain(handoffId);
    expect((await briefPage()).properties["Kickoff date"]).toBe(kickoff);
    expect((await briefPage()).properties.Status).toBe(before);
  });
});
