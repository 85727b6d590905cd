import { z } from "zod";
import type { Prisma } from "../db/generated/client.ts";
import type { RiskLevel, StageKey } from "../db/generated/enums.ts";
import { db } from "../db/client.ts";
import type { Actor } from "../auth/roles.ts";
import { STAGE_KEYS } from "./stages.ts";
import { visibleHandoffs } from "./access.ts";

/**
 * The handoff queue: filtering, sorting and pagination all happen in SQL on indexed
 * columns, so the page costs the same with 200 handoffs or 100,000.
 */

export const SORTABLE = ["number", "title", "customerName", "stage", "riskLevel", "dueAt", "closedWonAt", "promisedKickoffAt", "updatedAt"] as const;
export type SortKey = (typeof SORTABLE)[number];
export const PAGE_SIZES = [10, 25, 50, 100] as const;
const RISK_LEVELS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const toList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : String(v).split(",")).filter(Boolean);
const flag = z.preprocess(first, z.string().optional()).transform((v) => v === "1").catch(false);

/** URL search params → a validated query. Unknown or malformed values fall back to defaults. */
export const queueQuerySchema = z.object({
  page: z.preprocess(first, z.coerce.number().int().min(1)).catch(1),
  size: z.preprocess(first, z.coerce.number().refine((n) => (PAGE_SIZES as readonly number[]).includes(n))).catch(25),
  sort: z.preprocess(first, z.enum(SORTABLE)).catch("updatedAt"),
  dir: z.preprocess(first, z.enum(["asc", "desc"])).catch("desc"),
  q: z
    .preprocess(first, z.string().trim().max(100).optional())
    .transform((v) => v || undefined)
    .catch(undefined),
  stage: z.preprocess(toList, z.array(z.enum(STAGE_KEYS as [StageKey, ...StageKey[]]))).catch([]),
  risk: z.preprocess(toList, z.array(z.enum(RISK_LEVELS))).catch([]),
  owner: z.preprocess(first, z.string().max(64).optional()).catch(undefined),
  overdue: flag,
  mine: flag,
  blocked: flag,
});

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

export function queueWhere(actor: Actor, query: QueueQuery, now = new Date()): Prisma.HandoffWhereInput {
  const and: Prisma.HandoffWhereInput[] = [visibleHandoffs(actor)];
  if (query.q) {
    const ref = /^(?:ho-?)?(\d{1,9})$/i.exec(query.q);
    and.push({
      OR: [
        { title: { contains: query.q, mode: "insensitive" } },
        { customerName: { contains: query.q, mode: "insensitive" } },
        ...(ref ? [{ number: Number(ref[1]) }] : []),
      ],
    });
  }
  if (query.stage.length) and.push({ stage: { in: query.stage } });
  if (query.risk.length) and.push({ riskLevel: { in: query.risk } });
  if (query.owner) and.push({ projectManagerId: query.owner });
  if (query.mine) and.push({ waitingOnId: actor.userId });
  if (query.blocked) and.push({ status: "INTAKE_BLOCKED" });
  if (query.overdue) and.push({ dueAt: { lt: now }, status: { in: ["IN_PROGRESS", "INTAKE_BLOCKED", "ON_HOLD"] } });
  return { AND: and };
}

export async function listQueue(actor: Actor, query: QueueQuery): Promise<QueuePage> {
  const now = new Date();
  const where = queueWhere(actor, query, now);
  const orderBy: Prisma.HandoffOrderByWithRelationInput[] = [
    query.sort === "dueAt" || query.sort === "promisedKickoffAt"
      ? { [query.sort]: { sort: query.dir, nulls: "last" } }
      : { [query.sort]: query.dir },
    { id: query.dir },
  ];
  const [total, handoffs] = await Promise.all([
    db().handoff.count({ where }),
    db().handoff.findMany({
      where,
      orderBy,
      skip: (query.page - 1) * query.size,
      take: query.size,
      select: {
        id: true,
        number: true,
        title: true,
        customerName: true,
        stage: true,
        stageStatus: true,
        status: true,
        riskLevel: true,
        dueAt: true,
        closedWonAt: true,
        promisedKickoffAt: true,
        intakeIssues: true,
        amount: true,
        updatedAt: true,
        waitingOnId: true,
        projectManager: { select: { name: true } },
        waitingOn: { select: { name: true } },
      },
    }),
  ]);
  const open = (status: string) => status === "IN_PROGRESS" || status === "INTAKE_BLOCKED" || status === "ON_HOLD";
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / query.size)),
    query,
    rows: handoffs.map((h) => ({
      id: h.id,
      number: h.number,
      title: h.title,
      customerName: h.customerName,
      stage: h.stage,
      stageStatus: h.stageStatus,
      status: h.status,
      riskLevel: h.riskLevel,
      owner: h.projectManager?.name ?? null,
      waitingOn: h.waitingOn?.name ?? null,
      waitingOnMe: h.waitingOnId === actor.userId,
      dueAt: h.dueAt?.toISOString() ?? null,
      overdue: Boolean(h.dueAt && h.dueAt < now && open(h.status)),
      closedWonAt: h.closedWonAt.toISOString(),
      promisedKickoffAt: h.promisedKickoffAt?.toISOString() ?? null,
      intakeIssueCount: Array.isArray(h.intakeIssues) ? h.intakeIssues.length : 0,
      amount: h.amount?.toString() ?? null,
      updatedAt: h.updatedAt.toISOString(),
    })),
  };
}

/** People who own handoffs, for the owner filter. */
export async function listOwners(): Promise<{ id: string; name: string }[]> {
  return db().user.findMany({
    where: { role: "PROJECT_MANAGER", active: true },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
