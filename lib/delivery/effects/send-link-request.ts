import { z } from "zod";
import { db } from "../../db/client.ts";
import { env } from "../../env.ts";
import type { EffectHandler } from "../../sync/handlers.ts";
import { slackLinkRequestMessage } from "../slack-messages.ts";
import { slackClient } from "../../connections/clients.ts";

/**
 * Sends the direct message that asks a Slack user to confirm a link to the person who asked
 * (chat.postMessage with the Slack user id as the channel: the app's DM with them). One effect
 * per request, keyed by its id; the post is recorded as a step, so a retry after a recorded
 * post never sends it again. A request that was cancelled, answered or has expired by the time
 * the effect runs is not sent at all. Should Slack's answer to a post be lost, the retry may
 * send a second copy: both carry the same request id, and a request is confirmed only once.
 */

const payloadSchema = z.object({ requestId: z.string().min(1) });
const postedSchema = z.looseObject({ ok: z.literal(true), channel: z.string(), ts: z.string() });

export const slackLinkRequest: EffectHandler = async (job, ctx) => {
  const { requestId } = payloadSchema.parse(job.payload);
  const done = ctx.steps.posted;
  if (done) return done;

  const request = await db().slackLinkRequest.findUnique({
    where: { id: requestId },
    select: { id: true, slackUserId: true, status: true, expiresAt: true, user: { select: { name: true, email: true } } },
  });
  if (!request) throw Object.assign(new Error(`Slack link request ${requestId} does not exist.`), { status: 404 });
  if (request.status !== "PENDING" || request.expiresAt <= new Date()) {
    return { sent: false, reason: request.status === "PENDING" ? "expired" : request.status.toLowerCase() };
  }

  const content = slackLinkRequestMessage({
    requestId: request.id,
    person: request.user,
    expiresAt: request.expiresAt,
    accountUrl: `${env().APP_URL.replace(/\/$/, "")}/account`,
  });
  const { client } = await slackClient();
  await ctx.throttle();
  const result = postedSchema.parse(await client.chat.postMessage({ channel: request.slackUserId, text: content.text, blocks: content.blocks as never, unfurl_links: false }));
  const posted = { sent: true, channel: result.channel, ts: result.ts };
  await ctx.saveStep("posted", posted);
  return posted;
};
