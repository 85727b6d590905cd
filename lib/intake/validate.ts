import { z } from "zod";
import type { RiskLevel } from "../db/generated/enums.ts";
import type { IntakeIssue } from "./issues.ts";
import { FIELD_FORMAT_HELP, FIELD_KIND, type FieldRule, type IntakeFieldKey, type IntakePolicy } from "./policy.ts";
import { mostSevere } from "../rules/severity.ts";

/**
 * Validation of a closed-won deal against the intake policy. The policy is turned
 * into a zod schema (one entry per mandatory field, with that field's rules), the
 * deal's CRM properties are parsed with it, and every problem becomes an
 * IntakeIssue that names the field and says exactly what is wrong.
 */

export interface IntakeRisk {
  title: string;
  severity: RiskLevel;
  likelihood: RiskLevel;
  owner: string | null;
  mitigation: string | null;
}

export interface IntakeMilestone {
  date: string;
  name: string;
  owner: string | null;
}

export interface IntakeData {
  scope_in: string[];
  scope_out: string[];
  commercial_terms: string | null;
  amount: number | null;
  dependencies: { description: string; party: string }[];
  promised_kickoff_date: string | null;
  milestones: IntakeMilestone[];
  critical_risks: IntakeRisk[];
}

export interface IntakeResult {
  data: IntakeData;
  issues: IntakeIssue[];
}

const LEVELS: Record<string, RiskLevel> = { low: "LOW", medium: "MEDIUM", med: "MEDIUM", high: "HIGH", critical: "CRITICAL" };
const SEPARATOR = /\s+[—–-]\s+/;

const lines = (raw: string) =>
  raw
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*[-*•]\s*/, "").trim())
    .filter(Boolean);

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

interface Parsed {
  value: unknown;
  problems: string[];
}

/** Parses one field's raw CRM value under its rule: the value that parsed, and every problem. */
function parseField(rule: FieldRule, input: unknown, today: string): Parsed {
  const raw = input === null || input === undefined ? "" : String(input).trim();
  const problems: string[] = [];
  const kind = FIELD_KIND[rule.key];
  const emptyValue = kind === "text" || kind === "amount" || kind === "date" ? null : [];
  if (!raw) {
    if (rule.required) problems.push(`Missing: ${FIELD_FORMAT_HELP[rule.key].replace(/\.$/, "")}.`);
    return { value: emptyValue, problems };
  }
  const enoughItems = (count: number, noun: string) => {
    if (rule.minItems > 0 && count > 0 && count < rule.minItems) {
      problems.push(`Needs at least ${rule.minItems} ${noun}${rule.minItems === 1 ? "" : "s"}; found ${count}.`);
    }
  };

  switch (kind) {
    case "list": {
      if (rule.key === "dependencies") {
        const deps = lines(raw).map((l) => {
          const [description, party] = l.split(SEPARATOR);
          return { description: description.trim(), party: party?.trim() ?? "" };
        });
        enoughItems(deps.length, "dependency");
        return { value: deps, problems };
      }
      const items = lines(raw);
      enoughItems(items.length, "item");
      return { value: items, problems };
    }

    case "text":
      if (rule.minLength > 0 && raw.length < rule.minLength) {
        problems.push(`Too short to be useful (${raw.length} characters; at least ${rule.minLength}).`);
      }
      return { value: raw, problems };

    case "amount": {
      const amount = Number(raw.replace(/[, ]/g, ""));
      if (!Number.isFinite(amount)) return { value: null, problems: [`“${raw}” is not a number.`] };
      if (!isStorableAmount(amount)) return { value: null, problems: [`${raw} is not a plausible deal amount (at most ${MAX_DEAL_AMOUNT.toLocaleString("en-US")}).`] };
      if (amount < rule.minAmount) problems.push(`${amount} is below the minimum of ${rule.minAmount}.`);
      return { value: amount, problems };
    }

    case "date": {
      const date = raw.slice(0, 10);
      if (!isIsoDate(date)) return { value: null, problems: [`“${raw}” is not a date (use YYYY-MM-DD).`] };
      if (rule.notInPast && date < today) problems.push(`${date} is in the past.`);
      return { value: date, problems };
    }

    case "milestones": {
      const out: IntakeMilestone[] = [];
      for (const line of lines(raw)) {
        const [date, name, owner] = line.split(SEPARATOR).map((p) => p.trim());
        if (!date || !isIsoDate(date) || !name) {
          problems.push(`“${line}” is not “YYYY-MM-DD — milestone — owner”.`);
          continue;
        }
        if (rule.notInPast && date < today) problems.push(`Milestone “${name}” is dated ${date}, in the past.`);
        out.push({ date, name, owner: owner || null });
      }
      enoughItems(out.length, "milestone");
      return { value: out, problems };
    }

    case "risks": {
      const out: IntakeRisk[] = [];
      for (const line of lines(raw)) {
        const [title, severity, likelihood, owner, mitigation] = line.split("|").map((p) => p.trim());
        const sev = LEVELS[severity?.toLowerCase() ?? ""];
        const lik = LEVELS[likelihood?.toLowerCase() ?? ""];
        if (!title || !sev || !lik) {
          problems.push(`“${line}” is not “title | severity | likelihood | owner | mitigation” with low, medium, high or critical.`);
          continue;
        }
        if (rule.requireOwnerAndMitigation && !owner) problems.push(`Risk “${title}” has no owner.`);
        if (rule.requireOwnerAndMitigation && !mitigation) problems.push(`Risk “${title}” has no mitigation.`);
        out.push({ title, severity: sev, likelihood: lik, owner: owner || null, mitigation: mitigation || null });
      }
      enoughItems(out.length, "risk");
      return { value: out, problems };
    }
  }
}

