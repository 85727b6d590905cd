-- AlterTable
ALTER TABLE "Connection" ALTER COLUMN "encryptedSecret" DROP NOT NULL;
