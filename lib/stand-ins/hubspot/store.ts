import { apiErrors, propertyIssue, type PropertyIssue } from "./errors.ts";
import {
  CLOSED_STAGES,
  CLOSED_WON_STAGES,
  OBJECT_TYPES,
  OBJECT_TYPE_NAMES,
  PRIMARY_IMPLIES,
  associationType,
  defaultAssociationType,
  initialCustomProperties,
  standardProperties,
  type AssociationType,
  type ObjectTypeName,
  type PropertyDefinition,
} from "./model.ts";
import { normalizeValue, type RawValue } from "./values.ts";
import type { WebhookDelivery } from "./webhooks.ts";

/**
 * The sandbox portal's data and the rules HubSpot applies when it changes. Both the HTTP
 * API and in-process callers (seed, tests, the demo) go through these methods, so
 * validation, timestamps and change events are the same whichever way a change arrives.
 */

export interface CrmRecord {
  id: string;
  /** Only set values; an unset property is absent. */
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

export interface OwnerTeam {
  id: string;
  name: string;
  primary: boolean;
}

export interface OwnerRecord {
  id: string;
  email: string;
  type: "PERSON";
  firstName: string;
  lastName: string;
  userId: number;
  userIdIncludingInactive: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  teams: OwnerTeam[];
}

export interface AssociationEdge {
  fromType: ObjectTypeName;
  fromId: string;
  toType: ObjectTypeName;
  toId: string;
  typeId: number;
}

export interface SandboxData {
  version: 1;
  portalId: number;
  nextObjectId: number;
  nextEventId: number;
  objects: Record<ObjectTypeName, CrmRecord[]>;
  associations: AssociationEdge[];
  owners: OwnerRecord[];
  customProperties: Record<ObjectTypeName, PropertyDefinition[]>;
}

/** Who made a change, as HubSpot reports it in webhook events. */
export interface ChangeSource {
  /** CRM_UI: a person in HubSpot (the control API, seed, tests). INTEGRATION: an API call. */
  changeSource: "CRM_UI" | "INTEGRATION";
  sourceId?: string;
}

export interface StoreChange extends ChangeSource {
  kind: "creation" | "propertyChange";
  objectType: ObjectTypeName;
  objectId: string;
  propertyName?: string;
  propertyValue?: string;
  occurredAt: number;
}

/** The v3 API's association input on create. */
export interface AssociationInput {
  to: { id: string };
  types: Array<{ associationCategory: string; associationTypeId: number }>;
}

export interface StoreOptions {
  portalId?: number;
  /** Epoch ms; injectable for tests. */
  clock?: () => number;
}

export type PropertyInput = Record<string, RawValue>;

/** Deal associations by object type, for in-process callers; the first company becomes the primary one. */
export interface DealLinks {
  companies?: string[];
  contacts?: string[];
  line_items?: string[];
}

export interface NewOwner {
  id?: string;
  email: string;
  firstName: string;
  lastName: string;
  userId?: number;
  teams?: OwnerTeam[];
}

export const DEFAULT_PORTAL_ID = 24_180_345;
const FIRST_OBJECT_ID = 31_000_000_001;
const UI_SOURCE: ChangeSource = { changeSource: "CRM_UI", sourceId: "userId:7100001" };

const byNumericId = (a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id);

export function emptySandboxData(portalId: number, now: string): SandboxData {
  return {
    version: 1,
    portalId,
    nextObjectId: FIRST_OBJECT_ID,
    nextEventId: 1,
    objects: { deals: [], companies: [], contacts: [], line_items: [], tasks: [], notes: [] },
    associations: [],
    owners: [],
    customProperties: initialCustomProperties(now),
  };
}

export class HubSpotSandboxStore {
  readonly portalId: number;
  /** Every webhook request sent (and every batch dropped), newest last. */
  readonly deliveries: WebhookDelivery[] = [];

  private readonly clock: () => number;
  private readonly objects: Record<ObjectTypeName, Map<string, CrmRecord>>;
  private readonly edges: Map<string, AssociationEdge>;
  private readonly ownerMap: Map<string, OwnerRecord>;
  private readonly custom: Record<ObjectTypeName, PropertyDefinition[]>;
  private nextObjectId: number;
  private nextEvent: number;
  private readonly changeListeners = new Set<(change: StoreChange) => void>();
  private readonly mutationListeners = new Set<() => void>();
  private muted = false;

