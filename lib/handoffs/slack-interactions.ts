import { z } from "zod";
import type { Prisma } from "../db/generated/client.ts";
import { db } from "../db/client.ts";
import type { Actor } from "../auth/roles.ts";
import { env } from "../env.ts";
import { isDomainError } from "../errors.ts";
import { logger } from "../log/logger.ts";
import { handoffReference } from "../delivery/model.ts";
import { ACTION, COMMENT_ACTION, COMMENT_BLOCK, escapeMrkdwn, IDENTITY_ACTION } from "../delivery/slack-messages.ts";
import type { ActionOrigin } from "../audit/record.ts";
import { transitionHandoff, type Command } from "./transition.ts";
import { enqueueEffect } from "../sync/enqueue.ts";
import { confirmSlackLink, refreshAfterLink } from "../delivery/slack-link.ts";
import { verifySlackRequest, type SlackVerifyFailure } from "../integrations/slack/signature.ts";

/**
 * Slack's interactive requests (button clicks on the acknowledgement message, and the
 * "Yes, this is me" that confirms a Slack account link), received at POST
 * /api/webhooks/slack. The signature is checked on the raw body first; the click is stored
 * keyed by who clicked and when, mapped to one of our users, and run through the same
 * lifecycle rules as the app, so a click can do nothing the person could not do in the
 * app. Every audit event a click causes names the Slack user and workspace that clicked.
 * The person gets an ephemeral answer via the response URL.
 */

export const MAX_INTERACTION_BYTES = 256 * 1024;

const REASONS: Record<SlackVerifyFailure, string> = {
  missing_signature: "The request has no X-Slack-Signature.",
  missing_timestamp: "The request has no X-Slack-Request-Timestamp.",
  stale_timestamp: "The request timestamp is more than five minutes from now.",
  bad_signature: "The request signature does not match.",
};

const payloadSchema = z.looseObject({
  type: z.literal("block_actions"),
  user: z.looseObject({ id: z.string().min(1), team_id: z.string().min(1).optional() }),
  team: z.looseObject({ id: z.string().min(1) }).nullable().optional(),
  response_url: z.url().optional(),
  actions: z
    .array(z.looseObject({ action_id: z.string(), value: z.string().optional(), action_ts: z.string() }))
    .min(1),
  state: z
    .looseObject({ values: z.record(z.string(), z.record(z.string(), z.looseObject({ value: z.string().nullable().optional() }))) })
    .optional(),
});
type Payload = z.infer<typeof payloadSchema>;

export interface InteractionAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

const reject = (status: number, error: string): InteractionAnswer => ({ status, body: { ok: false, error } });

export async function receiveSlackInteraction(input: { rawBody: string; signature: string | null; timestamp: string | null; now?: number }): Promise<InteractionAnswer> {
  const secret = env().SLACK_SIGNING_SECRET;
  if (!secret) return reject(503, "Slack interactivity is not configured: set SLACK_SIGNING_SECRET.");
  const verified = verifySlackRequest({ signingSecret: secret, signature: input.signature, timestamp: input.timestamp, body: input.rawBody, now: input.now });
  if (!verified.ok) {
    logger.warn({ event: "webhook.rejected", provider: "slack", reason: verified.reason }, "rejected a Slack request");
    return reject(401, REASONS[verified.reason]);
  }

  const form = new URLSearchParams(input.rawBody);
  let json: unknown;
  try {
    json = JSON.parse(form.get("payload") ?? "");
  } catch {
    return reject(400, "The body has no JSON `payload` field.");
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    // Other interaction types (shortcuts, view submissions) are not ours to handle: acknowledge and drop.
    if ((json as { type?: unknown })?.type !== "block_actions") return { status: 200, body: null };
    return reject(400, `The block_actions payload is malformed: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`);
  }
  const payload = parsed.data;
  const action = payload.actions[0];
  if (action.action_id === ACTION.open) return { status: 200, body: null };

  // Stored before anything else happens, keyed by who clicked and when: a redelivery is a no-op.
  const eventId = `${payload.user.id}:${action.action_ts}:${action.action_id}`;
  const stored = await db().webhookEvent.createMany({
    data: [{ provider: "SLACK", eventId, eventType: `block_actions.${action.action_id}`, payload: payload as Prisma.InputJsonValue }],
    skipDuplicates: true,
  });
  if (stored.count === 0) return { status: 200, body: null };
  const origin: ActionOrigin = { via: "slack", slackUserId: payload.user.id, slackTeamId: payload.user.team_id ?? payload.team?.id ?? null };

  let outcome: Outcome;
  try {
    outcome = action.action_id === IDENTITY_ACTION.confirm ? await confirmLink(action.value ?? "", origin) : await handleClick(payload, origin);
  } catch (error) {
    // Slack shows the person an error and never redelivers a click: they click again, which is a
    // new event. This one is kept as failed, with the reason.
    await db()
      .webhookEvent.update({ where: { provider_eventId: { provider: "SLACK", eventId } }, data: { status: "FAILED", error: String(error).slice(0, 500), attempts: 1 } })
      .catch(() => undefined);
    throw error;
  }
  await db().$transaction(async (tx) => {
    await tx.webhookEvent.update({
      where: { provider_eventId: { provider: "SLACK", eventId } },
      data: { status: outcome.ok ? "PROCESSED" : "IGNORED", error: outcome.ok ? null : outcome.reply, processedAt: new Date(), attempts: 1 },
    });
    if (payload.response_url) {
      await enqueueEffect(tx, {
        vendor: "SLACK",
        kind: "slack.respond",
        idempotencyKey: `slack.respond:${eventId}`,
        handoffId: outcome.handoffId,
        // Replies quote the deal's own words (risk titles, names): escaped, so they cannot ping or link.
        payload: { responseUrl: payload.response_url, text: escapeMrkdwn(outcome.reply) },
      });
    }
  });
  if (outcome.linked) refreshAfterLink();
  return { status: 200, body: null };
}

