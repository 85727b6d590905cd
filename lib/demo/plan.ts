import type { Prisma } from "../db/generated/client.ts";
import type { HandoffStatus, OverrideClassification, RiskLevel, StageKey, StageStatus } from "../db/generated/enums.ts";
import type { IntakeIssue } from "../intake/issues.ts";
import { DEFAULT_INTAKE_POLICY, type IntakeFieldKey } from "../intake/policy.ts";
import { RISK_LEVELS, severityRank } from "../rules/severity.ts";
import type { Assignments } from "../rules/waiting-on.ts";
import {
  ASSUMPTIONS, COMMERCIAL_CUSTOMERS, COMMITMENTS, CONTACT_FIRST, CONTACT_LAST, DECISIONS, DEPENDENCIES, MILESTONES,
  PROJECT_TYPES, PUBLIC_CUSTOMERS, RISKS, type ProjectType,
} from "./catalogue.ts";
import { LEAD_WEIGHTS, PM_WEIGHTS, type Person, type Staff, type Team } from "./people.ts";
import type { Random } from "./random.ts";
import { DAY, isoDate, MINUTE, ms, nineUtc, onWeekday, plus, WINDOW_DAYS } from "./time.ts";

/**
 * The plan of the demo's handoffs: for each closed-won deal, its customer, people, amount, risk
 * and what sales promised. Everything is drawn from one seeded stream (random.ts), in a fixed
 * order, so the same `now` always gives the same plan.
 */

/**
 * The intake policy in force in the demo. The seed saves no policy version, so the app applies its
 * built-in default, and so does the seed: for materiality, the mandatory fields the completeness
 * score counts, and the labels of intake issues.
 */
export const DEMO_POLICY = DEFAULT_INTAKE_POLICY;

const HUBSPOT_PORTAL = "24180345";

/** A critical risk as sales recorded it: owned by one of our people, by a named client-side person, or (a validation failure) by nobody. */
export interface RiskDraft {
  id: string;
  title: string;
  description: string;
  severity: RiskLevel;
  likelihood: RiskLevel;
  owner: Person | null;
  ownerName: string | null;
  mitigation: string;
}

/** What sales wrote down for the deal, drawn from the catalogue. */
export interface Content {
  contact: string;
  scopeIn: string[];
  scopeOut: string[];
  terms: string;
  risks: RiskDraft[];
  dependencies: (typeof DEPENDENCIES)[number][];
  assumptions: string[];
  commitments: (typeof COMMITMENTS)[number][];
  milestones: (typeof MILESTONES)[number][];
  constraints: ProjectType["constraints"][number][];
  decisions: (typeof DECISIONS)[number][];
}

/**
 * The plan of one handoff: the deal, its people and content, and where it stands today (filled in
 * by progress.ts, and overrides.ts for the exceptions). Rows are made from it (rows.ts).
 */
export interface Plan {
  id: string;
  dealId: string;
  title: string;
  customer: string;
  team: Team;
  pipeline: string;
  amount: number;
  riskLevel: RiskLevel;
  pilotCohort: boolean;
  closedWonAt: Date;
  createdAt: Date;
  promisedKickoffAt: Date;
  sourceId: string;
  sourceUrl: string;
  psLeader: Person;
  projectManager: Person;
  revOps: Person;
  deliveryLead: Person;
  salesOwner: Person;
  content: Content;
  stageIndex: number;
  stageStatus: StageStatus;
  status: HandoffStatus;
  /** Who works the current stage (starts it, captures evidence, submits the gate). */
  currentWorker: Person | null;
  /** What intake validation found when the deal was captured (kept by an override). */
  capturedIssues: IntakeIssue[];
  /** Chosen to be past its stage SLA: the timeline dates its stage so that it is. */
  overdue: boolean;
  override: OverrideDraft | null;
}

/** A policy exception on the handoff (overrides.ts). */
export interface OverrideDraft {
  id: string;
  kind: "INTAKE_VALIDATION" | "GATE_EVIDENCE";
  stageKey: StageKey;
  reason: string;
  bypassed: Prisma.InputJsonValue;
  material: boolean;
  pending: boolean;
  requestedBy: Person;
  confirmedBy: Person | null;
  classification: OverrideClassification;
  requestedAt: Date;
  confirmedAt: Date | null;
}

/** What every step of building the demo shares: the random stream, the id stream, the moment "now" and the people. */
export interface Ctx {
  rng: Random;
  newId: () => string;
  now: Date;
  staff: Staff;
}

function pickCustomer(team: Team, rng: Random): string {
  return rng.pick(team === "Public sector" ? PUBLIC_CUSTOMERS : COMMERCIAL_CUSTOMERS);
}

