import { describe, expect, it } from "vitest";
import type { StageKey, StageStatus } from "../db/generated/enums.ts";
import type { Actor } from "../auth/roles.ts";
import { DomainError, parseInput } from "../errors.ts";
import { acknowledgementTerms, allowedCommands, assertAllowed, commandSchema, earliestToday, latestKickoffDay, type Command, type LifecycleState } from "./lifecycle.ts";
import { STAGE_KEYS, stageDefinition } from "../rules/stages.ts";

const PEOPLE = {
  admin: { userId: "u-admin", role: "ADMIN", name: "Ada" },
  leader: { userId: "u-leader", role: "PS_LEADER", name: "Priya" },
  pm: { userId: "u-pm", role: "PROJECT_MANAGER", name: "Marco" },
  otherPm: { userId: "u-pm2", role: "PROJECT_MANAGER", name: "Lena" },
  revops: { userId: "u-revops", role: "REVOPS", name: "Rita" },
  lead: { userId: "u-lead", role: "DELIVERY_LEAD", name: "Dana" },
  otherLead: { userId: "u-lead2", role: "DELIVERY_LEAD", name: "Tom" },
  sales: { userId: "u-sales", role: "SALES", name: "Sam" },
  viewer: { userId: "u-viewer", role: "VIEWER", name: "Victor" },
} satisfies Record<string, Actor>;

type Person = keyof typeof PEOPLE;

function state(stage: StageKey, status: StageStatus, overrides: Partial<LifecycleState> = {}, submittedBy: string | null = null): LifecycleState {
  const index = STAGE_KEYS.indexOf(stage);
  const stages = Object.fromEntries(
    STAGE_KEYS.map((key, i) => {
      const def = stageDefinition(key);
      if (i < index) return [key, { status: "APPROVED", submittedById: "u-revops", evidenceKeys: def.evidence.map((e) => e.key) }];
      if (i === index) {
        const complete = status === "AWAITING_APPROVAL" || status === "APPROVED";
        return [key, { status, submittedById: submittedBy, evidenceKeys: complete ? def.evidence.map((e) => e.key) : [] }];
      }
      return [key, { status: "NOT_STARTED", submittedById: null, evidenceKeys: [] }];
    }),
  ) as unknown as LifecycleState["stages"];
  return {
    status: "IN_PROGRESS",
    stage,
    assignments: { psLeaderId: "u-leader", projectManagerId: "u-pm", revOpsId: "u-revops", deliveryLeadId: "u-lead" },
    stages,
    acknowledgedAt: STAGE_KEYS.indexOf(stage) > STAGE_KEYS.indexOf("ACKNOWLEDGEMENT") ? new Date() : null,
    kickoffScheduledAt: null,
    actualKickoffAt: null,
    intakeIssueCount: 0,
    intakeOverridden: false,
    risks: [
      { id: "r-open", status: "OPEN", title: "Data volume", severity: "HIGH", hasOwner: true, mitigation: "Sample extract in week 1" },
      { id: "r-back", status: "REJECTED", title: "Sponsor change", severity: "CRITICAL", hasOwner: true, mitigation: "Name a deputy sponsor" },
    ],
    ...overrides,
  };
}

/** A day relative to today, as YYYY-MM-DD. */
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

function withEvidence(s: LifecycleState): LifecycleState {
  const def = stageDefinition(s.stage);
  return { ...s, stages: { ...s.stages, [s.stage]: { ...s.stages[s.stage], evidenceKeys: def.evidence.map((e) => e.key) } } };
}