  constructor(data?: SandboxData, options: StoreOptions = {}) {
    this.clock = options.clock ?? Date.now;
    const initial = data ?? emptySandboxData(options.portalId ?? DEFAULT_PORTAL_ID, new Date(this.clock()).toISOString());
    this.portalId = initial.portalId;
    this.nextObjectId = initial.nextObjectId;
    this.nextEvent = initial.nextEventId;
    this.objects = Object.fromEntries(
      OBJECT_TYPE_NAMES.map((t) => [t, new Map((initial.objects[t] ?? []).map((r) => [r.id, r]))]),
    ) as Record<ObjectTypeName, Map<string, CrmRecord>>;
    this.edges = new Map(initial.associations.map((e) => [edgeKey(e), e]));
    this.ownerMap = new Map(initial.owners.map((o) => [o.id, o]));
    this.custom = Object.fromEntries(OBJECT_TYPE_NAMES.map((t) => [t, initial.customProperties[t] ?? []])) as Record<
      ObjectTypeName,
      PropertyDefinition[]
    >;
  }

  // ───────────────────────── events and persistence ─────────────────────────

  /** Domain changes (creations, property changes), for webhooks. */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Any mutation at all, for persistence. */
  onMutation(listener: () => void): () => void {
    this.mutationListeners.add(listener);
    return () => this.mutationListeners.delete(listener);
  }

  /** Webhook event ids survive restarts, so a receiver's deduplication never sees a reused id. */
  takeEventId(): number {
    const id = this.nextEvent++;
    this.mutated();
    return id;
  }

  toJSON(): SandboxData {
    return {
      version: 1,
      portalId: this.portalId,
      nextObjectId: this.nextObjectId,
      nextEventId: this.nextEvent,
      objects: Object.fromEntries(OBJECT_TYPE_NAMES.map((t) => [t, [...this.objects[t].values()].sort(byNumericId)])) as SandboxData["objects"],
      associations: [...this.edges.values()],
      owners: [...this.ownerMap.values()],
      customProperties: this.custom,
    };
  }

  isEmpty(): boolean {
    return this.ownerMap.size === 0 && OBJECT_TYPE_NAMES.every((t) => this.objects[t].size === 0);
  }

  private mutated() {
    for (const listener of this.mutationListeners) listener();
  }

  private emit(change: StoreChange) {
    if (this.muted) return;
    for (const listener of this.changeListeners) listener(change);
  }

  /** Runs `fn` without change events: data that "was already there", such as seed data, fires no webhooks. */
  withoutEvents<T>(fn: () => T): T {
    const previous = this.muted;
    this.muted = true;
    try {
      return fn();
    } finally {
      this.muted = previous;
    }
  }

  // ───────────────────────── properties ─────────────────────────

  properties(type: ObjectTypeName): PropertyDefinition[] {
    return [...standardProperties(type), ...this.custom[type]];
  }

  property(type: ObjectTypeName, name: string): PropertyDefinition | undefined {
    return standardProperties(type).find((p) => p.name === name) ?? this.custom[type].find((p) => p.name === name);
  }

  createProperty(type: ObjectTypeName, definition: Omit<PropertyDefinition, "createdAt" | "updatedAt">): PropertyDefinition {
    if (this.property(type, definition.name)) {
      throw apiErrors.conflict(`A property named '${definition.name}' already exists.`, "Properties.PROPERTY_EXISTS");
    }
    const at = new Date(this.clock()).toISOString();
    const created: PropertyDefinition = { ...definition, createdAt: at, updatedAt: at };
    this.custom[type].push(created);
    this.mutated();
    return created;
  }

  // ───────────────────────── records ─────────────────────────

  get(type: ObjectTypeName, id: string, { archived = false }: { archived?: boolean } = {}): CrmRecord | undefined {
    const record = this.objects[type].get(id);
    return record && record.archived === archived ? record : undefined;
  }

