import type { StageKey } from "../db/generated/enums.ts";

/**
 * What the demo's deals are made of: customers, contacts, kinds of project with their scope and
 * constraints, and the risks, dependencies, assumptions, promises, decisions and milestones a
 * sales team writes down. The plan (plan.ts) draws each handoff's content from here.
 */

export const COMMERCIAL_CUSTOMERS = [
  "Northwind Health", "Contoso Logistics", "Fabrikam Manufacturing", "Tailspin Toys", "Wingtip Retail",
  "Adventure Works Cycles", "Litware Software", "Proseware Analytics", "Woodgrove Bank", "Fourth Coffee",
  "Alpine Ski House", "Coho Winery", "Lucerne Publishing", "Margie's Travel", "Trey Research",
  "Blue Yonder Airlines", "Humongous Insurance", "Wide World Importers", "Southridge Video", "Relecloud",
  "VanArsdel Foods", "A. Datum Corporation", "Consolidated Messenger", "Lamna Healthcare", "Fincher Architects",
  "Cronus Energy", "Boreal Freight", "Kestrel Payments", "Meridian Dental Group", "Harbor Point Realty",
  "Granite Peak Outfitters", "Silverline Telecom", "Bluewater Pharma", "Ironbridge Capital",
];

export const PUBLIC_CUSTOMERS = [
  "City of Brookfield", "Lakeshore County", "Riverton Department of Revenue", "Northbridge Transit Authority",
  "Cascadia Water District", "Port of Halvorsen", "Eastvale Unified School District", "Maple Valley Health Authority",
  "Greenfield Public Library System", "Redwood State University",
];

export const CONTACT_FIRST = ["Laura", "James", "Sofia", "Daniel", "Hannah", "Michael", "Grace", "Lucas", "Emily", "Ryan", "Chloe", "Ethan", "Maya", "Noah", "Olivia", "Samuel", "Isabel", "Kwame", "Elena", "Arjun"];
export const CONTACT_LAST = ["Morgan", "Bennett", "Alvarez", "Nguyen", "Schmidt", "O'Connor", "Kowalski", "Dubois", "Larsen", "Hughes", "Novak", "Silva", "Brennan", "Yamamoto", "Mensah", "Ortega", "Lindqvist", "Reyes", "Byrne", "Chandra"];
export const CONTACT_TITLES = ["CIO", "VP Operations", "IT director", "Head of Sales Operations", "Finance director", "Programme manager", "COO"];

export interface ProjectType {
  name: string;
  inScope: readonly string[];
  outOfScope: readonly string[];
  constraints: readonly { system: string; constraint: string }[];
}

export const PROJECT_TYPES: readonly ProjectType[] = [
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

export const RISKS = [
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

export const DEPENDENCIES = [
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

export const ASSUMPTIONS = [
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

/** Who a promise or a decision belongs to, resolved to a name per handoff. */
export type Owner = "pm" | "sales" | "lead" | "leader" | "client";

export const COMMITMENTS: readonly { description: string; offsetDays: number | null; owner: Owner }[] = [
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

export const DECISIONS: readonly { title: string; rationale: string; by: Owner }[] = [
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

export const MILESTONES = [
  { name: "Kickoff", offsetDays: 0 },
  { name: "Discovery workshops complete", offsetDays: 10 },
  { name: "Solution design signed off", offsetDays: 21 },
  { name: "First 30 days review", offsetDays: 30 },
  { name: "UAT starts", offsetDays: 45 },
  { name: "Go-live", offsetDays: 75 },
  { name: "Hypercare ends", offsetDays: 100 },
] as const;

export const SCOPE_CHANGES = [
  "Add the Nordics business unit to the rollout",
  "Spanish and French translations of customer-facing templates",
  "Move the data warehouse feed from phase 1 to phase 2",
  "Add SSO for contractors",
  "Two extra integration endpoints requested by finance",
  "Replace the custom approval flow with the standard one",
  "Extend hypercare from four to six weeks",
  "Drop the legacy archive migration",
];

export const CHANGE_REQUESTS: Record<StageKey, readonly string[]> = {
  INTAKE: ["Out-of-scope list does not mention data cleansing; please confirm with sales.", "Two risks have no owner yet."],
  DELIVERY_WORKSPACE: ["The list is missing the UAT phase from the standard template.", "Several tasks still have no owner."],
  IMPLEMENTATION_BRIEF: ["The brief lists SSO as in scope but the SOW excludes it; please reconcile.", "The assumptions section is empty."],
  ACKNOWLEDGEMENT: ["Please add the staffing plan before I sign off."],
  HANDOFF_DIGEST: ["Escalation contacts need a client-side name, not a shared inbox."],
  KICKOFF_QA: ["Kickoff notes do not say who attended from the client."],
};
