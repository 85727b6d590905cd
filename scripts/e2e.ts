// npm run test:e2e — the browser tests, end to end:
//   1. finds a Chromium (CHROMIUM_PATH, the system's, or Playwright's own) or says how to get one;
//   2. makes a fresh database (on TEST_DATABASE_URL's server, else an embedded one), migrates and seeds it;
//   3. builds the app (skip with E2E_SKIP_BUILD=1 when the build is current);
//   4. runs Playwright, which starts `next start` against that database; then drops the database.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { setDb } from "../lib/db/client.ts";
import { seedDemo } from "../lib/demo/seed.ts";
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

const database = await createTestDatabase();
let code = 1;
try {
  setDb(database.prisma);
  await seedDemo(database.prisma, { handoffs: 200 });

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
      [path.join(root, "node_modules/@playwright/test/cli.js"), "test", "--config", "e2e/playwright.config.ts", ...process.argv.slice(2)],
      { cwd: root, stdio: "inherit", env: { ...process.env, CHROMIUM_PATH: browser, E2E_DATABASE_URL: database.url } },
    );
    child.on("exit", (c) => resolve(c ?? 1));
  });
} finally {
  await database.drop();
}
process.exit(code);
