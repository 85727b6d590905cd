import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { signSlackRequest } from "../../integrations/slack/signature.ts";
import { blocksSchema, messageView, type SlackSandboxStore } from "./store.ts";

/**
 * Button clicks as Slack delivers them to an app's Interactivity Request URL: a signed,
 * form-encoded `payload=<JSON>` POST of type block_actions, with a response_url (here on the
 * stand-in) that the app may post ephemeral replies or replace_original updates to.
 */

export const ACK_TIMEOUT_MS = 3_000;

export const clickSchema = z.object({
  channel: z.string().min(1),
  ts: z.string().min(1),
  actionId: z.string().min(1),
  /** Defaults to the button's own value in the message's blocks. */
  value: z.string().optional(),
  userId: z.string().min(1),
  /** What the person typed into the message's input blocks: block_id → action_id → text. */
  inputs: z.record(z.string(), z.record(z.string(), z.string().max(3000))).optional(),
});
export type ClickInput = z.infer<typeof clickSchema>;

export interface ClickResult {
  /** The receiver's HTTP status; 0 when it could not be reached or did not answer within 3 s. */
  status: number;
  body: string;
  error?: string;
  payload: BlockActionsPayload;
}

export interface BlockActionsPayload {
  type: "block_actions";
  user: { id: string; username: string; name: string; team_id: string };
  api_app_id: string;
  token: string;
  container: { type: "message"; message_ts: string; channel_id: string; is_ephemeral: false };
  trigger_id: string;
  team: { id: string; domain: string };
  enterprise: null;
  is_enterprise_install: false;
  channel: { id: string; name: string };
  message: ReturnType<typeof messageView>;
  state: { values: Record<string, Record<string, { type: "plain_text_input"; value: string | null }>> };
  response_url: string;
  actions: Array<{ action_id: string; block_id: string; text: { type: "plain_text"; text: string; emoji: true }; value: string; type: "button"; action_ts: string }>;
}

export interface RecordedResponse {
  id: string;
  channel: string;
  ts: string;
  /** Who clicked: an ephemeral reply is seen by this Slack user only. */
  user: string;
  /** Shown only to `user` (Slack's default for a response_url message), rather than edited into the message or posted to the channel. */
  ephemeral: boolean;
  /** What the app posted, parsed as JSON when possible. */
  body: unknown;
  receivedAt: string;
}

export class SandboxUsageError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

interface ButtonElement {
  type: string;
  action_id?: string;
  value?: string;
  text?: { text?: string };
}

function findButton(blocks: z.infer<typeof blocksSchema> | undefined, actionId: string): { blockId: string; element: ButtonElement } | undefined {
  for (const [index, block] of (blocks ?? []).entries()) {
    const elements = [...(Array.isArray(block.elements) ? block.elements : []), ...(block.accessory ? [block.accessory] : [])] as ButtonElement[];
    const element = elements.find((e) => e && e.type === "button" && e.action_id === actionId);
    // Slack generates a block_id when the app gave none.
    if (element) return { blockId: block.block_id ?? `blk${index}`, element };
  }
  return undefined;
}

/** Slack sends the current value of every input block with a click (null when left empty). */
function inputValues(blocks: z.infer<typeof blocksSchema> | undefined, typed: ClickInput["inputs"]): BlockActionsPayload["state"]["values"] {
  const values: BlockActionsPayload["state"]["values"] = {};
  for (const block of blocks ?? []) {
    const element = block.element as { type?: string; action_id?: string } | undefined;
    if (block.type !== "input" || !block.block_id || element?.type !== "plain_text_input" || !element.action_id) continue;
    values[block.block_id] = { [element.action_id]: { type: "plain_text_input", value: typed?.[block.block_id]?.[element.action_id] || null } };
  }
  return values;
}

export class Interactivity {
  readonly responses: RecordedResponse[] = [];
  private readonly pending = new Map<string, { channel: string; ts: string; user: string }>();

  constructor(
    private readonly store: SlackSandboxStore,
    private readonly options: { signingSecret: string; interactionUrl?: string; baseUrl: () => string; clock: () => number },
  ) {}

