import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/db/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // UI never touches the database: it gets data from pages and talks to route handlers.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/db/client", "**/db/client*", "@prisma/*", "pg"], message: "UI must not import the database; pass data from a page." },
          ],
        },
      ],
    },
  },
  {
    // The core (a handoff's lifecycle, intake, delivery) never depends on reporting (KPIs, QA):
    // reporting reads the core, not the other way round.
    files: ["lib/handoffs/**/*.ts", "lib/intake/**/*.ts", "lib/delivery/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/kpi/*", "**/qa/*", "@/lib/kpi/*", "@/lib/qa/*"], message: "The core must not import reporting (lib/kpi, lib/qa); move the shared rule to lib/rules." }] },
      ],
    },
  },
  {
    // Rules are plain functions and constants that the browser can run too: no database, no
    // server, no domain module (lib/rules imports only lib/rules and the schema's enums).
    files: ["lib/rules/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/db/*", "!**/db/generated", "**/db/generated/*", "!**/db/generated/enums*", "@prisma/*", "pg", "node:*", "next", "next/*", "server-only"],
              message: "lib/rules must stay browser-safe: no database, Node or server imports.",
            },
            {
              group: ["../*", "!../db", "@/lib/*", "!@/lib/rules"],
              message: "lib/rules imports only lib/rules and the schema's enums, so any side of the app can use it.",
            },
          ],
        },
      ],
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
