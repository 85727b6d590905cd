import { Badge, type Tone } from "@/components/ui/badge";
import { HANDOFF_STATUS_LABEL, STAGE_STATUS_LABEL, stageDefinition } from "@/lib/rules/stages";
import type { HandoffStatus, RiskLevel, StageKey, StageStatus } from "@/lib/db/generated/enums";

const RISK_TONE: Record<RiskLevel, Tone> = { LOW: "slate", MEDIUM: "blue", HIGH: "amber", CRITICAL: "red" };
const STAGE_STATUS_TONE: Record<StageStatus, Tone> = {
  NOT_STARTED: "slate",
  IN_PROGRESS: "blue",
  AWAITING_APPROVAL: "violet",
  CHANGES_REQUESTED: "amber",
  APPROVED: "green",
};
const STATUS_TONE: Record<HandoffStatus, Tone> = {
  INTAKE_BLOCKED: "red",
  IN_PROGRESS: "blue",
  ON_HOLD: "amber",
  COMPLETED: "green",
  CANCELLED: "slate",
};

export const RISK_LABEL: Record<RiskLevel, string> = { LOW: "Low", MEDIUM: "Medium", HIGH: "High", CRITICAL: "Critical" };

export function RiskBadge({ level }: { level: RiskLevel }) {
  return <Badge tone={RISK_TONE[level]}>{RISK_LABEL[level]}</Badge>;
}

export function StageStatusBadge({ status }: { status: StageStatus }) {
  return <Badge tone={STAGE_STATUS_TONE[status]}>{STAGE_STATUS_LABEL[status]}</Badge>;
}

export function HandoffStatusBadge({ status }: { status: HandoffStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{HANDOFF_STATUS_LABEL[status]}</Badge>;
}

export function stageLabel(key: StageKey): string {
  return stageDefinition(key).label;
}
