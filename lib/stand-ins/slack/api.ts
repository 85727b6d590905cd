import type { Params, SandboxResponse } from "./http.ts";
import type { ChannelRateLimiter } from "./rate-limit.ts";
import type { SlackChannel, SlackUser } from "./seed.ts";
import { blocksSchema, messageView, type Block, type SlackSandboxStore } from "./store.ts";

/**
 * The Web API methods, answered the way Slack answers them: HTTP 200 with `ok: true` or
 * `ok: false` and an error code; only rate limiting changes the status (429 + Retry-After).
 * Auth is checked by the server before a method runs.
 */

export interface ApiContext {
  store: SlackSandboxStore;
  /** Undefined when rate limiting is off. */
  limiter?: ChannelRateLimiter;
}

export type SlackErrorCode =
  | "not_authed"
  | "invalid_auth"
  | "channel_not_found"
  | "cannot_dm_bot"
  | "not_in_channel"
  | "message_not_found"
  | "invalid_blocks"
  | "no_text"
  | "cant_update_message"
  | "users_not_found"
  | "user_not_found"
  | "invalid_cursor"
  | "invalid_limit"
  | "ratelimited"
  | "unknown_method"
  | "invalid_json"
  | "json_not_object"
  | "internal_error"
  | "service_unavailable";

export const slackError = (error: SlackErrorCode, status = 200, headers?: Record<string, string>): SandboxResponse => ({ status, body: { ok: false, error }, headers });
const ok = (body: Record<string, unknown>): SandboxResponse => ({ status: 200, body: { ok: true, ...body } });

const str = (params: Params, name: string): string | undefined => {
  const value = params[name];
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
};

/** `blocks` arrives as a JSON string from forms and as an array from JSON bodies. */
function readBlocks(params: Params): { blocks?: Block[] } | { error: "invalid_blocks" } {
  const raw = params.blocks;
  if (raw === undefined || raw === "") return {};
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return { error: "invalid_blocks" };
    }
  }
  const parsed = blocksSchema.safeParse(value);
  return parsed.success ? { blocks: parsed.data } : { error: "invalid_blocks" };
}

export function channelView(channel: SlackChannel) {
  if (channel.imUser) {
    return { id: channel.id, is_im: true, is_channel: false, is_group: false, is_private: true, is_archived: false, is_org_shared: false, user: channel.imUser, created: channel.created };
  }
  return {
    id: channel.id,
    name: channel.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_private: channel.isPrivate,
    is_archived: false,
    is_general: channel.name === "general",
    is_member: channel.botIsMember !== false,
    created: channel.created,
    creator: "U0SEED01",
    name_normalized: channel.name,
    topic: { value: channel.topic, creator: "", last_set: 0 },
    purpose: { value: channel.purpose, creator: "", last_set: 0 },
  };
}

export function userView(ctx: ApiContext, user: SlackUser) {
  return {
    id: user.id,
    team_id: ctx.store.team.id,
    name: user.name,
    real_name: user.realName,
    deleted: false,
    is_bot: user.isBot,
    is_admin: false,
    tz: "Europe/London",
    profile: { real_name: user.realName, display_name: user.name, ...(user.email ? { email: user.email } : {}), team: ctx.store.team.id },
  };
}

function authTest(ctx: ApiContext): SandboxResponse {
  const { team, bot } = ctx.store;
  return ok({ url: `https://${team.domain}.slack.com/`, team: team.name, user: bot.name, team_id: team.id, user_id: bot.userId, bot_id: bot.botId, is_enterprise_install: false });
}

/** A message's permalink; in the demo, the app's Sandbox page at that message (the stand-in has no pages). */
function getPermalink(ctx: ApiContext, params: Params): SandboxResponse {
  const channel = str(params, "channel");
  const ts = str(params, "message_ts");
  if (!channel || !ctx.store.channel(channel)) return slackError("channel_not_found");
  if (!ts || !ctx.store.message(channel, ts)) return slackError("message_not_found");
  const base = ctx.store.linkBase;
  const permalink = base ? `${base}?tool=slack#slack-message-${ts}` : `https://${ctx.store.team.domain}.slack.com/archives/${channel}/p${ts.replace(".", "")}`;
  return ok({ channel, permalink });
}

