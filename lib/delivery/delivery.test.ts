import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { briefContent, decisionRef } from "./brief.ts";
import type { DeliveryModel, Person } from "./model.ts";
import { ACTION, COMMENT_BLOCK, IDENTITY_ACTION, ackRequestMessage, digestMessage, slackLinkRequestMessage } from "./slack-messages.ts";
import { ALL_GATES, DEFAULT_TASK_TEMPLATE, taskTemplateSchema } from "./template.ts";
import { markerKey, planWorkspace } from "./workspace-plan.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const person = (name: string, email: string, clickup: string | null, slack: string | null): Person => ({ userId: email, name, email, clickupUserId: clickup, slackUserId: slack });

const priya = person("Priya Shah", "leader@x.test", "81000002", "U02");
const marco = person("Marco Rossi", "pm@x.test", "81000003", "U03");
const dana = person("Dana Kim", "lead@x.test", null, "U05");

function model(overrides: Partial<DeliveryModel> = {}): DeliveryModel {
  return {
    id: "h1",
    number: 42,
    ref: "HO-42",
    title: "CPQ rollout",
    customerName: "Northwind",
    url: "https://app.test/handoffs/h1",
    closedWonAt: day("2026-11-01"),
    promisedKickoffAt: day("2026-12-01"),
    kickoffScheduledAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    stages: { INTAKE: "APPROVED", DELIVERY_WORKSPACE: "APPROVED", IMPLEMENTATION_BRIEF: "IN_PROGRESS", ACKNOWLEDGEMENT: "NOT_STARTED", HANDOFF_DIGEST: "NOT_STARTED", KICKOFF_QA: "NOT_STARTED" },
    people: { psLeader: priya, projectManager: marco, revOps: null, deliveryLead: dana, salesOwner: null },
    directory: [priya, marco, dana],
    commitments: [
      { id: "c1", description: "Weekly status report", ownerName: "marco rossi", owner: { kind: "unresolved" as const }, dueDate: day("2026-12-05") },
      { id: "c2", description: "Custom PDF quotes", ownerName: "Outside Person", owner: { kind: "unresolved" as const }, dueDate: null },
    ],
    milestones: [
      { id: "m1", name: "Sandbox ready", ownerName: null, owner: { kind: "unresolved" as const }, dueDate: day("2026-12-10") },
      { id: "m2", name: "Go-live", ownerName: "Priya Shah", owner: { kind: "unresolved" as const }, dueDate: day("2027-02-01") },
    ],
    dependencies: [
      { id: "d1", description: "SSO metadata", party: "Client IT", owner: { kind: "unresolved" as const }, neededBy: day("2026-12-08"), status: "OPEN" },
      { id: "d2", description: "Price book export", party: "Client finance", owner: { kind: "unresolved" as const }, neededBy: day("2027-01-15"), status: "OPEN" },
    ],
    risks: [{ id: "r1", title: "Data volume unknown", severity: "HIGH", ownerName: "Client IT", mitigation: "Sample extract", status: "OPEN", comment: null, acceptedBy: null }],
    inScope: ["CPQ for 3 regions"],
    outOfScope: ["Data migration"],
    assumptions: [],
    constraints: [{ system: "ERP", constraint: "Nightly batch only" }],
    decisions: [{ id: "cld0000decision01", title: "Phase by region", rationale: "EMEA first", decidedBy: "Marco Rossi", decidedAt: day("2026-11-20") }],
    escalationNote: null,
    approvedBriefRevision: null,
    links: {},
    ...overrides,
  };
}

