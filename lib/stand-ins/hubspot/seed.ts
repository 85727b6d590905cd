import { OBJECT_TYPES } from "./model.ts";
import type { HubSpotSandboxStore } from "./store.ts";

/**
 * Demo data for the sandbox portal: the sales and delivery owners the demo users map to,
 * and six open deals in "Contract Sent" for a demo user to move to Closed Won. Three carry
 * every mandatory handoff field; three break the intake policy in one distinct way each.
 */

export type SeedScenario = "complete" | "missing_scope_out" | "kickoff_in_past" | "risk_without_owner";

export interface SeededDeal {
  id: string;
  dealname: string;
  scenario: SeedScenario;
  url: string;
}

export interface SeedResult {
  /** False when the store already had data and was left alone. */
  seeded: boolean;
  deals: SeededDeal[];
}

// Owner ids match lib/demo/seed.ts (hubspotOwnerId = 9_000_001 + the user's position there).
const OWNERS = [
  { id: "9000006", email: "sales@demo.local", firstName: "Sam", lastName: "Carter", userId: 7_100_006, team: { id: "410001", name: "Enterprise", primary: true } },
  { id: "9000012", email: "sales2@demo.local", firstName: "Nina", lastName: "Patel", userId: 7_100_012, team: { id: "410002", name: "Mid-market", primary: true } },
  { id: "9000003", email: "pm@demo.local", firstName: "Marco", lastName: "Rossi", userId: 7_100_003, team: { id: "410001", name: "Enterprise", primary: true } },
] as const;

const SAM = OWNERS[0].id;
const NINA = OWNERS[1].id;

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface DealPlan {
  scenario: SeedScenario;
  dealname: string;
  amount: number;
  owner: string;
  pipeline: "default" | "enterprise";
  kickoffInDays: number;
  company: { name: string; domain: string; industry: string; city: string; country: string; numberofemployees: number };
  contact: { firstname: string; lastname: string; jobtitle: string };
  scopeIn: string[];
  scopeOut: string[];
  terms: string;
  dependencies: string[];
  milestones: Array<[offsetDays: number, name: string, owner: string]>;
  risks: Array<[title: string, severity: string, likelihood: string, owner: string, mitigation: string]>;
}

