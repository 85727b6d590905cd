-- CreateIndex
CREATE INDEX "HandoffStage_decidedAt_idx" ON "HandoffStage"("decidedAt");
