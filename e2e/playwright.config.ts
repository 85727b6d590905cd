import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests against the production build (`next start`). scripts/e2e.ts
 * prepares the database and the browser and passes them in through the environment;
 * run the suite with `npm run test:e2e`.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const appEnv = process.env.E2E_APP_ENV;
if (!appEnv) throw new Error("E2E_APP_ENV is not set: run the browser tests with `npm run test:e2e`.");

export default defineConfig({
  testDir: ".",
  outputDir: "../test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "../playwright-report" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } }],
  webServer: {
    command: `node node_modules/next/dist/bin/next start -H 127.0.0.1 -p ${port}`,
    cwd: "..",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    // The same configuration as the worker in scripts/e2e.ts: database, secrets, HubSpot stand-in.
    env: { ...(JSON.parse(appEnv) as Record<string, string>), NEXT_TELEMETRY_DISABLED: "1", DATABASE_POOL_SIZE: "5", NEXTAUTH_URL: baseURL },
  },
});
