import { ASSOCIATION_TYPES, OBJECT_TYPES, type ObjectTypeName, type PropertyDefinition } from "./model.ts";
import type { CrmRecord, HubSpotSandboxStore, OwnerRecord } from "./store.ts";

/** Records as HubSpot's API returns them (SimplePublicObject[WithAssociations], PublicOwner, Property). */

export interface PublicObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
}

/** `properties=a,b&properties=c` and `properties=a&properties=b` mean the same. */
export function propertyList(values: readonly string[]): string[] {
  return [...new Set(values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean))];
}

/**
 * HubSpot always returns hs_object_id and the create/modify dates; requested properties that
 * exist but are unset come back as null, and unknown ones are left out silently.
 */
export function selectProperties(store: HubSpotSandboxStore, type: ObjectTypeName, record: CrmRecord, requested?: readonly string[]) {
  const config = OBJECT_TYPES[type];
  const names = requested && requested.length > 0 ? requested : config.defaultProperties;
  const selected: Record<string, string | null> = {};
  for (const name of [...names, config.createdProperty, config.modifiedProperty, "hs_object_id"]) {
    if (name in selected || !store.property(type, name)) continue;
    selected[name] = record.properties[name] ?? null;
  }
  return selected;
}

export function publicObject(
  store: HubSpotSandboxStore,
  type: ObjectTypeName,
  record: CrmRecord,
  options: { properties?: readonly string[]; associations?: readonly ObjectTypeName[] } = {},
): PublicObject {
  const result: PublicObject = {
    id: record.id,
    properties: selectProperties(store, type, record, options.properties),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: record.archived,
    ...(record.archivedAt ? { archivedAt: record.archivedAt } : {}),
  };
  const associations: NonNullable<PublicObject["associations"]> = {};
  for (const toType of options.associations ?? []) {
    const results = store.associations(type, record.id, toType).map((edge) => ({
      id: edge.toId,
      type: ASSOCIATION_TYPES.find((t) => t.typeId === edge.typeId)?.name ?? String(edge.typeId),
    }));
    if (results.length > 0) associations[toType] = { results };
  }
  if (Object.keys(associations).length > 0) result.associations = associations;
  return result;
}

export function publicOwner(owner: OwnerRecord) {
  return { ...owner, teams: owner.teams.map((t) => ({ ...t })) };
}

export function publicProperty(definition: PropertyDefinition) {
  const { readOnlyValue, ...rest } = definition;
  return {
    ...rest,
    options: definition.options.map((o) => ({ ...o })),
    modificationMetadata: {
      archivable: !definition.hubspotDefined,
      readOnlyDefinition: definition.hubspotDefined === true,
      readOnlyValue,
    },
  };
}
