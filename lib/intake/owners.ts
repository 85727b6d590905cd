import type { CrmContact } from "../integrations/hubspot/deals.ts";

/**
 * Who owns a commitment, milestone or dependency, from the name sales typed in the CRM.
 * The owner is one of our people (matched by name or email), a contact of the client
 * (one of the deal's CRM contacts, by name or email), or not known yet — in which case the
 * name is kept and the delivery workspace asks someone to resolve it.
 */

export interface ItemOwner {
  ownerId?: string | null;
  clientOwnerName?: string | null;
  clientOwnerEmail?: string | null;
}

interface Named {
  name: string;
  email: string | null;
}

const normalise = (value: string) => value.trim().replace(/\s+/g, " ").toLowerCase();

/** "Dana Kim", "dana@acme.com" or "Dana Kim <dana@acme.com>": the name and email it gives. */
function parseOwner(raw: string): { name: string; email: string | null } {
  const angle = raw.match(/^(.*?)<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/);
  if (angle) return { name: normalise(angle[1]), email: angle[2].toLowerCase() };
  if (/^[^\s@]+@[^\s@]+$/.test(raw.trim())) return { name: "", email: raw.trim().toLowerCase() };
  return { name: normalise(raw), email: null };
}

function matches(candidate: Named, wanted: { name: string; email: string | null }): boolean {
  if (wanted.email && candidate.email?.toLowerCase() === wanted.email) return true;
  return wanted.name !== "" && normalise(candidate.name) === wanted.name;
}

export function resolveItemOwner(raw: string | null | undefined, people: readonly { id: string; name: string; email: string }[], contacts: readonly CrmContact[]): ItemOwner {
  if (!raw?.trim()) return {};
  const wanted = parseOwner(raw);
  const person = people.find((p) => matches(p, wanted));
  if (person) return { ownerId: person.id };
  const contact = contacts.find((c) => matches(c, wanted));
  if (contact) return { clientOwnerName: contact.name, clientOwnerEmail: contact.email };
  return {};
}

/** A dependency's party is usually a team ("Aurora IT"); when it names a person, that person owns the gate. */
export function partyOwner(party: string | null | undefined, people: readonly { id: string; name: string; email: string }[], contacts: readonly CrmContact[]): ItemOwner {
  return resolveItemOwner(party, people, contacts);
}
