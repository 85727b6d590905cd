import { Prisma } from "../db/generated/client.ts";
import { KICKOFF_SLA_DAYS } from "../rules/sla.ts";

/**
 * A kickoff is late when it happened on a later day than promised — or, with no promised date,
 * on a later day than the kickoff SLA after closed-won. Days, not instants: a kickoff held in the
 * afternoon of the promised day is on time. The one definition, for the queue's drill-down and
 * the KPI.
 */
export function kickoffDelayed(alias: string): Prisma.Sql {
  const h = Prisma.raw(`"${alias}"`);
  return Prisma.sql`(${h}."actualKickoffAt"::date > coalesce(${h}."promisedKickoffAt"::date, (${h}."closedWonAt" + make_interval(days => ${KICKOFF_SLA_DAYS}))::date))`;
}
