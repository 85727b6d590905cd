import { describe, expect, it } from "vitest";
import { DEFAULT_INTAKE_POLICY, intakePolicySchema, isClosedWon, policyRelaxations, type IntakePolicy } from "./policy.ts";
import { riskLevelOf, validateIntake } from "./validate.ts";

const CLOSED = new Date("2026-11-24T10:00:00Z");

const COMPLETE = {
  scope_in: "Salesforce CPQ configuration\nQuote templates",
  scope_out: "Data migration from the legacy ERP",
  commercial_terms: "Fixed fee; 40% on signature, 60% on go-live; net 30.",
  amount: "180000",
  dependencies: "Sandbox access — Client IT\nProduct catalogue export — Client finance",
  promised_kickoff_date: "2026-12-07",
  milestones: "2026-12-07 — Kickoff — Marco Rossi\n2027-01-15 — Solution design signed off — Dana Kim",
  critical_risks: "Data volume unknown | high | medium | Client IT | Sample extract in week 1",
};

const problems = (props: Record<string, unknown>, policy: IntakePolicy = DEFAULT_INTAKE_POLICY) =>
  validateIntake(policy, props, CLOSED).issues.map((i) => `${i.label}: ${i.problem}`);

describe("validateIntake", () => {
  it("accepts a complete deal and returns typed data", () => {
    const { issues, data } = validateIntake(DEFAULT_INTAKE_POLICY, COMPLETE, CLOSED);
    expect(issues).toEqual([]);
    expect(data.scope_in).toEqual(["Salesforce CPQ configuration", "Quote templates"]);
    expect(data.dependencies[1]).toEqual({ description: "Product catalogue export", party: "Client finance" });
    expect(data.milestones[1]).toEqual({ date: "2027-01-15", name: "Solution design signed off", owner: "Dana Kim" });
    expect(data.critical_risks[0]).toMatchObject({ title: "Data volume unknown", severity: "HIGH", likelihood: "MEDIUM", owner: "Client IT" });
    expect(data.amount).toBe(180000);
    expect(riskLevelOf(data)).toBe("HIGH");
  });

  it("names every missing mandatory field", () => {
    expect(problems({})).toEqual([
      "In-scope items: Missing: One item per line.",
      "Out-of-scope items: Missing: One item per line.",
      "Commercial terms: Missing: Free text: fee model, payment schedule, billing terms.",
      "Deal amount: Missing: The deal amount.",
      "Dependencies: Missing: One per line: what is needed — who provides it.",
      "Promised kickoff date: Missing: A date, YYYY-MM-DD.",
      "Promised milestones: Missing: One per line: YYYY-MM-DD — milestone — owner.",
      "Critical risks: Missing: One per line: title | severity | likelihood | owner | mitigation (severity and likelihood: low, medium, high, critical).",
    ]);
  });

  it("treats blank values as missing", () => {
    expect(problems({ ...COMPLETE, scope_out: "   \n " })).toEqual(["Out-of-scope items: Missing: One item per line."]);
  });

  it("checks formats: dates, amounts, milestone and risk lines", () => {
    expect(problems({ ...COMPLETE, promised_kickoff_date: "next month" })).toEqual(["Promised kickoff date: “next month” is not a date (use YYYY-MM-DD)."]);
    expect(problems({ ...COMPLETE, promised_kickoff_date: "2026-02-30" })).toEqual(["Promised kickoff date: “2026-02-30” is not a date (use YYYY-MM-DD)."]);
    expect(problems({ ...COMPLETE, amount: "lots" })).toEqual(["Deal amount: “lots” is not a number."]);
    expect(problems({ ...COMPLETE, milestones: "Kickoff soon" })).toEqual(["Promised milestones: “Kickoff soon” is not “YYYY-MM-DD — milestone — owner”."]);
    expect(problems({ ...COMPLETE, critical_risks: "Scope creep | huge | medium | PM | Weekly review" })).toEqual([
      "Critical risks: “Scope creep | huge | medium | PM | Weekly review” is not “title | severity | likelihood | owner | mitigation” with low, medium, high or critical.",
    ]);
  });

  it("refuses dates in the past, judged from the day the deal closed", () => {
    expect(problems({ ...COMPLETE, promised_kickoff_date: "2026-09-01" })).toEqual(["Promised kickoff date: 2026-09-01 is in the past."]);
    expect(problems({ ...COMPLETE, milestones: "2026-10-01 — Kickoff — Marco" })).toEqual(["Promised milestones: Milestone “Kickoff” is dated 2026-10-01, in the past."]);
  });

  it("requires an owner and a mitigation on every critical risk", () => {
    expect(problems({ ...COMPLETE, critical_risks: "Sponsor change | high | medium |  | " })).toEqual([
      "Critical risks: Risk “Sponsor change” has no owner.",
      "Critical risks: Risk “Sponsor change” has no mitigation.",
    ]);
  });

  it("applies thresholds from the policy", () => {
    const strict: IntakePolicy = {
      ...DEFAULT_INTAKE_POLICY,
      fields: DEFAULT_INTAKE_POLICY.fields.map((f) =>
        f.key === "amount" ? { ...f, minAmount: 250000 } : f.key === "scope_in" ? { ...f, minItems: 3 } : f.key === "commercial_terms" ? { ...f, minLength: 100 } : f,
      ),
    };
    expect(problems(COMPLETE, strict)).toEqual([
      "In-scope items: Needs at least 3 items; found 2.",
      "Commercial terms: Too short to be useful (52 characters; at least 100).",
      "Deal amount: 180000 is below the minimum of 250000.",
    ]);
  });

  it("follows the policy's property mapping and optional fields", () => {
    const mapped: IntakePolicy = {
      ...DEFAULT_INTAKE_POLICY,
      fields: DEFAULT_INTAKE_POLICY.fields.map((f) => (f.key === "scope_out" ? { ...f, property: "exclusions" } : f.key === "dependencies" ? { ...f, required: false } : f)),
    };
    const { scope_out: _unused, dependencies: _deps, ...rest } = COMPLETE;
    expect(problems({ ...rest, exclusions: "Training" }, mapped)).toEqual([]);
    expect(validateIntake(mapped, { ...rest, exclusions: "Training" }, CLOSED).data.scope_out).toEqual(["Training"]);
  });

  it("keeps what did parse when other parts are invalid", () => {
    const { data } = validateIntake(DEFAULT_INTAKE_POLICY, { ...COMPLETE, critical_risks: "Good one | low | low | PM | Watch\nBad one | ??? | low | PM | x" }, CLOSED);
    expect(data.critical_risks.map((r) => r.title)).toEqual(["Good one"]);
    expect(data.scope_in).toHaveLength(2);
  });
});