const PLANS: DealPlan[] = [
  {
    scenario: "complete",
    dealname: "Aurora Biotech — Lab data platform rollout",
    amount: 184_000,
    owner: SAM,
    pipeline: "default",
    kickoffInDays: 21,
    company: { name: "Aurora Biotech", domain: "aurorabiotech.example", industry: "Biotechnology", city: "Boston", country: "United States", numberofemployees: 640 },
    contact: { firstname: "Helena", lastname: "Brandt", jobtitle: "Director of Lab Operations" },
    scopeIn: ["LIMS integration for three research sites", "Sample tracking dashboards", "Admin training for 12 super-users"],
    scopeOut: ["Instrument firmware upgrades", "Historical data cleansing before 2021", "24/7 on-site support"],
    terms: "Fixed fee of $184,000: 30% at kickoff, 40% at UAT sign-off, 30% at go-live. Net 30 invoicing, travel billed at cost.",
    dependencies: ["Sandbox LIMS credentials — Aurora IT", "Named site champions at all three labs — Aurora Lab Ops", "SSO configuration (Okta) — Aurora IT"],
    milestones: [[0, "Kickoff workshop", "Marco Rossi"], [21, "Integration design sign-off", "Helena Brandt"], [56, "UAT complete", "Marco Rossi"], [70, "Go-live", "Marco Rossi"]],
    risks: [
      ["LIMS vendor API rate limits", "high", "medium", "Marco Rossi", "Batch nightly sync; agree a raised limit with the vendor before design sign-off"],
      ["Site champions unavailable in August", "medium", "high", "Helena Brandt", "Confirm backups per site during kickoff"],
    ],
  },
  {
    scenario: "complete",
    dealname: "Pinecrest Logistics — Fleet analytics implementation",
    amount: 96_500,
    owner: NINA,
    pipeline: "enterprise",
    kickoffInDays: 28,
    company: { name: "Pinecrest Logistics", domain: "pinecrest-logistics.example", industry: "Logistics", city: "Denver", country: "United States", numberofemployees: 1_250 },
    contact: { firstname: "Owen", lastname: "Mbeki", jobtitle: "VP Fleet Operations" },
    scopeIn: ["Telematics feed ingestion (two providers)", "Route efficiency and idle-time dashboards", "Monthly KPI report template"],
    scopeOut: ["Driver mobile app", "Fuel card reconciliation", "Custom ML forecasting"],
    terms: "Time and materials capped at $96,500; billed monthly in arrears, Net 45. Change requests above the cap need a signed order form.",
    dependencies: ["API keys for both telematics providers — Pinecrest IT", "Historical trip export (12 months) — Pinecrest Fleet Ops"],
    milestones: [[0, "Kickoff", "Marco Rossi"], [14, "Data feeds live in staging", "Marco Rossi"], [42, "Dashboards accepted", "Owen Mbeki"]],
    risks: [["Second telematics provider has no sandbox", "medium", "medium", "Marco Rossi", "Use a recorded sample feed until production keys arrive"]],
  },
  {
    scenario: "complete",
    dealname: "Harborview Credit Union — Member onboarding automation",
    amount: 142_000,
    owner: SAM,
    pipeline: "default",
    kickoffInDays: 35,
    company: { name: "Harborview Credit Union", domain: "harborviewcu.example", industry: "Financial Services", city: "Seattle", country: "United States", numberofemployees: 420 },
    contact: { firstname: "Grace", lastname: "Liu", jobtitle: "Head of Member Experience" },
    scopeIn: ["Digital account-opening workflow", "KYC vendor integration", "Branch staff training"],
    scopeOut: ["Core banking system changes", "Loan origination flows", "Marketing email templates"],
    terms: "Fixed fee of $142,000 in four equal milestone payments; Net 30. Includes 60 days of hypercare after go-live.",
    dependencies: ["KYC vendor contract and sandbox — Harborview Compliance", "Security review slot in week 3 — Harborview InfoSec"],
    milestones: [[0, "Kickoff", "Marco Rossi"], [28, "Workflow design approved", "Grace Liu"], [63, "Pilot branch live", "Marco Rossi"], [84, "All branches live", "Marco Rossi"]],
    risks: [["Security review could slip the pilot", "high", "medium", "Grace Liu", "Book the review slot at kickoff; share the design pack a week early"]],
  },
  {
    scenario: "missing_scope_out",
    dealname: "Summit Outdoor Co. — Commerce replatform",
    amount: 210_000,
    owner: NINA,
    pipeline: "default",
    kickoffInDays: 24,
    company: { name: "Summit Outdoor Co.", domain: "summitoutdoor.example", industry: "Retail", city: "Salt Lake City", country: "United States", numberofemployees: 380 },
    contact: { firstname: "Diego", lastname: "Ramos", jobtitle: "Director of E-commerce" },
    scopeIn: ["Storefront migration to the new platform", "Product catalog import (8,000 SKUs)", "Payment gateway setup"],
    scopeOut: [],
    terms: "Fixed fee of $210,000: 25% at kickoff, 50% at launch, 25% thirty days after launch. Net 30.",
    dependencies: ["Catalog export in CSV — Summit Merchandising", "Payment gateway merchant account — Summit Finance"],
    milestones: [[0, "Kickoff", "Marco Rossi"], [35, "Catalog migrated", "Marco Rossi"], [77, "Launch", "Diego Ramos"]],
    risks: [["Peak season freeze from November", "high", "high", "Diego Ramos", "Launch before the freeze or plan for January"]],
  },
  {
    scenario: "kickoff_in_past",
    dealname: "Brightline Media — Content operations rollout",
    amount: 58_000,
    owner: SAM,
    pipeline: "default",
    kickoffInDays: 18,
    company: { name: "Brightline Media", domain: "brightline-media.example", industry: "Media", city: "Austin", country: "United States", numberofemployees: 210 },
    contact: { firstname: "Priya", lastname: "Nair", jobtitle: "Managing Editor" },
    scopeIn: ["Editorial workflow configuration", "Asset library migration", "Editor training (2 sessions)"],
    scopeOut: ["Video transcoding pipeline", "Ad server integration"],
    terms: "Fixed fee of $58,000: 50% at kickoff, 50% at go-live. Net 15.",
    dependencies: ["Admin access to the current DAM — Brightline IT"],
    milestones: [[0, "Kickoff", "Marco Rossi"], [30, "Library migrated", "Marco Rossi"], [45, "Go-live", "Priya Nair"]],
    risks: [["Asset metadata is inconsistent", "medium", "high", "Marco Rossi", "Run a metadata audit in week one and agree defaults"]],
  },
  {
    scenario: "risk_without_owner",
    dealname: "Quantum Freight — Customs compliance integration",
    amount: 126_000,
    owner: NINA,
    pipeline: "enterprise",
    kickoffInDays: 30,
    company: { name: "Quantum Freight", domain: "quantumfreight.example", industry: "Transportation", city: "Rotterdam", country: "Netherlands", numberofemployees: 900 },
    contact: { firstname: "Lars", lastname: "de Vries", jobtitle: "Head of Trade Compliance" },
    scopeIn: ["Customs declaration API integration", "Exception queue for rejected filings", "Compliance reporting"],
    scopeOut: ["Duty payment processing", "Warehouse management changes"],
    terms: "Fixed fee of $126,000 split across three milestones; Net 30. Currency EUR at the contract-date rate.",
    dependencies: ["Customs authority test credentials — Quantum Trade Compliance", "Sample rejected filings — Quantum Operations"],
    milestones: [[0, "Kickoff", "Marco Rossi"], [42, "Filing integration in test", "Marco Rossi"], [70, "Production cutover", "Lars de Vries"]],
    risks: [
      ["Customs API changes announced for Q3", "critical", "medium", "", "Track the authority's change notices; budget a re-test"],
      ["Exception volume higher than estimated", "medium", "medium", "Lars de Vries", "Size the queue on last quarter's rejections"],
    ],
  },
];