  /** Records in id order (HubSpot's list order). */
  list(type: ObjectTypeName, { archived = false }: { archived?: boolean } = {}): CrmRecord[] {
    return [...this.objects[type].values()].filter((r) => r.archived === archived).sort(byNumericId);
  }

  create(
    type: ObjectTypeName,
    input: { properties: PropertyInput; associations?: AssociationInput[] },
    source: ChangeSource = UI_SOURCE,
  ): CrmRecord {
    const values = this.validate(type, input.properties);
    const config = OBJECT_TYPES[type];
    const missing = config.requiredOnCreate.filter((name) => values[name] === undefined || values[name] === null);
    if (missing.length > 0) {
      throw apiErrors.invalidProperties(missing.map((name) => propertyIssue(name, "REQUIRED_PROPERTY", `${name} is required`)));
    }
    const links = (input.associations ?? []).map((a) => this.checkAssociationInput(type, a));

    const at = this.clock();
    const iso = new Date(at).toISOString();
    const id = String(this.nextObjectId++);
    const properties: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) if (value !== null) properties[name] = value;
    properties[config.createdProperty] ??= iso;
    properties[config.modifiedProperty] = iso;
    properties.hs_object_id = id;
    if (type === "deals") {
      properties.pipeline ??= "default";
      deriveDealFlags(properties);
      if (properties.dealstage) properties[`hs_v2_date_entered_${properties.dealstage}`] = iso;
    }
    const record: CrmRecord = { id, properties, createdAt: iso, updatedAt: iso, archived: false };
    this.objects[type].set(id, record);
    for (const link of links) for (const typeId of link.typeIds) this.link(type, id, link.toType, link.toId, typeId);
    this.mutated();

    this.emit({ kind: "creation", objectType: type, objectId: id, occurredAt: at, ...source });
    for (const [name, value] of Object.entries(values)) {
      if (value !== null) this.emit({ kind: "propertyChange", objectType: type, objectId: id, propertyName: name, propertyValue: value, occurredAt: at, ...source });
    }
    return record;
  }

  update(type: ObjectTypeName, id: string, input: PropertyInput, source: ChangeSource = UI_SOURCE): CrmRecord {
    const record = this.get(type, id);
    if (!record) throw apiErrors.objectNotFound(id);
    const values = this.validate(type, input);

    const changed: Array<[string, string | null]> = [];
    for (const [name, value] of Object.entries(values)) {
      if ((record.properties[name] ?? null) !== value) changed.push([name, value]);
    }
    if (changed.length === 0) return record;

    const at = this.clock();
    const iso = new Date(at).toISOString();
    for (const [name, value] of changed) {
      if (value === null) delete record.properties[name];
      else record.properties[name] = value;
    }
    record.properties[OBJECT_TYPES[type].modifiedProperty] = iso;
    record.updatedAt = iso;
    if (type === "deals") {
      deriveDealFlags(record.properties);
      // HubSpot records when a deal entered each stage, per stage.
      if (changed.some(([name, value]) => name === "dealstage" && value)) record.properties[`hs_v2_date_entered_${record.properties.dealstage}`] = iso;
    }
    this.mutated();

    for (const [name, value] of changed) {
      this.emit({ kind: "propertyChange", objectType: type, objectId: id, propertyName: name, propertyValue: value ?? "", occurredAt: at, ...source });
    }
    return record;
  }

  archive(type: ObjectTypeName, id: string): void {
    const record = this.get(type, id);
    if (!record) return; // HubSpot answers 204 for an unknown id too.
    const iso = new Date(this.clock()).toISOString();
    record.archived = true;
    record.archivedAt = iso;
    record.updatedAt = iso;
    this.mutated();
  }

