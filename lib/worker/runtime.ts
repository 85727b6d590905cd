import type { Runner } from "graphile-worker";
import { toolSettings } from "../connections/settings.ts";
import { processDealEvents } from "../intake/webhook.ts";
import { reconcileDeals } from "../intake/reconcile.ts";
import { publishChainHead } from "../audit/chain.ts";
import { registerEffects } from "./effects.ts";
import { startWorker } from "../sync/worker.ts";

/**
 * Everything that runs in the background, wired together: outbound effects, webhook
 * processing, the scheduled reconciliation sweep (every 10 minutes), and the audit chain head
 * written to the log at start and every hour, outside the database.
 */
export async function startBackgroundWork(connectionString: string, options: { concurrency?: number; pollInterval?: number } = {}): Promise<Runner> {
  registerEffects();
  await publishChainHead().catch(() => undefined);
  return startWorker({
    connectionString,
    concurrency: options.concurrency,
    pollInterval: options.pollInterval,
    crontab: ["*/10 * * * * intake:reconcile ?max=1&jobKey=intake-reconcile", "0 * * * * audit:publish-head ?max=1&jobKey=audit-publish-head"].join("\n"),
    tasks: {
      "intake:capture": async (payload) => {
        await processDealEvents((payload as { dealId: string }).dealId);
      },
      "intake:reconcile": async () => {
        if (await toolSettings("HUBSPOT")) await reconcileDeals({ system: "Reconciliation sweep" });
      },
      "audit:publish-head": async () => {
        await publishChainHead();
      },
    },
  });
}