function pickAmount(team: Team, rng: Random): number {
  const [min, max] = team === "Enterprise" ? [150_000, 600_000] : team === "Mid-market" ? [20_000, 150_000] : [60_000, 400_000];
  return Math.round(rng.float(min, max) / 500) * 500;
}

function pickTerms(amount: number, rng: Random): string {
  return rng.weighted<string>([
    [`Fixed fee ${formatUsd(amount)}; 30% on signature, 40% at UAT sign-off, 30% at go-live; net 30.`, 5],
    [`Time and materials capped at ${formatUsd(amount)}; invoiced monthly, net 45.`, 3],
    [`Fixed fee ${formatUsd(amount)} in ${rng.int(3, 6)} monthly instalments; net 30.`, 2],
  ]);
}

function draftRisks(level: RiskLevel, people: { lead: Person; pm: Person }, contact: string, ctx: Ctx): RiskDraft[] {
  const { rng } = ctx;
  const max = severityRank(level);
  return rng.sample(RISKS, rng.int(1, 4)).map((risk, i) => {
    const ownedByUs = rng.chance(0.6);
    return {
      id: ctx.newId(),
      ...risk,
      // The handoff's risk level is its worst risk.
      severity: i === 0 ? level : RISK_LEVELS[rng.int(0, max)],
      likelihood: rng.weighted<RiskLevel>([["LOW", 3], ["MEDIUM", 4], ["HIGH", 2]]),
      owner: ownedByUs ? rng.pick([people.lead, people.pm]) : null,
      ownerName: ownedByUs ? null : rng.chance(0.5) ? contact : "Client IT lead",
    };
  });
}

function draftContent(project: ProjectType, level: RiskLevel, amount: number, people: { lead: Person; pm: Person }, ctx: Ctx): Content {
  const { rng } = ctx;
  const contact = `${rng.pick(CONTACT_FIRST)} ${rng.pick(CONTACT_LAST)}`;
  const middle = MILESTONES.slice(1, -1).filter((m) => m.name !== "First 30 days review");
  const milestones = [MILESTONES[0], MILESTONES[3], ...rng.sample(middle, rng.int(1, 3))].sort((a, b) => a.offsetDays - b.offsetDays);
  return {
    contact,
    scopeIn: rng.sample(project.inScope, rng.int(2, 4)),
    scopeOut: rng.sample(project.outOfScope, rng.int(1, 3)),
    terms: pickTerms(amount, rng),
    risks: draftRisks(level, people, contact, ctx),
    dependencies: rng.sample(DEPENDENCIES, rng.int(1, 3)),
    assumptions: rng.sample(ASSUMPTIONS, rng.int(1, 3)),
    commitments: rng.sample(COMMITMENTS, rng.int(2, 4)),
    milestones,
    constraints: rng.sample(project.constraints, rng.int(0, 2)),
    decisions: rng.sample(DECISIONS, rng.int(1, 3)),
  };
}

/**
 * Closed-won times on weekdays in US business hours, more of them in recent weeks.
 *
 * Here and below, random numbers are drawn whether or not a time-dependent branch
 * uses them: the stream must not depend on `now`, or the demo would change with the
 * hour it was started.
 */
export function closedWonTimes(count: number, ctx: Ctx): Date[] {
  const { rng, now } = ctx;
  return Array.from({ length: count }, () => {
    const ageDays = WINDOW_DAYS * Math.pow(rng.float(), 1.2);
    const d = onWeekday(plus(now, -ageDays * DAY), -1);
    d.setUTCHours(rng.int(14, 21), rng.int(0, 59), rng.int(0, 59), 0);
    const fallback = plus(now, -rng.int(30, 180) * MINUTE);
    return ms(d) < ms(now) - 30 * MINUTE ? d : fallback;
  }).sort((a, b) => ms(a) - ms(b));
}