  buildPayload(input: ClickInput): BlockActionsPayload {
    const { store } = this;
    const channel = store.channel(input.channel);
    if (!channel) throw new SandboxUsageError(404, `No channel ${input.channel}`);
    const message = store.message(channel.id, input.ts);
    if (!message) throw new SandboxUsageError(404, `No message ${input.ts} in ${channel.id}`);
    const user = store.user(input.userId);
    if (!user) throw new SandboxUsageError(404, `No user ${input.userId}`);
    const button = findButton(message.blocks, input.actionId);
    if (!button && input.value === undefined) throw new SandboxUsageError(400, `Message ${input.ts} has no button ${input.actionId}; pass a value to click anyway`);

    const responseId = randomUUID();
    this.pending.set(responseId, { channel: channel.id, ts: message.ts, user: user.id });
    return {
      type: "block_actions",
      user: { id: user.id, username: user.name, name: user.name, team_id: store.team.id },
      api_app_id: store.bot.appId,
      token: "sandbox-verification-token",
      container: { type: "message", message_ts: message.ts, channel_id: channel.id, is_ephemeral: false },
      trigger_id: `${Math.floor(this.options.clock() / 1000)}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString("hex")}`,
      team: { id: store.team.id, domain: store.team.domain },
      enterprise: null,
      is_enterprise_install: false,
      // Slack names every direct message channel "directmessage" in a click's payload.
      channel: { id: channel.id, name: channel.imUser ? "directmessage" : channel.name },
      message: messageView(message),
      state: { values: inputValues(message.blocks, input.inputs) },
      response_url: `${this.options.baseUrl()}/__sandbox/response/${responseId}`,
      actions: [
        {
          action_id: input.actionId,
          block_id: button?.blockId ?? "sandbox",
          text: { type: "plain_text", text: button?.element.text?.text ?? input.actionId, emoji: true },
          value: input.value ?? button?.element.value ?? "",
          type: "button",
          action_ts: store.nextTs(),
        },
      ],
    };
  }

  async click(input: ClickInput): Promise<ClickResult> {
    const url = this.options.interactionUrl;
    if (!url) throw new SandboxUsageError(400, "The sandbox was started without an interactionUrl");
    const payload = this.buildPayload(clickSchema.parse(input));
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const timestamp = String(Math.floor(this.options.clock() / 1000));
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Slack-Request-Timestamp": timestamp,
          "X-Slack-Signature": signSlackRequest({ signingSecret: this.options.signingSecret, timestamp, body }),
          "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        },
        body,
        signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
      });
      return { status: response.status, body: await response.text(), payload };
    } catch (error) {
      return { status: 0, body: "", error: error instanceof Error ? error.message : String(error), payload };
    }
  }

  /** POST /__sandbox/response/<id>: records the reply; replace_original edits the message like Slack. */
  respond(id: string, rawBody: string): RecordedResponse | undefined {
    const target = this.pending.get(id);
    if (!target) return undefined;
    let body: unknown = rawBody;
    try {
      body = JSON.parse(rawBody);
    } catch {
      // Kept as text: Slack would answer it with an error, and the test can see why.
    }
    const shape = z.looseObject({ replace_original: z.union([z.boolean(), z.literal("true"), z.literal("false")]).optional(), response_type: z.string().optional() }).safeParse(body);
    const replaces = shape.success && (shape.data.replace_original === true || shape.data.replace_original === "true");
    const ephemeral = !replaces && !(shape.success && shape.data.response_type === "in_channel");
    const recorded: RecordedResponse = { id, ...target, ephemeral, body, receivedAt: new Date(this.options.clock()).toISOString() };
    this.responses.push(recorded);

    const reply = z.object({ replace_original: z.union([z.boolean(), z.literal("true")]), text: z.string().optional(), blocks: blocksSchema.optional() }).safeParse(body);
    if (reply.success && reply.data.replace_original !== false) {
      this.store.update(target.channel, target.ts, { text: reply.data.text, blocks: reply.data.blocks }, "response_url");
    }
    return recorded;
  }
}
