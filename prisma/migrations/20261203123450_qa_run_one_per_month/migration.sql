-- Months that already hold more than one run (possible before this constraint) keep every run:
-- the first keeps the month, each later one is labelled as a repeat, so nothing is lost.
UPDATE "QaRun" AS r
SET "month" = r."month" || ' (repeat ' || d.n || ')'
FROM (SELECT "id", row_number() OVER (PARTITION BY "month" ORDER BY "createdAt", "id") AS n FROM "QaRun") AS d
WHERE d."id" = r."id" AND d.n > 1;

-- DropIndex
DROP INDEX "QaRun_month_idx";

-- CreateIndex
CREATE UNIQUE INDEX "QaRun_month_key" ON "QaRun"("month");