function postMessage(ctx: ApiContext, params: Params): SandboxResponse {
  const ref = str(params, "channel");
  // A user id as `channel` posts to the app's direct message with that person, as Slack does.
  const toUser = ref !== undefined && /^[UW][A-Z0-9]{2,}$/.test(ref);
  if (toUser && ctx.store.user(ref!)?.isBot) return slackError("cannot_dm_bot");
  const channel = ref === undefined ? undefined : toUser ? ctx.store.directChannel(ref!) : ctx.store.channel(ref);
  if (!channel) return slackError("channel_not_found");
  if (channel.botIsMember === false) return slackError("not_in_channel");
  const blocks = readBlocks(params);
  if ("error" in blocks) return slackError(blocks.error);
  const text = str(params, "text");
  if (!text && !blocks.blocks?.length) return slackError("no_text");

  const decision = ctx.limiter?.take(channel.id);
  if (decision && !decision.allowed) return slackError("ratelimited", 429, { "Retry-After": String(decision.retryAfterSeconds) });

  const threadTs = str(params, "thread_ts");
  const message = ctx.store.post(channel.id, { text: text ?? "", blocks: blocks.blocks, threadTs });
  return ok({ channel: channel.id, ts: message.ts, message: messageView(message) });
}

function update(ctx: ApiContext, params: Params): SandboxResponse {
  const channelRef = str(params, "channel");
  const channel = channelRef ? ctx.store.channel(channelRef) : undefined;
  if (!channel) return slackError("channel_not_found");
  const ts = str(params, "ts");
  const existing = ts ? ctx.store.message(channel.id, ts) : undefined;
  if (!ts || !existing) return slackError("message_not_found");
  if (existing.user !== ctx.store.bot.userId) return slackError("cant_update_message");
  const blocks = readBlocks(params);
  if ("error" in blocks) return slackError(blocks.error);
  const text = str(params, "text");
  if (text === undefined && blocks.blocks === undefined) return slackError("no_text");

  const message = ctx.store.update(channel.id, ts, { text, blocks: blocks.blocks })!;
  return ok({ channel: channel.id, ts: message.ts, text: message.text, message: messageView(message) });
}

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString("base64");
function decodeCursor(cursor: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  return match ? Number(match[1]) : undefined;
}

function history(ctx: ApiContext, params: Params): SandboxResponse {
  const channelRef = str(params, "channel");
  const channel = channelRef ? ctx.store.channel(channelRef) : undefined;
  if (!channel) return slackError("channel_not_found");
  if (channel.botIsMember === false) return slackError("not_in_channel");
  const limitRaw = str(params, "limit");
  const limit = limitRaw === undefined ? 100 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1) return slackError("invalid_limit");
  const cursor = str(params, "cursor");
  const offset = cursor === undefined ? 0 : decodeCursor(cursor);
  if (offset === undefined) return slackError("invalid_cursor");

  const newestFirst = ctx.store.history(channel.id).reverse();
  const page = newestFirst.slice(offset, offset + Math.min(limit, 999));
  const hasMore = offset + page.length < newestFirst.length;
  return ok({
    messages: page.map(messageView),
    has_more: hasMore,
    pin_count: 0,
    response_metadata: { next_cursor: hasMore ? encodeCursor(offset + page.length) : "" },
  });
}

function conversationsInfo(ctx: ApiContext, params: Params): SandboxResponse {
  const channelRef = str(params, "channel");
  const channel = channelRef ? ctx.store.channel(channelRef) : undefined;
  return channel ? ok({ channel: channelView(channel) }) : slackError("channel_not_found");
}

function lookupByEmail(ctx: ApiContext, params: Params): SandboxResponse {
  const user = ctx.store.userByEmail(str(params, "email") ?? "");
  return user ? ok({ user: userView(ctx, user) }) : slackError("users_not_found");
}

function usersInfo(ctx: ApiContext, params: Params): SandboxResponse {
  const id = str(params, "user");
  const user = id ? ctx.store.user(id) : undefined;
  return user ? ok({ user: userView(ctx, user) }) : slackError("user_not_found");
}

const METHODS: Record<string, (ctx: ApiContext, params: Params) => SandboxResponse> = {
  "auth.test": authTest,
  "chat.getPermalink": getPermalink,
  "chat.postMessage": postMessage,
  "chat.update": update,
  "conversations.history": history,
  "conversations.info": conversationsInfo,
  "users.lookupByEmail": lookupByEmail,
  "users.info": usersInfo,
};

export const isKnownMethod = (method: string) => Object.hasOwn(METHODS, method);

export function handleMethod(ctx: ApiContext, method: string, params: Params): SandboxResponse {
  const handler = METHODS[method];
  return handler ? handler(ctx, params) : slackError("unknown_method", 404);
}
