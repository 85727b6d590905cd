import { z } from "zod";
import { env } from "../../env.ts";
import type { EffectHandler } from "../../sync/handlers.ts";
import { vendorSettings } from "../settings.ts";

/**
 * Answers a Slack button click with an ephemeral message to the person who clicked, via
 * the click's response_url. The URL came in a signed request, but it is still checked
 * against Slack's own host (or the configured API host) before anything is sent to it.
 */

const payloadSchema = z.object({ responseUrl: z.url(), text: z.string().min(1).max(3000) });

export async function allowedResponseUrl(url: string): Promise<boolean> {
  const target = new URL(url);
  if (target.protocol === "https:" && target.hostname === "hooks.slack.com") return true;
  const settings = await vendorSettings("SLACK");
  const api = new URL(settings?.config.apiUrl ?? env().SLACK_API_URL);
  return target.origin === api.origin;
}

export const slackRespond: EffectHandler = async (job, ctx) => {
  const { responseUrl, text } = payloadSchema.parse(job.payload);
  if (!(await allowedResponseUrl(responseUrl))) throw Object.assign(new Error(`Refusing to post to ${new URL(responseUrl).origin}: not a Slack response URL.`), { status: 400 });
  await ctx.throttle();
  const response = await fetch(responseUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
    signal: ctx.signal,
  });
  if (!response.ok) throw Object.assign(new Error(`Slack answered ${response.status} to the response URL.`), { status: response.status });
  return { delivered: true };
};
