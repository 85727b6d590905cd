import type { Prisma } from "../db/generated/client.ts";
import type { HandoffStatus, OverrideClassification, RiskLevel, Role, StageKey, StageStatus } from "../db/generated/enums.ts";
import type { PrismaClient } from "../db/client.ts";
import { hashPassword } from "../auth/password.ts";
import { STAGES, type EvidenceRequirement, type StageDefinition } from "../handoffs/stages.ts";
import { waitingOnFor } from "../handoffs/transition.ts";
import type { IntakeIssue } from "../intake/issues.ts";
import { promiseAccuracyOf, rubricScore } from "../rules/rubric.ts";
import type { FailurePattern, ReviewInput } from "../qa/runs.ts";
import { RISK_LEVELS } from "../rules/severity.ts";
import { isMaterial as isMaterialUnderPolicy } from "../handoffs/overrides.ts";
import { DEFAULT_INTAKE_POLICY } from "../intake/policy.ts";

/**
 * Realistic demo data for an empty database: thirteen people, a few hundred handoffs
 * spread over the last twelve weeks with their stages, evidence, approvals, promises
 * and audit history. Everything comes from one seeded PRNG, so the demo looks the
 * same on every run relative to `now`. Rows are built in memory and written with
 * `createMany` in one transaction: the embedded database pays per statement.
 */

export const DEMO_PASSWORD = "demo-password";

const SEED = 20_261_124;
const ID_SEED = 7_331;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WINDOW_DAYS = 84;
const BATCH = 500;
const HUBSPOT_PORTAL = "24180345";

type Team = "Enterprise" | "Mid-market" | "Public sector";

// ───────────────────────── deterministic randomness ─────────────────────────

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  int(min: number, max: number): number {
    return Math.floor(this.float(min, max + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, count));
  }

  /** Roughly normal noise (sum of three uniforms) with the given standard deviation. */
  noise(sd: number): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2 * sd;
  }
}

/** cuid-shaped ids from their own stream, so adding a row never reshuffles the data. */
function idFactory(seed: number): () => string {
  const rng = new Random(seed);
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  return () => {
    let id = "c";
    for (let i = 0; i < 24; i++) id += alphabet[rng.int(0, 35)];
    return id;
  };
}

// ───────────────────────── time ─────────────────────────

const ms = (d: Date) => d.getTime();
const plus = (d: Date, millis: number) => new Date(ms(d) + millis);
const earliest = (a: Date, b: Date) => (ms(a) <= ms(b) ? a : b);
const latest = (a: Date, b: Date) => (ms(a) >= ms(b) ? a : b);

/** The instant a fraction of the way from `from` to `to`. */
function between(from: Date, to: Date, fraction: number): Date {
  return new Date(ms(from) + Math.max(0, ms(to) - ms(from)) * fraction);
}

function onWeekday(d: Date, direction: 1 | -1): Date {
  const out = new Date(d);
  while (out.getUTCDay() === 0 || out.getUTCDay() === 6) out.setUTCDate(out.getUTCDate() + direction);
  return out;
}

