import { pino } from "pino";

/**
 * Structured JSON logs. Secrets are redacted by key wherever they appear, so a token
 * passed along in an object never reaches the log.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "handoff-control-center" },
  redact: {
    paths: [
      "password",
      "*.password",
      "passwordHash",
      "*.passwordHash",
      "token",
      "*.token",
      "accessToken",
      "*.accessToken",
      "secret",
      "*.secret",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "*.headers.authorization",
      "encryptedSecret",
      "*.encryptedSecret",
    ],
    censor: "[redacted]",
  },
});

export type Logger = typeof logger;
