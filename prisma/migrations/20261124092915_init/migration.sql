-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'PS_LEADER', 'PROJECT_MANAGER', 'REVOPS', 'DELIVERY_LEAD', 'SALES', 'VIEWER');

-- CreateEnum
CREATE TYPE "CrmSource" AS ENUM ('HUBSPOT');

-- CreateEnum
CREATE TYPE "StageKey" AS ENUM ('INTAKE', 'DELIVERY_WORKSPACE', 'IMPLEMENTATION_BRIEF', 'ACKNOWLEDGEMENT', 'HANDOFF_DIGEST', 'KICKOFF_QA');

-- CreateEnum
CREATE TYPE "HandoffStatus" AS ENUM ('INTAKE_BLOCKED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "StageStatus" AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'AWAITING_APPROVAL', 'CHANGES_REQUESTED', 'APPROVED');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('CHECK', 'LINK', 'SNAPSHOT', 'NOTE');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('APPROVED', 'CHANGES_REQUESTED');

-- CreateEnum
CREATE TYPE "OverrideKind" AS ENUM ('INTAKE_VALIDATION', 'GATE_EVIDENCE');

-- CreateEnum
CREATE TYPE "OverrideStatus" AS ENUM ('PENDING_SECOND_APPROVAL', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "OverrideClassification" AS ENUM ('UNCLASSIFIED', 'FALSE_POSITIVE', 'FALSE_NEGATIVE', 'JUSTIFIED');

-- CreateEnum
CREATE TYPE "RiskStatus" AS ENUM ('OPEN', 'ACCEPTED', 'REJECTED', 'MITIGATED', 'CLOSED');

-- CreateEnum
CREATE TYPE "CommitmentStatus" AS ENUM ('OPEN', 'DELIVERED', 'DELIVERED_LATE', 'CHANGED', 'MISSED');

-- CreateEnum
CREATE TYPE "DependencyStatus" AS ENUM ('OPEN', 'MET', 'AT_RISK');

-- CreateEnum
CREATE TYPE "ScopeKind" AS ENUM ('IN_SCOPE', 'OUT_OF_SCOPE');

-- CreateEnum
CREATE TYPE "Vendor" AS ENUM ('HUBSPOT', 'CLICKUP', 'NOTION', 'SLACK');

-- CreateEnum
CREATE TYPE "SyncJobStatus" AS ENUM ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'DEAD', 'CANCELLED');

-- CreateEnum
CREATE TYPE "WebhookStatus" AS ENUM ('RECEIVED', 'PROCESSED', 'IGNORED', 'FAILED');

-- CreateEnum
CREATE TYPE "PolicyKind" AS ENUM ('INTAKE_POLICY', 'GATE_RULES', 'TASK_TEMPLATE', 'MATERIALITY');

-- CreateEnum
CREATE TYPE "KpiSnapshotKind" AS ENUM ('BASELINE', 'WEEKLY');

-- CreateEnum
CREATE TYPE "QaRunStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "ActionStatus" AS ENUM ('OPEN', 'DONE');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "team" TEXT,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastSignedInAt" TIMESTAMP(3),
    "slackUserId" TEXT,
    "clickupUserId" TEXT,
    "hubspotOwnerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deal" (
    "id" TEXT NOT NULL,
    "source" "CrmSource" NOT NULL DEFAULT 'HUBSPOT',
    "sourceId" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "companyName" TEXT,
    "amount" DECIMAL(14,2),
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "pipeline" TEXT NOT NULL,
    "dealStage" TEXT NOT NULL,
    "ownerEmail" TEXT,
    "closedWonAt" TIMESTAMP(3),
    "properties" JSONB NOT NULL,
    "sourceUpdatedAt" TIMESTAMP(3),
    "capturedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DealSnapshot" (
    "id" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "properties" JSONB NOT NULL,
    "associations" JSONB,
    "sourceUpdatedAt" TIMESTAMP(3),
    "capturedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DealSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Handoff" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "dealId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "customerName" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "pipeline" TEXT NOT NULL,
    "pilotCohort" BOOLEAN NOT NULL DEFAULT false,
    "stage" "StageKey" NOT NULL DEFAULT 'INTAKE',
    "stageStatus" "StageStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "status" "HandoffStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "riskLevel" "RiskLevel" NOT NULL DEFAULT 'LOW',
    "intakeIssues" JSONB NOT NULL DEFAULT '[]',
    "completenessScore" INTEGER NOT NULL DEFAULT 0,
    "amount" DECIMAL(14,2),
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "psLeaderId" TEXT,
    "projectManagerId" TEXT,
    "revOpsId" TEXT,
    "deliveryLeadId" TEXT,
    "salesOwnerId" TEXT,
    "waitingOnId" TEXT,
    "closedWonAt" TIMESTAMP(3) NOT NULL,
    "stageEnteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3),
    "promisedKickoffAt" TIMESTAMP(3),
    "kickoffScheduledAt" TIMESTAMP(3),
    "actualKickoffAt" TIMESTAMP(3),
    "clientDateConfirmedAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HandoffStage" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "key" "StageKey" NOT NULL,
    "status" "StageStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "startedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "submittedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "dueAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HandoffStage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,
    "requirementKey" TEXT NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "label" TEXT NOT NULL,
    "url" TEXT,
    "data" JSONB,
    "capturedById" TEXT,
    "capturedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Override" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "stageId" TEXT,
    "kind" "OverrideKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "bypassed" JSONB NOT NULL,
    "material" BOOLEAN NOT NULL DEFAULT false,
    "status" "OverrideStatus" NOT NULL,
    "requestedById" TEXT NOT NULL,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "classification" "OverrideClassification" NOT NULL DEFAULT 'UNCLASSIFIED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Override_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Risk" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "severity" "RiskLevel" NOT NULL,
    "likelihood" "RiskLevel" NOT NULL,
    "ownerId" TEXT,
    "ownerName" TEXT,
    "mitigation" TEXT,
    "status" "RiskStatus" NOT NULL DEFAULT 'OPEN',
    "acceptedById" TEXT,
    "acceptedAt" TIMESTAMP(3),
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Risk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commitment" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ownerName" TEXT,
    "dueDate" TIMESTAMP(3),
    "status" "CommitmentStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "ownerName" TEXT,
    "doneAt" TIMESTAMP(3),
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dependency" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "status" "DependencyStatus" NOT NULL DEFAULT 'OPEN',
    "neededBy" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dependency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assumption" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assumption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScopeItem" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "kind" "ScopeKind" NOT NULL,
    "description" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScopeItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntegrationConstraint" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "constraint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IntegrationConstraint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "decidedBy" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScopeChange" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "afterBrief" BOOLEAN NOT NULL,
    "loggedById" TEXT,
    "loggedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScopeChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalLink" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "vendor" "Vendor" NOT NULL,
    "kind" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "url" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExternalLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorRole" "Role",
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "handoffId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "sourceUrl" TEXT,
    "traceId" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncJob" (
    "id" TEXT NOT NULL,
    "vendor" "Vendor" NOT NULL,
    "kind" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "handoffId" TEXT,
    "payload" JSONB NOT NULL,
    "status" "SyncJobStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 10,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedAt" TIMESTAMP(3),
    "lockedBy" TEXT,
    "steps" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "lastError" TEXT,
    "errorClass" TEXT,
    "history" JSONB NOT NULL DEFAULT '[]',
    "traceId" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "provider" "Vendor" NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "WebhookStatus" NOT NULL DEFAULT 'RECEIVED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Connection" (
    "id" TEXT NOT NULL,
    "vendor" "Vendor" NOT NULL,
    "authType" TEXT NOT NULL,
    "encryptedSecret" TEXT NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "scopes" TEXT[],
    "lastCheckedAt" TIMESTAMP(3),
    "lastCheckOk" BOOLEAN,
    "lastCheckError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncCursor" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncCursor_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL,
    "kind" "PolicyKind" NOT NULL,
    "version" INTEGER NOT NULL,
    "config" JSONB NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiSnapshot" (
    "id" TEXT NOT NULL,
    "kind" "KpiSnapshotKind" NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "filters" JSONB NOT NULL DEFAULT '{}',
    "metrics" JSONB NOT NULL,
    "capturedById" TEXT,
    "capturedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KpiSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QaRun" (
    "id" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "sampleSize" INTEGER NOT NULL,
    "rule" JSONB NOT NULL,
    "status" "QaRunStatus" NOT NULL DEFAULT 'OPEN',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QaRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QaReview" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "completenessScore" INTEGER,
    "promiseAccuracy" INTEGER,
    "failurePatterns" TEXT[],
    "notes" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QaReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetrainingAction" (
    "id" TEXT NOT NULL,
    "runId" TEXT,
    "pattern" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ownerId" TEXT,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "status" "ActionStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RetrainingAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_slackUserId_key" ON "User"("slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "User_hubspotOwnerId_key" ON "User"("hubspotOwnerId");

-- CreateIndex
CREATE INDEX "User_role_active_idx" ON "User"("role", "active");

-- CreateIndex
CREATE INDEX "Deal_closedWonAt_idx" ON "Deal"("closedWonAt");

-- CreateIndex
CREATE UNIQUE INDEX "Deal_source_sourceId_key" ON "Deal"("source", "sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "DealSnapshot_dealId_version_key" ON "DealSnapshot"("dealId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Handoff_number_key" ON "Handoff"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Handoff_dealId_key" ON "Handoff"("dealId");

-- CreateIndex
CREATE INDEX "Handoff_stage_stageStatus_idx" ON "Handoff"("stage", "stageStatus");

-- CreateIndex
CREATE INDEX "Handoff_status_updatedAt_idx" ON "Handoff"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "Handoff_updatedAt_id_idx" ON "Handoff"("updatedAt", "id");

-- CreateIndex
CREATE INDEX "Handoff_closedWonAt_idx" ON "Handoff"("closedWonAt");

-- CreateIndex
CREATE INDEX "Handoff_dueAt_idx" ON "Handoff"("dueAt");

-- CreateIndex
CREATE INDEX "Handoff_riskLevel_idx" ON "Handoff"("riskLevel");

-- CreateIndex
CREATE INDEX "Handoff_projectManagerId_idx" ON "Handoff"("projectManagerId");

-- CreateIndex
CREATE INDEX "Handoff_psLeaderId_idx" ON "Handoff"("psLeaderId");

-- CreateIndex
CREATE INDEX "Handoff_deliveryLeadId_idx" ON "Handoff"("deliveryLeadId");

-- CreateIndex
CREATE INDEX "Handoff_revOpsId_idx" ON "Handoff"("revOpsId");

-- CreateIndex
CREATE INDEX "Handoff_salesOwnerId_idx" ON "Handoff"("salesOwnerId");

-- CreateIndex
CREATE INDEX "Handoff_waitingOnId_idx" ON "Handoff"("waitingOnId");

-- CreateIndex
CREATE INDEX "Handoff_team_closedWonAt_idx" ON "Handoff"("team", "closedWonAt");

-- CreateIndex
CREATE INDEX "Handoff_customerName_idx" ON "Handoff"("customerName");

-- CreateIndex
CREATE INDEX "HandoffStage_status_submittedAt_idx" ON "HandoffStage"("status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "HandoffStage_handoffId_key_key" ON "HandoffStage"("handoffId", "key");

-- CreateIndex
CREATE INDEX "Evidence_stageId_requirementKey_idx" ON "Evidence"("stageId", "requirementKey");

-- CreateIndex
CREATE INDEX "Approval_stageId_createdAt_idx" ON "Approval"("stageId", "createdAt");

-- CreateIndex
CREATE INDEX "Approval_actorId_createdAt_idx" ON "Approval"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "Override_handoffId_idx" ON "Override"("handoffId");

-- CreateIndex
CREATE INDEX "Override_status_createdAt_idx" ON "Override"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Override_createdAt_idx" ON "Override"("createdAt");

-- CreateIndex
CREATE INDEX "Risk_handoffId_idx" ON "Risk"("handoffId");

-- CreateIndex
CREATE INDEX "Risk_status_severity_idx" ON "Risk"("status", "severity");

-- CreateIndex
CREATE INDEX "Commitment_handoffId_idx" ON "Commitment"("handoffId");

-- CreateIndex
CREATE INDEX "Milestone_handoffId_dueDate_idx" ON "Milestone"("handoffId", "dueDate");

-- CreateIndex
CREATE INDEX "Dependency_handoffId_idx" ON "Dependency"("handoffId");

-- CreateIndex
CREATE INDEX "Assumption_handoffId_idx" ON "Assumption"("handoffId");

-- CreateIndex
CREATE INDEX "ScopeItem_handoffId_kind_idx" ON "ScopeItem"("handoffId", "kind");

-- CreateIndex
CREATE INDEX "IntegrationConstraint_handoffId_idx" ON "IntegrationConstraint"("handoffId");

-- CreateIndex
CREATE INDEX "Decision_handoffId_decidedAt_idx" ON "Decision"("handoffId", "decidedAt");

-- CreateIndex
CREATE INDEX "ScopeChange_handoffId_idx" ON "ScopeChange"("handoffId");

-- CreateIndex
CREATE INDEX "ScopeChange_loggedAt_idx" ON "ScopeChange"("loggedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalLink_handoffId_vendor_kind_key" ON "ExternalLink"("handoffId", "vendor", "kind");

-- CreateIndex
CREATE INDEX "AuditEvent_handoffId_at_idx" ON "AuditEvent"("handoffId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "SyncJob_idempotencyKey_key" ON "SyncJob"("idempotencyKey");

-- CreateIndex
CREATE INDEX "SyncJob_status_runAt_idx" ON "SyncJob"("status", "runAt");

-- CreateIndex
CREATE INDEX "SyncJob_vendor_status_idx" ON "SyncJob"("vendor", "status");

-- CreateIndex
CREATE INDEX "SyncJob_handoffId_idx" ON "SyncJob"("handoffId");

-- CreateIndex
CREATE INDEX "WebhookEvent_status_receivedAt_idx" ON "WebhookEvent"("status", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_provider_eventId_key" ON "WebhookEvent"("provider", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_vendor_key" ON "Connection"("vendor");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_kind_version_key" ON "PolicyVersion"("kind", "version");

-- CreateIndex
CREATE INDEX "KpiSnapshot_kind_capturedAt_idx" ON "KpiSnapshot"("kind", "capturedAt");

-- CreateIndex
CREATE INDEX "QaRun_month_idx" ON "QaRun"("month");

-- CreateIndex
CREATE INDEX "QaReview_reviewerId_reviewedAt_idx" ON "QaReview"("reviewerId", "reviewedAt");

-- CreateIndex
CREATE UNIQUE INDEX "QaReview_runId_handoffId_key" ON "QaReview"("runId", "handoffId");

-- CreateIndex
CREATE INDEX "RetrainingAction_status_dueDate_idx" ON "RetrainingAction"("status", "dueDate");

-- AddForeignKey
ALTER TABLE "DealSnapshot" ADD CONSTRAINT "DealSnapshot_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_psLeaderId_fkey" FOREIGN KEY ("psLeaderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_projectManagerId_fkey" FOREIGN KEY ("projectManagerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_revOpsId_fkey" FOREIGN KEY ("revOpsId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_deliveryLeadId_fkey" FOREIGN KEY ("deliveryLeadId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_salesOwnerId_fkey" FOREIGN KEY ("salesOwnerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_waitingOnId_fkey" FOREIGN KEY ("waitingOnId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoffStage" ADD CONSTRAINT "HandoffStage_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoffStage" ADD CONSTRAINT "HandoffStage_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoffStage" ADD CONSTRAINT "HandoffStage_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "HandoffStage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_capturedById_fkey" FOREIGN KEY ("capturedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "HandoffStage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Override" ADD CONSTRAINT "Override_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Override" ADD CONSTRAINT "Override_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "HandoffStage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Override" ADD CONSTRAINT "Override_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Override" ADD CONSTRAINT "Override_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dependency" ADD CONSTRAINT "Dependency_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assumption" ADD CONSTRAINT "Assumption_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScopeItem" ADD CONSTRAINT "ScopeItem_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrationConstraint" ADD CONSTRAINT "IntegrationConstraint_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScopeChange" ADD CONSTRAINT "ScopeChange_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalLink" ADD CONSTRAINT "ExternalLink_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncJob" ADD CONSTRAINT "SyncJob_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiSnapshot" ADD CONSTRAINT "KpiSnapshot_capturedById_fkey" FOREIGN KEY ("capturedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaRun" ADD CONSTRAINT "QaRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaReview" ADD CONSTRAINT "QaReview_runId_fkey" FOREIGN KEY ("runId") REFERENCES "QaRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaReview" ADD CONSTRAINT "QaReview_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaReview" ADD CONSTRAINT "QaReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetrainingAction" ADD CONSTRAINT "RetrainingAction_runId_fkey" FOREIGN KEY ("runId") REFERENCES "QaRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetrainingAction" ADD CONSTRAINT "RetrainingAction_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
