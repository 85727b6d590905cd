import type { Prisma } from "../db/generated/client.ts";
import type { EvidenceRequirement } from "../rules/stages.ts";
import { CONTACT_TITLES } from "./catalogue.ts";
import { DEMO_POLICY, type Ctx, type Plan } from "./plan.ts";
import type { Random } from "./random.ts";
import type { Timeline } from "./timeline.ts";
import { isoDate, ms } from "./time.ts";

/** What each evidence item holds: the link a tool answered with, or the note a person wrote. */

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function digits(rng: Random, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += rng.int(0, 9);
  return out;
}

/** A link or a note for one evidence item, as a person would have captured it. */
export function evidenceContent(requirement: EvidenceRequirement, plan: Plan, at: Date, timeline: Timeline, ctx: Ctx): { url?: string; note?: string; data?: Prisma.InputJsonValue } {
  const { rng } = ctx;
  const c = plan.content;
  const acceptedRisks = timeline.acknowledgedAt ? c.risks : [];
  switch (requirement.key) {
    case "deal_snapshot":
      return { url: plan.sourceUrl, data: { snapshotVersion: 1, fields: DEMO_POLICY.fields.map((f) => f.key) } };
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
