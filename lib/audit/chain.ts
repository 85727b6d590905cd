import { createHash } from "node:crypto";
import { db, type PrismaClient } from "../db/client.ts";
import { logger } from "../log/logger.ts";

/**
 * The audit trail is a hash chain. On insert the database gives each event its place (`seq`), the
 * previous event's hash and its own: sha256 over the place, the previous hash and the event's
 * content (migration 20261203143726_audit_chain_and_slack_links). This module recomputes the same
 * digest in TypeScript, independently of the database's function, and walks the whole chain.
 *
 * What it catches: a changed event (its hash no longer matches), a deleted one (a gap in `seq`), an
 * event slipped in with the trigger off (no place in the chain), events cut from the end (the head
 * is ahead of the last event). Rewriting the entire chain consistently needs the tables' owner;
 * that is caught by comparing with a head published earlier, outside the database (the log, and
 * whoever noted it from the Operations page): `verifyAuditChain({ expect })`.
 */

export interface ChainHead {
  seq: bigint;
  hash: string;
  at: Date | null;
}

export interface ChainBreak {
  /** The event at which the chain stops holding. */
  eventId: string;
  seq: bigint | null;
  at: string | null;
  reason: string;
}

export interface ChainReport {
  ok: boolean;
  events: number;
  head: ChainHead;
  firstBreak: ChainBreak | null;
}

interface Row {
  id: bigint;
  seq: bigint | null;
  prevHash: string | null;
  hash: string | null;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string;
  handoffId: string | null;
  data: string;
  sourceUrl: string | null;
  traceId: string | null;
}

/** A field as the digest sees it: its length in UTF-8 bytes and itself, or "~" for null. */
const field = (value: string | null) => (value === null ? "~" : `${Buffer.byteLength(value, "utf8")}:${value}`);

/** The digest of one event, as the database computes it in audit_event_digest(). `at` is ISO-8601 with milliseconds. */
export function eventDigest(seq: bigint, prevHash: string, at: string, e: Omit<Row, "id" | "seq" | "prevHash" | "hash" | "at">): string {
  const fields = [e.actorId, e.actorRole, e.actorLabel, e.action, e.entityType, e.entityId, e.handoffId, e.data, e.sourceUrl, e.traceId];
  return createHash("sha256").update(`${seq}|${prevHash}|${at}|${fields.map(field).join("|")}`, "utf8").digest("hex");
}

export async function chainHead(client: PrismaClient = db()): Promise<ChainHead> {
  const head = await client.auditChainHead.findUnique({ where: { id: 1 } });
  return head ? { seq: head.seq, hash: head.hash, at: head.at } : { seq: 0n, hash: "", at: null };
}

const BATCH = 2000;

function select(where: string) {
  return `SELECT "id", "seq", "prevHash", "hash", to_char("at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "at",
    "actorId", "actorRole"::text AS "actorRole", "actorLabel", "action", "entityType", "entityId", "handoffId",
    "data"::text AS "data", "sourceUrl", "traceId" FROM "AuditEvent" ${where}`;
}

/**
 * Walks the whole chain in order and names the first broken link. `expect` is a head published
 * earlier ({ seq, hash }): the event at that place must still carry that hash.
 */
export async function verifyAuditChain(options: { client?: PrismaClient; expect?: { seq: bigint; hash: string } } = {}): Promise<ChainReport> {
  const client = options.client ?? db();
  const head = await chainHead(client);
  let events = 0;
  /** The report for the first broken link: at an event, or (id "—") at a place with no event. */
  const broken = (where: { id: bigint | string; seq: bigint | null; at: string | null }, reason: string): ChainReport => ({
    ok: false,
    events,
    head,
    firstBreak: { eventId: String(where.id), seq: where.seq, at: where.at, reason },
  });

  // Written while the chain trigger was off: no place in the chain at all.
  const [outside] = await client.$queryRawUnsafe<Row[]>(select(`WHERE "seq" IS NULL ORDER BY "id" LIMIT 1`));
  if (outside) return broken(outside, "This event has no place in the chain: it was written with the chain trigger switched off.");

  let expectedSeq = 1n;
  let previous = "";
  let expectedSeen = options.expect ? false : true;
  for (;;) {
    const rows = await client.$queryRawUnsafe<Row[]>(select(`WHERE "seq" >= $1 ORDER BY "seq" LIMIT ${BATCH}`), expectedSeq);
    for (const row of rows) {
      const seq = row.seq!;
      if (seq !== expectedSeq) return broken(row, `Events ${expectedSeq}${seq - 1n > expectedSeq ? `–${seq - 1n}` : ""} are missing from the chain: deleted.`);
      if (row.prevHash !== previous) return broken(row, "This event does not follow the one before it: its previous-hash differs, so an earlier event was changed or replaced.");
      if (eventDigest(seq, previous, row.at, row) !== row.hash) return broken(row, "This event's content no longer matches its hash: it was changed after it was written.");
      if (options.expect && seq === options.expect.seq) {
        if (row.hash !== options.expect.hash) return broken(row, `This event's hash differs from the head published for place ${seq}: the chain was rewritten since.`);
        expectedSeen = true;
      }
      previous = row.hash!;
      expectedSeq = seq + 1n;
      events++;
    }
    if (rows.length < BATCH) break;
  }

  const lastSeq = expectedSeq - 1n;
  const nowhere = (seq: bigint) => ({ id: "—", seq, at: null });
  if (head.seq !== lastSeq || head.hash !== previous) {
    return broken(
      nowhere(lastSeq + 1n),
      head.seq > lastSeq ? `The chain head is at ${head.seq} but the last event is ${lastSeq}: events were cut from the end.` : "The chain head does not match the last event: the head was rewritten.",
    );
  }
  if (!expectedSeen) return broken(nowhere(options.expect!.seq), `The chain has no event at the published place ${options.expect!.seq}: it was cut back or rewritten since.`);
  return { ok: true, events, head, firstBreak: null };
}

/** Writes the chain head to the log, outside the database, so that a rewrite of the whole chain shows. */
export async function publishChainHead(client: PrismaClient = db()): Promise<ChainHead> {
  const head = await chainHead(client);
  logger.info({ event: "audit.chain_head", seq: String(head.seq), hash: head.hash, at: head.at?.toISOString() ?? null }, `audit chain head ${publishedHead(head)}`);
  return head;
}

/** A head as it is published (log, Operations, Audit trail) and read back: "place:hash". */
export function publishedHead(head: Pick<ChainHead, "seq" | "hash">): string {
  return `${head.seq}:${head.hash || "—"}`;
}

/** "123:abcdef…" as published, parsed; null when it is not of that form. */
export function parsePublishedHead(text: string): { seq: bigint; hash: string } | null {
  const match = /^\s*(\d{1,18})\s*[:\s]\s*([0-9a-f]{64})\s*$/i.exec(text);
  return match ? { seq: BigInt(match[1]), hash: match[2].toLowerCase() } : null;
}