export function createPlan(index: number, closedWonAt: Date, usedTitles: Set<string>, ctx: Ctx): Plan {
  const { rng, staff } = ctx;
  const projectManager = staff.get(rng.weighted(PM_WEIGHTS));
  const team = projectManager.team;
  const psLeader = staff.get(team === "Mid-market" || (team === "Public sector" && rng.chance(0.2)) ? "leader2@demo.local" : "leader@demo.local");
  const salesOwner = staff.get(
    team === "Enterprise" ? (rng.chance(0.85) ? "sales@demo.local" : "sales2@demo.local")
    : team === "Mid-market" ? (rng.chance(0.75) ? "sales2@demo.local" : "sales@demo.local")
    : rng.pick(["sales@demo.local", "sales2@demo.local"]),
  );
  const deliveryLead = staff.get(rng.weighted(LEAD_WEIGHTS));

  let customer = pickCustomer(team, rng);
  let project = rng.pick(PROJECT_TYPES);
  while (usedTitles.has(`${customer}|${project.name}`)) {
    customer = pickCustomer(team, rng);
    project = rng.pick(PROJECT_TYPES);
  }
  usedTitles.add(`${customer}|${project.name}`);

  const amount = pickAmount(team, rng);
  const riskLevel = rng.weighted<RiskLevel>([["LOW", 34], ["MEDIUM", 42], ["HIGH", 20], ["CRITICAL", 4]]);
  // Unique by construction: each handoff owns its own block of ids.
  const sourceId = String(19_400_000_000 + index * 104_729 + rng.int(0, 99_000));
  const projectName = project.name[0].toUpperCase() + project.name.slice(1);

  return {
    id: ctx.newId(),
    dealId: ctx.newId(),
    title: `${customer} — ${projectName}`,
    customer,
    team,
    pipeline: team === "Enterprise" ? (rng.chance(0.85) ? "enterprise" : "default") : rng.chance(0.9) ? "default" : "enterprise",
    amount,
    riskLevel,
    pilotCohort: false,
    closedWonAt,
    createdAt: plus(closedWonAt, rng.int(2, 25) * MINUTE),
    promisedKickoffAt: nineUtc(onWeekday(plus(closedWonAt, rng.int(10, 30) * DAY), 1)),
    sourceId,
    sourceUrl: `https://app.hubspot.com/contacts/${HUBSPOT_PORTAL}/record/0-3/${sourceId}`,
    psLeader,
    projectManager,
    revOps: staff.get("revops@demo.local"),
    deliveryLead,
    salesOwner,
    content: draftContent(project, riskLevel, amount, { lead: deliveryLead, pm: projectManager }, ctx),
    stageIndex: 0,
    stageStatus: "IN_PROGRESS",
    status: "IN_PROGRESS",
    currentWorker: null,
    capturedIssues: [],
    overdue: false,
    override: null,
  };
}

/** Who works a stage (starts it, captures evidence, submits the gate). */
export function workerFor(stageKey: StageKey, plan: Plan, rng: Random): Person {
  if (stageKey === "INTAKE") return rng.chance(0.85) ? plan.revOps : plan.projectManager;
  if (stageKey === "ACKNOWLEDGEMENT") return plan.deliveryLead;
  return rng.chance(0.65) ? plan.projectManager : plan.psLeader;
}

/** The handoff's assignments, as the domain's rules (waitingOnFor) take them. */
export function assignmentsOf(plan: Plan): Assignments {
  return { psLeaderId: plan.psLeader.id, projectManagerId: plan.projectManager.id, revOpsId: plan.revOps.id, deliveryLeadId: plan.deliveryLead.id };
}

// ───────────────────────── what intake validation found ─────────────────────────

/** The mandatory fields a demo deal can fail on (the amount never does). */
export type IssueField = Exclude<IntakeFieldKey, "amount">;
const ISSUE_FIELDS: readonly IssueField[] = ["scope_out", "promised_kickoff_date", "critical_risks", "commercial_terms", "dependencies", "milestones", "scope_in"];

export function intakeIssues(plan: Plan, count: number, rng: Random): IntakeIssue[] {
  return rng.sample(ISSUE_FIELDS, count).map((field) => intakeIssue(field, plan));
}

/** One validation failure, labelled as the policy labels the field; the captured deal properties are derived to match it. */
function intakeIssue(field: IssueField, plan: Plan): IntakeIssue {
  const label = DEMO_POLICY.fields.find((f) => f.key === field)?.label ?? field;
  return { field, label, problem: intakeProblem(field, plan) };
}

function intakeProblem(field: IssueField, plan: Plan): string {
  switch (field) {
    case "scope_out":
      return "Missing: list what is explicitly not included.";
    case "promised_kickoff_date":
      return `${typoKickoffDate(plan)} is in the past.`;
    case "critical_risks": {
      const risk = plan.content.risks[0];
      risk.owner = null;
      risk.ownerName = null;
      return `Risk “${risk.title}” has no owner.`;
    }
    case "commercial_terms":
      return "Missing: payment schedule and billing model.";
    case "dependencies":
      return "Missing: name what the client must provide and by when.";
    case "milestones":
      return "Missing: at least one milestone with a date.";
    case "scope_in":
      return "Too vague: “Implementation services”. List the deliverables.";
  }
}

/** Sales typed last year: the most common way a kickoff date ends up in the past. */
export function typoKickoffDate(plan: Plan): string {
  const d = new Date(plan.promisedKickoffAt);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return isoDate(d);
}

function formatUsd(amount: number): string {
  return `$${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
}
