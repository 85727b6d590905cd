/**
 * Service levels, written once for the lifecycle, the delivery plan and the KPIs (each stage's own
 * SLA is in lib/rules/stages.ts).
 */

/** When no kickoff date was promised, the kickoff is late after this many days from closed-won. */
export const KICKOFF_SLA_DAYS = 14;
/** An approval within this many hours of submission meets the approval SLA. */
export const APPROVAL_SLA_HOURS = 24;
