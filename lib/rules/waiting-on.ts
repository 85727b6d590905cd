import type { HandoffStatus, StageKey, StageStatus } from "../db/generated/enums.ts";
import { stageDefinition, type Assignment } from "./stages.ts";

export interface Assignments {
  psLeaderId: string | null;
  projectManagerId: string | null;
  revOpsId: string | null;
  deliveryLeadId: string | null;
}

/** Whose move it is for a stage in a given status. */
export function waitingOnFor(
  stage: StageKey,
  status: StageStatus,
  handoffStatus: HandoffStatus,
  assignments: Assignments,
  submittedById: string | null,
): string | null {
  if (handoffStatus === "COMPLETED" || handoffStatus === "CANCELLED") return null;
  if (status === "AWAITING_APPROVAL") {
    const pm = assignments.projectManagerId;
    return pm && pm !== submittedById ? pm : assignments.psLeaderId;
  }
  const owner: Assignment = stageDefinition(stage).owner;
  return assignments[`${owner}Id`];
}