  /** Checks every property of a write and collects all problems into one HubSpot 400. */
  private validate(type: ObjectTypeName, input: PropertyInput): Record<string, string | null> {
    const issues: PropertyIssue[] = [];
    const values: Record<string, string | null> = {};
    for (const [name, raw] of Object.entries(input)) {
      const def = this.property(type, name);
      if (!def) {
        issues.push(propertyIssue(name, "PROPERTY_DOESNT_EXIST", `Property "${name}" does not exist`));
        continue;
      }
      // hs_object_id, modification dates and calculated flags; createdate stays writable, as in HubSpot.
      if (def.readOnlyValue) {
        issues.push(propertyIssue(name, "READ_ONLY_VALUE", `"${name}" is a read only property; its value cannot be set.`));
        continue;
      }
      const normalized = normalizeValue(def, raw);
      if (!normalized.ok) {
        issues.push(normalized.issue);
        continue;
      }
      if (def.referencedObjectType === "OWNER" && normalized.value !== null && !this.ownerMap.has(normalized.value)) {
        issues.push(propertyIssue(name, "INVALID_OWNER_ID", `${normalized.value} is not a valid owner id`));
        continue;
      }
      values[name] = normalized.value;
    }
    if (issues.length > 0) throw apiErrors.invalidProperties(issues);
    return values;
  }

  // ───────────────────────── associations ─────────────────────────

  private checkAssociationInput(fromType: ObjectTypeName, input: AssociationInput): { toType: ObjectTypeName; toId: string; typeIds: number[] } {
    const toId = String(input?.to?.id ?? "");
    const types = (input?.types ?? []).map((t) => associationType(Number(t.associationTypeId)));
    if (types.length === 0 || types.some((t) => !t || t.from !== fromType)) {
      const ids = (input?.types ?? []).map((t) => String(t.associationTypeId));
      throw apiErrors.validation(`${ids.join(", ") || "(none)"} is not a valid association type from ${fromType}.`, { associationTypeId: ids });
    }
    const toType = (types[0] as AssociationType).to;
    if (types.some((t) => t?.to !== toType)) throw apiErrors.validation("All association types for one target must point to the same object type.");
    if (!this.get(toType, toId)) {
      throw apiErrors.validation(`One or more associations are invalid: no ${OBJECT_TYPES[toType].singular} with id ${toId || "(empty)"} exists.`, { id: [toId] });
    }
    return { toType, toId, typeIds: types.map((t) => (t as AssociationType).typeId) };
  }

  /** Adds an association (and its inverse); a primary label moves off any previous primary. */
  link(fromType: ObjectTypeName, fromId: string, toType: ObjectTypeName, toId: string, typeId: number): void {
    const spec = associationType(typeId);
    if (!spec || spec.from !== fromType || spec.to !== toType) {
      throw apiErrors.validation(`${typeId} is not a valid association type from ${fromType} to ${toType}.`);
    }
    if (!this.get(fromType, fromId)) throw apiErrors.objectNotFound(fromId);
    if (!this.get(toType, toId)) throw apiErrors.objectNotFound(toId);
    if (spec.label === "Primary") {
      for (const edge of [...this.edges.values()]) {
        if (edge.fromType === fromType && edge.fromId === fromId && edge.typeId === typeId && edge.toId !== toId) this.unlinkEdge(edge);
      }
    }
    const implied = PRIMARY_IMPLIES[typeId];
    for (const id of implied === undefined ? [typeId] : [typeId, implied]) {
      const s = associationType(id) as AssociationType;
      this.edges.set(edgeKey({ fromType, fromId, toType, toId, typeId: id }), { fromType, fromId, toType, toId, typeId: id });
      this.edges.set(edgeKey({ fromType: toType, fromId: toId, toType: fromType, toId: fromId, typeId: s.inverse }), {
        fromType: toType,
        fromId: toId,
        toType: fromType,
        toId: fromId,
        typeId: s.inverse,
      });
    }
    this.mutated();
  }

  /** Removes every association between two records, both directions. */
  unlinkAll(fromType: ObjectTypeName, fromId: string, toType: ObjectTypeName, toId: string): void {
    const edges = [...this.edges.values()].filter((e) => e.fromType === fromType && e.fromId === fromId && e.toType === toType && e.toId === toId);
    for (const edge of edges) this.unlinkEdge(edge);
    if (edges.length > 0) this.mutated();
  }

  private unlinkEdge(edge: AssociationEdge) {
    const spec = associationType(edge.typeId) as AssociationType;
    this.edges.delete(edgeKey(edge));
    this.edges.delete(edgeKey({ fromType: edge.toType, fromId: edge.toId, toType: edge.fromType, toId: edge.fromId, typeId: spec.inverse }));
  }

