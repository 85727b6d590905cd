import type { ApiCall, ApiContext } from "./api.ts";
import { notionErrors } from "./errors.ts";
import { paginate, queryPaging } from "./pagination.ts";
import { listView, userView } from "./views.ts";

/** GET /v1/users/me (the integration's bot), /v1/users/{id} and /v1/users. */

export const getSelf = (ctx: ApiContext) => userView(ctx.store, ctx.store.bot);

export function getUser(ctx: ApiContext, { params }: ApiCall) {
  const user = ctx.store.user(params.user_id);
  if (!user) throw notionErrors.notFound("user", params.user_id);
  return userView(ctx.store, user);
}

export function listUsers(ctx: ApiContext, { query }: ApiCall) {
  const page = paginate(ctx.store.listUsers(), queryPaging(query));
  return listView("user", { ...page, results: page.results.map((u) => userView(ctx.store, u)) });
}