/** Calendar dates are stored at 09:00 UTC, as the kickoff scheduler does. */
function nineUtc(d: Date): Date {
  const out = new Date(d);
  out.setUTCHours(9, 0, 0, 0);
  return out;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

function formatUsd(amount: number): string {
  return `$${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
}

// ───────────────────────── people ─────────────────────────

interface Person {
  id: string;
  email: string;
  name: string;
  role: Role;
  team: Team;
  slackUserId: string;
  /** The ClickUp stand-in knows the first six people; the others show up as unmapped owners. */
  clickupUserId: string | null;
  hubspotOwnerId: string;
}

const USERS: readonly Omit<Person, "id" | "slackUserId" | "clickupUserId" | "hubspotOwnerId">[] = [
  { email: "admin@demo.local", name: "Ada Admin", role: "ADMIN", team: "Enterprise" },
  { email: "leader@demo.local", name: "Priya Shah", role: "PS_LEADER", team: "Enterprise" },
  { email: "pm@demo.local", name: "Marco Rossi", role: "PROJECT_MANAGER", team: "Enterprise" },
  { email: "revops@demo.local", name: "Rita Okafor", role: "REVOPS", team: "Mid-market" },
  { email: "lead@demo.local", name: "Dana Kim", role: "DELIVERY_LEAD", team: "Enterprise" },
  { email: "sales@demo.local", name: "Sam Carter", role: "SALES", team: "Enterprise" },
  { email: "viewer@demo.local", name: "Victor Lang", role: "VIEWER", team: "Public sector" },
  { email: "pm2@demo.local", name: "Lena Fischer", role: "PROJECT_MANAGER", team: "Mid-market" },
  { email: "pm3@demo.local", name: "Omar Haddad", role: "PROJECT_MANAGER", team: "Public sector" },
  { email: "lead2@demo.local", name: "Tom Becker", role: "DELIVERY_LEAD", team: "Mid-market" },
  { email: "lead3@demo.local", name: "Aiko Tanaka", role: "DELIVERY_LEAD", team: "Public sector" },
  { email: "sales2@demo.local", name: "Nina Patel", role: "SALES", team: "Mid-market" },
  { email: "leader2@demo.local", name: "Ben Walsh", role: "PS_LEADER", team: "Mid-market" },
];

/** The Slack stand-in's workspace (lib/stand-ins/slack/seed.ts), where the demo people's Slack users are. */
const SLACK_SANDBOX_TEAM_ID = "T0SANDBOX1";

/** The primary demo users get the largest share of the work, so each login has plenty to see. */
const PM_WEIGHTS = [["pm@demo.local", 45], ["pm2@demo.local", 30], ["pm3@demo.local", 25]] as const;
const LEAD_WEIGHTS = [["lead@demo.local", 45], ["lead2@demo.local", 30], ["lead3@demo.local", 25]] as const;

class Staff {
  readonly all: Person[];

  constructor(newId: () => string) {
    this.all = USERS.map((u, i) => ({
      ...u,
      id: newId(),
      slackUserId: `U0SEED${String(i + 1).padStart(2, "0")}`,
      // Everyone is a member of the ClickUp stand-in (81000007 is a contractor, not one of our people).
      clickupUserId: String(i < 6 ? 81_000_001 + i : 81_000_002 + i),
      hubspotOwnerId: String(9_000_001 + i),
    }));
  }

  get(email: string): Person {
    const person = this.all.find((p) => p.email === email);
    if (!person) throw new Error(`No demo user ${email}`);
    return person;
  }
}

// ───────────────────────── catalog ─────────────────────────

const COMMERCIAL_CUSTOMERS = [
  "Northwind Health", "Contoso Logistics", "Fabrikam Manufacturing", "Tailspin Toys", "Wingtip Retail",
  "Adventure Works Cycles", "Litware Software", "Proseware Analytics", "Woodgrove Bank", "Fourth Coffee",
  "Alpine Ski House", "Coho Winery", "Lucerne Publishing", "Margie's Travel", "Trey Research",
  "Blue Yonder Airlines", "Humongous Insurance", "Wide World Importers", "Southridge Video", "Relecloud",
  "VanArsdel Foods", "A. Datum Corporation", "Consolidated Messenger", "Lamna Healthcare", "Fincher Architects",
  "Cronus Energy", "Boreal Freight", "Kestrel Payments", "Meridian Dental Group", "Harbor Point Realty",
  "Granite Peak Outfitters", "Silverline Telecom", "Bluewater Pharma", "Ironbridge Capital",
];

const PUBLIC_CUSTOMERS = [
  "City of Brookfield", "Lakeshore County", "Riverton Department of Revenue", "Northbridge Transit Authority",
  "Cascadia Water District", "Port of Halvorsen", "Eastvale Unified School District", "Maple Valley Health Authority",
  "Greenfield Public Library System", "Redwood State University",
];

const CONTACT_FIRST = ["Laura", "James", "Sofia", "Daniel", "Hannah", "Michael", "Grace", "Lucas", "Emily", "Ryan", "Chloe", "Ethan", "Maya", "Noah", "Olivia", "Samuel", "Isabel", "Kwame", "Elena", "Arjun"];
const CONTACT_LAST = ["Morgan", "Bennett", "Alvarez", "Nguyen", "Schmidt", "O'Connor", "Kowalski", "Dubois", "Larsen", "Hughes", "Novak", "Silva", "Brennan", "Yamamoto", "Mensah", "Ortega", "Lindqvist", "Reyes", "Byrne", "Chandra"];
const CONTACT_TITLES = ["CIO", "VP Operations", "IT director", "Head of Sales Operations", "Finance director", "Programme manager", "COO"];

interface ProjectType {
  name: string;
  inScope: readonly string[];
  outOfScope: readonly string[];
  constraints: readonly { system: string; constraint: string }[];
}

const PROJECT_TYPES: readonly ProjectType[] = [
  {
    name: "Salesforce CPQ rollout",
    inScope: ["Product catalog and price books (up to 400 SKUs)", "Three quote templates with approval rules", "Discount approval matrix", "Sandbox-to-production deployment pipeline", "Admin training for two power users"],
    outOfScope: ["Contract lifecycle management", "Billing and invoicing integration", "Cleansing of legacy quote data"],
    constraints: [
      { system: "Salesforce", constraint: "Org is shared with the service team; deployments only in the Thursday release window." },
      { system: "NetSuite", constraint: "Read-only API access until the finance audit closes." },
    ],
  },
  {
    name: "HubSpot CRM migration",
    inScope: ["Migrate contacts, companies and deals (up to 250k records)", "Deal pipeline and stage design", "Lead scoring model", "Two sales team training sessions"],
    outOfScope: ["Rebuild of marketing email templates", "Custom objects beyond deals", "Import of historical email activity"],
    constraints: [
      { system: "HubSpot", constraint: "API limit of 190 requests per 10 seconds on the client's tier." },
      { system: "Salesforce (legacy)", constraint: "Legacy org is decommissioned 30 days after go-live." },
    ],
  },
  {
    name: "ServiceNow ITSM implementation",
    inScope: ["Incident, problem and change management", "Service catalog with 25 items", "SSO through the client's Okta", "Knowledge base migration (about 600 articles)"],
    outOfScope: ["HR service delivery", "CMDB discovery and service mapping", "Custom mobile app"],
    constraints: [
      { system: "ServiceNow", constraint: "Client-managed instance; upgrades frozen until Q3." },
      { system: "Okta", constraint: "SAML only; no SCIM provisioning in phase 1." },
    ],
  },
  {
    name: "NetSuite ERP implementation",
    inScope: ["General ledger, AP and AR", "Consolidation for three subsidiaries", "Opening balance migration", "Five standard financial reports"],
    outOfScope: ["Payroll", "Fixed assets module", "Transaction history older than two years"],
    constraints: [
      { system: "NetSuite", constraint: "OneWorld licence limited to three subsidiaries." },
      { system: "Bank feeds", constraint: "Only two of the client's four banks support automated feeds." },
    ],
  },
  {
    name: "Snowflake data platform build",
    inScope: ["Ingestion from six source systems", "Core data model for sales and finance", "dbt project with CI", "Access roles and masking policies"],
    outOfScope: ["Dashboards and BI reports", "Real-time streaming ingestion", "Data quality fixes in source systems"],
    constraints: [
      { system: "Snowflake", constraint: "Data must stay in the EU (Frankfurt) region." },
      { system: "Fivetran", constraint: "Connector budget capped at 5M monthly active rows." },
    ],
  },
  {
    name: "customer portal launch",
    inScope: ["Self-service portal with case submission", "Knowledge search", "Single sign-on for customer users", "Branding to the client's design system"],
    outOfScope: ["Native mobile apps", "Payments in the portal", "Community forums"],
    constraints: [
      { system: "Experience Cloud", constraint: "Community licences limited to 5,000 logins per month." },
      { system: "Auth0", constraint: "Client's tenant; every change goes through their security team." },
    ],
  },
  {
    name: "Workday HCM deployment",
    inScope: ["Core HR and organisation structure", "Absence and time off", "Worker data migration for 1,800 employees", "Outbound integration to the payroll provider"],
    outOfScope: ["Recruiting module", "Learning module", "Benefits open enrolment setup"],
    constraints: [
      { system: "Workday", constraint: "Tenant refreshes only on the bi-weekly schedule." },
      { system: "ADP", constraint: "File-based integration only; no API." },
    ],
  },
  {
    name: "Zendesk support migration",
    inScope: ["Ticket migration (three years)", "Macros, triggers and SLAs", "Help center content migration", "Three agent training sessions"],
    outOfScope: ["Voice and telephony setup", "Custom apps in the agent workspace", "Chatbot design"],
    constraints: [
      { system: "Zendesk", constraint: "Ticket import API limited to 100 tickets per request." },
      { system: "Jira", constraint: "One-way sync only, Zendesk to Jira." },
    ],
  },
  {
    name: "Marketo automation setup",
    inScope: ["Instance setup and CRM sync", "Lead lifecycle and scoring", "Five nurture programs", "Email template library"],
    outOfScope: ["Content writing", "Paid media integrations", "Website redesign"],
    constraints: [
      { system: "Marketo", constraint: "Instance shared with the EMEA team; their naming conventions apply." },
      { system: "Salesforce", constraint: "Sync user limited to marketing record types." },
    ],
  },
  {
    name: "Power BI analytics rollout",
    inScope: ["Executive KPI dashboard", "Eight sales and pipeline reports", "Row-level security by region", "Gateway for the on-premise SQL Server"],
    outOfScope: ["Data warehouse changes", "Embedded analytics in client apps", "Premium capacity procurement"],
    constraints: [
      { system: "Power BI", constraint: "Pro licences only; no Premium capacity." },
      { system: "SQL Server", constraint: "Read replica available only outside 06:00–20:00 CET." },
    ],
  },
  {
    name: "Okta identity consolidation",
    inScope: ["Move 14 applications to Okta SSO", "MFA policies", "Lifecycle management for HR-sourced users", "Admin runbook"],
    outOfScope: ["Privileged access management", "Customer identity (CIAM)", "Decommissioning the legacy LDAP"],
    constraints: [
      { system: "Active Directory", constraint: "Two forests; one trust relationship still pending." },
      { system: "Okta", constraint: "Change freeze during the client's month-end close." },
    ],
  },
  {
    name: "MuleSoft integration platform",
    inScope: ["API-led architecture blueprint", "Six system APIs", "CI/CD pipeline", "Monitoring and alerting"],
    outOfScope: ["Decommissioning the legacy ESB", "Partner API portal", "24/7 support after hypercare"],
    constraints: [
      { system: "MuleSoft", constraint: "Two vCores licensed for production." },
      { system: "SAP", constraint: "RFC access only through the client's integration user." },
    ],
  },
  {
    name: "Zuora billing integration",
    inScope: ["Product catalog and rate plans", "Migration of about 12k subscriptions", "Invoice templates", "Quote-to-subscription sync from Salesforce"],
    outOfScope: ["Revenue recognition", "Tax engine replacement", "Collections workflows"],
    constraints: [
      { system: "Zuora", constraint: "Sandbox refresh takes five business days." },
      { system: "Avalara", constraint: "Existing tax configuration is reused unchanged." },
    ],
  },
  {
    name: "Field Service rollout",
    inScope: ["Work orders and scheduling", "Mobile app for 120 technicians", "Parts inventory", "Customer appointment notifications"],
    outOfScope: ["IoT device integration", "Route optimisation add-on", "Contractor portal"],
    constraints: [
      { system: "Field Service mobile", constraint: "Offline mode limited to 1,000 work orders per technician." },
      { system: "ERP", constraint: "Inventory syncs nightly, not in real time." },
    ],
  },
  {
    name: "AWS cloud migration",
    inScope: ["Landing zone with Control Tower", "Migration of 40 application servers", "Backup and disaster recovery", "Cost dashboards"],
    outOfScope: ["Application refactoring", "Database engine changes", "Managed service after hypercare"],
    constraints: [
      { system: "AWS", constraint: "Workloads must stay in eu-west-1." },
      { system: "Network", constraint: "Direct Connect circuit is ready only in week 6." },
    ],
  },
];

const RISKS = [
  { title: "Data migration volume", description: "Legacy data is larger and dirtier than scoped; the migration may not fit the cut-over window.", mitigation: "Trial migration in week 2 and agreed cut-off rules for stale records." },
  { title: "Client SME availability", description: "The client's key experts are shared with a parallel programme.", mitigation: "Book workshop slots for the first six weeks at kickoff." },
  { title: "Integration API limits", description: "Source system rate limits may slow the syncs and the migration.", mitigation: "Batch loads overnight; request a temporary limit increase." },
  { title: "Unclear acceptance criteria", description: "UAT exit criteria are not written down anywhere.", mitigation: "Agree acceptance criteria as part of the design sign-off." },
  { title: "Aggressive go-live date", description: "The promised go-live leaves no buffer for UAT fixes.", mitigation: "Plan a phased go-live and raise the date risk with the sponsor in week 1." },
  { title: "Third-party vendor dependency", description: "A vendor outside our control owns part of the integration.", mitigation: "Name a vendor contact and include them in the weekly status." },
  { title: "Security review lead time", description: "The client's security review usually takes four to six weeks.", mitigation: "Submit the security questionnaire in the first week." },
  { title: "Sponsor change", description: "The executive sponsor is leaving the company this quarter.", mitigation: "Confirm the new sponsor before design sign-off." },
  { title: "Undocumented customisations", description: "The legacy system has customisations nobody has documented.", mitigation: "Time-boxed discovery of customisations in sprint 1." },
  { title: "Licence procurement delay", description: "Production licences have not been purchased yet.", mitigation: "Sales to confirm the order date with the client's procurement team." },
  { title: "Competing client IT priorities", description: "Client IT has a data-centre move in the same quarter.", mitigation: "Agree a resourcing plan with the client's IT manager." },
  { title: "Data residency requirements", description: "Personal data may have to stay in-region.", mitigation: "Confirm the hosting region and DPA terms before build." },
  { title: "User adoption", description: "End users were not involved in selecting the product.", mitigation: "Champions group and training plan in the first 30 days." },
  { title: "Scope creep from pilot users", description: "Pilot users are already asking for extra features.", mitigation: "Route every request through the change process and log it." },
] as const;

const DEPENDENCIES = [
  { description: "Sandbox with admin access for the delivery team", party: "Client IT" },
  { description: "SSO metadata and test accounts", party: "Client identity team" },
  { description: "Export of legacy data in the agreed format", party: "Client data owner" },
  { description: "Named product owner with decision authority", party: "Client sponsor" },
  { description: "Production licences purchased", party: "Client procurement" },
  { description: "Integration user and API credentials", party: "Salesforce admin" },
  { description: "Firewall rules for the integration endpoints", party: "Client network team" },
  { description: "Solution design signed off within five business days", party: "Client sponsor" },
  { description: "Access to the vendor's API documentation and support", party: "Third-party vendor" },
  { description: "Security questionnaire answered", party: "Client security team" },
] as const;

const ASSUMPTIONS = [
  "The client provides one named product owner for the whole project.",
  "Workshops run remotely; two on-site days are included.",
  "The client cleanses source data before the final migration.",
  "Standard product features cover the requirements; no custom code.",
  "UAT is run by client users within a two-week window.",
  "Existing integrations stay unchanged during the project.",
  "Documentation is delivered in English.",
  "The client's change advisory board meets weekly.",
  "Production licences are in place before build starts.",
  "Test data may be copied from production after masking.",
  "Training is train-the-trainer; the client runs end-user training.",
  "Hypercare lasts four weeks after go-live.",
] as const;

type Owner = "pm" | "sales" | "lead" | "leader" | "client";

const COMMITMENTS: readonly { description: string; offsetDays: number | null; owner: Owner }[] = [
  { description: "Go-live within 12 weeks of kickoff", offsetDays: 84, owner: "pm" },
  { description: "Weekly status report to the client sponsor", offsetDays: null, owner: "pm" },
  { description: "Named delivery lead for the first 90 days", offsetDays: null, owner: "lead" },
  { description: "Two train-the-trainer sessions", offsetDays: 60, owner: "lead" },
  { description: "Migration of three years of historical data", offsetDays: 70, owner: "lead" },
  { description: "Four weeks of hypercare after go-live", offsetDays: 112, owner: "pm" },
  { description: "Steering committee every four weeks", offsetDays: null, owner: "pm" },
  { description: "Solution design document within three weeks", offsetDays: 21, owner: "lead" },
  { description: "Sandbox ready for client testing by week 6", offsetDays: 42, owner: "lead" },
  { description: "Change requests quoted within five business days", offsetDays: null, owner: "sales" },
  { description: "Executive review with the client at the 30-day mark", offsetDays: 30, owner: "sales" },
  { description: "Admin handbook delivered before go-live", offsetDays: 80, owner: "pm" },
];

const DECISIONS: readonly { title: string; rationale: string; by: Owner }[] = [
  { title: "Phased go-live by region", rationale: "Reduces cut-over risk: EMEA first, then North America.", by: "client" },
  { title: "Use the client's Okta for SSO", rationale: "Avoids a second identity store; the client's IAM team owns it.", by: "client" },
  { title: "Defer reporting to phase 2", rationale: "Reports depend on the new data model; phase 1 focuses on process.", by: "pm" },
  { title: "Weekly status on Thursdays", rationale: "Aligns with the client's steering rhythm.", by: "pm" },
  { title: "Migrate only open and last-two-years records", rationale: "Older records stay in the archive export.", by: "client" },
  { title: "Client owns data cleansing", rationale: "Their data stewards know the records; we provide validation reports.", by: "leader" },
  { title: "Standard template for the delivery list", rationale: "Keeps handoffs comparable across projects.", by: "leader" },
  { title: "UAT in the client's sandbox", rationale: "Their security policy does not allow external test environments.", by: "client" },
  { title: "Two-week sprints", rationale: "Matches the client's release cadence.", by: "lead" },
  { title: "One steering committee for both workstreams", rationale: "Avoids duplicate status meetings for the sponsor.", by: "pm" },
];

const MILESTONES = [
  { name: "Kickoff", offsetDays: 0 },
  { name: "Discovery workshops complete", offsetDays: 10 },
  { name: "Solution design signed off", offsetDays: 21 },
  { name: "First 30 days review", offsetDays: 30 },
  { name: "UAT starts", offsetDays: 45 },
  { name: "Go-live", offsetDays: 75 },
  { name: "Hypercare ends", offsetDays: 100 },
] as const;

const SCOPE_CHANGES = [
  "Add the Nordics business unit to the rollout",
  "Spanish and French translations of customer-facing templates",
  "Move the data warehouse feed from phase 1 to phase 2",
  "Add SSO for contractors",
  "Two extra integration endpoints requested by finance",
  "Replace the custom approval flow with the standard one",
  "Extend hypercare from four to six weeks",
  "Drop the legacy archive migration",
];

const CHANGE_REQUESTS: Record<StageKey, readonly string[]> = {
  INTAKE: ["Out-of-scope list does not mention data cleansing; please confirm with sales.", "Two risks have no owner yet."],
  DELIVERY_WORKSPACE: ["The list is missing the UAT phase from the standard template.", "Several tasks still have no owner."],
  IMPLEMENTATION_BRIEF: ["The brief lists SSO as in scope but the SOW excludes it; please reconcile.", "The assumptions section is empty."],
  ACKNOWLEDGEMENT: ["Please add the staffing plan before I sign off."],
  HANDOFF_DIGEST: ["Escalation contacts need a client-side name, not a shared inbox."],
  KICKOFF_QA: ["Kickoff notes do not say who attended from the client."],
};

const MANDATORY_FIELDS = ["scope_in", "scope_out", "commercial_terms", "dependencies", "promised_kickoff_date", "milestones", "critical_risks"];

type IssueField = "scope_out" | "promised_kickoff_date" | "critical_risks" | "commercial_terms" | "dependencies" | "milestones" | "scope_in";
const ISSUE_FIELDS: readonly IssueField[] = ["scope_out", "promised_kickoff_date", "critical_risks", "commercial_terms", "dependencies", "milestones", "scope_in"];

// ───────────────────────── the plan of one handoff ─────────────────────────

interface RiskDraft {
  id: string;
  title: string;
  description: string;
  severity: RiskLevel;
  likelihood: RiskLevel;
  owner: Person | null;
  ownerName: string | null;
  mitigation: string;
}

interface Content {
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

interface Plan {
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
  overdue: boolean;
  completeness: number;
  override: OverrideDraft | null;
}

interface OverrideDraft {
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

interface Ctx {
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
  const max = RISK_LEVELS.indexOf(level);
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
function closedWonTimes(count: number, ctx: Ctx): Date[] {
  const { rng, now } = ctx;
  return Array.from({ length: count }, () => {
    const ageDays = WINDOW_DAYS * Math.pow(rng.float(), 1.2);
    const d = onWeekday(plus(now, -ageDays * DAY), -1);
    d.setUTCHours(rng.int(14, 21), rng.int(0, 59), rng.int(0, 59), 0);
    const fallback = plus(now, -rng.int(30, 180) * MINUTE);
    return ms(d) < ms(now) - 30 * MINUTE ? d : fallback;
  }).sort((a, b) => ms(a) - ms(b));
}

function createPlan(index: number, closedWonAt: Date, usedTitles: Set<string>, ctx: Ctx): Plan {
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
    completeness: 0,
    override: null,
  };
}

// ───────────────────────── where each handoff stands today ─────────────────────────

/** Shares of the open, unblocked handoffs past intake, furthest along first. */
const MIDDLE_SHARES: readonly (readonly [number, number])[] = [[5, 28], [4, 18], [3, 28], [2, 28], [1, 26]];

function stageForShare(position: number, total: number): number {
  const sum = MIDDLE_SHARES.reduce((s, [, w]) => s + w, 0);
  const fraction = (position + 0.5) / total;
  let cumulative = 0;
  for (const [stage, weight] of MIDDLE_SHARES) {
    cumulative += weight / sum;
    if (fraction <= cumulative) return stage;
  }
  return 1;
}

function workerFor(stageKey: StageKey, plan: Plan, rng: Random): Person {
  if (stageKey === "INTAKE") return rng.chance(0.85) ? plan.revOps : plan.projectManager;
  if (stageKey === "ACKNOWLEDGEMENT") return plan.deliveryLead;
  return rng.chance(0.65) ? plan.projectManager : plan.psLeader;
}

/** A worker other than the project manager, so the gate lands in the PM's inbox. */
function workerOtherThanPm(stageKey: StageKey, plan: Plan): Person {
  if (stageKey === "INTAKE") return plan.revOps;
  if (stageKey === "ACKNOWLEDGEMENT") return plan.deliveryLead;
  return plan.psLeader;
}

/** The approver routing of `waitingOnFor`: the PM, unless the PM submitted. */
function approverFor(plan: Plan, worker: Person): Person {
  return worker.id !== plan.projectManager.id ? plan.projectManager : plan.psLeader;
}

/**
 * Older handoffs are further along. The youngest are still at intake (a 48-hour
 * stage), blocked intakes linger a little longer, and the rest are ranked by age with
 * some noise: the oldest quarter is complete, the others spread over the stages between.
 */
function assignProgress(plans: Plan[], ctx: Ctx): void {
  const { rng } = ctx;
  const n = plans.length;
  const intakeCount = Math.round(n * 0.06);
  const blockedCount = Math.min(8, Math.round(n * 0.04));
  const youngestFirst = [...plans].reverse();
  const intake = youngestFirst.slice(0, intakeCount);
  const blocked = rng.sample(youngestFirst.slice(intakeCount, intakeCount + 4 * blockedCount), blockedCount);
  const rest = plans.filter((p) => !intake.includes(p) && !blocked.includes(p));

  const completedCount = Math.min(rest.length, Math.round(n * 0.25));
  const ranked = rest
    .map((plan, i) => ({ plan, score: (rest.length - i) / rest.length + rng.noise(0.08) }))
    .sort((a, b) => b.score - a.score)
    .map((r) => r.plan);
  const completed = ranked.slice(0, completedCount);
  const middle = ranked.slice(completedCount);

  for (const plan of completed) Object.assign(plan, { stageIndex: 5, stageStatus: "APPROVED", status: "COMPLETED" });
  middle.forEach((plan, i) => {
    plan.stageIndex = stageForShare(i, middle.length);
    plan.stageStatus = rng.weighted<StageStatus>([["NOT_STARTED", 15], ["IN_PROGRESS", 40], ["AWAITING_APPROVAL", 30], ["CHANGES_REQUESTED", 15]]);
  });
  for (const plan of intake) {
    plan.stageStatus = rng.weighted<StageStatus>([["IN_PROGRESS", 55], ["AWAITING_APPROVAL", 35], ["CHANGES_REQUESTED", 10]]);
  }
  for (const plan of blocked) {
    Object.assign(plan, { status: "INTAKE_BLOCKED", stageStatus: "IN_PROGRESS" });
    plan.capturedIssues = intakeIssues(plan, rng.int(1, 3), rng);
  }
  for (const plan of rng.sample(plans, Math.round(n * 0.2))) plan.pilotCohort = true;
  for (const plan of plans) {
    if (plan.status !== "COMPLETED" && plan.stageStatus !== "NOT_STARTED") {
      plan.currentWorker = workerFor(STAGES[plan.stageIndex].key, plan, rng);
    }
    plan.completeness = plan.status === "INTAKE_BLOCKED" ? rng.int(38, 54) : 55 + Math.round(45 * Math.sqrt(rng.float()));
  }
}

/**
 * Every demo login should have work waiting: Dana has acknowledgements to give and
 * Marco has gates to approve that someone else submitted.
 */
function guaranteeInboxes(plans: Plan[], ctx: Ctx): void {
  const dana = ctx.staff.get("lead@demo.local");
  const marco = ctx.staff.get("pm@demo.local");
  const open = plans.filter((p) => p.status === "IN_PROGRESS");
  const isAck = (p: Plan) => STAGES[p.stageIndex].key === "ACKNOWLEDGEMENT";

  const danaAcks = open.filter((p) => isAck(p) && p.deliveryLead === dana && p.stageStatus === "IN_PROGRESS");
  const reserved = new Set(danaAcks);
  for (const plan of open.filter(isAck)) {
    if (reserved.size >= 3) break;
    if (reserved.has(plan) || (plan.projectManager === marco && plan.stageStatus === "AWAITING_APPROVAL")) continue;
    Object.assign(plan, { deliveryLead: dana, stageStatus: "IN_PROGRESS", currentWorker: dana });
    reserved.add(plan);
  }

  const marcoGates = () => open.filter((p) => p.projectManager === marco && p.stageStatus === "AWAITING_APPROVAL" && p.currentWorker !== marco).length;
  const candidates = [
    ...open.filter((p) => p.projectManager === marco && p.stageStatus === "AWAITING_APPROVAL"),
    ...open.filter((p) => p.projectManager === marco && p.stageStatus === "IN_PROGRESS"),
    ...open.filter((p) => p.projectManager === marco && p.stageStatus !== "AWAITING_APPROVAL" && p.stageStatus !== "IN_PROGRESS"),
  ];
  for (const plan of candidates) {
    if (marcoGates() >= 12) break;
    if (reserved.has(plan) || (plan.stageStatus === "AWAITING_APPROVAL" && plan.currentWorker !== marco)) continue;
    plan.stageStatus = "AWAITING_APPROVAL";
    plan.currentWorker = workerOtherThanPm(STAGES[plan.stageIndex].key, plan);
  }
}

/** About 15% of the open handoffs are past their stage SLA; young intakes decide themselves. */
function chooseOverdue(plans: Plan[], ctx: Ctx): void {
  const open = plans.filter((p) => p.status !== "COMPLETED");
  const intakeSla = STAGES[0].slaHours * HOUR;
  let overdue = 0;
  for (const plan of open) {
    if (plan.stageIndex === 0 && ms(ctx.now) - ms(plan.createdAt) > intakeSla) {
      plan.overdue = true;
      overdue++;
    }
  }
  const target = Math.round(open.length * 0.15);
  for (const plan of ctx.rng.sample(open.filter((p) => p.stageIndex > 0), target - overdue)) plan.overdue = true;
}

function intakeIssues(plan: Plan, count: number, rng: Random): IntakeIssue[] {
  return rng.sample(ISSUE_FIELDS, count).map((field) => intakeIssue(field, plan));
}

/** One validation failure; the captured deal properties are derived to match it. */
function intakeIssue(field: IssueField, plan: Plan): IntakeIssue {
  switch (field) {
    case "scope_out":
      return { field, label: "Out-of-scope items", problem: "Missing: list what is explicitly not included." };
    case "promised_kickoff_date":
      return { field, label: "Promised kickoff date", problem: `${typoKickoffDate(plan)} is in the past.` };
    case "critical_risks": {
      const risk = plan.content.risks[0];
      risk.owner = null;
      risk.ownerName = null;
      return { field, label: "Critical risks", problem: `Risk “${risk.title}” has no owner.` };
    }
    case "commercial_terms":
      return { field, label: "Commercial terms", problem: "Missing: payment schedule and billing model." };
    case "dependencies":
      return { field, label: "Client dependencies", problem: "Missing: name what the client must provide and by when." };
    case "milestones":
      return { field, label: "Milestones", problem: "Missing: at least one milestone with a date." };
    case "scope_in":
      return { field, label: "In-scope items", problem: "Too vague: “Implementation services”. List the deliverables." };
  }
}

/** Sales typed last year: the most common way a kickoff date ends up in the past. */
function typoKickoffDate(plan: Plan): string {
  const d = new Date(plan.promisedKickoffAt);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return isoDate(d);
}

// ───────────────────────── timelines ─────────────────────────

interface CapturedEvidence {
  id: string;
  requirement: EvidenceRequirement;
  at: Date;
}

interface StageRun {
  id: string;
  def: StageDefinition;
  status: StageStatus;
  enteredAt: Date;
  startedAt: Date | null;
  worker: Person;
  approver: Person;
  evidence: CapturedEvidence[];
  submissions: Date[];
  changesRequested: { at: Date; comment: string } | null;
  approvedAt: Date | null;
}

interface Timeline {
  runs: StageRun[];
  stageEnteredAt: Date;
  dueAt: Date | null;
  acknowledgedAt: Date | null;
  kickoff: { scheduledAt: Date; scheduledEventAt: Date; heldAt: Date | null } | null;
  completedAt: Date | null;
}

interface RunWindow {
  enteredAt: Date;
  startedAt: Date | null;
  /** Evidence is captured from here on (after the meeting, for the kickoff). */
  evidenceFrom: Date;
  /** When the gate was approved, or "now" for the current stage. */
  until: Date;
  /** For an in-progress stage: which requirements already have evidence. */
  partial?: readonly string[];
}

function stageRun(def: StageDefinition, status: StageStatus, window: RunWindow, plan: Plan, worker: Person, ctx: Ctx): StageRun {
  const { rng } = ctx;
  const run: StageRun = {
    id: ctx.newId(),
    def,
    status,
    enteredAt: window.enteredAt,
    startedAt: window.startedAt,
    worker,
    approver: approverFor(plan, worker),
    evidence: [],
    submissions: [],
    changesRequested: null,
    approvedAt: null,
  };
  if (status === "NOT_STARTED") return run;

  const { evidenceFrom, until } = window;
  if (status === "IN_PROGRESS") {
    const keys = window.partial ?? rng.sample(def.evidence, rng.int(1, def.evidence.length - 1)).map((r) => r.key);
    const requirements = def.evidence.filter((r) => keys.includes(r.key));
    run.evidence = captureTimes(requirements, evidenceFrom, until, def.key === "ACKNOWLEDGEMENT", ctx);
    return run;
  }

  const cycle = status === "CHANGES_REQUESTED" || (status === "APPROVED" && def.key !== "KICKOFF_QA" && rng.chance(0.12));
  const submittedAt = between(evidenceFrom, until, status === "APPROVED" ? rng.float(0.55, 0.85) : rng.float(0.35, 0.9));
  const firstSubmission = cycle && status === "APPROVED" ? between(evidenceFrom, submittedAt, rng.float(0.35, 0.55)) : submittedAt;
  run.evidence = captureTimes(def.evidence, evidenceFrom, firstSubmission, def.key === "ACKNOWLEDGEMENT", ctx);

  if (status === "CHANGES_REQUESTED") {
    run.submissions = [submittedAt];
    run.changesRequested = { at: between(submittedAt, until, rng.float(0.2, 0.8)), comment: rng.pick(CHANGE_REQUESTS[def.key]) };
  } else if (status === "AWAITING_APPROVAL") {
    run.submissions = [submittedAt];
  } else {
    run.submissions = cycle ? [firstSubmission, submittedAt] : [submittedAt];
    if (cycle) run.changesRequested = { at: between(firstSubmission, submittedAt, rng.float(0.3, 0.7)), comment: rng.pick(CHANGE_REQUESTS[def.key]) };
    run.approvedAt = until;
  }
  return run;
}

/** The delivery lead's acknowledgement records both of its items at once. */
function captureTimes(requirements: readonly EvidenceRequirement[], from: Date, to: Date, together: boolean, ctx: Ctx): CapturedEvidence[] {
  const { rng } = ctx;
  const once = between(from, to, rng.float(0.3, 0.8));
  return requirements
    .map((requirement) => ({ id: ctx.newId(), requirement, at: together ? once : between(from, to, rng.float(0.05, 0.95)) }))
    .sort((a, b) => ms(a.at) - ms(b.at));
}

/** Splits the time before the current stage over the approved stages, in proportion to their SLAs. */
function approvedRuns(plan: Plan, from: Date, to: Date, count: number, ctx: Ctx): StageRun[] {
  const { rng } = ctx;
  const defs = STAGES.slice(0, count);
  const weights = defs.map((d) => d.slaHours * rng.float(0.5, 1.8));
  const total = weights.reduce((s, w) => s + w, 0);
  let cursor = from;
  return defs.map((def, k) => {
    const end = plus(cursor, ((ms(to) - ms(from)) * weights[k]) / total);
    const startedAt = k === 0 ? cursor : between(cursor, end, rng.float(0.02, 0.15));
    const run = stageRun(def, "APPROVED", { enteredAt: cursor, startedAt, evidenceFrom: startedAt, until: end }, plan, workerFor(def.key, plan, rng), ctx);
    cursor = end;
    return run;
  });
}

function acknowledgement(runs: StageRun[]): Date | null {
  const ack = runs.find((r) => r.def.key === "ACKNOWLEDGEMENT");
  return ack?.evidence[0]?.at ?? null;
}

/** Kicked off: on or before the promised date for most, later for about 30%. */
function completedTimeline(plan: Plan, ctx: Ctx): Timeline {
  const { rng, now } = ctx;
  const late = rng.chance(0.3);
  let kickoff = late
    ? nineUtc(onWeekday(plus(plan.promisedKickoffAt, rng.int(2, 12) * DAY), 1))
    : nineUtc(onWeekday(plus(plan.promisedKickoffAt, -rng.int(0, 4) * DAY), -1));
  kickoff = earliest(kickoff, nineUtc(onWeekday(plus(now, -5 * DAY), -1)));
  kickoff = latest(kickoff, plus(plan.createdAt, 3 * DAY));

  const natural = plus(plan.createdAt, 240 * HOUR * rng.float(0.6, 1.6));
  const floor = between(plan.createdAt, kickoff, 0.3);
  const kickoffEntered = latest(floor, earliest(natural, plus(kickoff, -1.5 * DAY)));
  const runs = approvedRuns(plan, plan.createdAt, kickoffEntered, 5, ctx);

  const startedAt = earliest(plus(kickoffEntered, rng.float(0.5, 8) * HOUR), between(kickoffEntered, kickoff, 0.3));
  const completedAt = earliest(plus(kickoff, rng.float(1.5, 4) * DAY), plus(now, -HOUR));
  const def = STAGES[5];
  runs.push(
    stageRun(def, "APPROVED", { enteredAt: kickoffEntered, startedAt, evidenceFrom: plus(kickoff, HOUR), until: completedAt }, plan, workerFor(def.key, plan, rng), ctx),
  );
  return {
    runs,
    stageEnteredAt: startedAt,
    dueAt: null,
    acknowledgedAt: acknowledgement(runs),
    kickoff: { scheduledAt: kickoff, scheduledEventAt: between(startedAt, kickoff, rng.float(0.05, 0.4)), heldAt: kickoff },
    completedAt,
  };
}

function openTimeline(plan: Plan, ctx: Ctx): Timeline {
  const { rng, now } = ctx;
  const def = STAGES[plan.stageIndex];
  const sla = def.slaHours * HOUR;
  const until = plus(now, -5 * MINUTE);

  let anchor = plan.createdAt;
  let enteredAt = plan.createdAt;
  if (plan.stageIndex > 0) {
    const wanted = plan.overdue ? sla + rng.float(3, 96) * HOUR : sla * rng.float(0.08, 0.85);
    const elapsed = Math.min(wanted, (ms(now) - ms(plan.createdAt)) * 0.6);
    anchor = plus(now, -elapsed);
    enteredAt = plan.stageStatus === "NOT_STARTED" ? anchor : plus(anchor, -Math.min(rng.float(0.5, 12) * HOUR, (ms(anchor) - ms(plan.createdAt)) * 0.15));
  }
  const runs = approvedRuns(plan, plan.createdAt, enteredAt, plan.stageIndex, ctx);
  const started = plan.stageStatus !== "NOT_STARTED";
  const worker = plan.currentWorker ?? workerFor(def.key, plan, rng);

  let kickoff: Timeline["kickoff"] = null;
  let evidenceFrom = anchor;
  let partial: readonly string[] | undefined;
  if (def.key === "KICKOFF_QA") {
    kickoff = openKickoff(plan, enteredAt, anchor, ctx);
    if (kickoff.heldAt) evidenceFrom = latest(anchor, earliest(plus(kickoff.heldAt, HOUR), between(kickoff.heldAt, until, 0.3)));
    if (plan.stageStatus === "IN_PROGRESS") partial = kickoff.heldAt ? ["kickoff_held"] : [];
  } else if (def.key === "ACKNOWLEDGEMENT" && plan.stageStatus === "IN_PROGRESS") {
    partial = [];
  } else if (plan.status === "INTAKE_BLOCKED") {
    partial = rng.chance(0.5) ? ["scope_confirmed"] : [];
  }

  runs.push(stageRun(def, plan.stageStatus, { enteredAt, startedAt: started ? anchor : null, evidenceFrom, until, partial }, plan, worker, ctx));
  return {
    runs,
    stageEnteredAt: anchor,
    dueAt: plus(anchor, sla),
    acknowledgedAt: acknowledgement(runs),
    kickoff,
    completedAt: null,
  };
}

/** At the kickoff stage the meeting is either held already or scheduled in the next two weeks. */
function openKickoff(plan: Plan, enteredAt: Date, anchor: Date, ctx: Ctx): NonNullable<Timeline["kickoff"]> {
  const { rng, now } = ctx;
  const mustBeHeld = plan.stageStatus === "AWAITING_APPROVAL" || plan.stageStatus === "CHANGES_REQUESTED";
  const coin = rng.chance(0.5);
  const held = mustBeHeld || (plan.stageStatus === "IN_PROGRESS" && ms(now) - ms(anchor) > 20 * HOUR && coin);
  if (held) {
    const point = between(anchor, now, rng.float(0.1, 0.35));
    const morning = nineUtc(point);
    const heldAt = ms(morning) <= ms(point) && ms(morning) >= ms(enteredAt) ? morning : point;
    return { scheduledAt: heldAt, scheduledEventAt: between(enteredAt, heldAt, rng.float(0.1, 0.6)), heldAt };
  }
  const scheduledAt = nineUtc(onWeekday(plus(now, rng.int(1, 10) * DAY), 1));
  return { scheduledAt, scheduledEventAt: between(enteredAt, now, rng.float(0.1, 0.7)), heldAt: null };
}

// ───────────────────────── overrides ─────────────────────────

const CLASSIFICATIONS: readonly OverrideClassification[] = [
  "JUSTIFIED", "FALSE_POSITIVE", "JUSTIFIED", "FALSE_NEGATIVE", "UNCLASSIFIED", "JUSTIFIED", "FALSE_POSITIVE", "UNCLASSIFIED", "JUSTIFIED",
];

const QUARTER_END = "Signed at quarter end; sales confirmed the missing details by email and will update the CRM this week.";
const RENEWAL = "Renewal of an existing engagement; scope carried over from the previous SOW.";

/** Why someone let a blocked intake through, by the first thing validation flagged. */
const INTAKE_OVERRIDE_REASONS: Record<IssueField, string> = {
  scope_in: RENEWAL,
  scope_out: RENEWAL,
  promised_kickoff_date: "Client asked to start discovery immediately; the kickoff date typo is known and the right date confirmed.",
  critical_risks: "The risk owner is the client's IT director, who is not a HubSpot user.",
  commercial_terms: QUARTER_END,
  dependencies: QUARTER_END,
  milestones: QUARTER_END,
};

const GATE_BYPASSES: Partial<Record<StageKey, { requirementKey: string; problem: string; reason: string }>> = {
  DELIVERY_WORKSPACE: {
    requirementKey: "workspace_link",
    problem: "List created from the client's own ClickUp template, not the standard one.",
    reason: "Client runs delivery in their own ClickUp workspace; the standard phases were mapped by hand.",
  },
  IMPLEMENTATION_BRIEF: {
    requirementKey: "brief_link",
    problem: "Brief published in the client's Confluence, not in Notion.",
    reason: "Client security policy keeps project documents in their Confluence; the Notion page links to it.",
  },
  HANDOFF_DIGEST: {
    requirementKey: "digest_posted",
    problem: "Digest posted in a Slack Connect channel shared with the client.",
    reason: "There is no internal delivery channel yet; the shared channel is where the team works.",
  },
};

/** Whether an override on this deal needs a second approver: the intake policy in force decides. */
function isMaterial(plan: Plan): boolean {
  return isMaterialUnderPolicy(DEFAULT_INTAKE_POLICY, { amount: plan.amount, riskLevel: plan.riskLevel });
}

function secondApprover(plan: Plan, requester: Person): Person {
  return requester.id === plan.psLeader.id ? plan.projectManager : plan.psLeader;
}

/** About ten overrides: one awaiting its second approval, the rest decided in the past. */
function draftOverrides(plans: Plan[], timelines: Map<Plan, Timeline>, ctx: Ctx): void {
  const { rng, now } = ctx;
  let classification = 0;
  const nextClassification = () => CLASSIFICATIONS[classification++ % CLASSIFICATIONS.length];

  const blocked = plans.filter((p) => p.status === "INTAKE_BLOCKED").sort((a, b) => b.amount - a.amount)[0];
  if (blocked) {
    const requestedAt = between(blocked.createdAt, now, rng.float(0.3, 0.8));
    blocked.override = {
      id: ctx.newId(),
      kind: "INTAKE_VALIDATION",
      stageKey: "INTAKE",
      reason: "Client wants discovery to start next week; sales will fix the CRM fields after the holiday.",
      bypassed: { issues: blocked.capturedIssues as unknown as Prisma.InputJsonValue },
      material: true,
      pending: true,
      requestedBy: blocked.psLeader,
      confirmedBy: null,
      classification: "UNCLASSIFIED",
      requestedAt,
      confirmedAt: null,
    };
  }

  const pastIntake = materialMix(plans.filter((p) => p.stageIndex > 0 || p.status === "COMPLETED"), 4, rng);
  for (const plan of pastIntake) {
    const intakeRun = timelines.get(plan)!.runs[0];
    plan.capturedIssues = intakeIssues(plan, rng.int(1, 2), rng);
    const requestedBy = rng.chance(0.5) ? plan.revOps : plan.psLeader;
    const material = isMaterial(plan);
    const requestedAt = between(plan.createdAt, intakeRun.submissions[0], rng.float(0.05, 0.3));
    plan.override = {
      id: ctx.newId(),
      kind: "INTAKE_VALIDATION",
      stageKey: "INTAKE",
      reason: INTAKE_OVERRIDE_REASONS[plan.capturedIssues[0].field as IssueField],
      bypassed: { issues: plan.capturedIssues as unknown as Prisma.InputJsonValue },
      material,
      pending: false,
      requestedBy,
      confirmedBy: material ? secondApprover(plan, requestedBy) : null,
      classification: nextClassification(),
      requestedAt,
      confirmedAt: material ? between(requestedAt, intakeRun.submissions[0], rng.float(0.2, 0.6)) : null,
    };
  }

  const bypassable = (p: Plan) => timelines.get(p)!.runs.filter((r) => r.status === "APPROVED" && GATE_BYPASSES[r.def.key]);
  const gateCandidates = plans.filter((p) => !p.override && bypassable(p).length > 0);
  materialMix(gateCandidates, 5, rng).forEach((plan, i) => {
    const runs = bypassable(plan);
    // Rotate over the bypassable gates so each kind of exception shows up.
    const run = runs[i % runs.length];
    const bypass = GATE_BYPASSES[run.def.key]!;
    const requirement = run.def.evidence.find((r) => r.key === bypass.requirementKey)!;
    const submittedAt = run.submissions[run.submissions.length - 1];
    const lastEvidence = run.evidence[run.evidence.length - 1]?.at ?? run.startedAt ?? run.enteredAt;
    const requestedBy = run.worker.role === "PROJECT_MANAGER" || run.worker.role === "PS_LEADER" ? run.worker : plan.projectManager;
    const material = isMaterial(plan);
    const requestedAt = between(lastEvidence, submittedAt, rng.float(0.2, 0.5));
    plan.override = {
      id: ctx.newId(),
      kind: "GATE_EVIDENCE",
      stageKey: run.def.key,
      reason: bypass.reason,
      bypassed: { stage: run.def.key, requirements: [{ key: requirement.key, label: requirement.label, problem: bypass.problem }] },
      material,
      pending: false,
      requestedBy,
      confirmedBy: material ? secondApprover(plan, requestedBy) : null,
      classification: nextClassification(),
      requestedAt,
      confirmedAt: material ? between(requestedAt, submittedAt, rng.float(0.3, 0.8)) : null,
    };
  });
}

/** Roughly half material, half not, so both override paths appear. */
function materialMix(candidates: Plan[], count: number, rng: Random): Plan[] {
  const material = rng.sample(candidates.filter(isMaterial), Math.ceil(count / 2));
  const minor = rng.sample(candidates.filter((p) => !isMaterial(p)), count - material.length);
  const picked = [...material, ...minor];
  return [...picked, ...rng.sample(candidates.filter((p) => !picked.includes(p)), count - picked.length)];
}

// ───────────────────────── rows ─────────────────────────

interface Rows {
  users: Prisma.UserCreateManyInput[];
  policies: Prisma.PolicyVersionCreateManyInput[];
  deals: Prisma.DealCreateManyInput[];
  snapshots: Prisma.DealSnapshotCreateManyInput[];
  handoffs: Prisma.HandoffCreateManyInput[];
  stages: Prisma.HandoffStageCreateManyInput[];
  evidence: Prisma.EvidenceCreateManyInput[];
  approvals: Prisma.ApprovalCreateManyInput[];
  overrides: Prisma.OverrideCreateManyInput[];
  risks: Prisma.RiskCreateManyInput[];
  commitments: Prisma.CommitmentCreateManyInput[];
  milestones: Prisma.MilestoneCreateManyInput[];
  dependencies: Prisma.DependencyCreateManyInput[];
  assumptions: Prisma.AssumptionCreateManyInput[];
  scopeItems: Prisma.ScopeItemCreateManyInput[];
  constraints: Prisma.IntegrationConstraintCreateManyInput[];
  decisions: Prisma.DecisionCreateManyInput[];
  scopeChanges: Prisma.ScopeChangeCreateManyInput[];
  qaRuns: Prisma.QaRunCreateManyInput[];
  qaReviews: Prisma.QaReviewCreateManyInput[];
  retrainingActions: Prisma.RetrainingActionCreateManyInput[];
  audit: (Prisma.AuditEventCreateManyInput & { at: Date })[];
}

type AuditActor = Person | "HubSpot intake";

class AuditLog {
  private readonly events: { row: Rows["audit"][number]; seq: number }[] = [];

  constructor(private readonly plan: Plan) {}

  add(at: Date, actor: AuditActor, action: string, data: Prisma.InputJsonValue, entity?: { type: string; id: string }): void {
    const who = actor === "HubSpot intake" ? { actorLabel: actor } : { actorId: actor.id, actorRole: actor.role, actorLabel: actor.name };
    this.events.push({
      seq: this.events.length,
      row: {
        at,
        ...who,
        action,
        entityType: entity?.type ?? "Handoff",
        entityId: entity?.id ?? this.plan.id,
        handoffId: this.plan.id,
        data,
        sourceUrl: actor === "HubSpot intake" ? this.plan.sourceUrl : undefined,
      },
    });
  }

  get rows(): Rows["audit"] {
    return this.events.sort((a, b) => ms(a.row.at) - ms(b.row.at) || a.seq - b.seq).map((e) => e.row);
  }

  get lastAt(): Date {
    return this.events.reduce((max, e) => latest(max, e.row.at), this.plan.createdAt);
  }
}

function dealProperties(plan: Plan): Record<string, string> {
  const c = plan.content;
  const risk = (r: RiskDraft) => {
    const owner = r.owner?.name ?? r.ownerName;
    return `- ${r.title} (${r.severity.toLowerCase()})${owner ? ` — owner: ${owner}` : ""} — mitigation: ${r.mitigation}`;
  };
  const properties: Record<string, string> = {
    dealname: plan.title,
    amount: String(plan.amount),
    closedate: plan.closedWonAt.toISOString(),
    pipeline: plan.pipeline,
    dealstage: "closedwon",
    hubspot_owner_id: plan.salesOwner.hubspotOwnerId,
    scope_in: c.scopeIn.map((s) => `- ${s}`).join("\n"),
    scope_out: c.scopeOut.map((s) => `- ${s}`).join("\n"),
    commercial_terms: c.terms,
    dependencies: c.dependencies.map((d) => `- ${d.party}: ${d.description}`).join("\n"),
    promised_kickoff_date: isoDate(plan.promisedKickoffAt),
    milestones: c.milestones.map((m) => `- ${m.name}: ${isoDate(plus(plan.promisedKickoffAt, m.offsetDays * DAY))}`).join("\n"),
    critical_risks: c.risks.map(risk).join("\n"),
  };
  for (const issue of plan.capturedIssues) {
    if (issue.field === "promised_kickoff_date") properties.promised_kickoff_date = typoKickoffDate(plan);
    else if (issue.field === "scope_in") properties.scope_in = "Implementation services";
    else if (issue.field !== "critical_risks") properties[issue.field] = "";
  }
  return properties;
}

function personFor(owner: Owner, plan: Plan): string {
  switch (owner) {
    case "pm":
      return plan.projectManager.name;
    case "sales":
      return plan.salesOwner.name;
    case "lead":
      return plan.deliveryLead.name;
    case "leader":
      return plan.psLeader.name;
    case "client":
      return plan.content.contact;
  }
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function digits(rng: Random, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += rng.int(0, 9);
  return out;
}

/** A link or a note for one evidence item, as a person would have captured it. */
function evidenceContent(requirement: EvidenceRequirement, plan: Plan, at: Date, timeline: Timeline, ctx: Ctx): { url?: string; note?: string; data?: Prisma.InputJsonValue } {
  const { rng } = ctx;
  const c = plan.content;
  const acceptedRisks = timeline.acknowledgedAt ? c.risks : [];
  switch (requirement.key) {
    case "deal_snapshot":
      return { url: plan.sourceUrl, data: { snapshotVersion: 1, fields: MANDATORY_FIELDS } };
    case "scope_confirmed":
      return { note: `Walked through ${c.scopeIn.length} in-scope and ${c.scopeOut.length} out-of-scope items with ${plan.salesOwner.name} on ${isoDate(at)}; no changes.` };
    case "workspace_link":
      return { url: `https://app.clickup.com/9012345/v/li/901${digits(rng, 8)}` };
    case "brief_link":
      return { url: `https://www.notion.so/acme/${slug(plan.title)}-Implementation-brief-${[...Array(32)].map(() => rng.int(0, 15).toString(16)).join("")}` };
    case "brief_reviewed":
      return { note: `Reviewed scope, ${c.assumptions.length} assumption${c.assumptions.length === 1 ? "" : "s"} and integration constraints with ${plan.deliveryLead.name}; clarified the ${c.scopeOut[0].toLowerCase()} exclusion.` };
    case "lead_acknowledged":
      return { data: { comment: rng.pick(["Read the brief; staffing confirmed.", "Acknowledged. Discovery can start the week after kickoff.", null]) } };
    case "risks_accepted":
      return { data: { risks: acceptedRisks.map((r) => r.title) } };
    case "digest_posted": {
      const channel = `C0${[...Array(8)].map(() => rng.pick([..."ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"])).join("")}`;
      return { url: `https://acme.slack.com/archives/${channel}/p${Math.floor(ms(at) / 1000)}${digits(rng, 6)}` };
    }
    case "escalation_contacts":
      return { note: `Client: ${c.contact} (${rng.pick(CONTACT_TITLES)}). Ours: ${plan.projectManager.name}, then ${plan.psLeader.name}.` };
    case "kickoff_held":
      return { note: `Kickoff held on ${isoDate(timeline.kickoff?.heldAt ?? at)} with ${c.contact} and the client team; ${plan.projectManager.name} and ${plan.deliveryLead.name} attended.` };
    default:
      return {};
  }
}