  /** Associations from one record to records of one type, live targets only, in target id order. */
  associations(fromType: ObjectTypeName, fromId: string, toType: ObjectTypeName): AssociationEdge[] {
    return [...this.edges.values()]
      .filter((e) => e.fromType === fromType && e.fromId === fromId && e.toType === toType && this.get(toType, e.toId))
      .sort((a, b) => Number(a.toId) - Number(b.toId) || a.typeId - b.typeId);
  }

  // ───────────────────────── owners ─────────────────────────

  owners({ archived = false }: { archived?: boolean } = {}): OwnerRecord[] {
    return [...this.ownerMap.values()].filter((o) => o.archived === archived).sort(byNumericId);
  }

  owner(id: string): OwnerRecord | undefined {
    return this.ownerMap.get(id);
  }

  addOwner(input: NewOwner): OwnerRecord {
    const email = input.email.trim().toLowerCase();
    if ([...this.ownerMap.values()].some((o) => o.email === email)) throw apiErrors.conflict(`An owner with email ${email} already exists.`);
    const id = input.id ?? String(9_100_001 + this.ownerMap.size);
    if (this.ownerMap.has(id)) throw apiErrors.conflict(`An owner with id ${id} already exists.`);
    const userId = input.userId ?? 7_100_001 + this.ownerMap.size;
    const iso = new Date(this.clock()).toISOString();
    const owner: OwnerRecord = {
      id,
      email,
      type: "PERSON",
      firstName: input.firstName,
      lastName: input.lastName,
      userId,
      userIdIncludingInactive: userId,
      createdAt: iso,
      updatedAt: iso,
      archived: false,
      teams: input.teams ?? [],
    };
    this.ownerMap.set(id, owner);
    this.mutated();
    return owner;
  }

  // ───────────────────────── conveniences for in-process callers ─────────────────────────

  createDeal(properties: PropertyInput, options: { associations?: DealLinks; source?: ChangeSource } = {}): CrmRecord {
    const links = options.associations ?? {};
    const associations: AssociationInput[] = [
      ...(links.companies ?? []).map((id, i) => ({ to: { id }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: i === 0 ? 5 : 341 }] })),
      ...(["contacts", "line_items"] as const).flatMap((t) =>
        (links[t] ?? []).map((id) => ({
          to: { id },
          types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: (defaultAssociationType("deals", t) as AssociationType).typeId }],
        })),
      ),
    ];
    return this.create("deals", { properties, associations }, options.source);
  }

  /** Updates a deal as a person in HubSpot would: fires webhooks with changeSource CRM_UI. */
  updateDeal(id: string, properties: PropertyInput, source?: ChangeSource): CrmRecord {
    return this.update("deals", id, properties, source);
  }

  getDeal(id: string): CrmRecord | undefined {
    return this.get("deals", id);
  }

  listDeals(): CrmRecord[] {
    return this.list("deals");
  }

  createCompany(properties: PropertyInput): CrmRecord {
    return this.create("companies", { properties });
  }

  createContact(properties: PropertyInput, options: { companyId?: string } = {}): CrmRecord {
    const associations = options.companyId ? [{ to: { id: options.companyId }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 1 }] }] : [];
    return this.create("contacts", { properties, associations });
  }

  createLineItem(properties: PropertyInput): CrmRecord {
    return this.create("line_items", { properties });
  }

  tasks(): CrmRecord[] {
    return this.list("tasks");
  }

  notes(): CrmRecord[] {
    return this.list("notes");
  }

  /** Association targets of a record by type, e.g. the deal a task was attached to. */
  associatedIds(fromType: ObjectTypeName, fromId: string, toType: ObjectTypeName): string[] {
    return [...new Set(this.associations(fromType, fromId, toType).map((e) => e.toId))];
  }
}

function edgeKey(e: AssociationEdge): string {
  return `${e.fromType}:${e.fromId}:${e.toType}:${e.toId}:${e.typeId}`;
}

function deriveDealFlags(properties: Record<string, string>) {
  const stage = properties.dealstage;
  properties.hs_is_closed = String(stage !== undefined && CLOSED_STAGES.has(stage));
  properties.hs_is_closed_won = String(stage !== undefined && CLOSED_WON_STAGES.has(stage));
}
