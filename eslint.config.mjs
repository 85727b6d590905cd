import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Which way imports may point (README, Architecture). A wrong-way import fails `npm run lint`.
 * Tests, scripts/ and e2e/ may import anything: they are where the stand-ins are started.
 */
const tests = ["**/*.test.ts"];
const restrict = (...patterns) => ["error", { patterns }];

const standIns = {
  group: ["**/stand-ins", "**/stand-ins/*", "@/lib/stand-ins", "@/lib/stand-ins/*"],
  message: "Production code never imports the vendor stand-ins: the demo launcher, tests and e2e start them.",
};
const database = {
  group: ["@/lib/db/client", "**/db/client*", "@prisma/*", "pg"],
  message: "UI must not import the database; pass data from a page.",
};
const reporting = {
  group: ["**/kpi/*", "**/qa/*", "@/lib/kpi/*", "@/lib/qa/*"],
  message: "The core must not import reporting (lib/kpi, lib/qa); move the shared rule to lib/rules.",
};

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/db/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    files: ["app/**/*.{ts,tsx}", "lib/**/*.ts"],
    ignores: ["lib/stand-ins/**", "lib/test/**", ...tests],
    rules: { "no-restricted-imports": restrict(standIns) },
  },
  {
    // UI never touches the database: it gets data from pages and talks to route handlers.
    files: ["components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": restrict(database, standIns) },
  },
  {
    // The core (a handoff's lifecycle, intake, delivery) never depends on reporting (KPIs, QA):
    // reporting reads the core, not the other way round.
    files: ["lib/handoffs/**/*.ts", "lib/intake/**/*.ts", "lib/delivery/**/*.ts"],
    ignores: tests,
    rules: { "no-restricted-imports": restrict(reporting, standIns) },
  },
  {
    // The sync engine is the engine only (outbox, retries, limits, breakers): what the effects are
    // and which tasks run is wired in lib/worker.
    files: ["lib/sync/**/*.ts"],
    ignores: tests,
    rules: {
      "no-restricted-imports": restrict(
        { group: ["**/integrations/*", "**/intake/*", "**/delivery/*", "**/handoffs/*", "**/kpi/*", "**/qa/*", "**/worker/*"], message: "lib/sync knows no vendor or domain: register effects and tasks in lib/worker." },
        standIns,
      ),
    },
  },
  {
    // Rules are plain functions and constants that the browser can run too: no database, no
    // server, no domain module (lib/rules imports only lib/rules and the schema's enums).
    files: ["lib/rules/**/*.ts"],
    ignores: tests,
    rules: {
      "no-restricted-imports": restrict(
        {
          group: ["**/db/*", "!**/db/generated", "**/db/generated/*", "!**/db/generated/enums*", "@prisma/*", "pg", "node:*", "next", "next/*", "server-only"],
          message: "lib/rules must stay browser-safe: no database, Node or server imports.",
        },
        {
          group: ["../*", "!../db", "@/lib/*", "!@/lib/rules"],
          message: "lib/rules imports only lib/rules and the schema's enums, so any side of the app can use it.",
        },
      ),
    },
  },
  {
    // Playwright fixtures call `use`, which is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
