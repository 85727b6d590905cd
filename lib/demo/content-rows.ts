import { SCOPE_CHANGES, type Owner } from "./catalogue.ts";
import type { Ctx, Plan } from "./plan.ts";
import type { Rows } from "./rows.ts";
import type { Timeline } from "./timeline.ts";
import { between, DAY, ms, plus } from "./time.ts";

/**
 * What sales promised, as the handoff's rows: scope, risks, commitments, milestones, dependencies,
 * assumptions, constraints and decisions, with how they turned out for the handoffs that are done,
 * and the scope changes logged since.
 */

/** The rows of what sales promised for one handoff. */
export function contentRows(plan: Plan, timeline: Timeline, rows: Rows, ctx: Ctx): void {
  const { rng, now } = ctx;
  const c = plan.content;
  const at = plan.createdAt;
  const kickoffBase = timeline.kickoff?.heldAt ?? timeline.kickoff?.scheduledAt ?? plan.promisedKickoffAt;
  const completed = plan.status === "COMPLETED";
  const past = (d: Date) => ms(d) < ms(now);

  for (const description of c.scopeIn) rows.scopeItems.push({ id: ctx.newId(), handoffId: plan.id, kind: "IN_SCOPE", description, createdAt: at });
  for (const description of c.scopeOut) rows.scopeItems.push({ id: ctx.newId(), handoffId: plan.id, kind: "OUT_OF_SCOPE", description, createdAt: at });

  for (const r of c.risks) {
    const accepted = timeline.acknowledgedAt;
    rows.risks.push({
      id: r.id,
      handoffId: plan.id,
      title: r.title,
      description: r.description,
      severity: r.severity,
      likelihood: r.likelihood,
      ownerId: r.owner?.id ?? null,
      ownerName: r.ownerName,
      mitigation: r.mitigation,
      status: accepted ? "ACCEPTED" : "OPEN",
      acceptedById: accepted ? plan.deliveryLead.id : null,
      acceptedAt: accepted,
      createdAt: at,
      updatedAt: accepted ?? at,
    });
  }

  for (const item of c.commitments) {
    const dueDate = item.offsetDays === null ? null : plus(kickoffBase, item.offsetDays * DAY);
    const delivered = completed && dueDate && past(dueDate);
    const onTime = rng.chance(0.8);
    rows.commitments.push({
      id: ctx.newId(),
      handoffId: plan.id,
      description: item.description,
      ownerName: personFor(item.owner, plan),
      dueDate,
      status: delivered ? (onTime ? "DELIVERED" : "DELIVERED_LATE") : "OPEN",
      createdAt: at,
      updatedAt: at,
    });
  }

  c.milestones.forEach((m, position) => {
    const dueDate = plus(kickoffBase, m.offsetDays * DAY);
    const slip = rng.int(-2, 4) * DAY;
    const done = completed && past(dueDate) ? (m.offsetDays === 0 ? kickoffBase : plus(dueDate, slip)) : null;
    rows.milestones.push({
      id: ctx.newId(),
      handoffId: plan.id,
      name: m.name,
      dueDate,
      ownerName: m.offsetDays === 0 ? plan.projectManager.name : rng.pick([plan.projectManager.name, plan.deliveryLead.name, c.contact]),
      doneAt: done && past(done) ? done : null,
      position,
      createdAt: at,
      updatedAt: at,
    });
  });

  for (const d of c.dependencies) {
    const neededBy = plus(kickoffBase, rng.int(-5, 20) * DAY);
    const roll = rng.float();
    const status = completed && past(neededBy) ? (roll < 0.85 ? "MET" : "AT_RISK") : roll < 0.15 ? "AT_RISK" : "OPEN";
    rows.dependencies.push({ id: ctx.newId(), handoffId: plan.id, description: d.description, party: d.party, status, neededBy, createdAt: at, updatedAt: at });
  }
  for (const text of c.assumptions) rows.assumptions.push({ id: ctx.newId(), handoffId: plan.id, text, createdAt: at });
  for (const k of c.constraints) rows.constraints.push({ id: ctx.newId(), handoffId: plan.id, system: k.system, constraint: k.constraint, createdAt: at });
  for (const d of c.decisions) {
    rows.decisions.push({ id: ctx.newId(), handoffId: plan.id, title: d.title, rationale: d.rationale, decidedBy: personFor(d.by, plan), decidedAt: between(at, now, rng.float(0.05, 0.9)) });
  }
  scopeChangeRows(plan, timeline, rows, ctx);
}

/** Changes after the approved brief are a KPI incident; some are caught before it. */
function scopeChangeRows(plan: Plan, timeline: Timeline, rows: Rows, ctx: Ctx): void {
  const { rng, now } = ctx;
  const brief = timeline.runs.find((r) => r.def.key === "IMPLEMENTATION_BRIEF");
  const log = (afterBrief: boolean, loggedAt: Date) =>
    rows.scopeChanges.push({ id: ctx.newId(), handoffId: plan.id, description: rng.pick(SCOPE_CHANGES), afterBrief, loggedById: plan.projectManager.id, loggedAt });

  if (brief?.approvedAt && rng.chance(0.15)) log(true, between(brief.approvedAt, now, rng.float(0.1, 0.9)));
  if (timeline.runs.length > 1 && rng.chance(0.03)) {
    const end = brief?.approvedAt ?? brief?.submissions[0] ?? now;
    log(false, between(timeline.runs[1].enteredAt, end, rng.float(0.2, 0.8)));
  }
}

function personFor(owner: Owner, plan: Plan): string {
  switch (owner) {
    case "pm":
      return plan.projectManager.name;
    case "sales":
      return plan.salesOwner.name;
    case "lead":
      return plan.deliveryLead.name;
    case "leader":
      return plan.psLeader.name;
    case "client":
      return plan.content.contact;
  }
}
