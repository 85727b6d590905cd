/**
 * ClickUp's error answers: a non-200 status and `{ "err": "...", "ECODE": "..." }`.
 *
 * The codes ClickUp documents (developer.clickup.com/docs/common_errors) or that its API is
 * widely seen to answer are used as they are. ClickUp publishes no catalogue for validation
 * errors, so where the real code is unknown the stand-in answers ClickUp's shape with a code
 * of its own, prefixed SANDBOX_, rather than inventing a vendor code a client might match on.
 */

export interface ClickUpErrorBody {
  err: string;
  ECODE: string;
}

/** An error answer: thrown by the handlers, written by the server. */
export class ClickUpApiError extends Error {
  constructor(
    readonly status: number,
    readonly err: string,
    readonly ecode: string,
  ) {
    super(err);
    this.name = "ClickUpApiError";
  }

  get body(): ClickUpErrorBody {
    return { err: this.err, ECODE: this.ecode };
  }
}

const error = (status: number, err: string, ecode: string) => new ClickUpApiError(status, err, ecode);

export const apiErrors = {
  /** Documented: "Authorization Header Required" is OAUTH_017. */
  authHeaderMissing: () => error(401, "Authorization header required", "OAUTH_017"),
  /** Documented among the "Token not found" codes; ClickUp's wording is "Token invalid". */
  tokenInvalid: () => error(401, "Token invalid", "OAUTH_025"),
  /**
   * ClickUp answers an id that does not exist, or that the token cannot see, with this 401
   * rather than a 404, for teams, spaces, folders, lists and tasks alike. The stand-in does
   * the same, so a client cannot tell "deleted" from "no access" here either.
   */
  teamNotAuthorized: () => error(401, "Team not authorized", "OAUTH_027"),
  routeNotFound: () => error(404, "Route not found", "APP_001"),
  rateLimited: () => error(429, "Rate limit reached", "APP_002"),
  taskNameInvalid: () => error(400, "Task name invalid", "INPUT_005"),

  // The stand-in's own codes (see above).
  invalidJson: (detail: string) => error(400, `Invalid JSON body: ${detail}`, "SANDBOX_JSON"),
  invalidInput: (detail: string) => error(400, detail, "SANDBOX_INPUT"),
  nameInvalid: (what: "Folder" | "List") => error(400, `${what} name invalid`, "SANDBOX_INPUT"),
  assigneeNotMember: (ids: number[]) => error(400, `Assignees are not members of this Workspace: ${ids.join(", ")}`, "SANDBOX_ASSIGNEE"),
  statusNotFound: (status: string) => error(400, `Status not found: ${status}`, "SANDBOX_STATUS"),
  fieldNotFound: (fieldId: string) => error(400, `Custom Field ${fieldId} is not accessible from this task's List`, "SANDBOX_FIELD"),
  fieldValueInvalid: (detail: string) => error(400, detail, "SANDBOX_FIELD"),
  filterInvalid: (detail: string) => error(400, `Invalid custom_fields filter: ${detail}`, "SANDBOX_FILTER"),
  dependencyInvalid: (detail: string) => error(400, detail, "SANDBOX_DEPENDENCY"),
  tooLarge: () => error(413, "Request body too large", "SANDBOX_TOO_LARGE"),
  internal: () => error(500, "Internal server error", "SANDBOX_INTERNAL"),
  unavailable: () => error(503, "Service unavailable", "SANDBOX_UNAVAILABLE"),
};