function fieldSchema(rule: FieldRule, today: string) {
  return z.unknown().transform((input, ctx) => {
    const parsed = parseField(rule, input, today);
    for (const message of parsed.problems) ctx.addIssue({ code: "custom", message });
    return parsed.value;
  });
}

/** The zod schema for a policy: CRM properties in, typed intake data out. */
export function buildIntakeSchema(policy: IntakePolicy, today: string) {
  const shape = Object.fromEntries(policy.fields.map((rule) => [rule.key, fieldSchema(rule, today)]));
  return z.object(shape);
}

const EMPTY: IntakeData = {
  scope_in: [],
  scope_out: [],
  commercial_terms: null,
  amount: null,
  dependencies: [],
  promised_kickoff_date: null,
  milestones: [],
  critical_risks: [],
};

/** The largest amount a deal can carry (the amount columns are DECIMAL(14, 2)). */
export const MAX_DEAL_AMOUNT = 999_999_999_999.99;

/** A finite amount the database can hold; anything else (1e308, say) is not a real deal's amount. */
export function isStorableAmount(amount: number): boolean {
  return Number.isFinite(amount) && Math.abs(amount) <= MAX_DEAL_AMOUNT;
}

/** A CRM amount as stored: the number, or null when it is missing or not a storable amount. */
export function storableAmount(raw: string | null | undefined): number | null {
  if (!raw) return null;
  const amount = Number(raw);
  return isStorableAmount(amount) ? amount : null;
}

/**
 * Validates a deal's CRM properties. `asOf` is the day dates are judged against
 * (the close date for a fresh deal), so re-validating an old deal is stable.
 */
export function validateIntake(policy: IntakePolicy, properties: Record<string, unknown>, asOf: Date): IntakeResult {
  const today = asOf.toISOString().slice(0, 10);
  const input = Object.fromEntries(policy.fields.map((rule) => [rule.key, properties[rule.property]]));
  const schema = buildIntakeSchema(policy, today);
  const result = schema.safeParse(input);
  const labels = new Map(policy.fields.map((f) => [f.key, f.label]));

  if (result.success) return { data: { ...EMPTY, ...(result.data as Partial<IntakeData>) }, issues: [] };

  // Every problem, and still the entries that did parse, field by field.
  const issues: IntakeIssue[] = result.error.issues.map((issue) => {
    const field = String(issue.path[0]) as IntakeFieldKey;
    return { field, label: labels.get(field) ?? field, problem: issue.message };
  });
  const data = { ...EMPTY };
  for (const rule of policy.fields) (data as Record<string, unknown>)[rule.key] = parseField(rule, input[rule.key], today).value;
  return { data, issues };
}

/** The highest severity among the deal's risks decides the handoff's risk level. */
export function riskLevelOf(data: IntakeData): RiskLevel {
  return mostSevere(data.critical_risks.map((r) => r.severity));
}
