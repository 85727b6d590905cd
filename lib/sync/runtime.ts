import type { Runner } from "graphile-worker";
import { hubspotConfig } from "../integrations/hubspot/client.ts";
import { processDealEvents } from "../intake/webhook.ts";
import { reconcileDeals } from "../intake/reconcile.ts";
import { registerEffects } from "./effects.ts";
import { startWorker } from "./worker.ts";

/**
 * Everything that runs in the background, wired together: outbound effects, webhook
 * processing, and the scheduled reconciliation sweep (every 10 minutes).
 */
export async function startBackgroundWork(connectionString: string, options: { concurrency?: number; pollInterval?: number } = {}): Promise<Runner> {
  registerEffects();
  return startWorker({
    connectionString,
    concurrency: options.concurrency,
    pollInterval: options.pollInterval,
    crontab: "*/10 * * * * intake:reconcile ?max=1&jobKey=intake-reconcile",
    tasks: {
      "intake:capture": async (payload) => {
        await processDealEvents((payload as { dealId: string }).dealId);
      },
      "intake:reconcile": async () => {
        if (await hubspotConfig()) await reconcileDeals({ system: "Reconciliation sweep" });
      },
    },
  });
}
