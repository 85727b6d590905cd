import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { createTeam, type Team } from "../../test/fixtures.ts";
import { checkHubSpotConnection, hubspotConnectionStatus, removeHubSpotConnection, saveHubSpotConnection } from "./connection.ts";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../stand-ins/hubspot/index.ts";

const TOKEN = "pat-na1-connection-test-token";
let database: TestDatabase;
let full: HubSpotSandbox;
let narrow: HubSpotSandbox;
let team: Team;

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  team = await createTeam(database.prisma);
  delete process.env.HUBSPOT_ACCESS_TOKEN;
  full = await startHubSpotSandbox({ accessToken: TOKEN });
  narrow = await startHubSpotSandbox({ accessToken: TOKEN, scopes: ["crm.objects.deals.read"] });
});

afterAll(async () => {
  await full?.stop();
  await narrow?.stop();
  await database?.drop();
});

describe("the HubSpot connection", () => {
  it("stores the token encrypted and never shows it whole", async () => {
    await saveHubSpotConnection(team.revops, { accessToken: TOKEN, basePath: full.url, portalId: "24180345" });
    const row = await database.prisma.connection.findUniqueOrThrow({ where: { vendor: "HUBSPOT" } });
    expect(row.encryptedSecret).not.toContain("connection-test");
    expect(row.authType).toBe("private_app");
    const status = await hubspotConnectionStatus();
    expect(status).toMatchObject({ configured: true, source: "connection", tokenHint: "pat-…oken", basePath: full.url });
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "connection.saved" } });
    expect(JSON.stringify(audit.data)).not.toContain(TOKEN);
  });

  it("passes the pre-flight check when the token works and has every scope", async () => {
    const result = await checkHubSpotConnection(team.revops);
    expect(result).toMatchObject({ ok: true, tokenWorks: true, canReadDeals: true, error: null });
    expect(result.scopes.every((s) => s.granted)).toBe(true);
  });

  it("names the missing scopes", async () => {
    await saveHubSpotConnection(team.admin, { accessToken: TOKEN, basePath: narrow.url });
    const result = await checkHubSpotConnection(team.admin);
    expect(result.ok).toBe(false);
    expect(result.scopes.filter((s) => !s.granted).map((s) => s.scope)).toContain("crm.objects.deals.write");
    expect(result.error).toMatch(/^Missing scopes: crm\.objects\.deals\.write/);
    expect((await hubspotConnectionStatus()).lastCheckOk).toBe(false);
  });

  it("says so when HubSpot does not know the token", async () => {
    await saveHubSpotConnection(team.admin, { accessToken: "pat-na1-wrong-token-000", basePath: full.url });
    const result = await checkHubSpotConnection(team.admin);
    expect(result).toMatchObject({ ok: false, tokenWorks: false, error: "HubSpot does not recognise this token." });
  });

  it("is managed by admins and RevOps only", async () => {
    await expect(saveHubSpotConnection(team.pm, { accessToken: TOKEN })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(checkHubSpotConnection(team.viewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveHubSpotConnection(team.admin, { accessToken: "short" })).rejects.toMatchObject({ code: "INVALID", message: "Paste the full access token." });
    await removeHubSpotConnection(team.admin);
    expect((await hubspotConnectionStatus()).configured).toBe(false);
  });
});