/** Builds every row of one handoff from its plan and timeline. */
function handoffRows(plan: Plan, timeline: Timeline, rows: Rows, ctx: Ctx): void {
  const { rng, now } = ctx;
  const log = new AuditLog(plan);
  const properties = dealProperties(plan);
  const blockedNow = plan.status === "INTAKE_BLOCKED";
  const current = timeline.runs[timeline.runs.length - 1];
  const lead = plan.deliveryLead;

  rows.deals.push({
    id: plan.dealId,
    source: "HUBSPOT",
    sourceId: plan.sourceId,
    sourceUrl: plan.sourceUrl,
    name: plan.title,
    companyName: plan.customer,
    amount: plan.amount,
    pipeline: plan.pipeline,
    dealStage: "closedwon",
    ownerEmail: plan.salesOwner.email,
    closedWonAt: plan.closedWonAt,
    properties,
    sourceUpdatedAt: plan.closedWonAt,
    capturedAt: plan.createdAt,
    createdAt: plan.createdAt,
    updatedAt: plan.createdAt,
  });
  rows.snapshots.push({ id: ctx.newId(), dealId: plan.dealId, version: 1, properties, sourceUpdatedAt: plan.closedWonAt, capturedAt: plan.createdAt });

  log.add(plan.createdAt, "HubSpot intake", "handoff.created", { dealId: plan.dealId, sourceId: plan.sourceId, title: plan.title });
  const validatedAt = plus(plan.createdAt, 2000);
  if (plan.capturedIssues.length > 0) {
    log.add(validatedAt, "HubSpot intake", "intake.blocked", { issues: plan.capturedIssues as unknown as Prisma.InputJsonValue, completenessScore: plan.completeness });
  } else {
    log.add(validatedAt, "HubSpot intake", "intake.validated", { issues: [], completenessScore: plan.completeness });
  }

  const acknowledgedRisks = timeline.acknowledgedAt ? plan.content.risks : [];
  for (const run of timeline.runs) stageRows(plan, run, timeline, acknowledgedRisks, rows, log, ctx);
  if (plan.override) overrideRows(plan, timeline, rows, log);

  if (timeline.kickoff) {
    const pmOrLeader = rng.chance(0.8) ? plan.projectManager : plan.psLeader;
    log.add(timeline.kickoff.scheduledEventAt, pmOrLeader, "kickoff.scheduled", { date: isoDate(timeline.kickoff.scheduledAt) });
  }
  const clientDates = current.def.key === "KICKOFF_QA" ? current.evidence.find((e) => e.requirement.key === "client_dates_confirmed") : undefined;
  if (clientDates) log.add(clientDates.at, current.worker, "client_dates.confirmed", {});

  contentRows(plan, timeline, rows, ctx);

  const stageKey = current.def.key;
  const submittedById = current.status === "AWAITING_APPROVAL" ? current.worker.id : null;
  rows.handoffs.push({
    id: plan.id,
    dealId: plan.dealId,
    title: plan.title,
    customerName: plan.customer,
    team: plan.team,
    segment: plan.team,
    pipeline: plan.pipeline,
    pilotCohort: plan.pilotCohort,
    stage: stageKey,
    stageStatus: plan.stageStatus,
    status: plan.status,
    riskLevel: plan.riskLevel,
    intakeIssues: blockedNow ? (plan.capturedIssues as unknown as Prisma.InputJsonValue) : [],
    completenessScore: plan.completeness,
    amount: plan.amount,
    psLeaderId: plan.psLeader.id,
    projectManagerId: plan.projectManager.id,
    revOpsId: plan.revOps.id,
    deliveryLeadId: lead.id,
    salesOwnerId: plan.salesOwner.id,
    waitingOnId: waitingOnFor(
      stageKey,
      plan.stageStatus,
      plan.status,
      { psLeaderId: plan.psLeader.id, projectManagerId: plan.projectManager.id, revOpsId: plan.revOps.id, deliveryLeadId: lead.id },
      submittedById,
    ),
    closedWonAt: plan.closedWonAt,
    stageEnteredAt: timeline.stageEnteredAt,
    dueAt: timeline.dueAt,
    // A kickoff date sales typed wrong is not a promise we can measure against.
    promisedKickoffAt: blockedNow && plan.capturedIssues.some((i) => i.field === "promised_kickoff_date") ? null : plan.promisedKickoffAt,
    kickoffScheduledAt: timeline.kickoff?.scheduledAt ?? null,
    actualKickoffAt: plan.status === "COMPLETED" ? timeline.kickoff?.heldAt ?? null : null,
    clientDateConfirmedAt: clientDates?.at ?? null,
    acknowledgedAt: timeline.acknowledgedAt,
    acknowledgedById: timeline.acknowledgedAt ? lead.id : null,
    completedAt: timeline.completedAt,
    createdAt: plan.createdAt,
    updatedAt: earliest(log.lastAt, now),
  });
  rows.audit.push(...log.rows);
}

