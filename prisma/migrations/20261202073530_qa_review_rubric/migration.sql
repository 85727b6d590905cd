-- AlterTable
ALTER TABLE "QaReview" ADD COLUMN     "rubric" JSONB;
