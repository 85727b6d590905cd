import type { IncomingMessage } from "node:http";
import type { SandboxRequest as BaseRequest } from "../shared/http.ts";

/** The request as Notion's routes see it: the shared one plus the headers (auth, Notion-Version). */

export interface SandboxRequest extends BaseRequest {
  headers: IncomingMessage["headers"];
}

export type { SandboxResponse } from "../shared/http.ts";
