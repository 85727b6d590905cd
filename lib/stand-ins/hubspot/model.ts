/**
 * The static shape of the sandbox portal: object types, their standard properties, deal
 * pipelines and the HubSpot-defined association types. Values mirror HubSpot's own
 * (internal names, object type ids, association type ids) so code written against the
 * sandbox keeps working against a real portal.
 */

export const OBJECT_TYPE_NAMES = ["deals", "companies", "contacts", "line_items", "tasks", "notes"] as const;
export type ObjectTypeName = (typeof OBJECT_TYPE_NAMES)[number];

export type PropertyType = "string" | "number" | "date" | "datetime" | "enumeration" | "bool";

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  description: string;
  groupName: string;
  options: PropertyOption[];
  displayOrder: number;
  calculated: boolean;
  externalOptions: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  /** HubSpot sets this only on its own properties. */
  hubspotDefined?: boolean;
  readOnlyValue: boolean;
  referencedObjectType?: string;
  showCurrencySymbol?: boolean;
  createdAt?: string;
  updatedAt?: string;
}

export interface ObjectTypeConfig {
  name: ObjectTypeName;
  singular: string;
  objectTypeId: string;
  /** Engagements (tasks, notes) use hs_createdate; contacts use lastmodifieddate. */
  createdProperty: string;
  modifiedProperty: string;
  /** What a read returns when the caller names no properties. */
  defaultProperties: string[];
  requiredOnCreate: string[];
  /** Searched by the free-text `query` of a search request. */
  queryProperties: string[];
}

export const OBJECT_TYPES: Record<ObjectTypeName, ObjectTypeConfig> = {
  deals: {
    name: "deals",
    singular: "deal",
    objectTypeId: "0-3",
    createdProperty: "createdate",
    modifiedProperty: "hs_lastmodifieddate",
    defaultProperties: ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"],
    requiredOnCreate: [],
    queryProperties: ["dealname"],
  },
  companies: {
    name: "companies",
    singular: "company",
    objectTypeId: "0-2",
    createdProperty: "createdate",
    modifiedProperty: "hs_lastmodifieddate",
    defaultProperties: ["createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"],
    requiredOnCreate: [],
    queryProperties: ["name", "domain"],
  },
  contacts: {
    name: "contacts",
    singular: "contact",
    objectTypeId: "0-1",
    createdProperty: "createdate",
    modifiedProperty: "lastmodifieddate",
    defaultProperties: ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
    requiredOnCreate: [],
    queryProperties: ["firstname", "lastname", "email"],
  },
  line_items: {
    name: "line_items",
    singular: "line_item",
    objectTypeId: "0-8",
    createdProperty: "createdate",
    modifiedProperty: "hs_lastmodifieddate",
    defaultProperties: ["amount", "createdate", "hs_lastmodifieddate", "hs_object_id", "hs_product_id", "name", "price", "quantity"],
    requiredOnCreate: [],
    queryProperties: ["name"],
  },
  tasks: {
    name: "tasks",
    singular: "task",
    objectTypeId: "0-27",
    createdProperty: "hs_createdate",
    modifiedProperty: "hs_lastmodifieddate",
    defaultProperties: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
    requiredOnCreate: ["hs_timestamp"],
    queryProperties: ["hs_task_subject"],
  },
  notes: {
    name: "notes",
    singular: "note",
    objectTypeId: "0-46",
    createdProperty: "hs_createdate",
    modifiedProperty: "hs_lastmodifieddate",
    defaultProperties: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
    requiredOnCreate: ["hs_timestamp"],
    queryProperties: ["hs_note_body"],
  },
};

/** Accepts what HubSpot accepts in a path: plural, singular or the object type id. */
export function resolveObjectType(segment: string): ObjectTypeName | undefined {
  const s = segment.toLowerCase();
  return OBJECT_TYPE_NAMES.find((name) => {
    const c = OBJECT_TYPES[name];
    return s === c.name || s === c.singular || s === c.objectTypeId;
  });
}

// ───────────────────────── properties ─────────────────────────

const options = (pairs: ReadonlyArray<readonly [string, string]>): PropertyOption[] =>
  pairs.map(([value, label], displayOrder) => ({ value, label, displayOrder, hidden: false }));

interface Spec {
  type: PropertyType;
  fieldType: string;
  label: string;
  description?: string;
  group?: string;
  options?: PropertyOption[];
  readOnly?: boolean;
  calculated?: boolean;
  unique?: boolean;
  owner?: boolean;
  currency?: boolean;
}

