import { randomUUID } from "node:crypto";

/**
 * HubSpot's error bodies. Every CRM error carries status "error", a message, a
 * correlationId and a category; rate-limit errors carry errorType and policyName instead
 * of a category (the SDK's retry decorator keys off policyName).
 */

export interface HubSpotErrorBody {
  status: "error";
  message: string;
  correlationId: string;
  category?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: Array<{ message: string; code?: string; context?: Record<string, string[]> }>;
  errorType?: string;
  policyName?: string;
}

type ErrorFields = Omit<HubSpotErrorBody, "status" | "correlationId">;

/** An error answer: thrown by the store and handlers, written by the server. */
export class HubSpotApiError extends Error {
  readonly httpStatus: number;
  readonly fields: ErrorFields;
  readonly headers: Record<string, string>;

  constructor(httpStatus: number, fields: ErrorFields, headers: Record<string, string> = {}) {
    super(fields.message);
    this.name = "HubSpotApiError";
    this.httpStatus = httpStatus;
    this.fields = fields;
    this.headers = headers;
  }

  body(correlationId: string = randomUUID()): HubSpotErrorBody {
    const { message, ...rest } = this.fields;
    return { status: "error", message, correlationId, ...rest };
  }
}

/** One entry of "Property values were not valid: [...]", in HubSpot's own wording. */
export interface PropertyIssue {
  isValid: false;
  message: string;
  error: string;
  name: string;
  localizedErrorMessage: string;
}

export function propertyIssue(name: string, error: string, message: string): PropertyIssue {
  return { isValid: false, message, error, name, localizedErrorMessage: message };
}

export const apiErrors = {
  missingAuth: () =>
    new HubSpotApiError(401, {
      message:
        "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
      category: "INVALID_AUTHENTICATION",
    }),
  badToken: () =>
    new HubSpotApiError(401, {
      message: "The OAuth token used to make this call expired or is invalid.",
      category: "INVALID_AUTHENTICATION",
      subCategory: "INVALID_OAUTH_TOKEN",
    }),
  objectNotFound: (id: string) =>
    new HubSpotApiError(404, { message: "Object not found. objectId are usually numeric.", category: "OBJECT_NOT_FOUND", context: { id: [id] } }),
  notFound: (message: string) => new HubSpotApiError(404, { message, category: "OBJECT_NOT_FOUND" }),
  invalidProperties: (issues: PropertyIssue[]) =>
    new HubSpotApiError(400, { message: `Property values were not valid: ${JSON.stringify(issues)}`, category: "VALIDATION_ERROR" }),
  validation: (message: string, context?: Record<string, string[]>) =>
    new HubSpotApiError(400, { message, category: "VALIDATION_ERROR", ...(context ? { context } : {}) }),
  conflict: (message: string, subCategory?: string) =>
    new HubSpotApiError(409, { message, category: "OBJECT_ALREADY_EXISTS", ...(subCategory ? { subCategory } : {}) }),
  rateLimited: (retryAfterSeconds: number) =>
    new HubSpotApiError(
      429,
      { message: "You have reached your ten_secondly_rolling limit.", errorType: "RATE_LIMIT", policyName: "TEN_SECONDLY_ROLLING" },
      { "Retry-After": String(retryAfterSeconds) },
    ),
  internal: () => new HubSpotApiError(500, { message: "internal error", category: "INTERNAL_ERROR" }),
  unavailable: () => new HubSpotApiError(503, { message: "Service Unavailable. Please try again later.", category: "SERVICE_UNAVAILABLE" }),
  unknownRoute: (method: string, path: string) =>
    new HubSpotApiError(404, { message: `The HubSpot sandbox does not implement ${method} ${path}`, category: "OBJECT_NOT_FOUND" }),
  methodNotAllowed: (method: string, path: string) =>
    new HubSpotApiError(405, { message: `HTTP method ${method} is not supported by ${path}`, category: "VALIDATION_ERROR" }),
};
