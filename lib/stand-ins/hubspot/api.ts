import { z } from "zod";
import { apiErrors } from "./errors.ts";
import { parseBody, type SandboxRequest, type SandboxResponse } from "./http.ts";
import {
  OBJECT_TYPES,
  associationType,
  defaultAssociationType,
  resolveObjectType,
  type ObjectTypeName,
  type PropertyDefinition,
} from "./model.ts";
import { search, searchRequestSchema } from "./search.ts";
import { propertyList, publicObject, publicOwner, publicProperty } from "./serialize.ts";
import type { ChangeSource, CrmRecord, HubSpotSandboxStore } from "./store.ts";

/**
 * The HubSpot CRM endpoints the app uses, answering with HubSpot's shapes. Handlers are
 * synchronous and return a response (or throw HubSpotApiError); the server decides how
 * it is delivered, which is what lets fault injection lose a response after the write.
 */

export interface ApiContext {
  store: HubSpotSandboxStore;
  /** Webhook events for API writes name the app as their source. */
  source: ChangeSource;
}

const propertyValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const objectId = z.union([z.string(), z.number()]).transform(String);
const associationSpec = z.object({
  associationCategory: z.enum(["HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED"]),
  associationTypeId: z.number().int(),
});

const createSchema = z.object({
  properties: propertyValues,
  associations: z.array(z.object({ to: z.object({ id: objectId }), types: z.array(associationSpec).min(1) })).optional(),
  objectWriteTraceId: z.string().optional(),
});
const updateSchema = z.object({ properties: propertyValues, objectWriteTraceId: z.string().optional() });

const propertyCreateSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,99}$/, "must start with a lowercase letter and use only lowercase letters, digits and underscores"),
  label: z.string().min(1),
  type: z.enum(["string", "number", "date", "datetime", "enumeration", "bool"]),
  fieldType: z.enum(["textarea", "text", "date", "file", "number", "select", "radio", "checkbox", "booleancheckbox", "calculation_equation", "html", "phonenumber"]),
  groupName: z.string().min(1),
  description: z.string().optional(),
  options: z
    .array(z.object({ label: z.string(), value: z.string(), hidden: z.boolean().default(false), displayOrder: z.number().optional(), description: z.string().optional() }))
    .optional(),
  displayOrder: z.number().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
  externalOptions: z.boolean().optional(),
  calculationFormula: z.string().optional(),
  referencedObjectType: z.string().optional(),
});

function objectType(segment: string): ObjectTypeName {
  const type = resolveObjectType(segment);
  if (!type) throw apiErrors.validation(`Unable to infer object type from: ${segment}`);
  return type;
}

function intParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw apiErrors.validation(`${name} must be a positive integer, was ${raw}.`);
  if (value > max) throw apiErrors.validation(`${name} must be no more than ${max}, was ${value}.`);
  return value;
}

/** List cursors are ids: the page starts at the first id at or above `after`. */
function idCursor(query: URLSearchParams): number {
  const raw = query.get("after");
  if (raw === null || raw === "") return 0;
  if (!/^\d+$/.test(raw)) throw apiErrors.validation(`Invalid after cursor: ${raw}`);
  return Number(raw);
}

function offsetCursor(raw: string | null): number {
  if (raw === null || raw === "") return 0;
  if (!/^\d+$/.test(raw)) throw apiErrors.validation(`Invalid after cursor: ${raw}`);
  return Number(raw);
}

function associationTypes(query: URLSearchParams): ObjectTypeName[] {
  return propertyList(query.getAll("associations"))
    .map((a) => resolveObjectType(a))
    .filter((t): t is ObjectTypeName => t !== undefined);
}

const archivedParam = (query: URLSearchParams) => query.get("archived") === "true";

function findRecord(store: HubSpotSandboxStore, type: ObjectTypeName, id: string, query: URLSearchParams): CrmRecord {
  const idProperty = query.get("idProperty");
  const archived = archivedParam(query);
  const record =
    idProperty && idProperty !== "hs_object_id"
      ? store.list(type, { archived }).find((r) => r.properties[idProperty] === id)
      : store.get(type, id, { archived });
  if (!record) throw apiErrors.objectNotFound(id);
  return record;
}

// ───────────────────────── objects ─────────────────────────

function listObjects(ctx: ApiContext, type: ObjectTypeName, req: SandboxRequest): SandboxResponse {
  const limit = intParam(req.query, "limit", 10, 100);
  const after = idCursor(req.query);
  const candidates = ctx.store.list(type, { archived: archivedParam(req.query) }).filter((r) => Number(r.id) >= after);
  const page = candidates.slice(0, limit);
  const options = { properties: propertyList(req.query.getAll("properties")), associations: associationTypes(req.query) };
  const body: Record<string, unknown> = { results: page.map((r) => publicObject(ctx.store, type, r, options)) };
  if (candidates.length > limit) {
    const next = String(Number(page[page.length - 1].id) + 1);
    const link = new URL(`/crm/v3/objects/${type}`, req.baseUrl);
    link.searchParams.set("limit", String(limit));
    link.searchParams.set("after", next);
    body.paging = { next: { after: next, link: link.toString() } };
  }
  return { status: 200, body };
}