function define(defaultGroup: string, specs: Record<string, Spec>, hubspotDefined: boolean): PropertyDefinition[] {
  return Object.entries(specs).map(([name, s], displayOrder) => ({
    name,
    label: s.label,
    type: s.type,
    fieldType: s.fieldType,
    description: s.description ?? "",
    groupName: s.group ?? defaultGroup,
    options: s.options ?? [],
    displayOrder: hubspotDefined ? -1 : displayOrder,
    calculated: s.calculated ?? false,
    externalOptions: s.owner ?? false,
    hasUniqueValue: s.unique ?? false,
    hidden: false,
    formField: !s.readOnly,
    ...(hubspotDefined ? { hubspotDefined: true } : {}),
    readOnlyValue: s.readOnly ?? false,
    ...(s.owner ? { referencedObjectType: "OWNER" } : {}),
    ...(s.currency ? { showCurrencySymbol: true } : {}),
  }));
}

const system = (created: string, modified: string): Record<string, Spec> => ({
  [created]: { type: "datetime", fieldType: "date", label: "Create Date", description: "The date the record was created." },
  [modified]: { type: "datetime", fieldType: "date", label: "Last Modified Date", readOnly: true, description: "Most recent timestamp of any property update." },
  hs_object_id: { type: "number", fieldType: "number", label: "Record ID", readOnly: true, unique: true, description: "The unique ID for this record." },
});

const owner: Spec = { type: "enumeration", fieldType: "select", label: "Owner", owner: true, description: "The owner of the record." };

export const DEAL_STAGES = options([
  ["appointmentscheduled", "Appointment Scheduled"],
  ["qualifiedtobuy", "Qualified To Buy"],
  ["presentationscheduled", "Presentation Scheduled"],
  ["decisionmakerboughtin", "Decision Maker Bought-In"],
  ["contractsent", "Contract Sent"],
  ["closedwon", "Closed Won"],
  ["closedlost", "Closed Lost"],
]);

export const CLOSED_WON_STAGES = new Set(["closedwon"]);
export const CLOSED_STAGES = new Set(["closedwon", "closedlost"]);

/** The app's own deal properties, created in a real portal by RevOps (group "handoff"). */
export const HANDOFF_DEAL_PROPERTIES: Record<string, Spec> = {
  scope_in: { type: "string", fieldType: "textarea", label: "Scope: in", description: "What is included, one item per line." },
  scope_out: { type: "string", fieldType: "textarea", label: "Scope: out", description: "What is explicitly not included, one item per line." },
  commercial_terms: { type: "string", fieldType: "textarea", label: "Commercial terms", description: "Fee model, payment schedule, billing terms." },
  dependencies: { type: "string", fieldType: "textarea", label: "Dependencies", description: "One per line: what is needed — who provides it." },
  promised_kickoff_date: { type: "date", fieldType: "date", label: "Promised kickoff date", description: "The kickoff date promised to the client." },
  milestones: { type: "string", fieldType: "textarea", label: "Milestones", description: "One per line: YYYY-MM-DD — milestone — owner." },
  critical_risks: { type: "string", fieldType: "textarea", label: "Critical risks", description: "One per line: title | severity | likelihood | owner | mitigation." },
  handoff_status: { type: "string", fieldType: "text", label: "Handoff status", description: "Written back by the Handoff Control Center." },
  handoff_url: { type: "string", fieldType: "text", label: "Handoff link", description: "Link to the handoff in the Handoff Control Center." },
};

