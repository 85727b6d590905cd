import { z } from "zod";
import { RISK_LEVELS, severityRank } from "../rules/severity.ts";

/**
 * The intake policy: which CRM deal properties carry the mandatory closed-won data,
 * and the rules each must satisfy. It is configuration, edited by RevOps in the app
 * and stored as immutable versions (PolicyVersion, kind INTAKE_POLICY); every intake
 * decision records the version it used.
 */

export const INTAKE_FIELDS = [
  "scope_in",
  "scope_out",
  "commercial_terms",
  "amount",
  "dependencies",
  "promised_kickoff_date",
  "milestones",
  "critical_risks",
] as const;

export type IntakeFieldKey = (typeof INTAKE_FIELDS)[number];

export const FIELD_KIND: Record<IntakeFieldKey, "list" | "text" | "amount" | "date" | "milestones" | "risks"> = {
  scope_in: "list",
  scope_out: "list",
  commercial_terms: "text",
  amount: "amount",
  dependencies: "list",
  promised_kickoff_date: "date",
  milestones: "milestones",
  critical_risks: "risks",
};

export const FIELD_FORMAT_HELP: Record<IntakeFieldKey, string> = {
  scope_in: "One item per line.",
  scope_out: "One item per line.",
  commercial_terms: "Free text: fee model, payment schedule, billing terms.",
  amount: "The deal amount.",
  dependencies: "One per line: what is needed — who provides it.",
  promised_kickoff_date: "A date, YYYY-MM-DD.",
  milestones: "One per line: YYYY-MM-DD — milestone — owner.",
  critical_risks: "One per line: title | severity | likelihood | owner | mitigation (severity and likelihood: low, medium, high, critical).",
};

const propertyName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,99}$/, "A HubSpot internal property name: lowercase letters, digits and underscores.");

export const fieldRuleSchema = z.object({
  key: z.enum(INTAKE_FIELDS),
  label: z.string().trim().min(2).max(80),
  property: propertyName,
  required: z.boolean(),
  /** Lists, milestones and risks: the fewest entries accepted. */
  minItems: z.number().int().min(0).max(50).default(0),
  /** Text: the shortest answer accepted. */
  minLength: z.number().int().min(0).max(5000).default(0),
  /** Dates (promised kickoff, milestone dates): must not be before the deal closed. */
  notInPast: z.boolean().default(false),
  /** Amount: the smallest amount accepted. */
  minAmount: z.number().min(0).default(0),
  /** Risks: each must name an owner and a mitigation. */
  requireOwnerAndMitigation: z.boolean().default(false),
});

export type FieldRule = z.infer<typeof fieldRuleSchema>;

export const intakePolicySchema = z
  .object({
    /** Deal stages that count as closed-won, per pipeline id. */
    closedWonStages: z
      .record(z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1))
      .refine((r) => Object.keys(r).length > 0, "Name at least one pipeline and its closed-won stage."),
    fields: z.array(fieldRuleSchema).min(1),
    /** Overrides above these need a second, different approver. */
    materiality: z.object({
      amountThreshold: z.number().min(0),
      severityThreshold: z.enum(RISK_LEVELS),
    }),
  })
  .superRefine((policy, ctx) => {
    const keys = new Set<string>();
    for (const [i, field] of policy.fields.entries()) {
      if (keys.has(field.key)) ctx.addIssue({ code: "custom", path: ["fields", i, "key"], message: `${field.label} appears twice.` });
      keys.add(field.key);
    }
  });

export type IntakePolicy = z.infer<typeof intakePolicySchema>;

