-- CreateIndex
CREATE INDEX "Handoff_actualKickoffAt_idx" ON "Handoff"("actualKickoffAt");