function dealProperties(plan: DealPlan, now: number): Record<string, string> {
  const kickoff = Date.parse(`${isoDate(now + plan.kickoffInDays * DAY)}T00:00:00Z`);
  // Sales typed last year's date: the usual way a promised kickoff ends up in the past.
  const promised = plan.scenario === "kickoff_in_past" ? isoDate(kickoff - 365 * DAY) : isoDate(kickoff);
  const properties: Record<string, string> = {
    dealname: plan.dealname,
    amount: String(plan.amount),
    closedate: new Date(Date.parse(`${isoDate(now + 7 * DAY)}T00:00:00Z`)).toISOString(),
    pipeline: plan.pipeline,
    dealstage: "contractsent",
    dealtype: "newbusiness",
    deal_currency_code: "USD",
    hubspot_owner_id: plan.owner,
    description: `Demo deal (${plan.scenario.replaceAll("_", " ")}): move it to Closed Won to start a handoff.`,
    scope_in: plan.scopeIn.join("\n"),
    commercial_terms: plan.terms,
    dependencies: plan.dependencies.join("\n"),
    promised_kickoff_date: promised,
    milestones: plan.milestones.map(([offset, name, owner]) => `${isoDate(kickoff + offset * DAY)} — ${name} — ${owner}`).join("\n"),
    critical_risks: plan.risks.map((r) => r.join(" | ")).join("\n"),
  };
  if (plan.scopeOut.length > 0) properties.scope_out = plan.scopeOut.join("\n");
  return properties;
}

/** Seeds an empty store (and leaves any other alone). Seeding fires no webhooks: the data was "already there". */
export function seedSandbox(store: HubSpotSandboxStore, options: { portalId?: number; now?: Date } = {}): SeedResult {
  if (!store.isEmpty()) return { seeded: false, deals: [] };
  return store.withoutEvents(() => seed(store, options));
}

function seed(store: HubSpotSandboxStore, options: { portalId?: number; now?: Date }): SeedResult {
  const now = (options.now ?? new Date()).getTime();
  const portalId = options.portalId ?? store.portalId;

  for (const o of OWNERS) {
    store.addOwner({ id: o.id, email: o.email, firstName: o.firstName, lastName: o.lastName, userId: o.userId, teams: [{ ...o.team }] });
  }

  const deals = PLANS.map((plan): SeededDeal => {
    const company = store.createCompany({ ...plan.company, numberofemployees: String(plan.company.numberofemployees), hubspot_owner_id: plan.owner });
    const contact = store.createContact(
      {
        ...plan.contact,
        email: `${plan.contact.firstname}.${plan.contact.lastname}`.toLowerCase().replace(/\s+/g, "") + `@${plan.company.domain}`,
        company: plan.company.name,
        hubspot_owner_id: plan.owner,
      },
      { companyId: company.id },
    );
    const deal = store.createDeal(dealProperties(plan, now), { associations: { companies: [company.id], contacts: [contact.id] } });
    return {
      id: deal.id,
      dealname: plan.dealname,
      scenario: plan.scenario,
      url: `https://app.hubspot.com/contacts/${portalId}/record/${OBJECT_TYPES.deals.objectTypeId}/${deal.id}`,
    };
  });
  return { seeded: true, deals };
}
