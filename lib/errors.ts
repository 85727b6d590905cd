import { z } from "zod";

/**
 * Expected failures carry a code and a message meant for the person who caused them.
 * Anything else is unexpected: logged with a trace id and shown generically.
 */
export type DomainErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "INVALID" | "TOO_LARGE";

const HTTP_STATUS: Record<DomainErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 422,
  TOO_LARGE: 413,
};

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: DomainErrorCode, message: string, fieldErrors?: Record<string, string[]>) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

export const forbidden = (message: string) => new DomainError("FORBIDDEN", message);
export const conflict = (message: string) => new DomainError("CONFLICT", message);
export const notFound = (message: string) => new DomainError("NOT_FOUND", message);
export const invalid = (message: string, fieldErrors?: Record<string, string[]>) =>
  new DomainError("INVALID", message, fieldErrors);

export const tooLarge = (message: string) => new DomainError("TOO_LARGE", message);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/**
 * Zod's own messages ("Too big: expected string to have <=2000 characters") are for
 * developers. This error map says the same thing to a person; a message a schema sets
 * itself ("Say why (at least 3 characters).") always wins over it.
 */
export const humanIssueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "too_big":
      if (issue.origin === "string") return `Keep it under ${count(issue.maximum)} characters.`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at most ${count(issue.maximum)}.`;
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") return `Enter ${count(issue.maximum)} or less.`;
      if (issue.origin === "date") return "Pick an earlier date.";
      return "This is too long.";
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "This cannot be empty." : `Use at least ${count(issue.minimum)} characters.`;
      if (issue.origin === "array" || issue.origin === "set") return Number(issue.minimum) <= 1 ? "Choose at least one." : `Choose at least ${count(issue.minimum)}.`;
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") return `Enter ${count(issue.minimum)} or more.`;
      if (issue.origin === "date") return "Pick a later date.";
      return "This is too short.";
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return "This is required.";
      return TYPE_HINT[issue.expected] ?? "This value is not valid.";
    case "invalid_format":
      return FORMAT_HINT[issue.format] ?? "This is not in the expected format.";
    case "invalid_value":
      return issue.values.length > 0 && issue.values.length <= 6 ? `Choose one of: ${issue.values.map(String).join(", ")}.` : "Choose one of the options offered.";
    case "unrecognized_keys":
      return `Unexpected field${issue.keys.length === 1 ? "" : "s"}: ${issue.keys.join(", ")}.`;
    case "invalid_union":
      return "This value is not valid.";
    case "not_multiple_of":
      return `Enter a multiple of ${String(issue.divisor)}.`;
    default:
      return undefined;
  }
};

const count = (n: number | bigint) => Number(n).toLocaleString("en-US");

const TYPE_HINT: Partial<Record<string, string>> = {
  string: "Enter text.",
  number: "Enter a number.",
  int: "Enter a whole number.",
  boolean: "Choose yes or no.",
  array: "Choose from the list.",
  object: "This value is not valid.",
  date: "Enter a date.",
};

const FORMAT_HINT: Partial<Record<string, string>> = {
  date: "Enter a date as YYYY-MM-DD.",
  datetime: "Enter a date and time.",
  email: "Enter an email address.",
  url: "Enter a full link, starting with https://.",
  regex: "This is not in the expected format.",
};

/** A refused input as the person who sent it reads it: the first problem, and each field's. */
export function invalidInput(error: z.ZodError): DomainError {
  const message = (issue: z.core.$ZodIssue) => {
    if (!isZodDefault(issue)) return issue.message;
    // A finished issue no longer carries the input; zod's message still says whether there was one.
    const input = issue.code === "invalid_type" && !/received (undefined|null)$/.test(issue.message) ? true : undefined;
    return stringOf(humanIssueMessage({ ...issue, input } as never)) ?? issue.message;
  };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path[0];
    if (typeof key === "string" || typeof key === "number") (fieldErrors[String(key)] ??= []).push(message(issue));
  }
  const first = error.issues[0];
  return invalid(first ? message(first) : "This request is not valid.", Object.keys(fieldErrors).length ? fieldErrors : undefined);
}

/** Parses what a person sent with the human error map; throws an INVALID DomainError when it does not fit. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input, { error: humanIssueMessage });
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

const stringOf = (value: ReturnType<z.core.$ZodErrorMap>) => (typeof value === "string" ? value : (value?.message ?? undefined));
const english = z.locales.en().localeError;

/** Whether zod wrote this message itself (the schema set none, and no human map was used). */
function isZodDefault(issue: z.core.$ZodIssue): boolean {
  if (issue.code === "invalid_type") return issue.message.startsWith("Invalid input");
  return stringOf(english(issue as never)) === issue.message;
}
