import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type AnySchema } from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackSandbox, type SlackSandbox } from "./index.ts";

/**
 * What we send and what the stand-in answers, checked against Slack's published (if frozen,
 * Oct 2020) Swagger 2.0 description. The spec's own examples fail its schemas, so only the
 * schemas are used.
 */

const specsDir = path.resolve(import.meta.dirname, "../../..", process.env.VENDOR_SPECS_DIR ?? "../shared/vendor-specs");
const specFile = path.join(specsDir, "slack", "slack_web_openapi_v2.json");

type Json = Record<string, unknown>;
interface Operation {
  consumes?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  responses: Record<string, { schema?: Json }>;
}
interface Spec {
  basePath: string;
  paths: Record<string, Record<string, Operation>>;
  definitions: Record<string, Json>;
}

// The form arguments our notifier sends to each method (token travels as a Bearer header).
const SENT_ARGS = {
  "chat.postMessage": ["channel", "text", "blocks", "thread_ts", "unfurl_links"],
  "chat.update": ["channel", "ts", "text", "blocks"],
  "auth.test": [],
} as const;

if (existsSync(specFile)) {
  describe("Slack sandbox against slack_web_openapi_v2.json", () => {
    const TOKEN = "xoxb-contract";
    const spec = JSON.parse(readFileSync(specFile, "utf8")) as Spec;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    let sandbox: SlackSandbox;

    const operation = (method: string, verb: "get" | "post"): Operation => {
      const op = spec.paths[`/${method}`]?.[verb];
      if (!op) throw new Error(`The spec has no ${verb.toUpperCase()} /${method}`);
      return op;
    };

    /** The spec's schema for one response, with its definitions in reach of the "#/definitions/..." refs. */
    function validator(op: Operation, response: "200" | "default", patch?: (schema: Json) => Json) {
      const schema = op.responses[response]?.schema;
      expect(schema, `response ${response} has a schema`).toBeDefined();
      const validate = ajv.compile({ ...(patch ? patch(schema!) : schema!), definitions: spec.definitions } as AnySchema);
      return (body: unknown) => {
        const valid = validate(body);
        expect(valid, `${ajv.errorsText(validate.errors, { separator: "\n" })}\n${JSON.stringify(body)}`).toBe(true);
      };
    }

    async function call(method: string, args: Record<string, string>) {
      const response = await fetch(`${sandbox.url}/api/${method}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: `Bearer ${TOKEN}` },
        body: new URLSearchParams(args).toString(),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Json;
    }

    const blocks = JSON.stringify([
      { type: "section", text: { type: "mrkdwn", text: "*Acme* is ready" } },
      { type: "actions", elements: [{ type: "button", action_id: "handoff.accept", text: { type: "plain_text", text: "Accept" }, value: "h_1" }] },
    ]);

    beforeAll(async () => {
      sandbox = await startSlackSandbox({ token: TOKEN, rateLimit: false });
    });
    afterAll(async () => {
      await sandbox?.stop();
    });

    it("declares the methods we call under /api, accepting form bodies", () => {
      expect(spec.basePath).toBe("/api");
      for (const [method, verb] of [["chat.postMessage", "post"], ["chat.update", "post"], ["auth.test", "get"]] as const) {
        expect(operation(method, verb).consumes).toContain("application/x-www-form-urlencoded");
      }
    });

    it("declares every form argument we send", () => {
      for (const [method, args] of Object.entries(SENT_ARGS)) {
        const verb = method === "auth.test" ? "get" : "post";
        const declared = (operation(method, verb).parameters ?? []).filter((p) => p.in === "formData").map((p) => p.name);
        for (const arg of args) expect(declared, `${method} declares ${arg}`).toContain(arg);
        // And we send every form argument the spec requires.
        const required = (operation(method, verb).parameters ?? []).filter((p) => p.in === "formData" && p.required).map((p) => p.name);
        expect(args).toEqual(expect.arrayContaining(required));
      }
    });

    it("answers auth.test (POST as the SDK sends it, and GET as the spec declares it) per its success schema", async () => {
      const op = operation("auth.test", "get");
      // The schema has teeth: a bare { ok: true } misses its required fields.
      expect(ajv.validate({ ...op.responses["200"].schema, definitions: spec.definitions } as AnySchema, { ok: true })).toBe(false);
      const valid = validator(op, "200");
      valid(await call("auth.test", {}));
      const viaGet = await fetch(`${sandbox.url}/api/auth.test`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      valid(await viaGet.json());
    });

    it("answers chat.postMessage per its success and error schemas", async () => {
      const op = operation("chat.postMessage", "post");
      const body = await call("chat.postMessage", { channel: "C0DELIVERY", text: "Acme is ready", blocks, unfurl_links: "false" });
      validator(op, "200")(body);
      validator(op, "200")(await call("chat.postMessage", { channel: "C0DELIVERY", text: "threaded", thread_ts: body.ts as string }));
      validator(op, "default")(await call("chat.postMessage", { channel: "C0NOTHERE0", text: "x" }));
    });

    it("answers chat.getPermalink (which the spec declares as GET with channel and message_ts) per its success and error schemas", async () => {
      const op = operation("chat.getPermalink", "get");
      const declared = (op.parameters ?? []).map((p) => p.name);
      expect(declared).toEqual(expect.arrayContaining(["channel", "message_ts"]));
      const posted = await call("chat.postMessage", { channel: "C0DELIVERY", text: "Acme is ready" });
      const answer = await call("chat.getPermalink", { channel: "C0DELIVERY", message_ts: posted.ts as string });
      validator(op, "200")(answer);
      expect(answer.permalink).toMatch(/^https:\/\/[a-z0-9-]+\.slack\.com\/archives\/C0DELIVERY\/p\d+$/);
      validator(op, "default")(await call("chat.getPermalink", { channel: "C0DELIVERY", message_ts: "1700000000.000001" }));
    });

    it("answers chat.update per its success and error schemas", async () => {
      const op = operation("chat.update", "post");
      const posted = await call("chat.postMessage", { channel: "C0DELIVERY", text: "Acme is ready", blocks });
      // The spec types message.blocks as an object; Slack (and its own objs_message) return the block array.
      const relaxBlocks = (schema: Json): Json => {
        const props = schema.properties as Json & { message: Json & { properties: Json } };
        return { ...schema, properties: { ...props, message: { ...props.message, properties: { ...props.message.properties, blocks: { $ref: "#/definitions/blocks" } } } } };
      };
      validator(op, "200", relaxBlocks)(await call("chat.update", { channel: "C0DELIVERY", ts: posted.ts as string, text: "Accepted", blocks }));
      validator(op, "200", relaxBlocks)(await call("chat.update", { channel: "C0DELIVERY", ts: posted.ts as string, text: "Text only" }));
      validator(op, "default")(await call("chat.update", { channel: "C0DELIVERY", ts: "1700000000.000001", text: "x" }));
    });
  });
} else {
  // The contract is the point of these tests: without the vendor's description they fail, never skip.
  it("finds the vendor's published API description", () => {
    expect.fail(`No API description at ${specFile}: point VENDOR_SPECS_DIR at the vendor-specs folder.`);
  });
}