function writeResponse(ctx: ApiContext, type: ObjectTypeName, record: CrmRecord, status: number): SandboxResponse {
  return { status, body: publicObject(ctx.store, type, record, { properties: Object.keys(record.properties) }) };
}

function objectRoutes(ctx: ApiContext, req: SandboxRequest, rest: string[]): SandboxResponse | undefined {
  const [typeSegment, id, extra] = rest;
  if (typeSegment === undefined || extra !== undefined) return undefined;
  const type = objectType(typeSegment);

  if (id === undefined) {
    if (req.method === "GET") return listObjects(ctx, type, req);
    if (req.method === "POST") {
      const input = parseBody(req.rawBody, createSchema);
      return writeResponse(ctx, type, ctx.store.create(type, input, ctx.source), 201);
    }
    throw apiErrors.methodNotAllowed(req.method, req.path);
  }

  if (id === "search" && req.method === "POST") {
    const request = parseBody(req.rawBody, searchRequestSchema.default({ filterGroups: [], sorts: [] }));
    const result = search(ctx.store, type, request);
    const properties = request.properties ?? [];
    return {
      status: 200,
      body: {
        total: result.total,
        results: result.records.map((r) => publicObject(ctx.store, type, r, { properties })),
        ...(result.nextAfter ? { paging: { next: { after: result.nextAfter } } } : {}),
      },
    };
  }

  switch (req.method) {
    case "GET": {
      const record = findRecord(ctx.store, type, id, req.query);
      return {
        status: 200,
        body: publicObject(ctx.store, type, record, { properties: propertyList(req.query.getAll("properties")), associations: associationTypes(req.query) }),
      };
    }
    case "PATCH": {
      const input = parseBody(req.rawBody, updateSchema);
      const record = findRecord(ctx.store, type, id, req.query);
      return writeResponse(ctx, type, ctx.store.update(type, record.id, input.properties, ctx.source), 200);
    }
    case "DELETE":
      ctx.store.archive(type, id);
      return { status: 204 };
    default:
      throw apiErrors.methodNotAllowed(req.method, req.path);
  }
}

// ───────────────────────── associations v4 ─────────────────────────

function associationRoutes(ctx: ApiContext, req: SandboxRequest, rest: string[]): SandboxResponse | undefined {
  // {objectType}/{objectId}/associations/...
  const [fromSegment, fromId, keyword, ...tail] = rest;
  if (keyword !== "associations" || fromId === undefined) return undefined;
  const fromType = objectType(fromSegment);

  if (tail.length === 1 && req.method === "GET") {
    const toType = objectType(tail[0]);
    const limit = intParam(req.query, "limit", 500, 500);
    const offset = offsetCursor(req.query.get("after"));
    const grouped = new Map<string, Array<{ category: "HUBSPOT_DEFINED"; typeId: number; label: string | null }>>();
    for (const edge of ctx.store.associations(fromType, fromId, toType)) {
      const spec = associationType(edge.typeId);
      const list = grouped.get(edge.toId) ?? [];
      list.push({ category: "HUBSPOT_DEFINED", typeId: edge.typeId, label: spec?.label ?? null });
      grouped.set(edge.toId, list);
    }
    const all = [...grouped].map(([toObjectId, types]) => ({ toObjectId, associationTypes: types }));
    const page = all.slice(offset, offset + limit);
    const next = offset + limit;
    return { status: 200, body: { results: page, ...(next < all.length ? { paging: { next: { after: String(next) } } } : {}) } };
  }

  const isDefault = tail[0] === "default" && tail.length === 3;
  if (isDefault && req.method === "PUT") {
    const toType = objectType(tail[1]);
    const toId = tail[2];
    const spec = defaultAssociationType(fromType, toType);
    if (!spec) throw apiErrors.validation(`There is no default association from ${fromType} to ${toType}.`);
    const startedAt = new Date().toISOString();
    ctx.store.link(fromType, fromId, toType, toId, spec.typeId);
    return {
      status: 200,
      body: {
        status: "COMPLETE",
        results: [{ from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: spec.typeId } }],
        startedAt,
        completedAt: new Date().toISOString(),
      },
    };
  }

  if (tail.length === 2 && !isDefault) {
    const toType = objectType(tail[0]);
    const toId = tail[1];
    if (req.method === "PUT") {
      const specs = parseBody(req.rawBody, z.array(associationSpec).min(1));
      for (const spec of specs) ctx.store.link(fromType, fromId, toType, toId, spec.associationTypeId);
      const labels = [
        ...new Set(
          ctx.store
            .associations(fromType, fromId, toType)
            .filter((e) => e.toId === toId)
            .map((e) => associationType(e.typeId)?.label)
            .filter((l): l is string => typeof l === "string"),
        ),
      ];
      return {
        status: 200,
        body: {
          fromObjectTypeId: OBJECT_TYPES[fromType].objectTypeId,
          fromObjectId: fromId,
          toObjectTypeId: OBJECT_TYPES[toType].objectTypeId,
          toObjectId: toId,
          labels,
        },
      };
    }
    if (req.method === "DELETE") {
      ctx.store.unlinkAll(fromType, fromId, toType, toId);
      return { status: 204 };
    }
  }
  return undefined;
}

