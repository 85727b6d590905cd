import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Code style and small units. Which way imports may point is .dependency-cruiser.cjs's job
 * (`npm run lint` runs both).
 */
const tests = ["**/*.test.ts", "**/*.test.tsx", "e2e/**"];
const size = (max) => ["error", { max, skipBlankLines: true, skipComments: true, IIFEs: true }];

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/db/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Small units: a function says one thing (about 80 lines at most), a component about 150.
    files: ["**/*.ts"],
    ignores: tests,
    rules: { "max-lines-per-function": size(80) },
  },
  {
    files: ["**/*.tsx"],
    ignores: tests,
    rules: { "max-lines-per-function": size(150) },
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
