import { z } from "zod";
import type { EffectHandler } from "../../sync/handlers.ts";
import { slackApiUrl } from "../../connections/clients.ts";
import { toolSettings } from "../../connections/settings.ts";
import { isSlackResponseUrl } from "../../integrations/slack/client.ts";

/**
 * Answers a Slack button click with an ephemeral message to the person who clicked, via
 * the click's response_url. The URL came in a signed request, but it is still checked
 * against Slack's own host (or the configured API host) before anything is sent to it.
 */

const payloadSchema = z.object({ responseUrl: z.url(), text: z.string().min(1).max(3000) });

export async function allowedResponseUrl(url: string): Promise<boolean> {
  return isSlackResponseUrl(url, slackApiUrl(await toolSettings("SLACK")));
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