describe("intake policy", () => {
  it("knows which stages are closed-won per pipeline", () => {
    expect(isClosedWon(DEFAULT_INTAKE_POLICY, "default", "closedwon")).toBe(true);
    expect(isClosedWon(DEFAULT_INTAKE_POLICY, "default", "contractsent")).toBe(false);
    expect(isClosedWon(DEFAULT_INTAKE_POLICY, "unknown", "closedwon")).toBe(false);
  });

  it("rejects a policy with a field twice or a bad property name", () => {
    const twice = intakePolicySchema.safeParse({ ...DEFAULT_INTAKE_POLICY, fields: [...DEFAULT_INTAKE_POLICY.fields, DEFAULT_INTAKE_POLICY.fields[0]] });
    expect(twice.success).toBe(false);
    const badName = intakePolicySchema.safeParse({ ...DEFAULT_INTAKE_POLICY, fields: [{ ...DEFAULT_INTAKE_POLICY.fields[0], property: "Scope In!" }] });
    expect(badName.success).toBe(false);
  });
});

describe("policyRelaxations", () => {
  const base = DEFAULT_INTAKE_POLICY;
  it("names every change that lets more through, and none for a stricter policy", () => {
    const field = base.fields.find((f) => f.key === "scope_in")!;
    const looser = {
      ...base,
      materiality: { amountThreshold: base.materiality.amountThreshold * 10, severityThreshold: "CRITICAL" as const },
      fields: base.fields.filter((f) => f.key !== "scope_out").map((f) => (f.key === "scope_in" ? { ...f, required: false, minItems: 0 } : f)),
    };
    const found = policyRelaxations(base, looser);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Materiality threshold raised"),
        expect.stringContaining("Materiality severity raised"),
        "Out-of-scope items is no longer checked.",
        `${field.label} is no longer required.`,
      ]),
    );
    const stricter = { ...base, materiality: { ...base.materiality, amountThreshold: 1 }, fields: base.fields.map((f) => ({ ...f, minItems: f.minItems + 1 })) };
    expect(policyRelaxations(base, stricter)).toEqual([]);
    expect(policyRelaxations(base, base)).toEqual([]);
  });
});