function stageRows(plan: Plan, run: StageRun, timeline: Timeline, acceptedRisks: RiskDraft[], rows: Rows, log: AuditLog, ctx: Ctx): void {
  const stage = run.def.key;
  const lastSubmission = run.submissions[run.submissions.length - 1] ?? null;
  const decision = run.approvedAt ?? run.changesRequested?.at ?? null;
  const updatedAt = [run.enteredAt, run.startedAt, ...run.evidence.map((e) => e.at), lastSubmission, decision]
    .filter((d): d is Date => d !== null)
    .reduce(latest);

  rows.stages.push({
    id: run.id,
    handoffId: plan.id,
    key: stage,
    status: run.status,
    startedAt: run.startedAt,
    submittedAt: lastSubmission,
    submittedById: lastSubmission ? run.worker.id : null,
    decidedAt: decision,
    decidedById: decision ? run.approver.id : null,
    dueAt: run.startedAt ? plus(run.startedAt, run.def.slaHours * HOUR) : null,
    createdAt: run.enteredAt,
    updatedAt,
  });

  if (run.startedAt && stage !== "INTAKE") log.add(run.startedAt, run.worker, "stage.started", { stage });

  for (const item of run.evidence) {
    const { url, note, data } = evidenceContent(item.requirement, plan, item.at, timeline, ctx);
    rows.evidence.push({
      id: item.id,
      stageId: run.id,
      requirementKey: item.requirement.key,
      kind: item.requirement.kind,
      label: item.requirement.label,
      url,
      data: note ? { note } : data,
      capturedById: run.worker.id,
      capturedAt: item.at,
    });
    if (stage !== "ACKNOWLEDGEMENT") {
      log.add(item.at, run.worker, "evidence.captured", { stage, requirementKey: item.requirement.key, url: url ?? null, note: note ?? null }, { type: "Evidence", id: item.id });
    }
  }
  if (stage === "ACKNOWLEDGEMENT" && timeline.acknowledgedAt) {
    log.add(timeline.acknowledgedAt, plan.deliveryLead, "handoff.acknowledged", {
      acceptedRisks: acceptedRisks.map((r) => ({ id: r.id, title: r.title })),
      comment: null,
    });
  }

  run.submissions.forEach((at) => log.add(at, run.worker, "gate.submitted", { stage }));
  if (run.changesRequested) {
    const { at, comment } = run.changesRequested;
    rows.approvals.push({ id: ctx.newId(), stageId: run.id, actorId: run.approver.id, decision: "CHANGES_REQUESTED", comment, createdAt: at });
    log.add(at, run.approver, "gate.changes_requested", { stage, comment });
  }
  if (run.approvedAt) {
    const comment = ctx.rng.chance(0.25) ? ctx.rng.pick(["Looks good.", "Thanks — clear and complete.", "Approved; watch the data migration risk."]) : null;
    rows.approvals.push({ id: ctx.newId(), stageId: run.id, actorId: run.approver.id, decision: "APPROVED", comment, createdAt: run.approvedAt });
    log.add(run.approvedAt, run.approver, "gate.approved", { stage, comment });
  }
}

