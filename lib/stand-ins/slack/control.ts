import { z } from "zod";
import { badRequest, controlBody, faultsAnswer, setFaults, type FaultSwitch } from "../shared/control.ts";
import { channelView } from "./api.ts";
import { FAULT_PROFILE, type FaultOptions } from "./faults.ts";
import type { SandboxRequest, SandboxResponse } from "./http.ts";
import { clickSchema, SandboxUsageError, type Interactivity } from "./interactivity.ts";
import type { SlackSandboxStore } from "./store.ts";

/**
 * /__sandbox: the control API for the demo's sandbox panel and for tests. Not part of Slack:
 * no auth (loopback callers only), plain JSON, never subject to faults or rate limits.
 */

export interface ControlContext {
  store: SlackSandboxStore;
  interactivity: Interactivity;
  faults: FaultSwitch<FaultOptions>;
}

export { CONTROL_PREFIX } from "../shared/control.ts";

export async function handleControl(ctx: ControlContext, req: SandboxRequest): Promise<SandboxResponse> {
  const [, resource, id] = req.segments;
  const route = `${req.method} ${resource ?? ""}`;

  switch (route) {
    case "GET ":
      return { status: 200, body: { team: ctx.store.team, bot: ctx.store.bot, channels: ctx.store.listChannels().length, faults: ctx.faults.current() ?? null } };
    case "GET channels":
      return { status: 200, body: { channels: ctx.store.listChannels().map(channelView) } };
    case "GET users":
      return { status: 200, body: { users: ctx.store.listUsers() } };
    case "POST users": {
      const user = z
        .object({ id: z.string().regex(/^[UW][A-Z0-9]{2,}$/), name: z.string().min(1), realName: z.string().min(1), email: z.email() })
        .safeParse(controlBody(req.rawBody));
      if (!user.success) return badRequest("Expected { id: U…, name, realName, email }");
      if (ctx.store.user(user.data.id)) return { status: 409, body: { error: `User ${user.data.id} already exists` } };
      return { status: 201, body: { user: ctx.store.addUser({ ...user.data, isBot: false }) } };
    }
    case "GET messages": {
      // ?dm=U…: the app's direct messages to that person, which are never listed with the channels'.
      const dm = req.query.get("dm");
      if (dm) return { status: 200, body: { messages: ctx.store.history(ctx.store.existingDirectChannel(dm)?.id ?? "") } };
      const ref = req.query.get("channel");
      const channels = ref ? [ctx.store.channel(ref)] : ctx.store.listChannels();
      if (channels.some((c) => !c)) return { status: 404, body: { error: `No channel ${ref}` } };
      return { status: 200, body: { messages: channels.flatMap((c) => ctx.store.history(c!.id)) } };
    }
    case "GET responses": {
      // ?user=U…: the replies that person sees only (ephemeral, to their own clicks).
      const user = req.query.get("user");
      const responses = user ? ctx.interactivity.responses.filter((r) => r.user === user && r.ephemeral) : ctx.interactivity.responses;
      return { status: 200, body: { responses } };
    }
    case "POST response": {
      const recorded = id ? ctx.interactivity.respond(id, req.rawBody) : undefined;
      return recorded ? { status: 200, body: { ok: true } } : { status: 404, body: { ok: false, error: "expired_url" } };
    }
    case "POST click": {
      const input = clickSchema.safeParse(controlBody(req.rawBody));
      if (!input.success) return badRequest(`Expected { channel, ts, actionId, value?, userId }: ${input.error.issues.map((i) => i.path.join(".")).join(", ")}`);
      try {
        const result = await ctx.interactivity.click(input.data);
        return { status: 200, body: result };
      } catch (error) {
        if (error instanceof SandboxUsageError) return { status: error.status, body: { error: error.message } };
        throw error;
      }
    }
    case "GET faults":
      return faultsAnswer(ctx.faults);
    case "POST faults":
      return setFaults(ctx.faults, FAULT_PROFILE.schema, req.rawBody, "Expected { rate: 0..1, kinds?: FaultKind[] }");
    default:
      return { status: 404, body: { error: `The sandbox control API has no route ${req.method} /${req.segments.join("/")}` } };
  }
}
