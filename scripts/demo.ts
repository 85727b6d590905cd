// npm run demo — starts the app on http://127.0.0.1:3000 with nothing else installed.
//
// Without DATABASE_URL it runs an embedded PostgreSQL (PGlite) whose data lives in
// .data/pglite and survives restarts; with DATABASE_URL it uses that server. It
// applies migrations, seeds demo data into an empty database, builds the app when
// there is no build yet, and runs `next start` (or `next dev` with --dev).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "../lib/db/client.ts";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/db/embedded.ts";
import { migrate } from "../lib/db/migrate.ts";
import { ensureAppRole, grantAppRole } from "../lib/db/roles.ts";
import { seedDemo } from "../lib/demo/seed.ts";
import { startHubSpotSandbox, type HubSpotSandbox } from "../lib/stand-ins/hubspot/server.ts";
import { seedSandbox } from "../lib/stand-ins/hubspot/seed.ts";
import { startDeliveryStandIns } from "../lib/stand-ins/index.ts";
import { startBackgroundWork } from "../lib/worker/runtime.ts";

const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules/next/dist/bin/next");
/** The role the app acts as on the embedded database. */
const EMBEDDED_APP_ROLE = "hcc_app";
const dev = process.argv.includes("--dev");
const dataDir = path.resolve(root, process.env.HCC_DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";

function log(message: string) {
  console.log(`[demo] ${message}`);
}

interface DemoSecrets {
  NEXTAUTH_SECRET: string;
  ENCRYPTION_KEY: string;
  HUBSPOT_ACCESS_TOKEN: string;
  HUBSPOT_CLIENT_SECRET: string;
}

/** Secrets the demo needs, generated once and kept with the demo data (never committed). */
function demoSecrets(): DemoSecrets {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "secrets.json");
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<DemoSecrets>) : {};
  const secrets: DemoSecrets = {
    NEXTAUTH_SECRET: existing.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: existing.ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
    HUBSPOT_ACCESS_TOKEN: existing.HUBSPOT_ACCESS_TOKEN ?? `pat-sandbox-${randomBytes(12).toString("hex")}`,
    HUBSPOT_CLIENT_SECRET: existing.HUBSPOT_CLIENT_SECRET ?? randomBytes(24).toString("hex"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function main() {
  const { databaseUrl, embedded } = await openDatabase();
  await migrateAndSeed(databaseUrl);
  if (embedded) await actAsAppRole(embedded, databaseUrl);

  const secrets = demoSecrets();
  const appUrl = process.env.APP_URL ?? `http://${host}:${port}`;

  // Without HubSpot credentials, a local stand-in plays HubSpot: same API, signed webhooks.
  const hubspot = process.env.HUBSPOT_ACCESS_TOKEN ? undefined : await startHubSpotStandIn(secrets, appUrl);

  // Without ClickUp, Notion or Slack credentials, local stand-ins play those tools too.
  const standIns =
    process.env.CLICKUP_API_TOKEN || process.env.NOTION_TOKEN || process.env.SLACK_BOT_TOKEN ? undefined : await startDeliveryStandIns({ appUrl, dataDir });
  if (standIns) log(`ClickUp, Notion and Slack sandboxes on ${standIns.clickup.url}, ${standIns.notion.url}, ${standIns.slack.url}`);

  const env = appEnv({ databaseUrl, embedded, secrets, appUrl, hubspot, standIns });
  // The worker runs in this process, reading the same configuration as the app.
  Object.assign(process.env, env);
  const worker = await startBackgroundWork(databaseUrl, { concurrency: 2 });
  log("background worker started");

  const services: Services = { worker, hubspot, standIns, embedded };
  await buildIfNeeded(env, services);
  log(`open ${appUrl} — demo users are listed in README.md (password: demo-password)`);
  startNext(env, services);
}

type DeliveryStandIns = Awaited<ReturnType<typeof startDeliveryStandIns>>;

/** What the demo runs beside the app, stopped in this order when it ends. */
interface Services {
  worker: Awaited<ReturnType<typeof startBackgroundWork>>;
  hubspot: HubSpotSandbox | undefined;
  standIns: DeliveryStandIns | undefined;
  embedded: EmbeddedPostgres | undefined;
}

/** DATABASE_URL's server, or else the embedded PostgreSQL with its data in the data directory. */
async function openDatabase(): Promise<{ databaseUrl: string; embedded?: EmbeddedPostgres }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return { databaseUrl };
  log(`starting the embedded PostgreSQL in ${path.relative(root, path.join(dataDir, "pglite")) || "."}`);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pglite") });
  return { databaseUrl: embedded.url, embedded };
}

/** Brings the schema up to date, and fills an empty database with the demo data. */
async function migrateAndSeed(databaseUrl: string) {
  const { applied } = await migrate(databaseUrl);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);

  const prisma = createPrismaClient(databaseUrl, 2);
  const seeded = await seedDemo(prisma, { log: (m) => log(m) });
  await prisma.$disconnect();
  if (seeded.created) log(`seeded ${seeded.handoffs} demo handoffs`);
}

