import { z } from "zod";
import { faultsAnswer, type FaultSwitch } from "../shared/control.ts";
import { FAULT_PROFILE, type FaultOptions } from "./faults.ts";
import { parseBody, type SandboxRequest, type SandboxResponse } from "./http.ts";
import { OBJECT_TYPE_NAMES, type ObjectTypeName } from "./model.ts";
import type { CrmRecord, HubSpotSandboxStore } from "./store.ts";

/**
 * /__sandbox: the control API for the demo's sandbox panel and for tests. Not part of
 * HubSpot: no auth (loopback callers only), plain JSON, never subject to faults or rate
 * limits. Changes made here count as a person editing the deal in HubSpot (changeSource
 * CRM_UI) and fire webhooks like any other change.
 */

export interface ControlContext {
  store: HubSpotSandboxStore;
  /** The portal's record URL for a deal, as the HubSpot UI would link it. */
  recordUrl(type: ObjectTypeName, id: string): string;
  faults: FaultSwitch<FaultOptions>;
  webhooksDropped(): boolean;
  setWebhooksDropped(dropped: boolean): void;
  webhooksSettled(): Promise<void>;
}

export { CONTROL_PREFIX } from "../shared/control.ts";

const propertyValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const ids = z.array(z.union([z.string(), z.number()]).transform(String)).optional();
const createDealSchema = z.object({
  properties: propertyValues,
  associations: z.object({ companies: ids, contacts: ids, line_items: ids }).optional(),
});
const updateDealSchema = z.object({ properties: propertyValues });
const dropSchema = z.object({ dropped: z.boolean() });

function view(ctx: ControlContext, type: ObjectTypeName, record: CrmRecord) {
  const associations = Object.fromEntries(
    OBJECT_TYPE_NAMES.filter((t) => t !== type)
      .map((t) => [t, ctx.store.associatedIds(type, record.id, t)] as const)
      .filter(([, list]) => list.length > 0),
  );
  return { id: record.id, properties: { ...record.properties }, createdAt: record.createdAt, updatedAt: record.updatedAt, associations, url: ctx.recordUrl(type, record.id) };
}

const notFound = (what: string): SandboxResponse => ({ status: 404, body: { error: `${what} not found` } });

export async function handleControl(ctx: ControlContext, req: SandboxRequest): Promise<SandboxResponse> {
  const [, resource, id, extra] = req.segments;
  const route = `${req.method} ${[resource, id && (resource === "deals" ? ":id" : id), extra].filter(Boolean).join("/")}`;

  switch (route) {
    case "GET ":
      return {
        status: 200,
        body: {
          portalId: ctx.store.portalId,
          deals: ctx.store.listDeals().length,
          webhooksDropped: ctx.webhooksDropped(),
          faults: ctx.faults.current() ?? null,
        },
      };
    case "GET deals":
      return { status: 200, body: { results: ctx.store.listDeals().map((d) => view(ctx, "deals", d)) } };
    case "POST deals": {
      const input = parseBody(req.rawBody, createDealSchema);
      return { status: 201, body: view(ctx, "deals", ctx.store.createDeal(input.properties, { associations: input.associations })) };
    }
    case "GET deals/:id": {
      const deal = ctx.store.getDeal(id);
      return deal ? { status: 200, body: view(ctx, "deals", deal) } : notFound(`Deal ${id}`);
    }
    case "PATCH deals/:id": {
      const input = parseBody(req.rawBody, updateDealSchema);
      if (!ctx.store.getDeal(id)) return notFound(`Deal ${id}`);
      return { status: 200, body: view(ctx, "deals", ctx.store.updateDeal(id, input.properties)) };
    }
    case "GET tasks":
      return { status: 200, body: { results: ctx.store.tasks().map((t) => view(ctx, "tasks", t)) } };
    case "GET notes":
      return { status: 200, body: { results: ctx.store.notes().map((n) => view(ctx, "notes", n)) } };
    case "GET owners":
      return { status: 200, body: { results: ctx.store.owners() } };
    case "GET deliveries":
      return { status: 200, body: { results: ctx.store.deliveries } };
    case "POST webhooks/drop": {
      const { dropped } = parseBody(req.rawBody, dropSchema);
      ctx.setWebhooksDropped(dropped);
      return { status: 200, body: { dropped } };
    }
    case "POST webhooks/flush":
      await ctx.webhooksSettled();
      return { status: 200, body: { settled: true } };
    case "GET faults":
      return faultsAnswer(ctx.faults);
    case "POST faults": {
      // Bad input is answered as HubSpot answers it, like the rest of this control API.
      const faults = parseBody(req.rawBody, FAULT_PROFILE.schema);
      ctx.faults.set(faults.rate > 0 ? faults : undefined);
      return faultsAnswer(ctx.faults);
    }
    default:
      return { status: 404, body: { error: `The sandbox control API has no route ${req.method} /${req.segments.join("/")}` } };
  }
}
