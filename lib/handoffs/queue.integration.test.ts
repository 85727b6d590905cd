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

describe("overdue, the same everywhere", () => {
  it("flags and filters a past-due handoff whose clock runs, and not one on hold, in the queue and on its page", async () => {
    const { getHandoffDetail } = await import("./detail.ts");
    const { listInbox } = await import("./approvals.ts");
    const overdueTag = uniq("overdue");
    const yesterday = new Date(Date.now() - 86_400_000);
    const running = await createHandoff(database.prisma, team, { title: `${overdueTag} running` });
    const held = await createHandoff(database.prisma, team, { title: `${overdueTag} held` });
    await database.prisma.handoff.update({ where: { id: running.id }, data: { dueAt: yesterday, waitingOnId: team.pm.userId } });
    await database.prisma.handoff.update({ where: { id: held.id }, data: { dueAt: yesterday, waitingOnId: team.pm.userId, status: "ON_HOLD" } });
    // Both have a gate waiting on the PM, past its due time.
    for (const h of [running, held]) {
      await database.prisma.handoffStage.update({
        where: { handoffId_key: { handoffId: h.id, key: "INTAKE" } },
        data: { status: "AWAITING_APPROVAL", submittedAt: yesterday, submittedById: team.revops.userId, dueAt: yesterday },
      });
    }

    const flagged = await listQueue(team.pm, queueQuerySchema.parse({ q: overdueTag }));
    expect(Object.fromEntries(flagged.rows.map((h) => [h.title, h.overdue]))).toEqual({ [`${overdueTag} running`]: true, [`${overdueTag} held`]: false });
    const filtered = await listQueue(team.pm, queueQuerySchema.parse({ q: overdueTag, overdue: "1" }));
    expect(filtered.rows.map((h) => h.title)).toEqual([`${overdueTag} running`]);

    expect((await getHandoffDetail(team.pm, running.id)).overdue).toBe(true);
    expect((await getHandoffDetail(team.pm, held.id)).overdue).toBe(false);

    const inbox = await listInbox(team.pm);
    const gateOf = (id: string) => inbox.gates.find((g) => g.handoffId === id);
    expect(gateOf(running.id)?.overdue).toBe(true);
    // A handoff on hold waits on nobody: its gate is not in the inbox at all.
    expect(gateOf(held.id)).toBeUndefined();
  });
});
