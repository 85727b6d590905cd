-- CreateEnum
CREATE TYPE "PolicyVersionStatus" AS ENUM ('ACTIVE', 'PENDING_APPROVAL', 'REJECTED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "PolicyVersion" ADD COLUMN     "baseVersion" INTEGER,
ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "decidedById" TEXT,
ADD COLUMN     "decisionNote" TEXT,
ADD COLUMN     "relaxations" JSONB,
ADD COLUMN     "status" "PolicyVersionStatus" NOT NULL DEFAULT 'ACTIVE';

-- CreateIndex
CREATE INDEX "PolicyVersion_kind_status_version_idx" ON "PolicyVersion"("kind", "status", "version");

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
