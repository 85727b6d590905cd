/** The workspace the stand-in starts with: the demo's people and the channels the app posts to. */

export const TEAM = { id: "T0SANDBOX1", name: "Handoff Sandbox", domain: "handoff-sandbox" } as const;
export const BOT = { userId: "U0SANDBOT", botId: "B0SANDBOX1", appId: "A0SANDBOX1", name: "handoff-bot" } as const;

export interface SlackChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  topic: string;
  purpose: string;
  /** Epoch seconds. */
  created: number;
  /** Whether the app's bot was invited; it cannot post to or read a channel it is not in. Default true. */
  botIsMember?: boolean;
  /** A direct message (is_im) between the app's bot and this user. */
  imUser?: string;
}

export interface SlackUser {
  id: string;
  name: string;
  realName: string;
  email: string;
  isBot: boolean;
}

const CREATED = 1_700_000_000;

export const SEED_CHANNELS: readonly SlackChannel[] = [
  { id: "C0DELIVERY", name: "delivery-handoffs", isPrivate: false, topic: "Signed deals ready for delivery", purpose: "Handoff notifications", created: CREATED },
  { id: "C0ESCALATE", name: "handoff-escalations", isPrivate: false, topic: "Overdue or blocked handoffs", purpose: "Escalations", created: CREATED },
  { id: "C0GENERAL1", name: "general", isPrivate: false, topic: "", purpose: "Everyone", created: CREATED },
  { id: "C0WARROOM1", name: "client-war-room", isPrivate: false, topic: "Escalated client issues", purpose: "The bot was never invited here", created: CREATED, botIsMember: false },
];

export const SEED_USERS: readonly SlackUser[] = [
  { id: "U0SEED01", name: "ada", realName: "Ada Admin", email: "admin@demo.local", isBot: false },
  { id: "U0SEED02", name: "priya", realName: "Priya Shah", email: "leader@demo.local", isBot: false },
  { id: "U0SEED03", name: "marco", realName: "Marco Rossi", email: "pm@demo.local", isBot: false },
  { id: "U0SEED04", name: "rita", realName: "Rita Okafor", email: "revops@demo.local", isBot: false },
  { id: "U0SEED05", name: "dana", realName: "Dana Kim", email: "lead@demo.local", isBot: false },
  { id: "U0SEED06", name: "sam", realName: "Sam Carter", email: "sales@demo.local", isBot: false },
  { id: "U0SEED07", name: "victor", realName: "Victor Lang", email: "viewer@demo.local", isBot: false },
  { id: "U0SEED08", name: "lena", realName: "Lena Fischer", email: "pm2@demo.local", isBot: false },
  { id: "U0SEED09", name: "omar", realName: "Omar Haddad", email: "pm3@demo.local", isBot: false },
  { id: "U0SEED10", name: "tom", realName: "Tom Becker", email: "lead2@demo.local", isBot: false },
  { id: "U0SEED11", name: "aiko", realName: "Aiko Tanaka", email: "lead3@demo.local", isBot: false },
  { id: "U0SEED12", name: "nina", realName: "Nina Patel", email: "sales2@demo.local", isBot: false },
  { id: "U0SEED13", name: "ben", realName: "Ben Walsh", email: "leader2@demo.local", isBot: false },
  { id: BOT.userId, name: BOT.name, realName: "Handoff Control Center", email: "", isBot: true },
];