function overrideRows(plan: Plan, timeline: Timeline, rows: Rows, log: AuditLog): void {
  const o = plan.override!;
  const run = timeline.runs.find((r) => r.def.key === o.stageKey);
  rows.overrides.push({
    id: o.id,
    handoffId: plan.id,
    stageId: run?.id ?? null,
    kind: o.kind,
    reason: o.reason,
    bypassed: o.bypassed,
    material: o.material,
    status: o.pending ? "PENDING_SECOND_APPROVAL" : "APPROVED",
    requestedById: o.requestedBy.id,
    confirmedById: o.confirmedBy?.id ?? null,
    confirmedAt: o.confirmedAt,
    classification: o.classification,
    createdAt: o.requestedAt,
    updatedAt: o.confirmedAt ?? o.requestedAt,
  });
  const entity = { type: "Override", id: o.id };
  log.add(o.requestedAt, o.requestedBy, "override.requested", { kind: o.kind, stage: o.stageKey, reason: o.reason, material: o.material, bypassed: o.bypassed }, entity);
  if (o.confirmedBy && o.confirmedAt) log.add(o.confirmedAt, o.confirmedBy, "override.confirmed", { kind: o.kind, stage: o.stageKey }, entity);
}

/** What sales promised: scope, risks, commitments, milestones, dependencies and the rest. */
function contentRows(plan: Plan, timeline: Timeline, rows: Rows, ctx: Ctx): void {
  const { rng, now } = ctx;
  const c = plan.content;
  const at = plan.createdAt;
  const kickoffBase = timeline.kickoff?.heldAt ?? timeline.kickoff?.scheduledAt ?? plan.promisedKickoffAt;
  const completed = plan.status === "COMPLETED";
  const past = (d: Date) => ms(d) < ms(now);

  for (const description of c.scopeIn) rows.scopeItems.push({ id: ctx.newId(), handoffId: plan.id, kind: "IN_SCOPE", description, createdAt: at });
  for (const description of c.scopeOut) rows.scopeItems.push({ id: ctx.newId(), handoffId: plan.id, kind: "OUT_OF_SCOPE", description, createdAt: at });

  for (const r of c.risks) {
    const accepted = timeline.acknowledgedAt;
    rows.risks.push({
      id: r.id,
      handoffId: plan.id,
      title: r.title,
      description: r.description,
      severity: r.severity,
      likelihood: r.likelihood,
      ownerId: r.owner?.id ?? null,
      ownerName: r.ownerName,
      mitigation: r.mitigation,
      status: accepted ? "ACCEPTED" : "OPEN",
      acceptedById: accepted ? plan.deliveryLead.id : null,
      acceptedAt: accepted,
      createdAt: at,
      updatedAt: accepted ?? at,
    });
  }

  for (const item of c.commitments) {
    const dueDate = item.offsetDays === null ? null : plus(kickoffBase, item.offsetDays * DAY);
    const delivered = completed && dueDate && past(dueDate);
    const onTime = rng.chance(0.8);
    rows.commitments.push({
      id: ctx.newId(),
      handoffId: plan.id,
      description: item.description,
      ownerName: personFor(item.owner, plan),
      dueDate,
      status: delivered ? (onTime ? "DELIVERED" : "DELIVERED_LATE") : "OPEN",
      createdAt: at,
      updatedAt: at,
    });
  }

  c.milestones.forEach((m, position) => {
    const dueDate = plus(kickoffBase, m.offsetDays * DAY);
    const slip = rng.int(-2, 4) * DAY;
    const done = completed && past(dueDate) ? (m.offsetDays === 0 ? kickoffBase : plus(dueDate, slip)) : null;
    rows.milestones.push({
      id: ctx.newId(),
      handoffId: plan.id,
      name: m.name,
      dueDate,
      ownerName: m.offsetDays === 0 ? plan.projectManager.name : rng.pick([plan.projectManager.name, plan.deliveryLead.name, c.contact]),
      doneAt: done && past(done) ? done : null,
      position,
      createdAt: at,
      updatedAt: at,
    });
  });

  for (const d of c.dependencies) {
    const neededBy = plus(kickoffBase, rng.int(-5, 20) * DAY);
    const roll = rng.float();
    const status = completed && past(neededBy) ? (roll < 0.85 ? "MET" : "AT_RISK") : roll < 0.15 ? "AT_RISK" : "OPEN";
    rows.dependencies.push({ id: ctx.newId(), handoffId: plan.id, description: d.description, party: d.party, status, neededBy, createdAt: at, updatedAt: at });
  }
  for (const text of c.assumptions) rows.assumptions.push({ id: ctx.newId(), handoffId: plan.id, text, createdAt: at });
  for (const k of c.constraints) rows.constraints.push({ id: ctx.newId(), handoffId: plan.id, system: k.system, constraint: k.constraint, createdAt: at });
  for (const d of c.decisions) {
    rows.decisions.push({ id: ctx.newId(), handoffId: plan.id, title: d.title, rationale: d.rationale, decidedBy: personFor(d.by, plan), decidedAt: between(at, now, rng.float(0.05, 0.9)) });
  }
  scopeChangeRows(plan, timeline, rows, ctx);
}

