import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  // As in Next's server bundles, `server-only` (imported by lib/db/client.ts) is nothing on the server.
  resolve: { alias: { "@": root, "server-only": path.join(root, "node_modules/server-only/empty.js") } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests each make their own database; two cores, so keep it modest.
    maxWorkers: 2,
    env: {
      NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123",
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      DATABASE_URL: "postgresql://unused@127.0.0.1:1/unused",
      LOG_LEVEL: "silent",
    },
  },
});