describe("planWorkspace", () => {
  const plan = planWorkspace(model(), DEFAULT_TASK_TEMPLATE);
  const task = (key: string) => plan.tasks.find((t) => t.key === key)!;

  it("makes a task per template task, commitment, milestone and dependency gate, dated from the kickoff", () => {
    expect(plan.tasks).toHaveLength(DEFAULT_TASK_TEMPLATE.tasks.length + 2 + 2 + 2);
    expect(plan.folderName).toBe("HO-42 · Northwind");
    expect(task("tpl-client-kickoff").dueDate).toEqual(day("2026-12-01"));
    expect(task("tpl-kickoff-prep").dueDate).toEqual(day("2026-11-28"));
    expect(task("commitment-c1").dueDate).toEqual(day("2026-12-05"));
    expect(task("gate-d1").name).toBe("Gate: SSO metadata");
  });

  it("maps owners to ClickUp members by name or role, and reports the ones it cannot map", () => {
    expect(task("commitment-c1").assignee).toBe(81000003);
    expect(task("milestone-m2").assignee).toBe(81000002);
    expect(task("tpl-client-kickoff").assignee).toBe(81000003);
    expect(plan.unmapped).toEqual([
      {
        owner: "Dana Kim",
        reason: "not linked to a ClickUp member",
        kind: "not_linked",
        userId: dana.userId,
        tasks: ["Confirm system access and environments", "Review sales commitments with the client", "Milestone: Sandbox ready"],
        items: [{ kind: "milestone", id: "m1" }],
      },
      { owner: "Outside Person", reason: "neither one of our people nor a contact on the CRM deal", kind: "unknown", userId: null, tasks: ["Commitment: Custom PDF quotes"], items: [{ kind: "commitment", id: "c2" }] },
    ]);
  });

  it("counts work the client owns as owned: tagged for the client, never assigned to a ClickUp member", () => {
    const clientOwned = model({
      commitments: [{ id: "c2", description: "Custom PDF quotes", ownerName: "Helena Brandt", owner: { kind: "client", name: "Helena Brandt", email: "helena@aurora.example" }, dueDate: null }],
      milestones: [{ id: "m2", name: "Go-live", ownerName: "Someone Else", owner: { kind: "person", person: marco }, dueDate: day("2027-02-01") }],
    });
    const clientPlan = planWorkspace(clientOwned, DEFAULT_TASK_TEMPLATE);
    const quotes = clientPlan.tasks.find((t) => t.key === "commitment-c2")!;
    expect(quotes).toMatchObject({ assignee: null, client: { name: "Helena Brandt", email: "helena@aurora.example" }, owner: "Helena Brandt (client)" });
    expect(quotes.description).toContain("Owned by the client: Helena Brandt <helena@aurora.example>.");
    expect(clientPlan.clientOwned).toBe(1);
    expect(clientPlan.unmapped.map((u) => u.owner)).not.toContain("Helena Brandt (client)");
    // The person recorded as owner wins over the name sales typed.
    expect(clientPlan.tasks.find((t) => t.key === "milestone-m2")).toMatchObject({ assignee: 81000003, owner: "Marco Rossi", client: null });
  });

  it("makes milestones wait on the dependencies due before them, and template tasks on every gate when asked", () => {
    expect(task("milestone-m1").dependsOn).toEqual(["gate-d1"]);
    expect(task("milestone-m2").dependsOn).toEqual(["gate-d1", "gate-d2"]);
    expect(task("tpl-access").dependsOn).toEqual(["tpl-client-kickoff", "gate-d1", "gate-d2"]);
    expect(plan.dependencyCount).toBe(plan.tasks.reduce((n, t) => n + t.dependsOn.length, 0));
  });

  it("makes one task for a milestone date that sales promised, not a commitment and a milestone", () => {
    const promised = model({
      commitments: [...model().commitments, { id: "c3", description: "Go-live", ownerName: "Priya Shah", owner: { kind: "unresolved" as const }, dueDate: day("2027-02-01") }, { id: "c4", description: "Go-live", ownerName: null, owner: { kind: "unresolved" as const }, dueDate: day("2027-03-01") }],
    });
    const tasks = planWorkspace(promised, DEFAULT_TASK_TEMPLATE).tasks.map((t) => t.name);
    expect(tasks.filter((n) => n.endsWith("Go-live"))).toEqual(["Commitment: Go-live", "Milestone: Go-live"]);
    // The one left is the promise on another day (c4), not the milestone's twin (c3).
    expect(planWorkspace(promised, DEFAULT_TASK_TEMPLATE).tasks.find((t) => t.name === "Commitment: Go-live")!.dueDate).toEqual(day("2027-03-01"));
  });

  it("ends every description with a reference the sync finds the task by", () => {
    for (const t of plan.tasks) expect(markerKey(t.description, "HO-42")).toBe(t.key);
    expect(markerKey("HO-420 · ref tpl-x", "HO-42")).toBeNull();
  });
});