export const DEFAULT_INTAKE_POLICY: IntakePolicy = {
  closedWonStages: { default: ["closedwon"], enterprise: ["closedwon"] },
  fields: [
    { key: "scope_in", label: "In-scope items", property: "scope_in", required: true, minItems: 1, minLength: 0, notInPast: false, minAmount: 0, requireOwnerAndMitigation: false },
    { key: "scope_out", label: "Out-of-scope items", property: "scope_out", required: true, minItems: 1, minLength: 0, notInPast: false, minAmount: 0, requireOwnerAndMitigation: false },
    { key: "commercial_terms", label: "Commercial terms", property: "commercial_terms", required: true, minItems: 0, minLength: 20, notInPast: false, minAmount: 0, requireOwnerAndMitigation: false },
    { key: "amount", label: "Deal amount", property: "amount", required: true, minItems: 0, minLength: 0, notInPast: false, minAmount: 1, requireOwnerAndMitigation: false },
    { key: "dependencies", label: "Dependencies", property: "dependencies", required: true, minItems: 1, minLength: 0, notInPast: false, minAmount: 0, requireOwnerAndMitigation: false },
    { key: "promised_kickoff_date", label: "Promised kickoff date", property: "promised_kickoff_date", required: true, minItems: 0, minLength: 0, notInPast: true, minAmount: 0, requireOwnerAndMitigation: false },
    { key: "milestones", label: "Promised milestones", property: "milestones", required: true, minItems: 1, minLength: 0, notInPast: true, minAmount: 0, requireOwnerAndMitigation: false },
    { key: "critical_risks", label: "Critical risks", property: "critical_risks", required: true, minItems: 1, minLength: 0, notInPast: false, minAmount: 0, requireOwnerAndMitigation: true },
  ],
  materiality: { amountThreshold: 100_000, severityThreshold: "HIGH" },
};

export function isClosedWon(policy: IntakePolicy, pipeline: string | null | undefined, stage: string | null | undefined): boolean {
  if (!pipeline || !stage) return false;
  return policy.closedWonStages[pipeline]?.includes(stage) ?? false;
}

/**
 * What a new policy relaxes compared with the one in force, one sentence each: anything that
 * lets a deal through that would have been stopped, or lets an override skip its second
 * approver. A policy that relaxes something waits for a second person's approval.
 */
export function policyRelaxations(current: IntakePolicy, next: IntakePolicy): string[] {
  const found: string[] = [];
  const money = (n: number) => n.toLocaleString("en-US");
  if (next.materiality.amountThreshold > current.materiality.amountThreshold) {
    found.push(`Materiality threshold raised from ${money(current.materiality.amountThreshold)} to ${money(next.materiality.amountThreshold)}.`);
  }
  if (severityRank(next.materiality.severityThreshold) > severityRank(current.materiality.severityThreshold)) {
    found.push(`Materiality severity raised from ${current.materiality.severityThreshold.toLowerCase()} to ${next.materiality.severityThreshold.toLowerCase()}.`);
  }
  for (const [pipeline, stages] of Object.entries(next.closedWonStages)) {
    for (const stage of stages) {
      if (!current.closedWonStages[pipeline]?.includes(stage)) found.push(`Stage “${stage}” of pipeline “${pipeline}” now counts as closed-won.`);
    }
  }
  for (const was of current.fields) {
    const now = next.fields.find((f) => f.key === was.key);
    if (!now) {
      if (was.required) found.push(`${was.label} is no longer checked.`);
      continue;
    }
    if (was.required && !now.required) found.push(`${was.label} is no longer required.`);
    if (now.property !== was.property) found.push(`${was.label} is read from “${now.property}” instead of “${was.property}”.`);
    if (now.minItems < was.minItems) found.push(`${was.label}: at least ${now.minItems} instead of ${was.minItems} entries.`);
    if (now.minLength < was.minLength) found.push(`${was.label}: at least ${now.minLength} instead of ${was.minLength} characters.`);
    if (now.minAmount < was.minAmount) found.push(`${was.label}: at least ${money(now.minAmount)} instead of ${money(was.minAmount)}.`);
    if (was.notInPast && !now.notInPast) found.push(`${was.label} may now lie in the past.`);
    if (was.requireOwnerAndMitigation && !now.requireOwnerAndMitigation) found.push(`${was.label} no longer need an owner and a mitigation.`);
  }
  return found;
}
