import { z } from "zod";
import { db } from "../db/client.ts";
import { env } from "../env.ts";
import { can, type Actor } from "../auth/roles.ts";
import { forbidden, invalid } from "../errors.ts";

/**
 * The demo's window into the local HubSpot stand-in: what it holds (deals, the tasks
 * our write-back created) and the few things a person can do there (move a deal to
 * closed-won, fix a property, drop webhooks). Only exists when HUBSPOT_SANDBOX_URL is
 * set, which the demo and the tests do; against real HubSpot there is no sandbox.
 */
export function sandboxEnabled(): boolean {
  return Boolean(process.env.HUBSPOT_SANDBOX_URL);
}

const recordSchema = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  updatedAt: z.string(),
  url: z.string().optional(),
  associations: z.record(z.string(), z.array(z.string())).optional(),
});
const listSchema = z.object({ results: z.array(recordSchema) });

export type SandboxRecord = z.infer<typeof recordSchema>;

async function control(path: string, init?: RequestInit): Promise<unknown> {
  const base = env().HUBSPOT_SANDBOX_URL;
  if (!base) throw forbidden("The HubSpot sandbox is only available in the demo.");
  const response = await fetch(`${base.replace(/\/$/, "")}/__sandbox/${path}`, {
    ...init,
    headers: { "Content-Type": "application/json" },
    signal: AbortSignal.timeout(10_000),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw invalid((body as { error?: string } | null)?.error ?? `The sandbox answered ${response.status}.`);
  return body;
}

export async function sandboxState() {
  const [deals, tasks, status] = await Promise.all([control("deals"), control("tasks"), control("")]);
  return {
    deals: listSchema.parse(deals).results,
    tasks: listSchema.parse(tasks).results,
    webhooksDropped: z.object({ webhooksDropped: z.boolean() }).parse(status).webhooksDropped,
  };
}

const editableProperties = z.record(
  z.string().regex(/^[a-z][a-z0-9_]*$/),
  z.string().max(10_000),
);

/** Acts as a person editing the deal in HubSpot: the stand-in then sends its webhooks. */
export async function updateSandboxDeal(actor: Actor, dealId: string, properties: unknown) {
  if (!can(actor.role, "handoffs:view") || actor.role === "VIEWER") throw forbidden("Viewers cannot change sandbox deals.");
  const parsed = editableProperties.safeParse(properties);
  if (!parsed.success) throw invalid("Properties must be HubSpot property names with text values.");
  return recordSchema.parse(await control(`deals/${encodeURIComponent(dealId)}`, { method: "PATCH", body: JSON.stringify({ properties: parsed.data }) }));
}

export async function setSandboxWebhooksDropped(actor: Actor, dropped: boolean) {
  if (!can(actor.role, "policy:edit")) throw forbidden("Only RevOps and admins can change how the sandbox delivers webhooks.");
  await control("webhooks/drop", { method: "POST", body: JSON.stringify({ dropped }) });
}

/** Our handoffs for the stand-in's deals, to link one to the other. */
export async function handoffsByDeal(dealIds: string[]): Promise<Map<string, { id: string; number: number; status: string }>> {
  const deals = await db().deal.findMany({
    where: { source: "HUBSPOT", sourceId: { in: dealIds } },
    select: { sourceId: true, handoff: { select: { id: true, number: true, status: true } } },
  });
  return new Map(deals.filter((d) => d.handoff).map((d) => [d.sourceId, d.handoff!]));
}
