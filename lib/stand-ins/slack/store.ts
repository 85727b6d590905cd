import { z } from "zod";
import { BOT, SEED_CHANNELS, SEED_USERS, TEAM, type SlackChannel, type SlackUser } from "./seed.ts";

/** Channels, users and every message with its full edit history. */

// Block Kit's top-level block types (api.slack.com/reference/block-kit/blocks).
export const BLOCK_TYPES = ["actions", "context", "divider", "file", "header", "image", "input", "markdown", "rich_text", "section", "video", "call"] as const;

export const blocksSchema = z.array(z.looseObject({ type: z.enum(BLOCK_TYPES), block_id: z.string().optional() })).max(50);
export type Block = z.infer<typeof blocksSchema>[number];

export interface MessageVersion {
  text: string;
  blocks?: Block[];
  /** Slack ts of the post or edit. */
  at: string;
  /** "api" for chat.postMessage / chat.update, "response_url" for replace_original. */
  via: "api" | "response_url";
}

export interface SlackMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  /** Author: the bot for API posts. */
  user: string;
  botId?: string;
  text: string;
  blocks?: Block[];
  edited?: { user: string; ts: string };
  /** Every version, oldest first; the last is the current one. */
  versions: MessageVersion[];
}

export class SlackSandboxStore {
  /** Where people open messages (the app's Sandbox page); unset: Slack's own permalinks. */
  linkBase: string | undefined = undefined;
  readonly team = TEAM;
  readonly bot = BOT;
  private readonly channels = new Map<string, SlackChannel>(SEED_CHANNELS.map((c) => [c.id, { ...c }]));
  private readonly users = new Map<string, SlackUser>(SEED_USERS.map((u) => [u.id, { ...u }]));
  /** The app's direct messages, by the user they are with; never listed with the channels. */
  private readonly directs = new Map<string, SlackChannel>();
  /** Per channel, oldest first. */
  private readonly messages = new Map<string, SlackMessage[]>();
  private lastMicros = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /** A unique, increasing Slack ts ("1732449000.000100"): epoch seconds with microseconds. */
  nextTs(): string {
    this.lastMicros = Math.max(this.clock() * 1000, this.lastMicros + 1);
    const seconds = Math.floor(this.lastMicros / 1_000_000);
    return `${seconds}.${String(this.lastMicros % 1_000_000).padStart(6, "0")}`;
  }

  listChannels(): SlackChannel[] {
    return [...this.channels.values()];
  }

  /** By id, or by name with or without "#", as chat.postMessage accepts; a direct message by its D… id. */
  channel(idOrName: string): SlackChannel | undefined {
    const byId = this.channels.get(idOrName) ?? [...this.directs.values()].find((d) => d.id === idOrName);
    if (byId) return byId;
    const name = idOrName.replace(/^#/, "");
    return this.listChannels().find((c) => c.name === name);
  }

  addChannel(channel: Pick<SlackChannel, "id" | "name"> & Partial<SlackChannel>): SlackChannel {
    const created: SlackChannel = { isPrivate: false, topic: "", purpose: "", created: Math.floor(this.clock() / 1000), ...channel };
    this.channels.set(created.id, created);
    return created;
  }

  /**
   * The app's direct message with a person, opened on first use as chat.postMessage to a user id
   * does in Slack; undefined for an unknown user or a bot.
   */
  directChannel(userId: string): SlackChannel | undefined {
    const user = this.users.get(userId);
    if (!user || user.isBot) return undefined;
    let direct = this.directs.get(userId);
    if (!direct) {
      direct = { id: `D${userId.slice(1)}`, name: userId, isPrivate: true, topic: "", purpose: "", created: Math.floor(this.clock() / 1000), imUser: userId };
      this.directs.set(userId, direct);
    }
    return direct;
  }

  /** The direct message with a user, if the app ever wrote to them. */
  existingDirectChannel(userId: string): SlackChannel | undefined {
    return this.directs.get(userId);
  }

  listUsers(): SlackUser[] {
    return [...this.users.values()];
  }

  user(id: string): SlackUser | undefined {
    return this.users.get(id);
  }

  userByEmail(email: string): SlackUser | undefined {
    const wanted = email.trim().toLowerCase();
    return wanted ? this.listUsers().find((u) => u.email.toLowerCase() === wanted) : undefined;
  }

  addUser(user: SlackUser): SlackUser {
    this.users.set(user.id, { ...user });
    return user;
  }

  /** Newest last. */
  history(channelId: string): SlackMessage[] {
    return [...(this.messages.get(channelId) ?? [])];
  }

  message(channelId: string, ts: string): SlackMessage | undefined {
    return this.messages.get(channelId)?.find((m) => m.ts === ts);
  }

  post(channelId: string, input: { text: string; blocks?: Block[]; threadTs?: string; user?: string }): SlackMessage {
    const ts = this.nextTs();
    const user = input.user ?? BOT.userId;
    const message: SlackMessage = {
      channel: channelId,
      ts,
      user,
      ...(user === BOT.userId ? { botId: BOT.botId } : {}),
      ...(input.threadTs ? { threadTs: input.threadTs } : {}),
      text: input.text,
      ...(input.blocks ? { blocks: input.blocks } : {}),
      versions: [{ text: input.text, ...(input.blocks ? { blocks: input.blocks } : {}), at: ts, via: "api" }],
    };
    const list = this.messages.get(channelId) ?? [];
    list.push(message);
    this.messages.set(channelId, list);
    return message;
  }

  /** Replaces text and blocks; a field left undefined keeps its value, as chat.update does. */
  update(channelId: string, ts: string, input: { text?: string; blocks?: Block[] }, via: MessageVersion["via"] = "api"): SlackMessage | undefined {
    const message = this.message(channelId, ts);
    if (!message) return undefined;
    const at = this.nextTs();
    if (input.text !== undefined) message.text = input.text;
    if (input.blocks !== undefined) message.blocks = input.blocks;
    message.edited = { user: message.user, ts: at };
    message.versions.push({ text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}), at, via });
    return message;
  }
}

/** A message as the Web API returns it (no sandbox bookkeeping). */
export function messageView(message: SlackMessage) {
  return {
    type: "message" as const,
    text: message.text,
    user: message.user,
    ...(message.botId ? { bot_id: message.botId } : {}),
    ts: message.ts,
    team: TEAM.id,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.edited ? { edited: message.edited } : {}),
  };
}