/** Changes after the approved brief are a KPI incident; some are caught before it. */
function scopeChangeRows(plan: Plan, timeline: Timeline, rows: Rows, ctx: Ctx): void {
  const { rng, now } = ctx;
  const brief = timeline.runs.find((r) => r.def.key === "IMPLEMENTATION_BRIEF");
  const log = (afterBrief: boolean, loggedAt: Date) =>
    rows.scopeChanges.push({ id: ctx.newId(), handoffId: plan.id, description: rng.pick(SCOPE_CHANGES), afterBrief, loggedById: plan.projectManager.id, loggedAt });

  if (brief?.approvedAt && rng.chance(0.15)) log(true, between(brief.approvedAt, now, rng.float(0.1, 0.9)));
  if (timeline.runs.length > 1 && rng.chance(0.03)) {
    const end = brief?.approvedAt ?? brief?.submissions[0] ?? now;
    log(false, between(timeline.runs[1].enteredAt, end, rng.float(0.2, 0.8)));
  }
}

function userRows(staff: Staff, passwordHash: string, now: Date): Prisma.UserCreateManyInput[] {
  const createdAt = plus(now, -(WINDOW_DAYS + 14) * DAY);
  return staff.all.map((p) => ({
    id: p.id,
    email: p.email,
    name: p.name,
    role: p.role,
    team: p.team,
    passwordHash,
    // Seeded as already confirmed, in the Slack stand-in's workspace; people link their own Slack otherwise.
    slackUserId: p.slackUserId,
    slackTeamId: SLACK_SANDBOX_TEAM_ID,
    clickupUserId: p.clickupUserId,
    hubspotOwnerId: p.hubspotOwnerId,
    createdAt,
    updatedAt: createdAt,
  }));
}

