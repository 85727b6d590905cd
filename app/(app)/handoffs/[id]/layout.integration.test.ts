import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { setDb } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createHandoff, createTeam, createUser, type Team } from "@/lib/test/fixtures";

/**
 * The handoff page answers HTTP 404 for a handoff that is missing or not the person's to see.
 * Next can only set that status before a loading skeleton streams, so the check is in the
 * segment's layout, and no loading boundary may wrap that layout.
 */

let signedIn: Actor;
vi.mock("@/lib/auth/session", () => ({ requirePageActor: async () => signedIn }));

let database: TestDatabase;
let team: Team;

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  team = await createTeam(database.prisma);
});

afterAll(async () => {
  await database?.drop();
});

async function render(actor: Actor, id: string): Promise<unknown> {
  signedIn = actor;
  const { default: HandoffLayout } = await import("./layout.tsx");
  return HandoffLayout({ children: "the handoff page", params: Promise.resolve({ id }) });
}

describe("the handoff page's 404", () => {
  it("is not found for a missing handoff and for another seller's, and shows the handoff to the people who may see it", async () => {
    const handoff = await createHandoff(database.prisma, team);
    const otherSeller = await createUser(database.prisma, "SALES");
    await expect(render(team.pm, "no-such-handoff")).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
    await expect(render(team.pm, "bad\u0000id")).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
    await expect(render(otherSeller, handoff.id)).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
    expect(await render(team.sales, handoff.id)).toBe("the handoff page");
    expect(await render(team.viewer, handoff.id)).toBe("the handoff page");
  });

  it("is decided before any loading skeleton streams a 200", () => {
    const app = path.resolve(import.meta.dirname, "../..");
    for (const segment of ["", "handoffs"]) expect(existsSync(path.join(app, segment, "loading.tsx")), `${segment || "(app)"}/loading.tsx wraps the handoff layout`).toBe(false);
    expect(existsSync(path.join(import.meta.dirname, "loading.tsx"))).toBe(true);
  });
});
