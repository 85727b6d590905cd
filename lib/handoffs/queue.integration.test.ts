import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createHandoff, createTeam, uniq, type Team } from "../test/fixtures.ts";
import { listQueue, queueQuerySchema } from "./queue.ts";

let database: TestDatabase;
let team: Team;
const tag = uniq("paging");

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  team = await createTeam(database.prisma);
  for (let i = 0; i < 23; i++) await createHandoff(database.prisma, team, { title: `${tag} ${i}` });
});

afterAll(async () => {
  await database?.drop();
});

/** The pager's words, as the queue writes them from the page it is given. */
function pager(page: Awaited<ReturnType<typeof listQueue>>) {
  const first = page.total === 0 ? 0 : (page.query.page - 1) * page.query.size + 1;
  const last = Math.min(page.total, page.query.page * page.query.size);
  return `Showing ${first}–${last} of ${page.total} · Page ${page.query.page} of ${page.pageCount}`;
}

describe("the queue's pages", () => {
  it("shows the last page, and says so, when asked for a page past the end", async () => {
    const beyond = await listQueue(team.pm, queueQuerySchema.parse({ q: tag, size: "10", page: "99999" }));
    expect(pager(beyond)).toBe("Showing 21–23 of 23 · Page 3 of 3");
    expect(beyond.page).toBe(3);
    expect(beyond.rows).toHaveLength(3);

    const inRange = await listQueue(team.pm, queueQuerySchema.parse({ q: tag, size: "10", page: "2" }));
    expect(pager(inRange)).toBe("Showing 11–20 of 23 · Page 2 of 3");
  });

  it("shows one empty page when nothing matches, whatever page was asked for", async () => {
    const none = await listQueue(team.pm, queueQuerySchema.parse({ q: `${tag}-nothing`, page: "7" }));
    expect(none).toMatchObject({ total: 0, page: 1, pageCount: 1, rows: [] });
    expect(none.query.page).toBe(1);
  });

  it("treats text the database cannot hold (a NUL in the search or a filter) as no filter, not a server error", async () => {
    const query = queueQuerySchema.parse({ q: "\u0000", team: "\u0000", owner: "a\u0000", segment: "\ud800" });
    expect(query).toMatchObject({ q: undefined, team: undefined, owner: undefined, segment: undefined });
    const all = await listQueue(team.pm, query);
    expect(all.total).toBeGreaterThanOrEqual(23);
  });
});
