import { z } from "zod";
import { unstorableText } from "../http/body.ts";
import type { RiskLevel, StageKey } from "../db/generated/enums.ts";
import { STAGE_KEYS } from "../rules/stages.ts";
import { RISK_LEVELS } from "../rules/severity.ts";

/**
 * The queue's query language, shared by the page (URL → query) and the table
 * (query → URL). No database access here: the browser bundle imports it.
 */

export const SORTABLE = ["number", "title", "customerName", "stage", "riskLevel", "dueAt", "closedWonAt", "promisedKickoffAt", "updatedAt"] as const;
export type SortKey = (typeof SORTABLE)[number];
export const PAGE_SIZES = [10, 25, 50, 100] as const;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const toList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : String(v).split(",")).filter(Boolean);
const flag = z.preprocess(first, z.string().optional()).transform((v) => v === "1").catch(false);
const day = z.preprocess(first, z.iso.date().optional()).catch(undefined);
/** Free text from the URL; text PostgreSQL cannot hold (a NUL, say) is no filter at all. */
const storable = (v: string | undefined) => v === undefined || unstorableText(v) === null;
const text = z
  .preprocess(first, z.string().trim().max(100).optional().refine(storable))
  .transform((v) => v || undefined)
  .catch(undefined);

/** URL search params → a validated query. Unknown or malformed values fall back to defaults. */
export const queueQuerySchema = z.object({
  page: z.preprocess(first, z.coerce.number().int().min(1)).catch(1),
  size: z.preprocess(first, z.coerce.number().refine((n) => (PAGE_SIZES as readonly number[]).includes(n))).catch(25),
  sort: z.preprocess(first, z.enum(SORTABLE)).catch("updatedAt"),
  dir: z.preprocess(first, z.enum(["asc", "desc"])).catch("desc"),
  q: text,
  stage: z.preprocess(toList, z.array(z.enum(STAGE_KEYS as [StageKey, ...StageKey[]]))).catch([]),
  risk: z.preprocess(toList, z.array(z.enum(RISK_LEVELS))).catch([]),
  owner: z.preprocess(first, z.string().max(64).optional().refine(storable)).catch(undefined),
  overdue: flag,
  mine: flag,
  blocked: flag,
  // Drill-down from the dashboard: the handoffs behind a number.
  closedFrom: day,
  closedTo: day,
  kickoffFrom: day,
  kickoffTo: day,
  /** A gate decided in this window (with `gate`, that stage's gate). */
  gate: z.preprocess(first, z.enum(STAGE_KEYS as [StageKey, ...StageKey[]]).optional()).catch(undefined),
  decidedFrom: day,
  decidedTo: day,
  /** Has an intake override, of this classification, requested in the closed-won window's period. */
  override: z.preprocess(first, z.enum(["UNCLASSIFIED", "FALSE_POSITIVE", "FALSE_NEGATIVE", "JUSTIFIED"]).optional()).catch(undefined),
  overrideFrom: day,
  overrideTo: day,
  /** Reviewed by monthly QA in this window. */
  reviewedFrom: day,
  reviewedTo: day,
  /** Kicked off later than promised (or than the kickoff SLA). */
  delayed: flag,
  /** Has a scope change logged after the brief was approved (in the scope window, when given). */
  scopeChanged: flag,
  scopeFrom: day,
  scopeTo: day,
  team: text,
  segment: text,
  pipeline: text,
  cohort: z.preprocess(first, z.enum(["pilot", "rest"]).optional()).catch(undefined),
  /** The accountable PS leader or the project manager. */
  accountable: text,
});

/** The drill-down filters a dashboard link may set, with how the queue describes them. */
export const DRILL_KEYS = ["closedFrom", "closedTo", "kickoffFrom", "kickoffTo", "reviewedFrom", "reviewedTo", "gate", "decidedFrom", "decidedTo", "override", "overrideFrom", "overrideTo", "delayed", "scopeChanged", "scopeFrom", "scopeTo", "team", "segment", "pipeline", "cohort", "accountable"] as const;

export type QueueQuery = z.infer<typeof queueQuerySchema>;

export interface QueueRow {
  id: string;
  number: number;
  title: string;
  customerName: string;
  stage: StageKey;
  stageStatus: string;
  status: string;
  riskLevel: RiskLevel;
  owner: string | null;
  waitingOn: string | null;
  waitingOnMe: boolean;
  dueAt: string | null;
  overdue: boolean;
  closedWonAt: string;
  promisedKickoffAt: string | null;
  intakeIssueCount: number;
  amount: string | null;
  updatedAt: string;
}

export interface QueuePage {
  rows: QueueRow[];
  total: number;
  page: number;
  pageCount: number;
  query: QueueQuery;
}