type Outcome = { ok: boolean; reply: string; handoffId: string | null; linked?: boolean };

async function confirmLink(requestId: string, origin: ActionOrigin): Promise<Outcome> {
  const result = await confirmSlackLink(requestId, origin);
  return { ok: result.ok, reply: result.reply, handoffId: null, linked: Boolean(result.linkedUserId) };
}

async function handleClick(payload: Payload, origin: ActionOrigin): Promise<Outcome> {
  const action = payload.actions[0];
  const [handoffId, riskId] = (action.value ?? "").split(":");
  const known = handoffId ? await db().handoff.findUnique({ where: { id: handoffId }, select: { id: true, number: true, stage: true, stageStatus: true } }) : null;
  if (!known) return { ok: false, reply: "This button does not belong to a handoff we know.", handoffId: null };

  const user = await db().user.findFirst({ where: { slackUserId: payload.user.id, active: true }, select: { id: true, role: true, name: true, slackTeamId: true } });
  if (!user) {
    return {
      ok: false,
      reply: "Your Slack account is not linked to a Handoff Control Center user, so nothing was changed. Link it yourself from your Account page in Handoff Control Center, then confirm here in Slack.",
      handoffId: known.id,
    };
  }
  // The link names the workspace it was confirmed in: the same user id from another workspace is someone else.
  if (user.slackTeamId && origin.slackTeamId && user.slackTeamId !== origin.slackTeamId) {
    return { ok: false, reply: "This click came from a Slack workspace your account is not linked in, so nothing was changed.", handoffId: known.id };
  }
  const actor: Actor = { userId: user.id, role: user.role, name: user.name };
  const comment = payload.state?.values?.[COMMENT_BLOCK]?.[COMMENT_ACTION]?.value?.trim() ?? "";

  let command: Command;
  let done: string;
  switch (action.action_id) {
    case ACTION.acknowledge:
      command = { type: "ACKNOWLEDGE", comment: "Acknowledged from Slack" };
      done = `You acknowledged ${handoffReference(known.number)} and accepted its open risks. The kickoff can now be scheduled.`;
      break;
    case ACTION.acceptRisk:
      command = { type: "ACCEPT_RISK", riskId };
      done = "Risk accepted.";
      break;
    case ACTION.rejectRisk:
      command = { type: "REJECT_RISK", riskId, comment };
      done = "Risk sent back to the project manager with your comment.";
      break;
    default:
      return { ok: false, reply: "This button is not one we know; nothing was changed.", handoffId: known.id };
  }

  try {
    // A click is the delivery lead starting the acknowledgement step, as opening it in the app would be.
    if (known.stage === "ACKNOWLEDGEMENT" && known.stageStatus === "NOT_STARTED") {
      await transitionHandoff(actor, known.id, { type: "START_STAGE", stage: "ACKNOWLEDGEMENT" }, { origin });
    }
    await transitionHandoff(actor, known.id, command, { origin });
    return { ok: true, reply: done, handoffId: known.id };
  } catch (error) {
    if (isDomainError(error)) {
      const message = error.code === "INVALID" && action.action_id === ACTION.rejectRisk && !comment ? "Type a comment in the box first: say why this risk cannot be accepted as it stands." : error.message;
      return { ok: false, reply: `Nothing was changed: ${message}`, handoffId: known.id };
    }
    throw error;
  }
}
