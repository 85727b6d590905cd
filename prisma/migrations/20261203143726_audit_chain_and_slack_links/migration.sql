-- CreateEnum
CREATE TYPE "SlackLinkStatus" AS ENUM ('PENDING', 'CONFIRMED', 'EXPIRED', 'CANCELLED');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "slackTeamId" TEXT;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "seq" BIGINT;

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seq" BIGINT NOT NULL DEFAULT 0,
    "hash" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMP(3),

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlackLinkRequest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "status" "SlackLinkStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "slackTeamId" TEXT,

    CONSTRAINT "SlackLinkRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SlackLinkRequest_userId_createdAt_idx" ON "SlackLinkRequest"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "SlackLinkRequest_slackUserId_status_idx" ON "SlackLinkRequest"("slackUserId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- AddForeignKey
ALTER TABLE "SlackLinkRequest" ADD CONSTRAINT "SlackLinkRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───────────────────────── the audit trail is tamper-evident ─────────────────────────
-- Every audit event carries sha256 over the previous event's hash and its own content, and its
-- place in the chain (seq). The database sets both on insert, under a row lock on the chain head,
-- so concurrent inserts form one chain and no caller can choose its own hash. The application's
-- role cannot write AuditChainHead: the trigger runs as the tables' owner (SECURITY DEFINER).
-- lib/audit/chain.ts recomputes the same digest independently to verify the whole chain.

INSERT INTO "AuditChainHead" ("id", "seq", "hash") VALUES (1, 0, '');

CREATE FUNCTION audit_event_digest(seq BIGINT, prev TEXT, at TIMESTAMP, VARIADIC fields TEXT[]) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(
    seq::text || '|' || prev || '|' || to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '|' ||
    (SELECT string_agg(CASE WHEN f IS NULL THEN '~' ELSE octet_length(f)::text || ':' || f END, '|' ORDER BY i)
       FROM unnest(fields) WITH ORDINALITY AS u(f, i)),
    'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_event_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  head_seq BIGINT;
  head_hash TEXT;
BEGIN
  SELECT "seq", "hash" INTO head_seq, head_hash FROM "AuditChainHead" WHERE "id" = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'The audit chain head is missing' USING ERRCODE = 'data_corrupted';
  END IF;
  NEW."seq" := head_seq + 1;
  NEW."prevHash" := head_hash;
  NEW."hash" := audit_event_digest(NEW."seq", head_hash, NEW."at",
    NEW."actorId", NEW."actorRole"::text, NEW."actorLabel", NEW."action", NEW."entityType", NEW."entityId",
    NEW."handoffId", NEW."data"::text, NEW."sourceUrl", NEW."traceId");
  UPDATE "AuditChainHead" SET "seq" = NEW."seq", "hash" = NEW."hash", "at" = NEW."at" WHERE "id" = 1;
  RETURN NEW;
END;
$$;

-- Events recorded before the chain existed are chained now, in the order they were written.
ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";
DO $$
DECLARE
  e RECORD;
  head_seq BIGINT := 0;
  head_hash TEXT := '';
  digest TEXT;
BEGIN
  FOR e IN SELECT * FROM "AuditEvent" ORDER BY "id" LOOP
    head_seq := head_seq + 1;
    digest := audit_event_digest(head_seq, head_hash, e."at",
      e."actorId", e."actorRole"::text, e."actorLabel", e."action", e."entityType", e."entityId",
      e."handoffId", e."data"::text, e."sourceUrl", e."traceId");
    UPDATE "AuditEvent" SET "seq" = head_seq, "prevHash" = head_hash, "hash" = digest WHERE "id" = e."id";
    head_hash := digest;
  END LOOP;
  UPDATE "AuditChainHead" SET "seq" = head_seq, "hash" = head_hash,
    "at" = (SELECT max("at") FROM "AuditEvent") WHERE "id" = 1;
END;
$$;
ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";

CREATE TRIGGER "AuditEvent_chain"
  BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_chain();

-- TRUNCATE bypasses row triggers: refuse it on both append-only tables.
CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- The decision log: no UPDATE (since 20261124), and now no DELETE or TRUNCATE either.
CREATE TRIGGER "Decision_no_delete"
  BEFORE DELETE ON "Decision"
  FOR EACH ROW EXECUTE FUNCTION decision_is_append_only();

CREATE TRIGGER "Decision_no_truncate"
  BEFORE TRUNCATE ON "Decision"
  FOR EACH STATEMENT EXECUTE FUNCTION decision_is_append_only();

-- The chain head moves only through the trigger.
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'AuditChainHead moves only with a new audit event: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "AuditChainHead_guard"
  BEFORE INSERT OR UPDATE OR DELETE ON "AuditChainHead"
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
CREATE TRIGGER "AuditChainHead_no_truncate"
  BEFORE TRUNCATE ON "AuditChainHead"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard();
