import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { verifySlackRequest } from "../../integrations/slack/signature.ts";
import { FAULT_KINDS, startSlackSandbox, type BlockActionsPayload, type SlackSandboxOptions } from "./index.ts";

const TOKEN = "xoxb-sandbox-test-token";
const SECRET = "sandbox-signing-secret";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function start(options: Partial<SlackSandboxOptions> = {}) {
  const sandbox = await startSlackSandbox({ token: TOKEN, signingSecret: SECRET, ...options });
  cleanups.push(() => sandbox.stop());
  return sandbox;
}

type Json = Record<string, unknown>;

/** What @slack/web-api sends: a form-encoded POST with the token as a Bearer header and blocks as a JSON string. */
async function call(url: string, method: string, args: Record<string, unknown>, token: string | null = TOKEN) {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(args)) {
    if (value !== undefined) form.set(name, typeof value === "string" ? value : JSON.stringify(value));
  }
  const response = await fetch(`${url}/api/${method}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: form.toString(),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

const BLOCKS = [
  { type: "section", text: { type: "mrkdwn", text: "*Acme* is ready for delivery" } },
  {
    type: "actions",
    block_id: "handoff_actions",
    elements: [
      { type: "button", action_id: "handoff.accept", text: { type: "plain_text", text: "Accept" }, value: "h_42" },
      { type: "button", action_id: "handoff.reject", text: { type: "plain_text", text: "Reject" }, value: "h_42" },
    ],
  },
];

describe("Slack sandbox Web API", () => {
  it("answers auth.test like Slack", async () => {
    const sandbox = await start();
    const { status, body } = await call(sandbox.url, "auth.test", {});
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, team_id: "T0SANDBOX1", user_id: "U0SANDBOT", bot_id: "B0SANDBOX1", url: expect.stringMatching(/^https:\/\//) });
  });

  it("posts, updates and lists messages with their history", async () => {
    const sandbox = await start();
    const posted = await call(sandbox.url, "chat.postMessage", { channel: "C0DELIVERY", text: "Acme is ready", blocks: BLOCKS });
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ ok: true, channel: "C0DELIVERY", message: { type: "message", text: "Acme is ready", bot_id: "B0SANDBOX1", blocks: BLOCKS } });
    const ts = posted.body.ts as string;
    expect(ts).toMatch(/^\d{10}\.\d{6}$/);

    const byName = await call(sandbox.url, "chat.postMessage", { channel: "#delivery-handoffs", text: "second" });
    expect(byName.body).toMatchObject({ ok: true, channel: "C0DELIVERY" });
    expect(byName.body.ts).not.toBe(ts);

    const updated = await call(sandbox.url, "chat.update", { channel: "C0DELIVERY", ts, text: "Acme accepted", blocks: [BLOCKS[0]] });
    expect(updated.body).toMatchObject({ ok: true, channel: "C0DELIVERY", ts, text: "Acme accepted", message: { text: "Acme accepted", blocks: [BLOCKS[0]] } });

    const history = await call(sandbox.url, "conversations.history", { channel: "C0DELIVERY" });
    expect(history.body).toMatchObject({ ok: true, has_more: false, response_metadata: { next_cursor: "" } });
    expect((history.body.messages as Json[]).map((m) => m.text)).toEqual(["second", "Acme accepted"]);

    const stored = sandbox.store.message("C0DELIVERY", ts)!;
    expect(stored.versions.map((v) => v.text)).toEqual(["Acme is ready", "Acme accepted"]);
    const control = (await (await fetch(`${sandbox.url}/__sandbox/messages?channel=C0DELIVERY`)).json()) as { messages: Array<{ ts: string; versions: unknown[] }> };
    expect(control.messages.find((m) => m.ts === ts)?.versions).toHaveLength(2);
  });

  it("pages conversations.history newest first", async () => {
    const sandbox = await start({ rateLimit: false });
    for (let i = 1; i <= 5; i++) await call(sandbox.url, "chat.postMessage", { channel: "C0ESCALATE", text: `m${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(sandbox.url, "conversations.history", { channel: "C0ESCALATE", limit: "2", cursor });
      seen.push(...(page.body.messages as Json[]).map((m) => m.text as string));
      cursor = (page.body.response_metadata as { next_cursor: string }).next_cursor || undefined;
      expect(page.body.has_more).toBe(cursor !== undefined);
    } while (cursor);
    expect(seen).toEqual(["m5", "m4", "m3", "m2", "m1"]);
    expect((await call(sandbox.url, "conversations.history", { channel: "C0ESCALATE", cursor: "bogus" })).body).toEqual({ ok: false, error: "invalid_cursor" });
  });

  it("accepts JSON bodies and GET query arguments", async () => {
    const sandbox = await start();
    const json = await fetch(`${sandbox.url}/api/chat.postMessage`, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8", Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ channel: "C0DELIVERY", blocks: BLOCKS }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: "C0DELIVERY", message: { text: "", blocks: BLOCKS } });
    const info = await fetch(`${sandbox.url}/api/conversations.info?channel=C0DELIVERY`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(await info.json()).toMatchObject({ ok: true, channel: { id: "C0DELIVERY", name: "delivery-handoffs", is_channel: true } });
  });

  it("looks users up by email and id", async () => {
    const sandbox = await start();
    expect((await call(sandbox.url, "users.lookupByEmail", { email: "PM@demo.local" })).body).toMatchObject({ ok: true, user: { id: "U0SEED03", profile: { email: "pm@demo.local" } } });
    expect((await call(sandbox.url, "users.lookupByEmail", { email: "nobody@demo.local" })).body).toEqual({ ok: false, error: "users_not_found" });
    expect((await call(sandbox.url, "users.info", { user: "U0SEED05" })).body).toMatchObject({ ok: true, user: { real_name: "Dana Kim" } });
    expect((await call(sandbox.url, "users.info", { user: "U0NOPE" })).body).toEqual({ ok: false, error: "user_not_found" });
  });

  it("posts to a user id as the app's direct message with that person, kept apart from the channels", async () => {
    const app = await receiver(() => ({ status: 200, body: "" }));
    const sandbox = await start({ interactionUrl: app.url });
    const posted = await call(sandbox.url, "chat.postMessage", { channel: "U0SEED05", text: "Is this you?", blocks: BLOCKS });
    expect(posted.body).toMatchObject({ ok: true, channel: "D0SEED05", ts: expect.any(String) });
    const again = await call(sandbox.url, "chat.postMessage", { channel: "U0SEED05", text: "Still you?" });
    expect(again.body).toMatchObject({ ok: true, channel: "D0SEED05" });
    expect((await call(sandbox.url, "chat.postMessage", { channel: "U0NOSUCH1", text: "hi" })).body).toEqual({ ok: false, error: "channel_not_found" });
    expect((await call(sandbox.url, "chat.postMessage", { channel: "U0SANDBOT", text: "hi" })).body).toEqual({ ok: false, error: "cannot_dm_bot" });
    expect((await call(sandbox.url, "conversations.info", { channel: "D0SEED05" })).body).toMatchObject({ ok: true, channel: { id: "D0SEED05", is_im: true, user: "U0SEED05" } });

    // The control API lists a person's direct messages only when asked for them.
    const all = (await (await fetch(`${sandbox.url}/__sandbox/messages`)).json()) as { messages: Json[] };
    expect(all.messages).toEqual([]);
    const dana = (await (await fetch(`${sandbox.url}/__sandbox/messages?dm=U0SEED05`)).json()) as { messages: Json[] };
    expect(dana.messages.map((m) => m.text)).toEqual(["Is this you?", "Still you?"]);
    const priya = (await (await fetch(`${sandbox.url}/__sandbox/messages?dm=U0SEED02`)).json()) as { messages: Json[] };
    expect(priya.messages).toEqual([]);

    // A click in the direct message is signed like any other, with the clicker's team.
    const result = await sandbox.clickButton({ channel: "D0SEED05", ts: posted.body.ts as string, actionId: "handoff.accept", userId: "U0SEED05" });
    expect(result.status).toBe(200);
    expect(result.payload).toMatchObject({ user: { id: "U0SEED05", team_id: "T0SANDBOX1" }, team: { id: "T0SANDBOX1" }, channel: { id: "D0SEED05", name: "directmessage" } });
  });

  it("answers errors with HTTP 200 and ok:false", async () => {
    const sandbox = await start();
    const posted = await call(sandbox.url, "chat.postMessage", { channel: "C0DELIVERY", text: "hi" });
    const cases: Array<[string, Record<string, unknown>, string | null, string]> = [
      ["chat.postMessage", { channel: "C0DELIVERY", text: "hi" }, null, "not_authed"],
      ["chat.postMessage", { channel: "C0DELIVERY", text: "hi" }, "xoxb-wrong", "invalid_auth"],
      ["auth.test", {}, "xoxb-wrong", "invalid_auth"],
      ["chat.postMessage", { channel: "C0MISSING1", text: "hi" }, TOKEN, "channel_not_found"],
      ["chat.postMessage", { text: "hi" }, TOKEN, "channel_not_found"],
      ["chat.postMessage", { channel: "C0DELIVERY" }, TOKEN, "no_text"],
      ["chat.postMessage", { channel: "C0DELIVERY", text: "hi", blocks: [{ type: "banner" }] }, TOKEN, "invalid_blocks"],
      ["chat.postMessage", { channel: "C0DELIVERY", text: "hi", blocks: [{ text: "no type" }] }, TOKEN, "invalid_blocks"],
      ["chat.postMessage", { channel: "C0DELIVERY", text: "hi", blocks: "[not json" }, TOKEN, "invalid_blocks"],
      ["chat.postMessage", { channel: "C0DELIVERY", text: "hi", blocks: { type: "section" } }, TOKEN, "invalid_blocks"],
      ["chat.update", { channel: "C0DELIVERY", ts: "1700000000.000001", text: "x" }, TOKEN, "message_not_found"],
      ["chat.update", { channel: "C0NOPE0000", ts: posted.body.ts, text: "x" }, TOKEN, "channel_not_found"],
      ["chat.update", { channel: "C0DELIVERY", ts: posted.body.ts }, TOKEN, "no_text"],
      ["conversations.info", { channel: "C0NOPE0000" }, TOKEN, "channel_not_found"],
      // A channel the bot was never invited to.
      ["chat.postMessage", { channel: "C0WARROOM1", text: "hi" }, TOKEN, "not_in_channel"],
      ["conversations.history", { channel: "C0WARROOM1" }, TOKEN, "not_in_channel"],
    ];
    for (const [method, args, token, error] of cases) {
      const { status, body } = await call(sandbox.url, method, args, token);
      expect({ method, args, status, body }).toEqual({ method, args, status: 200, body: { ok: false, error } });
    }
    const human = sandbox.store.post("C0DELIVERY", { text: "from a person", user: "U0SEED03" });
    expect((await call(sandbox.url, "chat.update", { channel: "C0DELIVERY", ts: human.ts, text: "x" })).body).toEqual({ ok: false, error: "cant_update_message" });
    const unknown = await call(sandbox.url, "chat.delete", { channel: "C0DELIVERY", ts: posted.body.ts });
    expect(unknown).toMatchObject({ status: 404, body: { ok: false, error: "unknown_method" } });
  });

  it("rate-limits chat.postMessage per channel with 429 and Retry-After", async () => {
    let now = 1_732_449_000_000;
    const sandbox = await start({ rateLimit: { perSecond: 1, burst: 2 }, clock: () => now });
    for (let i = 0; i < 2; i++) expect((await call(sandbox.url, "chat.postMessage", { channel: "C0DELIVERY", text: `ok ${i}` })).body.ok).toBe(true);
    const limited = await call(sandbox.url, "chat.postMessage", { channel: "C0DELIVERY", text: "too fast" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.body).toEqual({ ok: false, error: "ratelimited" });
    // Other channels and other methods are unaffected.
    expect((await call(sandbox.url, "chat.postMessage", { channel: "C0ESCALATE", text: "elsewhere" })).status).toBe(200);
    expect((await call(sandbox.url, "auth.test", {})).status).toBe(200);
    now += 1_000;
    expect((await call(sandbox.url, "chat.postMessage", { channel: "C0DELIVERY", text: "later" })).body.ok).toBe(true);
    expect(sandbox.store.history("C0DELIVERY").map((m) => m.text)).toEqual(["ok 0", "ok 1", "later"]);
  });
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

async function receiver(answer: (received: Received) => { status: number; body: string }) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(entry);
      const { status, body } = answer(entry);
      res.writeHead(status, { "Content-Type": "text/plain" });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/slack/interactions`, received };
}

describe("Slack sandbox interactivity", () => {
  it("delivers a signed block_actions payload for a button click", async () => {
    const app = await receiver(() => ({ status: 200, body: "" }));
    const sandbox = await start({ interactionUrl: app.url });
    const posted = await call(sandbox.url, "chat.postMessage", { channel: "C0DELIVERY", text: "Acme is ready", blocks: BLOCKS });
    const ts = posted.body.ts as string;

    const result = await sandbox.clickButton({ channel: "C0DELIVERY", ts, actionId: "handoff.accept", userId: "U0SEED05" });
    expect(result).toMatchObject({ status: 200, body: "" });
    expect(app.received).toHaveLength(1);
    const [{ headers, body }] = app.received;
    expect(headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const signature = headers["x-slack-signature"] as string;
    const timestamp = headers["x-slack-request-timestamp"] as string;
    expect(verifySlackRequest({ signingSecret: SECRET, signature, timestamp, body })).toEqual({ ok: true });
    expect(verifySlackRequest({ signingSecret: "wrong", signature, timestamp, body })).toEqual({ ok: false, reason: "bad_signature" });

    const payload = JSON.parse(new URLSearchParams(body).get("payload")!) as BlockActionsPayload;
    expect(payload).toMatchObject({
      type: "block_actions",
      user: { id: "U0SEED05", username: "dana", name: "dana", team_id: "T0SANDBOX1" },
      team: { id: "T0SANDBOX1" },
      channel: { id: "C0DELIVERY", name: "delivery-handoffs" },
      container: { type: "message", message_ts: ts, channel_id: "C0DELIVERY" },
      message: { ts, text: "Acme is ready", blocks: BLOCKS },
      actions: [{ action_id: "handoff.accept", block_id: "handoff_actions", value: "h_42", type: "button" }],
    });
    expect(payload.trigger_id).toEqual(expect.any(String));
    expect(payload.actions[0].action_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(payload.response_url.startsWith(`${sandbox.url}/__sandbox/response/`)).toBe(true);

    // The app answers through response_url: an ephemeral note, then replacing the original.
    await fetch(payload.response_url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ response_type: "ephemeral", text: "Accepted" }) });
    const replaced = await fetch(payload.response_url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ replace_original: true, text: "Accepted by Dana" }) });
    expect(await replaced.json()).toEqual({ ok: true });
    const { responses } = (await (await fetch(`${sandbox.url}/__sandbox/responses`)).json()) as { responses: Array<{ body: Json }> };
    expect(responses.map((r) => r.body)).toEqual([{ response_type: "ephemeral", text: "Accepted" }, { replace_original: true, text: "Accepted by Dana" }]);
    expect(sandbox.store.message("C0DELIVERY", ts)).toMatchObject({ text: "Accepted by Dana", versions: [{ via: "api" }, { via: "response_url" }] });
    expect((await fetch(`${sandbox.url}/__sandbox/response/unknown`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("keeps each person's ephemeral replies to that person", async () => {
    const app = await receiver(() => ({ status: 200, body: "" }));
    const sandbox = await start({ interactionUrl: app.url });
    const { ts } = sandbox.store.post("C0DELIVERY", { text: "Acme", blocks: BLOCKS as never });
    const answer = async (userId: string, reply: Json) => {
      const { payload } = await sandbox.clickButton({ channel: "C0DELIVERY", ts, actionId: "handoff.accept", userId });
      await fetch(payload.response_url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(reply) });
    };
    await answer("U0SEED05", { response_type: "ephemeral", replace_original: false, text: "You accepted the risk." });
    await answer("U0SEED02", { response_type: "ephemeral", text: "Only the assigned delivery lead can accept risks." });
    await answer("U0SEED05", { replace_original: true, text: "Accepted by Dana" });
    await answer("U0SEED05", { response_type: "in_channel", text: "Dana accepted a risk" });

    const seenBy = async (user: string) =>
      ((await (await fetch(`${sandbox.url}/__sandbox/responses?user=${user}`)).json()) as { responses: Array<{ body: Json; user: string }> }).responses.map((r) => r.body.text);
    expect(await seenBy("U0SEED05")).toEqual(["You accepted the risk."]);
    expect(await seenBy("U0SEED02")).toEqual(["Only the assigned delivery lead can accept risks."]);
    expect(await seenBy("U0SEED03")).toEqual([]);
    const all = ((await (await fetch(`${sandbox.url}/__sandbox/responses`)).json()) as { responses: Array<{ user: string; ephemeral: boolean }> }).responses;
    expect(all.map((r) => [r.user, r.ephemeral])).toEqual([["U0SEED05", true], ["U0SEED02", true], ["U0SEED05", false], ["U0SEED05", false]]);
  });

  it("clicks through the control API and reports the receiver's answer", async () => {
    const app = await receiver(() => ({ status: 401, body: "bad signature" }));
    const sandbox = await start({ interactionUrl: app.url });
    const { ts } = sandbox.store.post("C0DELIVERY", { text: "Acme", blocks: BLOCKS as never });
    const click = await fetch(`${sandbox.url}/__sandbox/click`, {
      method: "POST",
      body: JSON.stringify({ channel: "C0DELIVERY", ts, actionId: "handoff.reject", value: "h_42", userId: "U0SEED02" }),
    });
    expect(click.status).toBe(200);
    expect(await click.json()).toMatchObject({ status: 401, body: "bad signature", payload: { actions: [{ action_id: "handoff.reject", value: "h_42" }] } });
    const missing = await fetch(`${sandbox.url}/__sandbox/click`, { method: "POST", body: JSON.stringify({ channel: "C0DELIVERY", ts: "1.000000", actionId: "x", userId: "U0SEED02" }) });
    expect(missing.status).toBe(404);
    const channels = (await (await fetch(`${sandbox.url}/__sandbox/channels`)).json()) as { channels: Json[] };
    expect(channels.channels.map((c) => c.id)).toEqual(expect.arrayContaining(["C0DELIVERY", "C0ESCALATE"]));
  });
});

describe("Slack sandbox faults", () => {
  it.each(FAULT_KINDS)("injects %s at rate 1 and never on the control API", async (kind) => {
    const sandbox = await start({ faults: { rate: 1, kinds: [kind] } });
    const attempt = call(sandbox.url, "chat.postMessage", { channel: "C0DELIVERY", text: "faulty" });
    if (kind === "reset" || kind === "lost_response") {
      await expect(attempt).rejects.toThrow();
      expect(sandbox.store.history("C0DELIVERY")).toHaveLength(kind === "lost_response" ? 1 : 0);
    } else {
      const { status, headers, body } = await attempt;
      expect(status).toBe(Number(kind));
      expect(body.ok).toBe(false);
      if (kind === "429") expect(headers.get("retry-after")).toBe("1");
      expect(sandbox.store.history("C0DELIVERY")).toHaveLength(0);
    }
    expect((await fetch(`${sandbox.url}/__sandbox/channels`)).status).toBe(200);

    const off = await fetch(`${sandbox.url}/__sandbox/faults`, { method: "POST", body: JSON.stringify({ rate: 0 }) });
    expect(await off.json()).toEqual({ faults: null });
    expect((await call(sandbox.url, "chat.postMessage", { channel: "C0DELIVERY", text: "fine" })).body.ok).toBe(true);
    sandbox.setFaults({ rate: 1, kinds: [kind] });
    await expect(fetch(`${sandbox.url}/__sandbox/faults`).then((r) => r.json())).resolves.toEqual({ faults: { rate: 1, kinds: [kind] } });
  });
});