// ───────────────────────── monthly QA ─────────────────────────

const QA_REVIEWERS = ["leader@demo.local", "pm@demo.local", "pm2@demo.local", "pm3@demo.local", "leader2@demo.local"];
const QA_SAMPLE = 10;

/**
 * The QA runs of the two months before this one: the older fully reviewed, the last one half
 * way through. Every handoff with an override is sampled, as the control requires; reviewers
 * score the rubric from what the handoff actually holds, and decide each commitment's outcome.
 * A separate random stream, so the handoffs look the same with or without QA.
 */
function qaRows(plans: Plan[], rows: Rows, ctx: Ctx): void {
  const rng = new Random(SEED + 6);
  const reviewers = QA_REVIEWERS.map((e) => ctx.staff.get(e));
  const leader = ctx.staff.get("leader@demo.local");
  const monthStart = (offset: number) => new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth() + offset, 1));
  const patternsSeen = new Map<FailurePattern, number>();
  let lastRunId: string | null = null;

  for (const offset of [-2, -1]) {
    const from = monthStart(offset);
    const to = monthStart(offset + 1);
    const month = from.toISOString().slice(0, 7);
    const inMonth = plans.filter((p) => p.closedWonAt >= from && p.closedWonAt < to && p.status !== "CANCELLED");
    if (inMonth.length === 0) continue;
    const overridden = inMonth.filter((p) => p.override);
    const sample = [...overridden, ...rng.sample(inMonth.filter((p) => !p.override), Math.max(0, QA_SAMPLE - overridden.length))];
    const startedAt = earliest(plus(to, 2 * HOUR), plus(ctx.now, -2 * HOUR));
    const runId = ctx.newId();
    lastRunId = runId;
    rows.qaRuns.push({
      id: runId,
      month,
      sampleSize: sample.length,
      rule: { rule: "random", requested: QA_SAMPLE, overrides: overridden.length, seed: `demo:${month}` },
      // The older run is fully reviewed and closed; the last one is still open.
      status: offset === -2 ? "CLOSED" : "OPEN",
      createdById: leader.id,
      createdAt: startedAt,
      updatedAt: startedAt,
    });
    rows.audit.push({ at: startedAt, actorId: leader.id, actorRole: leader.role, actorLabel: leader.name, action: "qa.run_started", entityType: "QaRun", entityId: runId, data: { month, rule: "random", requested: QA_SAMPLE, sampled: sample.length, overrides: overridden.length } });

    sample.forEach((plan, i) => {
      let reviewer = reviewers[i % reviewers.length];
      if (reviewer.id === plan.projectManager.id) reviewer = reviewers[(i + 1) % reviewers.length];
      const reviewed = offset === -2 || i % 2 === 0;
      const reviewedAt = earliest(plus(startedAt, rng.int(1, 9) * DAY + rng.int(1, 8) * HOUR), plus(ctx.now, -HOUR));
      if (!reviewed || reviewedAt <= startedAt) {
        rows.qaReviews.push({ id: ctx.newId(), runId, handoffId: plan.id, reviewerId: reviewer.id, failurePatterns: [], createdAt: startedAt, updatedAt: startedAt });
        return;
      }
      // The reviewer decides what became of each promise that is due, and of the ongoing ones
      // (a weekly report, a named lead), which are kept or not from the first week.
      const commitments = rows.commitments.filter((c) => c.handoffId === plan.id);
      for (const c of commitments) {
        if (c.status !== "OPEN") continue;
        if (!c.dueDate) c.status = rng.weighted([["DELIVERED", 74], ["CHANGED", 12], ["MISSED", 14]] as const);
        else if (ms(c.dueDate as Date) < ms(reviewedAt)) c.status = rng.weighted([["DELIVERED", 70], ["DELIVERED_LATE", 14], ["CHANGED", 10], ["MISSED", 6]] as const);
      }
      const outcomes = commitments.map((c) => ({ id: c.id!, outcome: c.status ?? "OPEN" }));
      const unowned = plan.content.risks.some((r) => !r.owner && !r.ownerName);
      const rubric: ReviewInput["rubric"] = {
        fields: plan.capturedIssues.length === 0 ? "met" : plan.capturedIssues.length > 2 ? "missed" : "partly",
        evidence: plan.completeness >= 85 ? "met" : rng.chance(0.5) ? "partly" : "met",
        risks: unowned ? "partly" : rng.chance(0.85) ? "met" : "partly",
        commitments: rng.chance(0.75) ? "met" : "partly",
      };
      const patterns = new Set<FailurePattern>();
      if (rubric.fields !== "met") patterns.add(rng.chance(0.5) ? "missing-commercial-terms" : "unclear-scope");
      if (rubric.risks !== "met") patterns.add("unowned-risk");
      if (outcomes.some((o) => o.outcome === "DELIVERED_LATE" || o.outcome === "MISSED") || (plan.team === "Mid-market" && rng.chance(0.35))) patterns.add("optimistic-timeline");
      if (outcomes.some((o) => o.outcome === "CHANGED")) patterns.add("undocumented-commitment");
      if (plan.content.dependencies.length === 0 || rng.chance(0.15)) patterns.add("missing-dependency");
      for (const p of patterns) patternsSeen.set(p, (patternsSeen.get(p) ?? 0) + 1);

      rows.qaReviews.push({
        id: ctx.newId(),
        runId,
        handoffId: plan.id,
        reviewerId: reviewer.id,
        completenessScore: rubricScore(rubric),
        promiseAccuracy: promiseAccuracyOf(outcomes.map((o) => o.outcome)),
        failurePatterns: [...patterns],
        rubric: { parts: rubric, commitments: outcomes },
        notes: patterns.size ? rng.pick(QA_NOTES) : null,
        reviewedAt,
        createdAt: startedAt,
        updatedAt: reviewedAt,
      });
    });
  }

  // Retraining for the patterns seen most, owned by the people who can fix them.
  const top = [...patternsSeen.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  top.forEach(([pattern], i) => {
    const action = RETRAINING[pattern];
    const createdAt = plus(ctx.now, -(12 - i * 3) * DAY);
    rows.retrainingActions.push({
      id: ctx.newId(),
      runId: lastRunId,
      pattern,
      description: action.description,
      ownerId: ctx.staff.get(action.owner).id,
      dueDate: new Date(`${plus(ctx.now, (i * 10 - 3) * DAY).toISOString().slice(0, 10)}T00:00:00Z`),
      status: i === 0 ? "DONE" : "OPEN",
      createdAt,
      updatedAt: createdAt,
    });
  });
}

