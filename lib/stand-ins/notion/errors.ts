/**
 * Errors in Notion's shape: `{"object":"error","status":…,"code":…,"message":…,"request_id":…}`.
 * The official SDK only turns a body of this shape (with a code it knows) into an
 * APIResponseError, and only retries rate_limited / service_overload (and 500/503 on GET and
 * DELETE) when it can read the code, so every error the stand-in answers goes through here.
 * Messages follow the wording Notion uses where it is known.
 */

export type NotionErrorCode =
  | "unauthorized"
  | "missing_version"
  | "invalid_request_url"
  | "invalid_request"
  | "invalid_json"
  | "validation_error"
  | "object_not_found"
  | "rate_limited"
  | "internal_server_error"
  | "service_unavailable"
  | "service_overload";

export class NotionApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: NotionErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly additionalData?: Record<string, string>,
  ) {
    super(message);
  }

  body(requestId: string) {
    return {
      object: "error" as const,
      status: this.status,
      code: this.code,
      message: this.message,
      ...(this.additionalData ? { additional_data: this.additionalData } : {}),
      request_id: requestId,
    };
  }
}

export type ObjectKind = "page" | "block" | "database" | "data source" | "user";

/** The one API version whose shapes the stand-in answers with (the SDK 5.x default). */
export const NOTION_VERSION = "2025-09-03";

export const notionErrors = {
  unauthorized: () => new NotionApiError(401, "unauthorized", "API token is invalid."),
  missingVersion: () =>
    new NotionApiError(400, "missing_version", "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`."),
  // Real Notion serves several versions; answering an older one with 2025-09-03 shapes would hide client bugs.
  unsupportedVersion: (version: string) =>
    new NotionApiError(400, "validation_error", `Notion-Version header failed validation: Notion-Version header should be \`"${NOTION_VERSION}"\`, instead was \`${JSON.stringify(version)}\`.`),
  invalidRequestUrl: () => new NotionApiError(400, "invalid_request_url", "Invalid request URL."),
  invalidJson: () => new NotionApiError(400, "invalid_json", "Error parsing JSON body."),
  validation: (message: string) => new NotionApiError(400, "validation_error", message),
  archived: (kind: "block" | "page") =>
    new NotionApiError(400, "validation_error", `Can't edit ${kind} that is archived. You must unarchive the ${kind} before editing.`),
  invalidPathId: (name: string, value: string) =>
    new NotionApiError(400, "validation_error", `path failed validation: path.${name} should be a valid uuid, instead was \`${JSON.stringify(value)}\`.`),
  notFound: (kind: ObjectKind, id: string) =>
    new NotionApiError(404, "object_not_found", `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`),
  rateLimited: (retryAfterSeconds: number) =>
    new NotionApiError(429, "rate_limited", "You have been rate limited. Please try again in a few minutes.", { "Retry-After": String(retryAfterSeconds) }, {
      rate_limit_reason: "public_api_request_rate_limit",
    }),
  internal: () => new NotionApiError(500, "internal_server_error", "Unexpected error occurred."),
  unavailable: () => new NotionApiError(503, "service_unavailable", "Notion is unavailable, please try again later."),
  overloaded: (retryAfterSeconds: number) =>
    new NotionApiError(529, "service_overload", "Notion is overloaded, please try again later.", { "Retry-After": String(retryAfterSeconds) }),
};
