import type { Client } from "@hubspot/api-client";
import { z } from "zod";

/**
 * Reading deals from HubSpot for intake. Responses are parsed with zod at this edge:
 * a changed vendor API fails here, loudly, not deep inside the intake rules. Each call goes
 * through the caller's `read`, which decides about retries and the shared rate limit.
 */

/** Makes one HubSpot call: the caller's retry and rate-limit policy. */
export type Read = <T>(call: () => Promise<T>) => Promise<T>;
const direct: Read = (call) => call();

export const STANDARD_DEAL_PROPERTIES = ["dealname", "amount", "closedate", "dealstage", "pipeline", "hubspot_owner_id", "deal_currency_code", "hs_lastmodifieddate"];

const dealSchema = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  updatedAt: z.coerce.date(),
  associations: z
    .record(z.string(), z.object({ results: z.array(z.object({ id: z.string(), type: z.string() })) }))
    .optional(),
});

const ownerSchema = z.object({ id: z.string(), email: z.string().nullable().optional(), firstName: z.string().nullable().optional(), lastName: z.string().nullable().optional() });
const companySchema = z.object({ id: z.string(), properties: z.record(z.string(), z.string().nullable()) });
const contactSchema = z.object({ id: z.string(), properties: z.record(z.string(), z.string().nullable()) });

/** A person at the client, as the CRM knows them: who can own client-side work. */
export type CrmContact = {
  id: string;
  name: string;
  email: string | null;
};

/** How many of a deal's contacts are read: enough for any real buying committee. */
const MAX_CONTACTS = 20;

export interface FetchedDeal {
  id: string;
  properties: Record<string, string | null>;
  updatedAt: Date;
  owner: { id: string; email: string | null; name: string | null } | null;
  companyName: string | null;
  /** The deal's contacts, with their names and emails. */
  contacts: CrmContact[];
  associations: { companies: string[]; contacts: string[]; lineItems: string[] };
}

function ids(associations: z.infer<typeof dealSchema>["associations"], key: string): string[] {
  return [...new Set(associations?.[key]?.results.map((r) => r.id) ?? [])];
}

export async function fetchDeal(client: Client, dealId: string, extraProperties: string[], withRetry: Read = direct): Promise<FetchedDeal> {
  const properties = [...new Set([...STANDARD_DEAL_PROPERTIES, ...extraProperties])];
  const raw = await withRetry(() => client.crm.deals.basicApi.getById(dealId, properties, undefined, ["companies", "contacts", "line_items"]));
  const deal = dealSchema.parse(JSON.parse(JSON.stringify(raw)));

  const ownerId = deal.properties.hubspot_owner_id;
  const owner = ownerId ? ownerSchema.parse(JSON.parse(JSON.stringify(await withRetry(() => client.crm.owners.ownersApi.getById(Number(ownerId)))))) : null;
  const companies = ids(deal.associations, "companies");
  const company = companies[0] ? companySchema.parse(JSON.parse(JSON.stringify(await withRetry(() => client.crm.companies.basicApi.getById(companies[0], ["name"]))))) : null;
  const contactIds = ids(deal.associations, "contacts").slice(0, MAX_CONTACTS);
  const contacts: CrmContact[] = [];
  for (const contactId of contactIds) {
    const raw = await withRetry(() => client.crm.contacts.basicApi.getById(contactId, ["firstname", "lastname", "email"]));
    const contact = contactSchema.parse(JSON.parse(JSON.stringify(raw)));
    const name = [contact.properties.firstname, contact.properties.lastname].map((v) => v?.trim()).filter(Boolean).join(" ");
    const email = contact.properties.email?.trim().toLowerCase() || null;
    if (name || email) contacts.push({ id: contact.id, name: name || email!, email });
  }

  return {
    id: deal.id,
    properties: deal.properties,
    updatedAt: deal.updatedAt,
    owner: owner ? { id: owner.id, email: owner.email?.toLowerCase() ?? null, name: [owner.firstName, owner.lastName].filter(Boolean).join(" ") || null } : null,
    companyName: company?.properties.name ?? null,
    contacts,
    associations: { companies, contacts: ids(deal.associations, "contacts"), lineItems: ids(deal.associations, "line_items") },
  };
}

const searchPageSchema = z.object({
  total: z.number(),
  results: z.array(z.object({ id: z.string(), properties: z.record(z.string(), z.string().nullable()) })),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

/** Deals modified at or after `since`, oldest first, one page at a time. */
export async function searchDealsModifiedSince(client: Client, since: Date, after: string | undefined, withRetry: Read = direct) {
  const raw = await withRetry(() => client.crm.deals.searchApi.doSearch({
    filterGroups: [{ filters: [{ propertyName: "hs_lastmodifieddate", operator: "GTE" as never, value: String(since.getTime()) }] }],
    sorts: ["hs_lastmodifieddate"],
    properties: ["dealstage", "pipeline", "hs_lastmodifieddate"],
    limit: 100,
    after: after ?? undefined,
  } as never));
  return searchPageSchema.parse(JSON.parse(JSON.stringify(raw)));
}