describe("task template", () => {
  it("refuses unknown dependencies, repeated keys and circles", () => {
    const base = DEFAULT_TASK_TEMPLATE;
    const withTasks = (tasks: typeof base.tasks) => taskTemplateSchema.safeParse({ ...base, tasks });
    const task = (key: string, dependsOn: string[]) => ({ key, name: `Task ${key}`, description: "", owner: "projectManager" as const, dueOffsetDays: 0, dependsOn });
    expect(withTasks([task("aa", ["zz"])]).error?.issues[0].message).toBe("“Task aa” waits on “zz”, which is not a task of the template.");
    expect(withTasks([task("aa", []), task("aa", [])]).error?.issues[0].message).toBe("The key “aa” is used twice.");
    expect(withTasks([task("aa", ["bb"]), task("bb", ["aa"])]).error?.issues[0].message).toBe("The dependencies go round in a circle: aa → bb → aa.");
    expect(withTasks([task("aa", [ALL_GATES])]).success).toBe(true);
  });
});

describe("briefContent", () => {
  it("lays out the sections and the decision log, and changes revision only when the content changes", () => {
    const content = briefContent(model());
    expect(content.sections.map((s) => s.heading)).toEqual(["In scope", "Out of scope", "Assumptions", "Integration constraints", "Risks", "Commitments", "Milestones", "Client dependencies"]);
    expect(content.sections[3].items).toEqual(["ERP: Nightly batch only"]);
    expect(content.decisions).toEqual([{ ref: decisionRef("cld0000decision01"), line: "2026-11-20 — Phase by region: EMEA first (decided by Marco Rossi) · D-cision01" }]);
    expect(briefContent(model({ decisions: [] })).revision).toBe(content.revision);
    expect(briefContent(model({ outOfScope: ["Data migration", "Training"] })).revision).not.toBe(content.revision);
  });

  it("says Approved, and Changed after approval once the content moves on", () => {
    const approved = { ...model().stages, IMPLEMENTATION_BRIEF: "APPROVED" as const };
    const revision = briefContent(model()).revision;
    expect(briefContent(model()).properties.status).toBe("Draft");
    expect(briefContent(model({ stages: approved, approvedBriefRevision: revision })).properties.status).toBe("Approved");
    expect(briefContent(model({ stages: approved, approvedBriefRevision: revision, inScope: ["CPQ", "Portal"] })).properties.status).toBe("Changed after approval");
  });

  it("stays Approved when the lead accepts a risk and the kickoff is scheduled: those are not brief content", () => {
    const approval = briefContent(model({ stages: { ...model().stages, IMPLEMENTATION_BRIEF: "APPROVED" } }));
    const later = { INTAKE: "APPROVED", DELIVERY_WORKSPACE: "APPROVED", IMPLEMENTATION_BRIEF: "APPROVED", ACKNOWLEDGEMENT: "APPROVED", HANDOFF_DIGEST: "APPROVED", KICKOFF_QA: "IN_PROGRESS" } as const;
    const accepted = [{ ...model().risks[0], status: "ACCEPTED", acceptedBy: "Dana Kim" }];
    const now = briefContent(
      model({ stages: later, approvedBriefRevision: approval.revision, risks: accepted, acknowledgedAt: day("2026-12-02"), acknowledgedBy: "Dana Kim", kickoffScheduledAt: day("2026-12-14") }),
    );
    expect(now.revision).toBe(approval.revision);
    expect(now.properties).toMatchObject({ status: "Approved", kickoffDate: "2026-12-14" });
    expect(approval.properties.kickoffDate).toBe("2026-12-01");
    // A mitigation revised after approval is a change to the brief.
    const revised = briefContent(model({ stages: later, approvedBriefRevision: approval.revision, risks: [{ ...accepted[0], mitigation: "Client IT extracts a sample" }] }));
    expect(revised.properties.status).toBe("Changed after approval");
  });

  it("keeps a brief approved under the layout that listed each risk's status approved", () => {
    // That layout wrote “(open)” after each risk; at approval every risk is still open.
    const before = briefContent(model()).sections.map((s) => (s.heading === "Risks" ? { ...s, items: s.items.map((i) => `${i} (open)`) } : s));
    const approvedThen = createHash("sha256").update(JSON.stringify(before)).digest("hex").slice(0, 12);
    const stages = { ...model().stages, IMPLEMENTATION_BRIEF: "APPROVED" as const, ACKNOWLEDGEMENT: "IN_PROGRESS" as const };
    const risks = [{ ...model().risks[0], status: "ACCEPTED", acceptedBy: "Dana Kim" }];
    expect(briefContent(model({ stages, risks, approvedBriefRevision: approvedThen })).properties.status).toBe("Approved");
    expect(briefContent(model({ stages, risks, approvedBriefRevision: approvedThen, outOfScope: ["Training"] })).properties.status).toBe("Changed after approval");
  });
});