const STANDARD: Record<ObjectTypeName, Record<string, Spec>> = {
  deals: {
    dealname: { type: "string", fieldType: "text", label: "Deal Name", description: "The name given to this deal." },
    amount: { type: "number", fieldType: "number", label: "Amount", currency: true, description: "The total amount of the deal." },
    closedate: { type: "datetime", fieldType: "date", label: "Close Date", description: "Date the deal was closed." },
    dealstage: { type: "enumeration", fieldType: "radio", label: "Deal Stage", options: DEAL_STAGES, description: "The stage of the deal." },
    pipeline: {
      type: "enumeration",
      fieldType: "select",
      label: "Pipeline",
      options: options([["default", "Sales Pipeline"], ["enterprise", "Enterprise Pipeline"]]),
      description: "The pipeline the deal is in.",
    },
    dealtype: { type: "enumeration", fieldType: "radio", label: "Deal Type", options: options([["newbusiness", "New Business"], ["existingbusiness", "Existing Business"]]) },
    hubspot_owner_id: { ...owner, label: "Deal owner" },
    deal_currency_code: {
      type: "enumeration",
      fieldType: "select",
      label: "Currency",
      options: options([["USD", "US Dollar"], ["EUR", "Euro"], ["GBP", "British Pound"], ["CAD", "Canadian Dollar"], ["AUD", "Australian Dollar"]]),
    },
    description: { type: "string", fieldType: "textarea", label: "Deal Description" },
    hs_is_closed: { type: "bool", fieldType: "booleancheckbox", label: "Is Deal Closed?", readOnly: true, calculated: true, options: options([["true", "True"], ["false", "False"]]) },
    hs_is_closed_won: { type: "bool", fieldType: "booleancheckbox", label: "Is Closed Won", readOnly: true, calculated: true, options: options([["true", "True"], ["false", "False"]]) },
    // When the deal entered each stage of the pipeline, as HubSpot records it.
    ...Object.fromEntries(
      DEAL_STAGES.map((stage): [string, Spec] => [
        `hs_v2_date_entered_${stage.value}`,
        { type: "datetime", fieldType: "calculation_read_time", label: `Date entered "${stage.label}"`, readOnly: true, calculated: true },
      ]),
    ),
    ...system("createdate", "hs_lastmodifieddate"),
  },
  companies: {
    name: { type: "string", fieldType: "text", label: "Company name" },
    domain: { type: "string", fieldType: "text", label: "Company Domain Name" },
    industry: { type: "string", fieldType: "text", label: "Industry" },
    city: { type: "string", fieldType: "text", label: "City" },
    country: { type: "string", fieldType: "text", label: "Country/Region" },
    numberofemployees: { type: "number", fieldType: "number", label: "Number of Employees" },
    description: { type: "string", fieldType: "textarea", label: "Description" },
    hubspot_owner_id: { ...owner, label: "Company owner" },
    ...system("createdate", "hs_lastmodifieddate"),
  },
  contacts: {
    firstname: { type: "string", fieldType: "text", label: "First Name" },
    lastname: { type: "string", fieldType: "text", label: "Last Name" },
    email: { type: "string", fieldType: "text", label: "Email" },
    phone: { type: "string", fieldType: "phonenumber", label: "Phone Number" },
    jobtitle: { type: "string", fieldType: "text", label: "Job Title" },
    company: { type: "string", fieldType: "text", label: "Company Name" },
    hubspot_owner_id: { ...owner, label: "Contact owner" },
    ...system("createdate", "lastmodifieddate"),
  },
  line_items: {
    name: { type: "string", fieldType: "text", label: "Name" },
    description: { type: "string", fieldType: "textarea", label: "Description" },
    quantity: { type: "number", fieldType: "number", label: "Quantity" },
    price: { type: "number", fieldType: "number", label: "Unit price", currency: true },
    amount: { type: "number", fieldType: "number", label: "Net price", currency: true },
    hs_sku: { type: "string", fieldType: "text", label: "SKU" },
    hs_product_id: { type: "number", fieldType: "number", label: "Product ID" },
    recurringbillingfrequency: {
      type: "enumeration",
      fieldType: "select",
      label: "Billing frequency",
      options: options([["monthly", "Monthly"], ["quarterly", "Quarterly"], ["annually", "Annually"]]),
    },
    ...system("createdate", "hs_lastmodifieddate"),
  },
  tasks: {
    hs_timestamp: { type: "datetime", fieldType: "date", label: "Due date", description: "Required: when the task is due." },
    hs_task_subject: { type: "string", fieldType: "text", label: "Task Title" },
    hs_task_body: { type: "string", fieldType: "html", label: "Notes" },
    hs_task_status: {
      type: "enumeration",
      fieldType: "select",
      label: "Task Status",
      options: options([["NOT_STARTED", "Not started"], ["IN_PROGRESS", "In progress"], ["WAITING", "Waiting"], ["COMPLETED", "Completed"], ["DEFERRED", "Deferred"]]),
    },
    hs_task_priority: {
      type: "enumeration",
      fieldType: "select",
      label: "Priority",
      options: options([["NONE", "None"], ["LOW", "Low"], ["MEDIUM", "Medium"], ["HIGH", "High"]]),
    },
    hs_task_type: {
      type: "enumeration",
      fieldType: "select",
      label: "Task Type",
      options: options([["TODO", "To-do"], ["CALL", "Call"], ["EMAIL", "Email"], ["LINKED_IN", "LinkedIn"], ["MEETING", "Meeting"]]),
    },
    hubspot_owner_id: { ...owner, label: "Assigned to" },
    ...system("hs_createdate", "hs_lastmodifieddate"),
  },
  notes: {
    hs_timestamp: { type: "datetime", fieldType: "date", label: "Activity date", description: "Required: when the note was logged." },
    hs_note_body: { type: "string", fieldType: "html", label: "Note body" },
    hs_attachment_ids: { type: "string", fieldType: "text", label: "Attachment IDs" },
    hubspot_owner_id: { ...owner, label: "Activity assigned to" },
    ...system("hs_createdate", "hs_lastmodifieddate"),
  },
};

