import type { Role } from "../db/generated/enums.ts";

export type { Role };

/** Who is acting. Every domain function takes one and enforces it itself. */
export interface Actor {
  userId: string;
  role: Role;
  name: string;
}

export const ROLES: readonly Role[] = [
  "ADMIN",
  "PS_LEADER",
  "PROJECT_MANAGER",
  "REVOPS",
  "DELIVERY_LEAD",
  "SALES",
  "VIEWER",
];

export const ROLE_LABEL: Record<Role, string> = {
  ADMIN: "Admin",
  PS_LEADER: "PS leader",
  PROJECT_MANAGER: "Project manager",
  REVOPS: "RevOps",
  DELIVERY_LEAD: "Delivery lead",
  SALES: "Sales",
  VIEWER: "Viewer",
};

/**
 * Capabilities that do not depend on a particular handoff. Least privilege: each
 * role gets what its job needs. Admins run the system (users, connections,
 * operations) but do not sign off gates or accept delivery risk.
 */
export type Capability =
  | "handoffs:view"
  | "approvals:inbox"
  | "dashboard:view"
  | "policy:edit"
  | "operations:view"
  | "users:manage"
  | "connections:manage"
  | "overrides:request"
  | "overrides:confirm"
  | "template:edit"
  | "people:manage"
  | "baseline:capture"
  | "qa:run"
  /** See the QA runs and reports. */
  | "qa:view"
  /** Score a QA review or close a retraining action assigned to oneself. */
  | "qa:review"
  /** Label an override (false positive, false negative, justified) to tune the intake rules. */
  | "overrides:classify"
  /** Change who a handoff's PM, delivery lead and PS leader are. */
  | "handoffs:reassign"
  /** Resolve a delivery-workspace owner on the handoff: link a ClickUp member or reassign the item. */
  | "owners:resolve"
  | "assignment:edit"
  /** Check the audit trail's hash chain. */
  | "audit:verify"
  /** Download the audit trail for a period (CSV, JSON Lines). */
  | "audit:export"
  /** The demo's tool stand-ins show every deal, list, brief and message: not for sales, who see only their own deals. */
  | "sandbox:use";

const CAPABILITIES: Record<Role, readonly Capability[]> = {
  ADMIN: ["handoffs:view", "dashboard:view", "qa:view", "qa:review", "policy:edit", "operations:view", "users:manage", "connections:manage", "template:edit", "people:manage", "baseline:capture", "qa:run", "assignment:edit", "audit:verify", "audit:export", "sandbox:use"],
  PS_LEADER: ["handoffs:view", "approvals:inbox", "dashboard:view", "qa:view", "qa:review", "overrides:request", "overrides:confirm", "overrides:classify", "template:edit", "baseline:capture", "qa:run", "handoffs:reassign", "owners:resolve", "assignment:edit", "sandbox:use"],
  PROJECT_MANAGER: ["handoffs:view", "approvals:inbox", "dashboard:view", "qa:view", "qa:review", "overrides:request", "overrides:confirm", "owners:resolve", "sandbox:use"],
  REVOPS: ["handoffs:view", "dashboard:view", "qa:view", "qa:review", "policy:edit", "operations:view", "overrides:request", "overrides:classify", "connections:manage", "template:edit", "people:manage", "qa:run", "handoffs:reassign", "assignment:edit", "sandbox:use"],
  DELIVERY_LEAD: ["handoffs:view", "approvals:inbox", "sandbox:use"],
  SALES: ["handoffs:view"],
  VIEWER: ["handoffs:view", "dashboard:view", "qa:view", "sandbox:use"],
};

export function can(role: Role, capability: Capability): boolean {
  return CAPABILITIES[role].includes(capability);
}

/** The assigned PM and delivery lead, and PS leaders, own what delivery decides and what changes in scope. */
export function mayDecide(actor: Actor, h: { projectManagerId: string | null; deliveryLeadId: string | null }): boolean {
  return actor.role === "PS_LEADER" || (actor.role === "PROJECT_MANAGER" && h.projectManagerId === actor.userId) || (actor.role === "DELIVERY_LEAD" && h.deliveryLeadId === actor.userId);
}
