-- GATE_RULES and MATERIALITY were never read: gate rules live in code (lib/handoffs/stages.ts) and
-- materiality in the intake policy. Earlier demo data wrote a MATERIALITY version nothing used.
DELETE FROM "PolicyVersion" WHERE "kind"::text IN ('GATE_RULES', 'MATERIALITY');

-- AlterEnum
CREATE TYPE "PolicyKind_new" AS ENUM ('INTAKE_POLICY', 'TASK_TEMPLATE', 'ASSIGNMENT');
ALTER TABLE "PolicyVersion" ALTER COLUMN "kind" TYPE "PolicyKind_new" USING ("kind"::text::"PolicyKind_new");
ALTER TYPE "PolicyKind" RENAME TO "PolicyKind_old";
ALTER TYPE "PolicyKind_new" RENAME TO "PolicyKind";
DROP TYPE "PolicyKind_old";
