-- AlterEnum
ALTER TYPE "PolicyKind" ADD VALUE 'ASSIGNMENT';

-- AlterTable
ALTER TABLE "Commitment" ADD COLUMN     "clientOwnerEmail" TEXT,
ADD COLUMN     "clientOwnerName" TEXT,
ADD COLUMN     "ownerId" TEXT;

-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "clientOwnerEmail" TEXT,
ADD COLUMN     "clientOwnerName" TEXT,
ADD COLUMN     "ownerId" TEXT;

-- AlterTable
ALTER TABLE "Dependency" ADD COLUMN     "clientOwnerEmail" TEXT,
ADD COLUMN     "clientOwnerName" TEXT,
ADD COLUMN     "ownerId" TEXT;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dependency" ADD CONSTRAINT "Dependency_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
