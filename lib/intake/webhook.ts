import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "../db/client.ts";
import { env } from "../env.ts";
import { unstorableText } from "../http/body.ts";
import { logger } from "../log/logger.ts";
import { verifyV3 } from "../integrations/hubspot/signature.ts";
import { scheduleTasks } from "../sync/enqueue.ts";
import { WRITE_BACK_PROPERTIES, captureDeal } from "./capture.ts";

/**
 * HubSpot webhooks in. The signature is checked on the raw body; every event is
 * stored, keyed by HubSpot's event id, before we answer; the work happens later in
 * the worker, one capture per deal. A replayed or duplicated delivery stores nothing
 * new, and since a capture always reads the deal's current state from HubSpot, events
 * arriving out of order cannot roll a deal back.
 */

export const MAX_WEBHOOK_BYTES = 1024 * 1024;
const MAX_EVENTS = 1000;

/** HubSpot's ids are integers; one that could not be one (5,000 digits, say) is not an event of HubSpot's. */
const hubspotId = z
  .union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,20}$/, "is not a HubSpot id")])
  .transform(String);
const storableText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => unstorableText(v) === null, "contains characters that cannot be stored (NUL or an unpaired surrogate)");

const eventSchema = z.object({
  eventId: hubspotId,
  subscriptionType: storableText(100),
  objectId: hubspotId,
  occurredAt: z.number().optional(),
  attemptNumber: z.number().optional(),
  propertyName: storableText(200).optional(),
  propertyValue: storableText(65_536).optional(),
  portalId: z.number().optional(),
});

/** Deal events that can change an intake; our own write-back echoing back is not one. */
function concernsIntake(event: z.infer<typeof eventSchema>): boolean {
  if (!event.subscriptionType.startsWith("deal.")) return false;
  return !(event.propertyName && WRITE_BACK_PROPERTIES.includes(event.propertyName));
}

export type WebhookAnswer = { status: number; body: { accepted?: number; duplicates?: number; error?: string; rejected?: { index: number; error: string }[] } };

export async function receiveHubSpotWebhook(request: { method: string; uri: string; rawBody: string; signature: string | null; timestamp: string | null }): Promise<WebhookAnswer> {
  const secret = env().HUBSPOT_CLIENT_SECRET;
  if (!secret) return { status: 503, body: { error: "Webhooks are not configured: HUBSPOT_CLIENT_SECRET is not set." } };

  const verdict = verifyV3({ clientSecret: secret, method: request.method, uri: request.uri, body: request.rawBody, signature: request.signature, timestamp: request.timestamp });
  if (!verdict.ok) {
    logger.warn({ event: "webhook.rejected", provider: "hubspot", reason: verdict.reason }, "webhook rejected");
    const messages = {
      missing_signature: "Missing X-HubSpot-Signature-v3 header.",
      missing_timestamp: "Missing X-HubSpot-Request-Timestamp header.",
      stale_timestamp: "The request timestamp is more than 5 minutes old or in the future.",
      bad_signature: "The signature does not match the body.",
    } as const;
    return { status: 401, body: { error: messages[verdict.reason] } };
  }

  let json: unknown;
  try {
    json = JSON.parse(request.rawBody);
  } catch {
    return { status: 400, body: { error: "The body is not valid JSON." } };
  }
  const batch = z.array(z.unknown()).min(1).max(MAX_EVENTS).safeParse(json);
  if (!batch.success) {
    const issue = batch.error.issues[0];
    return { status: 400, body: { error: `Not a HubSpot webhook batch: ${issue.path.join(".") || "body"} — ${issue.message}` } };
  }
  // Each event stands on its own: one malformed event never holds back the good ones beside it.
  const events: z.infer<typeof eventSchema>[] = [];
  const rejected: { index: number; error: string }[] = [];
  for (const [index, raw] of batch.data.entries()) {
    const event = eventSchema.safeParse(raw);
    if (event.success) events.push(event.data);
    else rejected.push({ index, error: `${event.error.issues[0].path.join(".") || "event"} ${event.error.issues[0].message}` });
  }
  if (rejected.length) logger.warn({ event: "webhook.events_rejected", provider: "hubspot", rejected: rejected.slice(0, 20) }, "webhook events rejected");
  if (events.length === 0) {
    return { status: 400, body: { error: `Not a HubSpot webhook batch: event ${rejected[0].index}: ${rejected[0].error}`, rejected } };
  }

  const accepted = await db().$transaction(async (tx) => {
    const stored = await tx.webhookEvent.createManyAndReturn({
      data: events.map((e) => ({ provider: "HUBSPOT" as const, eventId: e.eventId, eventType: e.subscriptionType, payload: e })),
      skipDuplicates: true,
      select: { eventId: true },
    });
    const fresh = new Set(stored.map((s) => s.eventId));
    const relevant = events.filter((e) => fresh.has(e.eventId) && concernsIntake(e));
    const irrelevant = events.filter((e) => fresh.has(e.eventId) && !concernsIntake(e)).map((e) => e.eventId);
    if (irrelevant.length) {
      await tx.webhookEvent.updateMany({ where: { provider: "HUBSPOT", eventId: { in: irrelevant } }, data: { status: "IGNORED", processedAt: new Date() } });
    }
    const deals = new Set(relevant.map((e) => e.objectId));
    // One pending capture per deal: a burst of events for a deal becomes one fetch.
    await scheduleTasks(tx, "intake:capture", [...deals].map((dealId) => ({ payload: { dealId }, jobKey: `intake.capture:${dealId}` })));
    return stored.length;
  });
  logger.info({ event: "webhook.received", provider: "hubspot", events: events.length, accepted }, "webhook stored");
  return { status: 200, body: { accepted, duplicates: events.length - accepted, ...(rejected.length ? { rejected } : {}) } };
}

/** Worker task: capture one deal and settle the webhook events that asked for it. */
export async function processDealEvents(dealId: string): Promise<void> {
  const events = { provider: "HUBSPOT" as const, status: "RECEIVED" as const, payload: { path: ["objectId"], equals: dealId } };
  const traceId = randomUUID();
  try {
    const result = await captureDeal(dealId, "webhook", traceId);
    logger.info({ event: "intake.captured", dealId, traceId, outcome: result.outcome }, "deal captured");
    await db().webhookEvent.updateMany({
      where: events,
      data: { status: result.outcome === "ignored" ? "IGNORED" : "PROCESSED", processedAt: new Date(), attempts: { increment: 1 }, error: null },
    });
  } catch (error) {
    await db().webhookEvent.updateMany({ where: events, data: { attempts: { increment: 1 }, error: (error as Error).message.slice(0, 500) } });
    throw error;
  }
}