/**
 * The app and the worker act as a role that owns nothing: rows only, append-only on the audit
 * trail and the decision log (lib/db/roles.ts). Migrations and the seed ran as the owner.
 */
async function actAsAppRole(embedded: EmbeddedPostgres, databaseUrl: string) {
  const owner = new pg.Client({ connectionString: databaseUrl });
  await owner.connect();
  await ensureAppRole(owner, EMBEDDED_APP_ROLE);
  await grantAppRole(owner, EMBEDDED_APP_ROLE);
  await owner.end();
  await embedded.actAs(EMBEDDED_APP_ROLE);
  log(`embedded PostgreSQL on ${databaseUrl}; the app acts as the role ${EMBEDDED_APP_ROLE}`);
}

/** The local HubSpot, with open deals ready to close, sending its signed webhooks to the app. */
async function startHubSpotStandIn(secrets: DemoSecrets, appUrl: string): Promise<HubSpotSandbox> {
  const hubspot = await startHubSpotSandbox({
    accessToken: secrets.HUBSPOT_ACCESS_TOKEN,
    dataFile: path.join(dataDir, "hubspot-sandbox.json"),
    webhook: { targetUrl: `${appUrl}/api/webhooks/hubspot`, clientSecret: secrets.HUBSPOT_CLIENT_SECRET },
  });
  const seededDeals = seedSandbox(hubspot.store);
  if (seededDeals.deals.length) log(`HubSpot sandbox: ${seededDeals.deals.length} open deals ready to close`);
  log(`HubSpot sandbox on ${hubspot.url}`);
  return hubspot;
}

/** The environment of the app and the worker: what is set wins, the demo fills in the rest. */
function appEnv(options: {
  databaseUrl: string;
  embedded: EmbeddedPostgres | undefined;
  secrets: DemoSecrets;
  appUrl: string;
  hubspot: HubSpotSandbox | undefined;
  standIns: DeliveryStandIns | undefined;
}): NodeJS.ProcessEnv {
  const { databaseUrl, embedded, secrets, appUrl, hubspot, standIns } = options;
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    // The embedded server serialises statements; a small pool is plenty.
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? (embedded ? "4" : "10"),
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secrets.NEXTAUTH_SECRET,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? appUrl,
    APP_URL: appUrl,
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? secrets.ENCRYPTION_KEY,
    ...(hubspot && {
      HUBSPOT_ACCESS_TOKEN: secrets.HUBSPOT_ACCESS_TOKEN,
      HUBSPOT_CLIENT_SECRET: secrets.HUBSPOT_CLIENT_SECRET,
      HUBSPOT_API_BASE_URL: hubspot.url,
      HUBSPOT_SANDBOX_URL: hubspot.url,
      // The stand-in has no record pages: a deal's source link opens it on the Sandbox page.
      HUBSPOT_RECORD_URL_BASE: `${appUrl}/sandbox/hubspot`,
    }),
    ...standIns?.env,
  };
}

/** Builds the app on the first run (or with --rebuild); a failed build stops everything and exits with its status. */
async function buildIfNeeded(env: NodeJS.ProcessEnv, { worker, hubspot, standIns, embedded }: Services) {
  if (!dev && (!existsSync(path.join(root, ".next/BUILD_ID")) || process.argv.includes("--rebuild"))) {
    log("building the app (first run only; takes a minute or two)");
    const build = spawnSync(process.execPath, [next, "build"], { cwd: root, env, stdio: "inherit" });
    if (build.status !== 0) {
      await worker.stop();
      await hubspot?.stop();
      await standIns?.stop();
      await embedded?.stop();
      process.exit(build.status ?? 1);
    }
  }
}

/** Runs `next start` (or `next dev`); a signal goes to Next, and when Next exits everything else stops too. */
function startNext(env: NodeJS.ProcessEnv, { worker, hubspot, standIns, embedded }: Services) {
  const child = spawn(process.execPath, [next, dev ? "dev" : "start", "-H", host, "-p", String(port)], { cwd: root, env, stdio: "inherit" });

  const shutdown = async (code: number) => {
    await worker.stop().catch(() => undefined);
    await hubspot?.stop().catch(() => undefined);
    await standIns?.stop().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      child.kill(signal);
    });
  }
  child.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch((error) => {
  console.error("[demo] could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
