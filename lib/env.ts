import { z } from "zod";

/**
 * The process environment, parsed once. A missing or malformed variable stops the
 * server at boot with a message naming it, instead of failing deep in a request.
 * Every variable is documented in .env.example.
 */
const optionalUrl = z.url().optional().or(z.literal("").transform(() => undefined));

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  APP_URL: z.url().default("http://127.0.0.1:3000"),
  /** PostgreSQL cancels any statement of the app's that runs longer (reports included). */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  /** 32 random bytes, base64: the key that encrypts vendor tokens at rest. */
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes encoded as base64"),
  /** During a key rotation: the keys being retired, comma-separated. Stored tokens made with them still open. */
  ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((k) => k.trim()).filter(Boolean))
    .refine((keys) => keys.every((k) => Buffer.from(k, "base64").length === 32), "each key must be 32 bytes encoded as base64"),
  /** Set to 1 behind a reverse proxy that sets X-Forwarded-Host/-Proto; otherwise those headers are ignored. */
  TRUST_PROXY: z.enum(["0", "1", "true", "false"]).default("0").transform((v) => v === "1" || v === "true"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  OIDC_ISSUER: optionalUrl,
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("SSO"),
  /** HubSpot private-app token (a token saved on the Connections page takes precedence). */
  HUBSPOT_ACCESS_TOKEN: z.string().optional(),
  /** The app's client secret: verifies the v3 signature of incoming webhooks. */
  HUBSPOT_CLIENT_SECRET: z.string().optional(),
  HUBSPOT_API_BASE_URL: z.url().default("https://api.hubapi.com"),
  HUBSPOT_PORTAL_ID: z.string().regex(/^\d+$/).optional(),
  /** Where a deal's record page lives, for the source link behind every decision. */
  HUBSPOT_RECORD_URL_BASE: z.url().default("https://app.hubspot.com/contacts"),
  /** Bearer token for GET /api/metrics (Prometheus). Unset: the endpoint is off. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Control API of the local HubSpot stand-in; set only by the demo and tests. */
  HUBSPOT_SANDBOX_URL: optionalUrl,
  /** ClickUp personal (pk_…) or OAuth token; a token saved on the Connections page takes precedence. */
  CLICKUP_API_TOKEN: z.string().optional(),
  CLICKUP_API_BASE_URL: z.url().default("https://api.clickup.com/api"),
  /** The workspace (team) and the space delivery lists are created in. */
  CLICKUP_TEAM_ID: z.string().regex(/^\d+$/, "must be the numeric workspace id").optional(),
  CLICKUP_SPACE_ID: z.string().regex(/^\d+$/, "must be the numeric space id").optional(),
  CLICKUP_SANDBOX_URL: optionalUrl,
  /** Notion internal-integration token (ntn_… or secret_…). */
  NOTION_TOKEN: z.string().optional(),
  NOTION_API_BASE_URL: z.url().default("https://api.notion.com"),
  /** The data source (of the briefs database) implementation briefs are created in. */
  NOTION_DATA_SOURCE_ID: z.string().optional(),
  NOTION_SANDBOX_URL: optionalUrl,
  /** Slack bot token (xoxb-…). */
  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_API_URL: z.url().default("https://slack.com/api/"),
  /** The channel digests and acknowledgement requests are posted to (an id such as C0123ABCD). */
  SLACK_CHANNEL_ID: z.string().optional(),
  /** Verifies the v0 signature of interactive requests sent to /api/webhooks/slack. */
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_SANDBOX_URL: optionalUrl,
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}\nSee .env.example for every variable.`);
  }
  cached = parsed.data;
  return cached;
}

export function oidcEnabled(e: Env = env()): boolean {
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}