function outcome(s: LifecycleState, who: Person, command: Command): "ok" | DomainError["code"] {
  try {
    assertAllowed(s, PEOPLE[who], command);
    return "ok";
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

const everyone = Object.keys(PEOPLE) as Person[];
const allowedOnly = (s: LifecycleState, command: Command) => everyone.filter((p) => outcome(s, p, command) === "ok").sort();

describe("who may do what, stage by stage", () => {
  it("only RevOps, PS leaders and the assigned PM may submit a complete intake gate", () => {
    const s = withEvidence(state("INTAKE", "IN_PROGRESS"));
    expect(allowedOnly(s, { type: "SUBMIT_GATE", stage: "INTAKE" })).toEqual(["leader", "pm", "revops"]);
    expect(outcome(s, "otherPm", { type: "SUBMIT_GATE", stage: "INTAKE" })).toBe("FORBIDDEN");
    expect(outcome(s, "viewer", { type: "SUBMIT_GATE", stage: "INTAKE" })).toBe("FORBIDDEN");
    expect(outcome(s, "sales", { type: "SUBMIT_GATE", stage: "INTAKE" })).toBe("FORBIDDEN");
    expect(outcome(s, "admin", { type: "SUBMIT_GATE", stage: "INTAKE" })).toBe("FORBIDDEN");
  });

  it.each(["DELIVERY_WORKSPACE", "IMPLEMENTATION_BRIEF", "HANDOFF_DIGEST", "KICKOFF_QA"] as const)(
    "%s is worked by the assigned PM and PS leaders only",
    (stage) => {
      const s = withEvidence(state(stage, "IN_PROGRESS"));
      expect(allowedOnly(s, { type: "SUBMIT_GATE", stage })).toEqual(["leader", "pm"]);
    },
  );

  it("the delivery lead accepts or sends back each open risk; the PM revises what was sent back", () => {
    const s = state("ACKNOWLEDGEMENT", "IN_PROGRESS");
    expect(allowedOnly(s, { type: "ACCEPT_RISK", riskId: "r-open" })).toEqual(["lead"]);
    expect(allowedOnly(s, { type: "REJECT_RISK", riskId: "r-open", comment: "No owner on the client side" })).toEqual(["lead"]);
    expect(outcome(s, "lead", { type: "ACCEPT_RISK", riskId: "r-back" })).toBe("CONFLICT");
    expect(outcome(s, "lead", { type: "ACCEPT_RISK", riskId: "not-ours" })).toBe("INVALID");
    expect(allowedOnly(s, { type: "REVISE_RISK", riskId: "r-back", mitigation: "Weekly steering call" })).toEqual(["leader", "pm"]);
    expect(outcome(s, "pm", { type: "REVISE_RISK", riskId: "r-open", mitigation: "Weekly steering call" })).toBe("CONFLICT");
    expect(() => assertAllowed(s, PEOPLE.lead, { type: "ACKNOWLEDGE" })).toThrow("1 risk was sent back (“Sponsor change”); the project manager must revise it first.");
  });

  it("only the assigned delivery lead acknowledges", () => {
    const s = state("ACKNOWLEDGEMENT", "IN_PROGRESS", { risks: [] });
    expect(allowedOnly(s, { type: "ACKNOWLEDGE" })).toEqual(["lead"]);
    expect(outcome(s, "otherLead", { type: "ACKNOWLEDGE" })).toBe("FORBIDDEN");
    expect(outcome(s, "pm", { type: "ACKNOWLEDGE" })).toBe("FORBIDDEN");
  });

  it("acknowledges once: a second acknowledgement (another tab, a Slack click) is refused", () => {
    const s = state("ACKNOWLEDGEMENT", "IN_PROGRESS", { risks: [], acknowledgedAt: new Date() });
    expect(() => assertAllowed(s, PEOPLE.lead, { type: "ACKNOWLEDGE" })).toThrow("This handoff is already acknowledged.");
    expect(allowedCommands(s, PEOPLE.lead).has("ACKNOWLEDGE")).toBe(false);
  });

  it("a gate is signed off by the assigned PM or a PS leader, never by the submitter", () => {
    const byRevops = state("INTAKE", "AWAITING_APPROVAL", {}, "u-revops");
    expect(allowedOnly(byRevops, { type: "APPROVE_GATE", stage: "INTAKE" })).toEqual(["leader", "pm"]);
    expect(allowedOnly(byRevops, { type: "REQUEST_CHANGES", stage: "INTAKE", comment: "Fix the scope" })).toEqual(["leader", "pm"]);

    const byPm = state("DELIVERY_WORKSPACE", "AWAITING_APPROVAL", {}, "u-pm");
    expect(outcome(byPm, "pm", { type: "APPROVE_GATE", stage: "DELIVERY_WORKSPACE" })).toBe("FORBIDDEN");
    expect(allowedOnly(byPm, { type: "APPROVE_GATE", stage: "DELIVERY_WORKSPACE" })).toEqual(["leader"]);
  });

  it("viewers, sales and admins can never change a handoff", () => {
    const states = [
      state("INTAKE", "IN_PROGRESS"),
      withEvidence(state("INTAKE", "IN_PROGRESS")),
      state("INTAKE", "AWAITING_APPROVAL", {}, "u-revops"),
      state("DELIVERY_WORKSPACE", "NOT_STARTED"),
      state("ACKNOWLEDGEMENT", "IN_PROGRESS"),
      state("KICKOFF_QA", "AWAITING_APPROVAL", {}, "u-pm"),
    ];
    for (const s of states) {
      for (const who of ["viewer", "sales", "admin"] as const) {
        expect([...allowedCommands(s, PEOPLE[who])]).toEqual([]);
      }
    }
  });
});

describe("gate order", () => {
  it("a stage starts only after the previous gate is approved", () => {
    const ready = state("DELIVERY_WORKSPACE", "NOT_STARTED");
    expect(outcome(ready, "pm", { type: "START_STAGE", stage: "DELIVERY_WORKSPACE" })).toBe("ok");

    const unapproved = state("DELIVERY_WORKSPACE", "NOT_STARTED");
    unapproved.stages.INTAKE = { ...unapproved.stages.INTAKE, status: "AWAITING_APPROVAL" };
    expect(() => assertAllowed(unapproved, PEOPLE.pm, { type: "START_STAGE", stage: "DELIVERY_WORKSPACE" })).toThrow(
      "The Intake gate must be approved before Delivery workspace can start.",
    );
  });

  it("a later stage cannot be worked while an earlier one is current", () => {
    const s = state("INTAKE", "IN_PROGRESS");
    expect(() => assertAllowed(s, PEOPLE.pm, { type: "START_STAGE", stage: "IMPLEMENTATION_BRIEF" })).toThrow(/not the current stage/);
    expect(outcome(s, "leader", { type: "APPROVE_GATE", stage: "DELIVERY_WORKSPACE" })).toBe("CONFLICT");
  });

  it("a gate cannot be submitted with missing evidence, and says what is missing", () => {
    const s = state("DELIVERY_WORKSPACE", "IN_PROGRESS");
    expect(() => assertAllowed(s, PEOPLE.pm, { type: "SUBMIT_GATE", stage: "DELIVERY_WORKSPACE" })).toThrow(
      "The Delivery workspace gate is missing evidence: Delivery list created from the standard template; Every task has an owner; Dependency gates set.",
    );
  });

  it("a gate awaiting approval cannot be submitted twice or approved twice", () => {
    const s = state("INTAKE", "AWAITING_APPROVAL", {}, "u-revops");
    expect(outcome(s, "revops", { type: "SUBMIT_GATE", stage: "INTAKE" })).toBe("CONFLICT");
    const approved = state("INTAKE", "APPROVED", {}, "u-revops");
    expect(outcome(approved, "pm", { type: "APPROVE_GATE", stage: "INTAKE" })).toBe("CONFLICT");
  });

  it("changes requested can be resubmitted", () => {
    const s = withEvidence(state("INTAKE", "CHANGES_REQUESTED", {}, "u-revops"));
    expect(outcome(s, "revops", { type: "SUBMIT_GATE", stage: "INTAKE" })).toBe("ok");
  });

  it("a blocked intake cannot be submitted, even with every evidence item", () => {
    const s = withEvidence(state("INTAKE", "IN_PROGRESS", { status: "INTAKE_BLOCKED", intakeIssueCount: 2 }));
    expect(() => assertAllowed(s, PEOPLE.revops, { type: "SUBMIT_GATE", stage: "INTAKE" })).toThrow(
      "Intake is blocked: 2 mandatory fields are missing or invalid in the CRM.",
    );
  });

  it("an approved override lets the blocked intake be submitted", () => {
    const s = withEvidence(state("INTAKE", "IN_PROGRESS", { status: "IN_PROGRESS", intakeIssueCount: 2, intakeOverridden: true }));
    expect(outcome(s, "revops", { type: "SUBMIT_GATE", stage: "INTAKE" })).toBe("ok");
  });

  it("completed handoffs refuse every change", () => {
    const s = state("KICKOFF_QA", "APPROVED", { status: "COMPLETED" }, "u-pm");
    expect(outcome(s, "leader", { type: "APPROVE_GATE", stage: "KICKOFF_QA" })).toBe("CONFLICT");
    expect(outcome(s, "pm", { type: "SCHEDULE_KICKOFF", date: "2026-12-01" })).toBe("CONFLICT");
  });
});

describe("critical risks reviewed", () => {
  const confirm = { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "risks_reviewed" } as const;

  it("cannot be confirmed while a risk has no owner or no mitigation, and says which", () => {
    const s = state("INTAKE", "IN_PROGRESS", {
      risks: [
        { id: "r1", status: "OPEN", title: "Data volume", severity: "CRITICAL", hasOwner: false, mitigation: "Sample extract" },
        { id: "r2", status: "OPEN", title: "Key user on leave", severity: "HIGH", hasOwner: true, mitigation: "  " },
        { id: "r3", status: "OPEN", title: "SSO", severity: "MEDIUM", hasOwner: true, mitigation: "Test in week 1" },
      ],
    });
    expect(() => assertAllowed(s, PEOPLE.revops, confirm)).toThrow("Every critical risk needs an owner and a mitigation first: “Data volume” has no owner; “Key user on leave” has no mitigation.");
    expect(outcome(s, "revops", confirm)).toBe("CONFLICT");
    // Nor can a gate carrying the confirmation be submitted once a risk lost its owner.
    expect(outcome(withEvidence(s), "revops", { type: "SUBMIT_GATE", stage: "INTAKE" })).toBe("CONFLICT");
  });

  it("can be confirmed once every risk has both, and with no risks at all", () => {
    expect(outcome(state("INTAKE", "IN_PROGRESS"), "revops", confirm)).toBe("ok");
    expect(outcome(state("INTAKE", "IN_PROGRESS", { risks: [] }), "revops", confirm)).toBe("ok");
    const closed = state("INTAKE", "IN_PROGRESS", { risks: [{ id: "r1", status: "CLOSED", title: "Gone", severity: "CRITICAL", hasOwner: false, mitigation: null }] });
    expect(outcome(closed, "revops", confirm)).toBe("ok");
  });
});

describe("evidence", () => {
  it("what the tools answered is recorded by their sync, never typed in by a person", () => {
    const workspace = state("DELIVERY_WORKSPACE", "IN_PROGRESS");
    for (const requirementKey of ["workspace_link", "owners_mapped", "dependency_gates"]) {
      expect(() => assertAllowed(workspace, PEOPLE.pm, { type: "CAPTURE_EVIDENCE", stage: "DELIVERY_WORKSPACE", requirementKey, url: "https://app.clickup.com/1/v/li/2" })).toThrow(/recorded by the ClickUp sync/);
    }
    expect(outcome(state("IMPLEMENTATION_BRIEF", "IN_PROGRESS"), "leader", { type: "CAPTURE_EVIDENCE", stage: "IMPLEMENTATION_BRIEF", requirementKey: "brief_link", url: "https://notion.so/x" })).toBe("CONFLICT");
    expect(outcome(state("HANDOFF_DIGEST", "IN_PROGRESS"), "pm", { type: "CAPTURE_EVIDENCE", stage: "HANDOFF_DIGEST", requirementKey: "digest_posted", url: "https://slack.com/x" })).toBe("CONFLICT");
    expect(outcome(state("HANDOFF_DIGEST", "IN_PROGRESS"), "pm", { type: "CAPTURE_EVIDENCE", stage: "HANDOFF_DIGEST", requirementKey: "escalation_contacts", note: "Priya, then Ben" })).toBe("ok");
  });

  it("a note item needs a note, and only known items can be captured", () => {
    const intake = state("INTAKE", "IN_PROGRESS");
    expect(outcome(intake, "revops", { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "scope_confirmed" })).toBe("INVALID");
    expect(outcome(intake, "revops", { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "no_such_item", note: "x" })).toBe("INVALID");
    expect(outcome(intake, "revops", { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "deal_snapshot" })).toBe("CONFLICT");
  });

  it("no evidence before a stage starts or while it awaits approval", () => {
    expect(outcome(state("IMPLEMENTATION_BRIEF", "NOT_STARTED"), "pm", { type: "CAPTURE_EVIDENCE", stage: "IMPLEMENTATION_BRIEF", requirementKey: "brief_reviewed", note: "Reviewed" })).toBe("CONFLICT");
    expect(outcome(state("INTAKE", "AWAITING_APPROVAL", {}, "u-revops"), "revops", { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "risks_reviewed" })).toBe("CONFLICT");
  });
});

describe("kickoff", () => {
  it("is refused until the delivery lead has acknowledged", () => {
    const before = state("ACKNOWLEDGEMENT", "IN_PROGRESS");
    expect(() => assertAllowed(before, PEOPLE.pm, { type: "SCHEDULE_KICKOFF", date: inDays(7) })).toThrow(/delivery lead must acknowledge/);
    expect(outcome(before, "pm", { type: "CONFIRM_CLIENT_DATES" })).toBe("CONFLICT");

    const after = state("ACKNOWLEDGEMENT", "IN_PROGRESS", { acknowledgedAt: new Date() });
    expect(allowedOnly(after, { type: "SCHEDULE_KICKOFF", date: inDays(7) })).toEqual(["leader", "pm"]);
    expect(allowedOnly(after, { type: "CONFIRM_CLIENT_DATES" })).toEqual(["leader", "pm"]);
    expect([...allowedCommands(after, PEOPLE.pm)]).toContain("SCHEDULE_KICKOFF");
  });

  it("cannot be scheduled in the past", () => {
    const after = state("HANDOFF_DIGEST", "IN_PROGRESS", { acknowledgedAt: new Date() });
    expect(() => assertAllowed(after, PEOPLE.pm, { type: "SCHEDULE_KICKOFF", date: "2020-01-01" })).toThrow("The kickoff cannot be scheduled in the past (2020-01-01): pick today or a later day.");
    expect(outcome(after, "pm", { type: "SCHEDULE_KICKOFF", date: inDays(-2) })).toBe("INVALID");
    expect(outcome(after, "pm", { type: "SCHEDULE_KICKOFF", date: inDays(0) })).toBe("ok");
    expect(outcome(after, "pm", { type: "SCHEDULE_KICKOFF", date: inDays(30) })).toBe("ok");
  });

  it("counts as today wherever the day is not over yet", () => {
    expect(earliestToday(new Date("2026-12-03T11:00:00Z"))).toBe("2026-12-02");
    expect(earliestToday(new Date("2026-12-03T12:00:00Z"))).toBe("2026-12-03");
  });

  it("is recorded as held only once, after scheduling, at Kickoff & QA, and not in the future", () => {
    const held = { type: "RECORD_KICKOFF", date: "2026-11-30", note: "Client sponsor, PM, lead" } as const;
    const unscheduled = state("KICKOFF_QA", "IN_PROGRESS");
    expect(() => assertAllowed(unscheduled, PEOPLE.pm, held)).toThrow(/Schedule the kickoff/);

    const scheduled = state("KICKOFF_QA", "IN_PROGRESS", { kickoffScheduledAt: new Date("2026-11-30T09:00:00Z") });
    expect(allowedOnly(scheduled, held)).toEqual(["leader", "pm"]);
    expect(outcome(scheduled, "pm", { ...held, date: "2999-01-01" })).toBe("INVALID");
    expect(outcome({ ...scheduled, actualKickoffAt: new Date("2026-11-30T09:00:00Z") }, "pm", held)).toBe("CONFLICT");
    expect(outcome(state("KICKOFF_QA", "NOT_STARTED", { kickoffScheduledAt: new Date() }), "pm", held)).toBe("CONFLICT");
    // The held kickoff is dated through this command, never typed in as plain evidence.
    expect(outcome(scheduled, "pm", { type: "CAPTURE_EVIDENCE", stage: "KICKOFF_QA", requirementKey: "kickoff_held", note: "held" })).toBe("CONFLICT");
  });
});

describe("acknowledgement wording", () => {
  it("says what acknowledging means for the risks as they stand", () => {
    expect(acknowledgementTerms([])).toBe("By acknowledging, the delivery lead accepts this handoff and confirms there are no open risks.");
    expect(acknowledgementTerms([{ status: "OPEN", title: "Data volume" }])).toBe("By acknowledging, the delivery lead accepts this handoff and 1 open risk.");
    const sentBack = acknowledgementTerms([{ status: "OPEN", title: "Data volume" }, { status: "REJECTED", title: "Sponsor change" }]);
    expect(sentBack).not.toContain("no open risks");
    expect(sentBack).toBe("1 risk was sent back (“Sponsor change”): the project manager must revise it before the handoff can be acknowledged; 1 open risk still awaits a decision.");
    expect(acknowledgementTerms([{ status: "REJECTED", title: "Sponsor change" }])).toBe("1 risk was sent back (“Sponsor change”): the project manager must revise it before the handoff can be acknowledged.");
    expect(acknowledgementTerms([{ status: "ACCEPTED", title: "Data volume" }])).toBe("By acknowledging, the delivery lead accepts this handoff; every risk is already accepted.");
  });
});

describe("validation messages", () => {
  it("name the field that is too long instead of zod's wording", () => {
    const long = "x".repeat(2001);
    for (const [input, message] of [
      [{ type: "REQUEST_CHANGES", stage: "INTAKE", comment: long }, "Keep the comment under 2,000 characters."],
      [{ type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "scope_confirmed", note: long }, "Keep the note under 2,000 characters."],
      [{ type: "LOG_SCOPE_CHANGE", description: long }, "Keep the scope change under 2,000 characters."],
      [{ type: "SCHEDULE_KICKOFF", date: "soon" }, "Enter the kickoff date as YYYY-MM-DD."],
    ] as const) {
      expect(() => parseInput(commandSchema, input), message).toThrow(message);
    }
  });
});

describe("scope changes", () => {
  it("are logged by the assigned PM, the assigned delivery lead or a PS leader, at any stage", () => {
    const change = { type: "LOG_SCOPE_CHANGE", description: "Client added a second region" } as const;
    expect(allowedOnly(state("DELIVERY_WORKSPACE", "IN_PROGRESS"), change)).toEqual(["lead", "leader", "pm"]);
    expect(allowedOnly(state("KICKOFF_QA", "IN_PROGRESS"), change)).toEqual(["lead", "leader", "pm"]);
    expect(outcome(state("KICKOFF_QA", "APPROVED", { status: "COMPLETED" }), "pm", change)).toBe("CONFLICT");
  });
});

describe("allowedCommands", () => {
  it("offers the assigned PM exactly what the rules allow on a gate awaiting them", () => {
    const s = state("IMPLEMENTATION_BRIEF", "AWAITING_APPROVAL", {}, "u-leader");
    expect([...allowedCommands(s, PEOPLE.pm)].sort()).toEqual(["APPROVE_GATE", "LOG_SCOPE_CHANGE", "REQUEST_CHANGES"]);
  });

  it("offers start on a ready stage and evidence capture once started", () => {
    expect([...allowedCommands(state("DELIVERY_WORKSPACE", "NOT_STARTED"), PEOPLE.pm)].sort()).toEqual(["LOG_SCOPE_CHANGE", "START_STAGE"]);
    expect([...allowedCommands(state("DELIVERY_WORKSPACE", "IN_PROGRESS"), PEOPLE.pm)].sort()).toEqual(["CAPTURE_EVIDENCE", "LOG_SCOPE_CHANGE"]);
  });
});

describe("evidence links", () => {
  const capture = (url: string) => commandSchema.safeParse({ type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "scope_confirmed", url });
  it("accept web links only: javascript:, data: and other schemes are refused with a clear message", () => {
    expect(capture("https://app.hubspot.com/contacts/1/record/0-3/2").success).toBe(true);
    expect(capture("http://intranet.example/wiki").success).toBe(true);
    for (const bad of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,hi", "vbscript:x", "//evil.example", "https://", "ftp://files.example"]) {
      const parsed = capture(bad);
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues[0].message).toBe("Give a web link that starts with https:// or http://.");
    }
  });
});

describe("kickoff dates", () => {
  it("are refused more than two years ahead, as a typo", () => {
    expect(latestKickoffDay(new Date("2026-12-03T12:00:00Z")) >= "2028-12-03").toBe(true);
    expect(latestKickoffDay(new Date("2026-12-03T12:00:00Z")) < "2029-01-01").toBe(true);
  });
});
