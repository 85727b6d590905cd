import { z } from "zod";
import type { Prisma } from "../db/generated/client.ts";
import { db } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { forbidden, invalid, parseInput } from "../errors.ts";
import { csvCell } from "./exports.ts";
import { periodOf } from "./filters.ts";

/**
 * The audit trail for a period, as CSV or JSON Lines, for an auditor: every event with its place
 * in the hash chain and its hashes, so the file can be checked against the chain. Read in batches
 * by chain position and streamed, so a long period never sits in memory; the export itself is
 * an audit event.
 */

export const AUDIT_FORMATS = ["csv", "jsonl"] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters.`)
    .optional()
    .transform((v) => v || undefined);

export const auditTrailFiltersSchema = z.object({
  format: z.enum(AUDIT_FORMATS, "Choose the format: csv or jsonl."),
  from: z.string({ error: "Choose a start date." }).trim().min(1, "Choose a start date."),
  to: z.string({ error: "Choose an end date." }).trim().min(1, "Choose an end date."),
  handoff: optionalText(40),
  actor: optionalText(200),
  action: optionalText(80).refine((v) => v === undefined || /^[a-z_.]+$/.test(v), "An action looks like gate.approved, or gate. for every gate action."),
});

export type AuditTrailFilters = z.output<typeof auditTrailFiltersSchema>;

/** The query for the filters: the period (the dashboard's limits), and a handoff, a person or an action (prefix). */
export async function auditTrailWhere(filters: AuditTrailFilters): Promise<Prisma.AuditEventWhereInput> {
  const { from, to } = periodOf(filters);
  const where: Prisma.AuditEventWhereInput = { at: { gte: from, lt: to } };
  if (filters.handoff) {
    const number = /^HO-(\d{1,9})$/i.exec(filters.handoff)?.[1];
    const handoff = await db().handoff.findFirst({ where: number ? { number: Number(number) } : { id: filters.handoff }, select: { id: true } });
    if (!handoff) throw invalid(`No handoff “${filters.handoff}”. Use its reference, such as HO-123.`);
    where.handoffId = handoff.id;
  }
  if (filters.actor?.includes("@")) {
    const user = await db().user.findUnique({ where: { email: filters.actor.toLowerCase() }, select: { id: true } });
    if (!user) throw invalid(`No one signs in as ${filters.actor}.`);
    where.actorId = user.id;
  } else if (filters.actor) {
    where.actorLabel = { equals: filters.actor, mode: "insensitive" };
  }
  if (filters.action) where.action = { startsWith: filters.action };
  return where;
}

const SELECT = {
  seq: true,
  at: true,
  actorId: true,
  actorRole: true,
  actorLabel: true,
  action: true,
  entityType: true,
  entityId: true,
  handoffId: true,
  data: true,
  sourceUrl: true,
  traceId: true,
  prevHash: true,
  hash: true,
} satisfies Prisma.AuditEventSelect;

type Row = Prisma.AuditEventGetPayload<{ select: typeof SELECT }>;
const BATCH = 1000;

/** The events, oldest first, a batch at a time. */
async function* batches(where: Prisma.AuditEventWhereInput): AsyncGenerator<Row[]> {
  let after: bigint | null = null;
  for (;;) {
    const rows: Row[] = await db().auditEvent.findMany({ where: { ...where, ...(after === null ? {} : { seq: { gt: after } }) }, orderBy: { seq: "asc" }, take: BATCH, select: SELECT });
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].seq;
    if (rows.length < BATCH || after === null) return;
  }
}

const COLUMNS = ["seq", "at", "actor", "actor_role", "action", "entity_type", "entity_id", "handoff_id", "source_url", "trace_id", "data", "prev_hash", "hash"] as const;

function csvLine(row: Row): string {
  const cells = [row.seq?.toString() ?? "", row.at.toISOString(), row.actorLabel, row.actorRole, row.action, row.entityType, row.entityId, row.handoffId, row.sourceUrl, row.traceId, JSON.stringify(row.data), row.prevHash, row.hash];
  return cells.map((c) => csvCell(c ?? null, "text")).join(",");
}

function jsonLine(row: Row): string {
  return JSON.stringify({
    seq: row.seq?.toString() ?? null,
    at: row.at.toISOString(),
    actor: { id: row.actorId, role: row.actorRole, label: row.actorLabel },
    action: row.action,
    entity: { type: row.entityType, id: row.entityId },
    handoffId: row.handoffId,
    data: row.data,
    sourceUrl: row.sourceUrl,
    traceId: row.traceId,
    prevHash: row.prevHash,
    hash: row.hash,
  });
}

export interface AuditTrailExport {
  filename: string;
  contentType: string;
  rows: number;
  body: ReadableStream<Uint8Array>;
}

/** Checks who asks and what, records the export, and streams the file. */
export async function exportAuditTrail(actor: Actor, input: unknown): Promise<AuditTrailExport> {
  if (!can(actor.role, "audit:export")) throw forbidden("Only admins can export the audit trail.");
  const filters = parseInput(auditTrailFiltersSchema, input);
  const where = await auditTrailWhere(filters);
  const rows = await db().auditEvent.count({ where });
  // Recorded before the file is read: the export shows in the trail whether or not the download completes.
  await db().$transaction((tx) =>
    recordAudit(tx, { actor, action: "audit.exported", entityType: "Export", entityId: `audit.${filters.format}`, data: { ...filters, rows } }),
  );
  const encoder = new TextEncoder();
  const line = filters.format === "csv" ? csvLine : jsonLine;
  const source = batches(where);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (filters.format === "csv") controller.enqueue(encoder.encode(`${COLUMNS.join(",")}\r\n`));
    },
    async pull(controller) {
      const next = await source.next();
      if (next.done) return controller.close();
      const eol = filters.format === "csv" ? "\r\n" : "\n";
      controller.enqueue(encoder.encode(next.value.map((r) => line(r) + eol).join("")));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
  return {
    filename: `audit-trail-${filters.from}-to-${filters.to}.${filters.format}`,
    contentType: filters.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    rows,
    body,
  };
}