describe("Slack messages", () => {
  it("asks the delivery lead by mention, with a decision per open risk and a comment box", () => {
    const message = ackRequestMessage(model());
    const json = JSON.stringify(message.blocks);
    expect(json).toContain("<@U05>");
    expect(json).toContain(ACTION.acceptRisk);
    expect(json).toContain(`"value":"h1:r1"`);
    expect(json).toContain(COMMENT_BLOCK);
    expect(message.text).toContain("ref HO-42/ack");
  });

  it("stays within Slack's 50 blocks however many risks there are, and sends the rest to the app", () => {
    const risks = Array.from({ length: 30 }, (_, i) => ({ ...model().risks[0], id: `r${i}`, title: `Risk ${i}` }));
    const message = ackRequestMessage(model({ risks }));
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const json = JSON.stringify(message.blocks);
    expect(json).toContain(`"value":"h1:r20"`);
    expect(json).not.toContain(`"value":"h1:r21"`);
    expect(json).toContain("9 more risks than a Slack message can hold");
    expect(json).toContain(ACTION.acknowledge);
  });

  it("drops the buttons once acknowledged", () => {
    const json = JSON.stringify(ackRequestMessage(model({ acknowledgedAt: day("2026-11-25"), acknowledgedBy: "Dana Kim" })).blocks);
    expect(json).not.toContain(ACTION.acknowledge);
    expect(json).toContain("acknowledged by Dana Kim on 2026-11-25");
  });

  it("digests the owner, the first 30 days, open risks, escalation contacts and the links", () => {
    const digest = digestMessage(model({ links: { clickup: { externalId: "l1", url: "https://clickup.test/l1" } }, escalationNote: "Call Priya first" }));
    const json = JSON.stringify(digest.blocks);
    expect(json).toContain("*Accountable owner*\\n<@U02>");
    expect(json).toContain("2026-12-10 — Sandbox ready");
    expect(json).not.toContain("Go-live");
    expect(json).toContain("Data volume unknown — high, owner Client IT");
    expect(json).toContain("Call Priya first");
    expect(json).toContain("<https://clickup.test/l1|ClickUp list>");
    expect(json).not.toContain("Implementation brief>");
    // Escaped: a title with < and & cannot break the message.
    expect(JSON.stringify(digestMessage(model({ title: "A <b> & c" })).blocks)).toContain("A &lt;b&gt; &amp; c");
  });

  it("keeps a hostile customer name as text in the fallback text too: no @here, no disguised links", () => {
    const hostile = model({ customerName: "<!here> <http://evil.example|pay here> & co" });
    for (const message of [digestMessage(hostile), ackRequestMessage(hostile)]) {
      expect(message.text).toContain("&lt;!here&gt; &lt;http://evil.example|pay here&gt; &amp; co");
      expect(message.text).not.toMatch(/<!here>|<http:\/\/evil/);
    }
  });

  it("asks a Slack user to confirm a link, says who asked, and keeps a hostile name as text", () => {
    const message = slackLinkRequestMessage({
      requestId: "req_1",
      person: { name: "<!channel> Mallory", email: "m@x.test" },
      expiresAt: new Date("2026-12-03T15:04:00.000Z"),
      accountUrl: "https://app.test/account",
    });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain("&lt;!channel&gt; Mallory");
    expect(json).toContain("m@x.test");
    expect(json).toContain("Ignore this message");
    expect(json).toContain("2026-12-03 15:04 UTC");
    expect(`${message.text}${json}`).not.toContain("<!channel>");
    const actions = message.blocks.find((b) => b.type === "actions") as { elements: { action_id: string; value: string; text: { text: string } }[] };
    expect(actions.elements).toEqual([expect.objectContaining({ action_id: IDENTITY_ACTION.confirm, value: "req_1", text: expect.objectContaining({ text: "Yes, this is me" }) })]);
  });
});
