import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createTeam, type Team } from "../test/fixtures.ts";
import { hashPassword, needsRehash, verifyPasswordOrDummy } from "./password.ts";
import { assertMayTry, lockedAccounts, recordFailure, recordSuccess, SignInThrottled, unlockAccount, type ThrottleKey } from "./throttle.ts";

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

const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

describe("sign-in throttling", () => {
  it("slows an account down after 5 failures, locks it after 10 (the right password too), and audits the lock", async () => {
    const account: ThrottleKey[] = [{ kind: "account", value: "victim@example.test" }];
    const start = new Date();
    for (let i = 0; i < 5; i++) {
      await assertMayTry(account, at(start, i));
      await recordFailure(account, at(start, i));
    }
    // The sixth try must wait a second after the fifth failure.
    await expect(assertMayTry(account, at(start, 4.5))).rejects.toBeInstanceOf(SignInThrottled);
    await expect(assertMayTry(account, at(start, 4.5))).rejects.toMatchObject({ locked: false, message: expect.stringContaining("wait 1 second") });
    await assertMayTry(account, at(start, 5.1));

    let t = 6;
    for (let i = 5; i < 10; i++) {
      t += 2 ** (i - 5) + 1;
      await assertMayTry(account, at(start, t));
      await recordFailure(account, at(start, t));
    }
    await expect(assertMayTry(account, at(start, t + 60))).rejects.toMatchObject({ locked: true, message: expect.stringContaining("locked") });
    expect(await database.prisma.auditEvent.count({ where: { action: "auth.locked", entityId: "victim@example.test" } })).toBe(1);
  });

  it("lets an admin, and only an admin, unlock an account", async () => {
    const email = (await database.prisma.user.findUniqueOrThrow({ where: { id: team.sales.userId } })).email;
    const keys: ThrottleKey[] = [{ kind: "account", value: email }];
    const now = new Date();
    for (let i = 0; i < 10; i++) await recordFailure(keys, at(now, i * 60));
    expect(await lockedAccounts(at(now, 600))).toContain(email.toLowerCase());
    await expect(unlockAccount(team.revops, team.sales.userId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await unlockAccount(team.admin, team.sales.userId);
    await assertMayTry(keys, at(now, 600));
    expect(await database.prisma.auditEvent.count({ where: { action: "auth.unlocked", entityId: team.sales.userId } })).toBe(1);
  });

  it("clears an account's count on success, and counts an address on its own", async () => {
    const account: ThrottleKey = { kind: "account", value: "someone@example.test" };
    const ip: ThrottleKey = { kind: "ip", value: "203.0.113.9" };
    const now = new Date();
    for (let i = 0; i < 6; i++) await recordFailure([account, ip], at(now, i));
    await recordSuccess("someone@example.test");
    expect(await database.prisma.loginThrottle.findUnique({ where: { key: "account:someone@example.test" } })).toBeNull();
    await expect(assertMayTry([{ kind: "account", value: "other@example.test" }, ip], at(now, 5.5))).rejects.toBeInstanceOf(SignInThrottled);
  });
});

describe("password timing", () => {
  it("does exactly one comparison at the current cost for a known email, an unknown one, or a hash of another cost", async () => {
    const real = await hashPassword("correct horse");
    const cheap = await hashPassword("correct horse", 4);
    expect(needsRehash(cheap)).toBe(true);
    expect(needsRehash(real)).toBe(false);
    await verifyPasswordOrDummy("warm up", null);
    // Which hashes each attempt compares against, by cost: timing follows from these, and unlike
    // a stopwatch this does not depend on how busy the machine is.
    const compare = vi.spyOn(bcrypt, "compare");
    const costsCompared = async (hash: string | null) => {
      compare.mockClear();
      await verifyPasswordOrDummy("wrong", hash);
      return compare.mock.calls.map(([, h]) => bcrypt.getRounds(h as string));
    };
    expect(await costsCompared(real)).toEqual([12]);
    expect(await costsCompared(null)).toEqual([12]);
    expect(await costsCompared(cheap)).toEqual([4, 12]);
    compare.mockRestore();

    expect(await verifyPasswordOrDummy("correct horse", cheap)).toBe(true);
    expect(await verifyPasswordOrDummy("correct horse", null)).toBe(false);
  });
});