// ───────────────────────── properties ─────────────────────────

function propertyRoutes(ctx: ApiContext, req: SandboxRequest, rest: string[]): SandboxResponse | undefined {
  const [typeSegment, name, extra] = rest;
  if (typeSegment === undefined || extra !== undefined) return undefined;
  const type = objectType(typeSegment);

  if (name === undefined) {
    if (req.method === "GET") return { status: 200, body: { results: ctx.store.properties(type).map(publicProperty) } };
    if (req.method === "POST") {
      const input = parseBody(req.rawBody, propertyCreateSchema);
      if (input.type === "enumeration" && !input.externalOptions && (input.options ?? []).length === 0) {
        throw apiErrors.validation(`Enumeration property '${input.name}' needs at least one option.`);
      }
      const definition: Omit<PropertyDefinition, "createdAt" | "updatedAt"> = {
        name: input.name,
        label: input.label,
        type: input.type,
        fieldType: input.fieldType,
        description: input.description ?? "",
        groupName: input.groupName,
        options: (input.options ?? []).map((o, i) => ({ ...o, displayOrder: o.displayOrder ?? i })),
        displayOrder: input.displayOrder ?? -1,
        calculated: false,
        externalOptions: input.externalOptions ?? false,
        hasUniqueValue: input.hasUniqueValue ?? false,
        hidden: input.hidden ?? false,
        formField: input.formField ?? false,
        readOnlyValue: false,
        ...(input.referencedObjectType ? { referencedObjectType: input.referencedObjectType } : {}),
      };
      return { status: 201, body: publicProperty(ctx.store.createProperty(type, definition)) };
    }
    throw apiErrors.methodNotAllowed(req.method, req.path);
  }

  if (req.method !== "GET") throw apiErrors.methodNotAllowed(req.method, req.path);
  const definition = ctx.store.property(type, name);
  if (!definition) throw apiErrors.notFound(`Unable to find property ${name} for object type ${type}.`);
  return { status: 200, body: publicProperty(definition) };
}

// ───────────────────────── owners ─────────────────────────

function ownerRoutes(ctx: ApiContext, req: SandboxRequest, rest: string[]): SandboxResponse | undefined {
  if (req.method !== "GET" || rest.length > 1) return undefined;
  const archived = archivedParam(req.query);
  const [id] = rest;

  if (id === undefined) {
    const limit = intParam(req.query, "limit", 100, 500);
    const after = idCursor(req.query);
    const email = req.query.get("email")?.trim().toLowerCase();
    const candidates = ctx.store.owners({ archived }).filter((o) => Number(o.id) >= after && (!email || o.email === email));
    const page = candidates.slice(0, limit);
    const body: Record<string, unknown> = { results: page.map(publicOwner) };
    if (candidates.length > limit) {
      const next = String(Number(page[page.length - 1].id) + 1);
      const link = new URL("/crm/v3/owners/", req.baseUrl);
      link.searchParams.set("limit", String(limit));
      link.searchParams.set("after", next);
      body.paging = { next: { after: next, link: link.toString() } };
    }
    return { status: 200, body };
  }

  const byUserId = req.query.get("idProperty") === "userId";
  const owner = ctx.store.owners({ archived }).find((o) => (byUserId ? String(o.userId) === id : o.id === id));
  if (!owner) throw apiErrors.notFound(`Owner ${id} does not exist.`);
  return { status: 200, body: publicOwner(owner) };
}

// ───────────────────────── dispatch ─────────────────────────

export function isHubSpotApiPath(segments: string[]): boolean {
  return segments[0] === "crm";
}

export function isSearch(req: SandboxRequest): boolean {
  return req.method === "POST" && req.segments[2] === "objects" && req.segments[4] === "search" && req.segments.length === 5;
}

export function handleApi(ctx: ApiContext, req: SandboxRequest): SandboxResponse {
  const [crm, version, area, ...rest] = req.segments;
  let response: SandboxResponse | undefined;
  if (crm === "crm" && version === "v3" && area === "objects") response = objectRoutes(ctx, req, rest);
  else if (crm === "crm" && version === "v4" && area === "objects") response = associationRoutes(ctx, req, rest);
  else if (crm === "crm" && version === "v3" && area === "properties") response = propertyRoutes(ctx, req, rest);
  else if (crm === "crm" && version === "v3" && area === "owners") response = ownerRoutes(ctx, req, rest);
  if (!response) throw apiErrors.unknownRoute(req.method, req.path);
  return response;
}