const GROUPS: Record<ObjectTypeName, string> = {
  deals: "dealinformation",
  companies: "companyinformation",
  contacts: "contactinformation",
  line_items: "lineiteminformation",
  tasks: "task",
  notes: "engagement",
};

const standardCache = new Map<ObjectTypeName, readonly PropertyDefinition[]>();

/** HubSpot's own properties of a type; shared and frozen, so copy before changing one. */
export function standardProperties(type: ObjectTypeName): readonly PropertyDefinition[] {
  let cached = standardCache.get(type);
  if (!cached) {
    cached = Object.freeze(define(GROUPS[type], STANDARD[type], true).map((p) => Object.freeze(p)));
    standardCache.set(type, cached);
  }
  return cached;
}

/** Custom properties a fresh sandbox portal starts with: the app's handoff fields on deals. */
export function initialCustomProperties(now: string): Record<ObjectTypeName, PropertyDefinition[]> {
  const deals = define("handoff", HANDOFF_DEAL_PROPERTIES, false).map((p) => ({ ...p, createdAt: now, updatedAt: now }));
  return { deals, companies: [], contacts: [], line_items: [], tasks: [], notes: [] };
}

// ───────────────────────── associations ─────────────────────────

export interface AssociationType {
  typeId: number;
  from: ObjectTypeName;
  to: ObjectTypeName;
  /** The v3 `type` name, e.g. deal_to_company. */
  name: string;
  /** v4 label: "Primary" for primary company associations, otherwise none. */
  label: string | null;
  inverse: number;
}

const pair = (
  a: readonly [number, ObjectTypeName, ObjectTypeName, string, string | null],
  b: readonly [number, string],
): AssociationType[] => [
  { typeId: a[0], from: a[1], to: a[2], name: a[3], label: a[4], inverse: b[0] },
  { typeId: b[0], from: a[2], to: a[1], name: b[1], label: a[4], inverse: a[0] },
];

export const ASSOCIATION_TYPES: AssociationType[] = [
  ...pair([3, "deals", "contacts", "deal_to_contact", null], [4, "contact_to_deal"]),
  ...pair([341, "deals", "companies", "deal_to_company_unlabeled", null], [342, "company_to_deal_unlabeled"]),
  ...pair([5, "deals", "companies", "deal_to_company", "Primary"], [6, "company_to_deal"]),
  ...pair([19, "deals", "line_items", "deal_to_line_item", null], [20, "line_item_to_deal"]),
  ...pair([279, "contacts", "companies", "contact_to_company_unlabeled", null], [280, "company_to_contact_unlabeled"]),
  ...pair([1, "contacts", "companies", "contact_to_company", "Primary"], [2, "company_to_contact"]),
  ...pair([216, "tasks", "deals", "task_to_deal", null], [215, "deal_to_task"]),
  ...pair([204, "tasks", "contacts", "task_to_contact", null], [203, "contact_to_task"]),
  ...pair([192, "tasks", "companies", "task_to_company", null], [191, "company_to_task"]),
  ...pair([214, "notes", "deals", "note_to_deal", null], [213, "deal_to_note"]),
  ...pair([202, "notes", "contacts", "note_to_contact", null], [201, "contact_to_note"]),
  ...pair([190, "notes", "companies", "note_to_company", null], [189, "company_to_note"]),
];

export const associationType = (typeId: number) => ASSOCIATION_TYPES.find((t) => t.typeId === typeId);

/** Adding a primary association implies the unlabeled one, as in HubSpot. */
export const PRIMARY_IMPLIES: Record<number, number> = { 5: 341, 1: 279 };

/** The default (unlabeled) association type between two object types. */
export function defaultAssociationType(from: ObjectTypeName, to: ObjectTypeName): AssociationType | undefined {
  return ASSOCIATION_TYPES.find((t) => t.from === from && t.to === to && t.label === null);
}
