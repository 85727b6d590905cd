import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createTeam, type Team } from "../test/fixtures.ts";
import { startHubSpotSandbox, type HubSpotSandbox } from "../stand-ins/hubspot/index.ts";
import { startDeliveryStandIns } from "../stand-ins/index.ts";

/**
 * Every tool's connection card reads its "Last check" from the connection: a check that
 * passed is dated there at once, also when the credentials come from the environment (as in
 * the demo) rather than a token saved on the Connections page, and every tool's check reads
 * as the same list of checks.
 */

const HUBSPOT_TOKEN = "pat-na1-environment-token";
let database: TestDatabase;
let team: Team;
let standIns: Awaited<ReturnType<typeof startDeliveryStandIns>>;
let hubspot: HubSpotSandbox;
let connections: typeof import("./manage.ts");

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  standIns = await startDeliveryStandIns({ appUrl: "http://127.0.0.1:3999" });
  hubspot = await startHubSpotSandbox({ accessToken: HUBSPOT_TOKEN });
  Object.assign(process.env, { APP_URL: "http://127.0.0.1:3999", DATABASE_URL: database.url, ...standIns.env, HUBSPOT_ACCESS_TOKEN: HUBSPOT_TOKEN, HUBSPOT_API_BASE_URL: hubspot.url });
  connections = await import("./manage.ts");
  team = await createTeam(database.prisma);
});

afterAll(async () => {
  await standIns?.stop();
  await hubspot?.stop();
  await database?.drop();
});

describe("a connection check", () => {
  it("dates the last check at once for credentials set in the environment", async () => {
    for (const vendor of ["CLICKUP", "NOTION", "SLACK"] as const) {
      expect(await connections.connectionStatus(vendor), vendor).toMatchObject({ configured: true, source: "environment", lastCheckedAt: null });
      const result = await connections.checkConnection(team.revops, vendor);
      expect(result.checks.filter((c) => !c.ok), vendor).toEqual([]);
      const status = await connections.connectionStatus(vendor);
      expect(status, vendor).toMatchObject({ source: "environment", lastCheckOk: true, lastCheckError: null, lastCheckedAt: result.checkedAt });
      expect(Date.now() - Date.parse(status.lastCheckedAt!), vendor).toBeLessThan(60_000);
    }

    expect(await connections.connectionStatus("HUBSPOT")).toMatchObject({ source: "environment", lastCheckedAt: null });
    const result = await connections.checkConnection(team.admin, "HUBSPOT");
    expect(await connections.connectionStatus("HUBSPOT")).toMatchObject({ source: "environment", lastCheckOk: true, lastCheckedAt: result.checkedAt });
  });

  it("reads the same for HubSpot as for every other tool", async () => {
    const shape = { ok: expect.any(Boolean), checkedAt: expect.any(String), checks: expect.arrayContaining([{ label: expect.any(String), ok: expect.any(Boolean), detail: expect.any(String) }]) };
    const slack = await connections.checkConnection(team.revops, "SLACK");
    const result = await connections.checkConnection(team.revops, "HUBSPOT");
    expect(slack).toMatchObject(shape);
    expect(result).toMatchObject(shape);
    expect(result.checks.map((c) => c.label)).toEqual(["The token works", "Deals can be read", "Scope crm.objects.deals.read", "Scope crm.objects.deals.write", "Scope crm.objects.companies.read", "Scope crm.objects.contacts.read", "Scope crm.objects.owners.read"]);
    expect(result.checks.every((c) => c.ok)).toBe(true);
  });

  it("keeps the environment's credentials in force: the row that holds the check is not a saved token", async () => {
    await connections.saveConnection(team.revops, "SLACK", { token: standIns.env.SLACK_BOT_TOKEN, channelId: "C0DELIVERY" });
    expect((await connections.connectionStatus("SLACK")).source).toBe("connection");
    await connections.removeConnection(team.revops, "SLACK");
    expect(await connections.connectionStatus("SLACK")).toMatchObject({ configured: true, source: "environment", lastCheckedAt: null });
  });
});
