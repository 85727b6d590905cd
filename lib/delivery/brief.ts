import { createHash } from "node:crypto";
import { isoDay, kickoffDate, type DeliveryModel } from "./model.ts";

/**
 * The implementation brief as content, independent of Notion: the sections the delivery
 * team reads, the append-only decision log, and a revision hash of the sections that
 * says whether the page (or the approved snapshot) is out of date.
 */

export interface BriefSection {
  heading: string;
  /** "todo" items render as checkboxes (commitments a person must deliver). */
  style: "bullets" | "todo";
  items: string[];
  empty: string;
}

export type BriefStatus = "Draft" | "In review" | "Approved" | "Changed after approval";

export interface BriefContent {
  title: string;
  properties: { handoffRef: string; customer: string; owner: string; status: BriefStatus; kickoffDate: string | null; handoffUrl: string };
  sections: BriefSection[];
  decisions: { ref: string; line: string }[];
  /** Hash of the sections: changes exactly when what the brief says changes. */
  revision: string;
}

const day = (d: Date | null) => (d ? isoDay(d) : "no date");

/** A decision's reference in the log; the sync appends only references not yet on the page. */
export function decisionRef(id: string): string {
  return `D-${id.slice(-8)}`;
}

export function briefSections(model: DeliveryModel): BriefSection[] {
  return [
    { heading: "In scope", style: "bullets", items: model.inScope, empty: "Nothing recorded in scope." },
    { heading: "Out of scope", style: "bullets", items: model.outOfScope, empty: "Nothing recorded out of scope." },
    { heading: "Assumptions", style: "bullets", items: model.assumptions, empty: "No assumptions recorded." },
    { heading: "Integration constraints", style: "bullets", items: model.constraints.map((c) => `${c.system}: ${c.constraint}`), empty: "No integration constraints recorded." },
    {
      heading: "Risks",
      style: "bullets",
      // What the risk is and who handles it. Whether the delivery lead accepted it is the
      // acknowledgement's record (the app, the Slack request), not the brief's content: accepting
      // or sending back a risk must not make an approved brief “changed after approval”.
      items: model.risks.map(riskLine),
      empty: "No risks recorded.",
    },
    {
      heading: "Commitments",
      style: "todo",
      items: model.commitments.map((c) => `${c.description} — due ${day(c.dueDate)}, owner ${c.ownerName ?? "delivery lead"}`),
      empty: "No sales commitments recorded.",
    },
    {
      heading: "Milestones",
      style: "bullets",
      items: model.milestones.map((m) => `${day(m.dueDate)} — ${m.name}${m.ownerName ? ` (${m.ownerName})` : ""}`),
      empty: "No milestones recorded.",
    },
    {
      heading: "Client dependencies",
      style: "bullets",
      items: model.dependencies.map((d) => `${d.description} — ${d.party}, needed by ${day(d.neededBy)}`),
      empty: "No client dependencies recorded.",
    },
  ];
}

const riskLine = (r: DeliveryModel["risks"][number]) => `${r.title} — ${r.severity.toLowerCase()} severity, owner ${r.ownerName ?? "unassigned"}; mitigation: ${r.mitigation ?? "none"}`;

export function briefRevision(sections: BriefSection[]): string {
  return createHash("sha256").update(JSON.stringify(sections)).digest("hex").slice(0, 12);
}

/**
 * The revision this content had in the brief's first layout, which wrote each risk's status
 * into the brief. A brief is approved before any risk can be accepted, so every risk then read
 * “open”: a brief approved under that layout is still the approved brief when only the risks'
 * acceptance has moved on since.
 */
function firstLayoutRevision(model: DeliveryModel, sections: BriefSection[]): string {
  return briefRevision(sections.map((s) => (s.heading === "Risks" ? { ...s, items: model.risks.map((r) => `${riskLine(r)} (open)`) } : s)));
}

/**
 * Draft, in review, approved — or changed after approval, when the sections differ from the
 * revision signed off. The page's properties (status, owner, kickoff date) are not brief
 * content: scheduling the kickoff changes the page, never the approval.
 */
export function briefStatus(model: DeliveryModel, revision: string, sections: BriefSection[] = briefSections(model)): BriefStatus {
  const stage = model.stages.IMPLEMENTATION_BRIEF;
  const later = ["ACKNOWLEDGEMENT", "HANDOFF_DIGEST", "KICKOFF_QA"].some((k) => model.stages[k as keyof typeof model.stages] !== "NOT_STARTED");
  if (stage === "APPROVED" || later) {
    const approved = model.approvedBriefRevision;
    return approved && approved !== revision && approved !== firstLayoutRevision(model, sections) ? "Changed after approval" : "Approved";
  }
  if (stage === "AWAITING_APPROVAL") return "In review";
  return "Draft";
}

export function briefContent(model: DeliveryModel): BriefContent {
  const sections = briefSections(model);
  const revision = briefRevision(sections);
  const kickoff = model.kickoffScheduledAt ?? model.promisedKickoffAt;
  return {
    title: `${model.ref} · ${model.customerName} — implementation brief`,
    properties: {
      handoffRef: model.ref,
      customer: model.customerName,
      owner: model.people.psLeader?.name ?? model.people.projectManager?.name ?? "Unassigned",
      status: briefStatus(model, revision, sections),
      kickoffDate: kickoff ? isoDay(kickoff) : null,
      handoffUrl: model.url,
    },
    sections,
    decisions: model.decisions.map((d) => ({
      ref: decisionRef(d.id),
      line: `${isoDay(d.decidedAt)} — ${d.title}: ${d.rationale} (decided by ${d.decidedBy}) · ${decisionRef(d.id)}`,
    })),
    revision,
  };
}

/** The first 30 days after the kickoff date: what the digest lists. */
export function firstMonthMilestones(model: DeliveryModel) {
  const start = kickoffDate(model);
  const end = new Date(start.getTime() + 30 * 86_400_000);
  return model.milestones.filter((m) => m.dueDate.getTime() <= end.getTime());
}
