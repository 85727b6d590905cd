// npm run test:e2e — the browser tests, end to end:
//   1. finds a Chromium (CHROMIUM_PATH, the system's, or Playwright's own) or says how to get one;
//   2. makes a fresh database (on TEST_DATABASE_URL's server, else an embedded one), migrates and seeds it;
//      on a real server the app logs in as a role that owns nothing (lib/db/roles.ts);
//   3. builds the app (skip with E2E_SKIP_BUILD=1 when the build is current);
//   4. starts the local HubSpot, ClickUp, Notion and Slack stand-ins and the background worker;
//   5. runs Playwright, which starts `next start` against all of that; then cleans up.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import pg from "pg";
import { createPrismaClient, setDb } from "../lib/db/client.ts";
import { ensureAppRole, grantAppRole } from "../lib/db/roles.ts";
import { seedDemo } from "../lib/demo/seed.ts";
import { startHubSpotSandbox, seedSandbox } from "../lib/stand-ins/hubspot/index.ts";
import { startDeliveryStandIns } from "../lib/stand-ins/index.ts";
import { logger } from "../lib/log/logger.ts";
import { startBackgroundWork } from "../lib/worker/runtime.ts";
import { createTestDatabase } from "../lib/test/database.ts";

const root = path.resolve(import.meta.dirname, "..");

function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own here
  }
  return candidates.find((c): c is string => Boolean(c && existsSync(c))) ?? null;
}

const browser = findChromium();
if (!browser) {
  console.error("No Chromium found: install one (Debian: `apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium binary.");
  process.exit(1);
}

const port = Number(process.env.E2E_PORT ?? 3100);
const appUrl = `http://127.0.0.1:${port}`;
const hubspotToken = `pat-e2e-${randomBytes(8).toString("hex")}`;
const hubspotSecret = randomBytes(16).toString("hex");

const database = await createTestDatabase();
// On a real server the app and its worker log in as a role that owns nothing, as in production;
// the tests' own fixtures keep the owner's connection.
const appRole = process.env.TEST_DATABASE_URL ? await createAppLogin(database.url) : null;
// The local HubSpot, signing its webhooks to the app under test.
const hubspot = await startHubSpotSandbox({ accessToken: hubspotToken, webhook: { targetUrl: `${appUrl}/api/webhooks/hubspot`, clientSecret: hubspotSecret } });
seedSandbox(hubspot.store);
// ClickUp, Notion and Slack stand-ins; Slack delivers signed clicks to the app.
const standIns = await startDeliveryStandIns({ appUrl });
const appEnv = {
  ...standIns.env,
  DATABASE_URL: appRole?.url ?? database.url,
  APP_URL: appUrl,
  NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-012345",
  ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
  HUBSPOT_ACCESS_TOKEN: hubspotToken,
  HUBSPOT_CLIENT_SECRET: hubspotSecret,
  HUBSPOT_API_BASE_URL: hubspot.url,
  HUBSPOT_SANDBOX_URL: hubspot.url,
  // The stand-in has no record pages: a deal's source link opens it on the Sandbox page.
  HUBSPOT_RECORD_URL_BASE: `${appUrl}/sandbox/hubspot`,
  METRICS_TOKEN: "e2e-metrics-token-0123456789",
  LOG_LEVEL: "warn",
};
// The background worker runs here, against the same database and HubSpot as the app.
Object.assign(process.env, appEnv);
logger.level = appEnv.LOG_LEVEL;
const worker = await startBackgroundWork(appEnv.DATABASE_URL, { pollInterval: 200, concurrency: 2 });

let code = 1;
try {
  setDb(database.prisma);
  await seedDemo(database.prisma, { handoffs: 200 });
  // The worker in this process goes on as the app's role.
  if (appRole) setDb(createPrismaClient(appRole.url, 5));

  if (process.env.E2E_SKIP_BUILD !== "1") {
    const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error("next build failed");
  }

  // Asynchronous on purpose: an embedded database is served from this process.
  code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", path.join(root, "node_modules/@playwright/test/cli.js"), "test", "--config", "e2e/playwright.config.ts", ...process.argv.slice(2)],
      { cwd: root, stdio: "inherit", env: { ...process.env, CHROMIUM_PATH: browser, E2E_DATABASE_URL: database.url, E2E_APP_ENV: JSON.stringify(appEnv), E2E_HUBSPOT_URL: hubspot.url } },
    );
    child.on("exit", (c) => resolve(c ?? 1));
  });
} finally {
  await worker.stop();
  await hubspot.stop();
  await standIns.stop();
  await database.drop();
  await appRole?.drop();
}
process.exit(code);

async function createAppLogin(ownerUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const role = `hcc_app_e2e_${randomBytes(4).toString("hex")}`;
  const password = randomBytes(18).toString("base64url");
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  await ensureAppRole(owner, role, password);
  await grantAppRole(owner, role);
  await owner.end();
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return {
    url: url.toString(),
    async drop() {
      const server = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await server.connect();
      await server.query(`DROP ROLE IF EXISTS "${role}"`).catch((error) => console.warn(`could not drop ${role}: ${(error as Error).message}`));
      await server.end();
    },
  };
}