const QA_NOTES = [
  "Dates were promised before the client's procurement had signed off.",
  "Risk register copied from the template; nobody owns the integration risk.",
  "The SOW excludes data migration, but the deal notes promise it.",
  "Client dependencies were only discovered at kickoff.",
  "Sales confirmed the scope on a call; none of it is in the CRM.",
];

const RETRAINING: Record<FailurePattern, { description: string; owner: string }> = {
  "optimistic-timeline": { description: "Estimation refresher for sales: promise kickoff dates only from the delivery calendar.", owner: "leader2@demo.local" },
  "unowned-risk": { description: "Deal desk checklist: every critical risk names an owner before closed-won.", owner: "revops@demo.local" },
  "missing-dependency": { description: "Discovery template gains a client-dependencies section; walkthrough with the sales team.", owner: "pm2@demo.local" },
  "unclear-scope": { description: "Scope-boundary workshop: writing in-scope and out-of-scope items the client signs.", owner: "leader@demo.local" },
  "missing-commercial-terms": { description: "RevOps makes payment terms a required deal property for closed-won.", owner: "revops@demo.local" },
  "undocumented-commitment": { description: "Every promise made on a call is logged as a commitment in the CRM the same day.", owner: "pm@demo.local" },
};

// ───────────────────────── assembling and writing ─────────────────────────

export interface DemoDataOptions {
  handoffs: number;
  now: Date;
  passwordHash: string;
}

/** Everything the demo database holds, as rows in foreign-key order. Pure: same input, same rows. */
export function buildDemoData(options: DemoDataOptions): Rows {
  const newId = idFactory(ID_SEED);
  const ctx: Ctx = { rng: new Random(SEED), newId, now: options.now, staff: new Staff(newId) };

  const usedTitles = new Set<string>();
  const plans = closedWonTimes(options.handoffs, ctx).map((closedWonAt, i) => createPlan(i, closedWonAt, usedTitles, ctx));
  assignProgress(plans, ctx);
  guaranteeInboxes(plans, ctx);
  chooseOverdue(plans, ctx);

  const timelines = new Map(plans.map((p) => [p, p.status === "COMPLETED" ? completedTimeline(p, ctx) : openTimeline(p, ctx)] as const));
  draftOverrides(plans, timelines, ctx);

  const rows: Rows = {
    users: userRows(ctx.staff, options.passwordHash, options.now),
    policies: [],
    deals: [], snapshots: [], handoffs: [], stages: [], evidence: [], approvals: [], overrides: [], risks: [],
    commitments: [], milestones: [], dependencies: [], assumptions: [], scopeItems: [], constraints: [], decisions: [],
    scopeChanges: [], qaRuns: [], qaReviews: [], retrainingActions: [], audit: [],
  };
  for (const plan of plans) handoffRows(plan, timelines.get(plan)!, rows, ctx);
  qaRows(plans, rows, ctx);
  // Ids of the append-only audit trail follow time, as they would have in production.
  rows.audit.sort((a, b) => ms(a.at) - ms(b.at));
  return rows;
}

async function insertBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

async function insertAll(tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0], rows: Rows): Promise<void> {
  await tx.user.createMany({ data: rows.users });
  await tx.policyVersion.createMany({ data: rows.policies });
  await insertBatches(rows.deals, (data) => tx.deal.createMany({ data }));
  await insertBatches(rows.snapshots, (data) => tx.dealSnapshot.createMany({ data }));
  await insertBatches(rows.handoffs, (data) => tx.handoff.createMany({ data }));
  await insertBatches(rows.stages, (data) => tx.handoffStage.createMany({ data }));
  await insertBatches(rows.evidence, (data) => tx.evidence.createMany({ data }));
  await insertBatches(rows.approvals, (data) => tx.approval.createMany({ data }));
  await insertBatches(rows.overrides, (data) => tx.override.createMany({ data }));
  await insertBatches(rows.risks, (data) => tx.risk.createMany({ data }));
  await insertBatches(rows.commitments, (data) => tx.commitment.createMany({ data }));
  await insertBatches(rows.milestones, (data) => tx.milestone.createMany({ data }));
  await insertBatches(rows.dependencies, (data) => tx.dependency.createMany({ data }));
  await insertBatches(rows.assumptions, (data) => tx.assumption.createMany({ data }));
  await insertBatches(rows.scopeItems, (data) => tx.scopeItem.createMany({ data }));
  await insertBatches(rows.constraints, (data) => tx.integrationConstraint.createMany({ data }));
  await insertBatches(rows.decisions, (data) => tx.decision.createMany({ data }));
  await insertBatches(rows.scopeChanges, (data) => tx.scopeChange.createMany({ data }));
  await insertBatches(rows.qaRuns, (data) => tx.qaRun.createMany({ data }));
  await insertBatches(rows.qaReviews, (data) => tx.qaReview.createMany({ data }));
  await insertBatches(rows.retrainingActions, (data) => tx.retrainingAction.createMany({ data }));
  await insertBatches(rows.audit, (data) => tx.auditEvent.createMany({ data }));
}

export interface SeedOptions {
  handoffs?: number;
  now?: Date;
  log?: (msg: string) => void;
}

/**
 * Fills an empty database with the demo data. Does nothing when any user exists, so
 * restarting the demo keeps whatever people did in it.
 */
export async function seedDemo(prisma: PrismaClient, options: SeedOptions = {}): Promise<{ created: boolean; handoffs: number }> {
  const log = options.log ?? (() => undefined);
  if ((await prisma.user.count()) > 0) {
    log("Demo seed skipped: the database already has users.");
    return { created: false, handoffs: await prisma.handoff.count() };
  }

  const started = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD, 10);
  const rows = buildDemoData({ handoffs: options.handoffs ?? 200, now: options.now ?? new Date(), passwordHash });
  log(`Seeding ${rows.users.length} users, ${rows.handoffs.length} handoffs and ${rows.audit.length} audit events…`);

  const created = await prisma.$transaction(
    async (tx) => {
      // A second seeder racing this one either sees our users here or fails on the unique emails.
      if ((await tx.user.count()) > 0) return false;
      await insertAll(tx, rows);
      return true;
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  if (!created) return { created: false, handoffs: await prisma.handoff.count() };
  log(`Demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Sign in as pm@demo.local (or any demo user) with “${DEMO_PASSWORD}”.`);
  return { created: true, handoffs: rows.handoffs.length };
}
