import { z } from "zod";
import { db } from "../../db/client.ts";
import type { EffectHandler } from "../../sync/handlers.ts";
import { loadDeliveryModel } from "../model.ts";
import { recordDeliveryOutput, type OutputEvidence } from "../output-results.ts";
import { messageMarker, slackMessage, type SlackPurpose } from "../slack-messages.ts";
import { slackClient } from "../../connections/clients.ts";

/**
 * Posts a handoff's Slack message once and edits it in place afterwards (chat.update).
 * Where the message is lives on the handoff as an external link "channel/ts". When a
 * post's answer was lost, the next attempt finds the message in the channel history by the
 * reference in its text before posting again.
 */

const payloadSchema = z.object({ handoffId: z.string(), revision: z.string() });
const postedSchema = z.looseObject({ ok: z.literal(true), channel: z.string(), ts: z.string() });
const historySchema = z.looseObject({ messages: z.array(z.looseObject({ ts: z.string(), text: z.string().optional(), bot_id: z.string().optional() })).default([]) });

type Location = { channel: string; ts: string };

const STAGE = { ack: "ACKNOWLEDGEMENT", digest: "HANDOFF_DIGEST" } as const;
const LINK_KIND = { ack: "ack", digest: "digest" } as const;

function slackMessageEffect(purpose: SlackPurpose): EffectHandler {
  return async (job, ctx) => {
    const { handoffId } = payloadSchema.parse(job.payload);
    const model = await loadDeliveryModel(db(), handoffId);
    const content = slackMessage(model, purpose);
    const { client, channelId } = await slackClient();
    const known = purpose === "ack" ? model.links.slackAck : model.links.slackDigest;
    const args = { text: content.text, blocks: content.blocks as never, unfurl_links: false };

    /** Edits the message in place; false when it is gone (someone deleted it in Slack). */
    const update = async (at: Location) => {
      await ctx.throttle();
      return client.chat.update({ channel: at.channel, ts: at.ts, ...args }).then(
        () => true,
        (error: unknown) => {
          if ((error as { data?: { error?: string } }).data?.error === "message_not_found") return false;
          throw error;
        },
      );
    };
    /** The message in the channel, by the reference in its text: an earlier post may never have been answered. */
    const findPosted = async (): Promise<Location | null> => {
      await ctx.throttle();
      const history = historySchema.parse(await client.conversations.history({ channel: channelId, limit: 100 }));
      const marker = messageMarker(model, purpose);
      const found = history.messages.find((m) => m.bot_id && m.text?.includes(marker));
      return found ? { channel: channelId, ts: found.ts } : null;
    };

    let location: Location | null = known ? { channel: known.externalId.split("/")[0], ts: known.externalId.split("/")[1] } : ((ctx.steps.location as Location | undefined) ?? null);
    if (location && !(await update(location))) location = null;
    if (!location) {
      location = await findPosted();
      if (location && !(await update(location))) location = null;
    }
    let posted = false;
    if (!location) {
      await ctx.throttle();
      const result = postedSchema.parse(await client.chat.postMessage({ channel: channelId, ...args }));
      location = { channel: result.channel, ts: result.ts };
      posted = true;
    }
    await ctx.saveStep("location", location);

    if (ctx.steps.permalinkOf !== location.ts) {
      await ctx.throttle();
      const answer = z.looseObject({ permalink: z.string() }).parse(await client.chat.getPermalink({ channel: location.channel, message_ts: location.ts }));
      await ctx.saveStep("permalink", answer.permalink);
      await ctx.saveStep("permalinkOf", location.ts);
    }
    const url = ctx.steps.permalink as string;
    const evidence: OutputEvidence[] =
      purpose === "digest" ? [{ requirementKey: "digest_posted", kind: "LINK", label: "Digest posted to the delivery channel", url, data: { note: `Posted to ${location.channel}`, revision: content.revision } }] : [];
    await recordDeliveryOutput({
      syncJobId: job.id,
      handoffId,
      vendor: "SLACK",
      linkKind: LINK_KIND[purpose],
      externalId: `${location.channel}/${location.ts}`,
      url,
      stage: STAGE[purpose],
      evidence,
      action: posted ? `slack.${purpose}_posted` : `slack.${purpose}_updated`,
      data: { channel: location.channel, ts: location.ts, revision: content.revision },
    });
    return { channel: location.channel, ts: location.ts, url, posted, revision: content.revision };
  };
}

export const slackAckRequest = slackMessageEffect("ack");
export const slackDigest = slackMessageEffect("digest");
