import { signV3 } from "../../integrations/hubspot/signature.ts";
import type { HubSpotSandboxStore, StoreChange } from "./store.ts";

/**
 * Webhook delivery as HubSpot does it for an app's deal subscriptions: events are batched
 * (those within `batchWindowMs`, at most 100 per request), POSTed as a JSON array signed
 * with X-HubSpot-Signature-v3, and retried with backoff on a non-2xx answer or a network
 * error, each retry carrying attemptNumber + 1.
 */

export interface WebhookOptions {
  targetUrl: string;
  clientSecret: string;
  appId?: number;
  /** Events within this window share a request (HubSpot: about 100 ms). */
  batchWindowMs?: number;
  maxBatchSize?: number;
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** First retry delay; doubles each time. */
  retryDelayMs?: number;
  /** HubSpot gives a receiver 5 seconds to answer. */
  timeoutMs?: number;
}

export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: "deal.creation" | "deal.propertyChange";
  attemptNumber: number;
  objectId: number;
  propertyName?: string;
  propertyValue?: string;
  changeFlag?: "CREATED";
  changeSource: string;
  sourceId?: string;
}

export interface WebhookDelivery {
  id: number;
  batchId: number;
  attemptNumber: number;
  url: string;
  sentAt: string;
  /** The exact request: verify its signature with verifyV3. */
  headers: Record<string, string>;
  body: string;
  events: WebhookEvent[];
  outcome: "delivered" | "failed" | "dropped";
  status?: number;
  responseBody?: string;
  error?: string;
  durationMs?: number;
  /** Set on the last failed attempt when no retry follows. */
  gaveUp?: boolean;
}

export const DEFAULT_APP_ID = 4_180_345;
const MAX_KEPT_DELIVERIES = 1_000;
const USER_AGENT = "HubSpot Connect 2.0 (http://dev.hubspot.com/) - WebhooksExecutorDaemon-executor";

/** A stable subscription id per subscription type and property, as a portal's app settings would have. */
function subscriptionId(type: string, property?: string): number {
  let hash = 0;
  for (const ch of `${type}:${property ?? ""}`) hash = (hash * 31 + ch.charCodeAt(0)) % 900_000;
  return 2_100_000 + hash;
}

export class WebhookDispatcher {
  private readonly appId: number;
  private readonly batchWindowMs: number;
  private readonly maxBatchSize: number;
  private readonly maxRetries: number;
  private readonly retryDelayMs: number;
  private readonly timeoutMs: number;

  private queue: WebhookEvent[] = [];
  private batchTimer: NodeJS.Timeout | undefined;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private dropped = false;
  private stopped = false;
  private nextBatchId = 1;
  private nextDeliveryId = 1;
  private waiters: Array<() => void> = [];
  private readonly stopController = new AbortController();

  constructor(
    private readonly store: HubSpotSandboxStore,
    private readonly options: WebhookOptions,
  ) {
    this.appId = options.appId ?? DEFAULT_APP_ID;
    this.batchWindowMs = options.batchWindowMs ?? 100;
    this.maxBatchSize = Math.min(options.maxBatchSize ?? 100, 100);
    this.maxRetries = options.maxRetries ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  get isDropping(): boolean {
    return this.dropped;
  }

  setDropped(dropped: boolean) {
    this.dropped = dropped;
  }

  /** Turns a store change into a webhook event; only deal events are subscribed. */
  handle(change: StoreChange) {
    if (this.stopped || change.objectType !== "deals") return;
    const subscriptionType = change.kind === "creation" ? "deal.creation" : "deal.propertyChange";
    const event: WebhookEvent = {
      eventId: this.store.takeEventId(),
      subscriptionId: subscriptionId(subscriptionType, change.propertyName),
      portalId: this.store.portalId,
      appId: this.appId,
      occurredAt: change.occurredAt,
      subscriptionType,
      attemptNumber: 0,
      objectId: Number(change.objectId),
      ...(change.kind === "propertyChange" ? { propertyName: change.propertyName, propertyValue: change.propertyValue ?? "" } : { changeFlag: "CREATED" as const }),
      changeSource: change.changeSource,
      ...(change.changeSource === "INTEGRATION" ? { sourceId: String(this.appId) } : change.sourceId ? { sourceId: change.sourceId } : {}),
    };
    this.queue.push(event);
    if (this.queue.length >= this.maxBatchSize) this.flush();
    else this.batchTimer ??= setTimeout(() => this.flush(), this.batchWindowMs);
  }

  /** Sends what is queued now instead of at the end of the batch window. */
  flush() {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatchSize);
      const batchId = this.nextBatchId++;
      if (this.dropped) this.record({ batchId, attemptNumber: 0, events: batch, outcome: "dropped", headers: {}, body: JSON.stringify(batch) });
      else void this.send(batchId, batch, 0);
    }
    this.notifyIfSettled();
  }

  /** Resolves once nothing is queued, in flight or waiting to be retried. */
  settled(): Promise<void> {
    this.flush();
    if (this.isSettled()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    this.queue = [];
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.stopController.abort();
    this.notifyIfSettled();
  }

  private isSettled(): boolean {
    return this.queue.length === 0 && this.batchTimer === undefined && this.inFlight === 0 && this.retryTimers.size === 0;
  }

  private notifyIfSettled() {
    if (!this.isSettled() && !this.stopped) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private async send(batchId: number, events: WebhookEvent[], attemptNumber: number) {
    if (this.stopped) return;
    const payload = events.map((e) => ({ ...e, attemptNumber }));
    const body = JSON.stringify(payload);
    const timestamp = Date.now();
    const headers = {
      "Content-Type": "application/json",
      "User-Agent": USER_AGENT,
      "X-HubSpot-Request-Timestamp": String(timestamp),
      "X-HubSpot-Signature-v3": signV3({ clientSecret: this.options.clientSecret, method: "POST", uri: this.options.targetUrl, body, timestamp }),
    };
    this.inFlight++;
    const started = Date.now();
    let delivered = false;
    try {
      const response = await fetch(this.options.targetUrl, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.stopController.signal]),
      });
      const responseBody = (await response.text()).slice(0, 2_000);
      delivered = response.ok;
      this.record({
        batchId,
        attemptNumber,
        events: payload,
        headers,
        body,
        outcome: delivered ? "delivered" : "failed",
        status: response.status,
        responseBody,
        durationMs: Date.now() - started,
        ...(!delivered && !this.willRetry(attemptNumber) ? { gaveUp: true } : {}),
      });
    } catch (error) {
      this.record({
        batchId,
        attemptNumber,
        events: payload,
        headers,
        body,
        outcome: "failed",
        error: error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error),
        durationMs: Date.now() - started,
        ...(!this.willRetry(attemptNumber) ? { gaveUp: true } : {}),
      });
    } finally {
      this.inFlight--;
    }
    if (!delivered && this.willRetry(attemptNumber)) {
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        void this.send(batchId, events, attemptNumber + 1);
      }, this.retryDelayMs * 2 ** attemptNumber);
      this.retryTimers.add(timer);
    }
    this.notifyIfSettled();
  }

  private willRetry(attemptNumber: number): boolean {
    return !this.stopped && attemptNumber < this.maxRetries;
  }

  private record(delivery: Omit<WebhookDelivery, "id" | "url" | "sentAt">) {
    const deliveries = this.store.deliveries;
    deliveries.push({ id: this.nextDeliveryId++, url: this.options.targetUrl, sentAt: new Date().toISOString(), ...delivery });
    if (deliveries.length > MAX_KEPT_DELIVERIES) deliveries.splice(0, deliveries.length - MAX_KEPT_DELIVERIES);
  }
}
