import type { CommandRegistry } from "./context.ts";
import { captureEvidence, decideGate, startStage, submitGate } from "./gates.ts";
import { confirmClientDates, logScopeChange, recordKickoff, scheduleKickoff } from "./kickoff.ts";
import { acceptRisk, acknowledge, rejectRisk, reviseRisk } from "./risks.ts";

/** What each lifecycle command does once the rules allow it. */
export const COMMANDS: CommandRegistry = {
  START_STAGE: startStage,
  CAPTURE_EVIDENCE: captureEvidence,
  SUBMIT_GATE: submitGate,
  APPROVE_GATE: decideGate,
  REQUEST_CHANGES: decideGate,
  ACKNOWLEDGE: acknowledge,
  ACCEPT_RISK: acceptRisk,
  REJECT_RISK: rejectRisk,
  REVISE_RISK: reviseRisk,
  SCHEDULE_KICKOFF: scheduleKickoff,
  CONFIRM_CLIENT_DATES: confirmClientDates,
  RECORD_KICKOFF: recordKickoff,
  LOG_SCOPE_CHANGE: logScopeChange,
};
