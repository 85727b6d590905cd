import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createTeam, type Team } from "../test/fixtures.ts";
import { checkConnection, connectionStatus, removeConnection, saveConnection, type CheckResult } from "./manage.ts";
import { startHubSpotSandbox, type HubSpotSandbox } from "../stand-ins/hubspot/index.ts";

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

const passed = (result: CheckResult, label: string) => result.checks.find((c) => c.label === label)?.ok;

describe("the HubSpot connection", () => {
  it("stores the token encrypted and never shows it whole", async () => {
    await saveConnection(team.revops, "HUBSPOT", { token: TOKEN, basePath: full.url, portalId: "24180345" });
    const row = await database.prisma.connection.findUniqueOrThrow({ where: { vendor: "HUBSPOT" } });
    expect(row.encryptedSecret).not.toContain("connection-test");
    expect(row.authType).toBe("private_app");
    const status = await connectionStatus("HUBSPOT");
    expect(status).toMatchObject({ configured: true, source: "connection", tokenHint: "pat-…oken", config: { basePath: full.url, portalId: "24180345" } });
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "connection.saved" } });
    expect(JSON.stringify(audit.data)).not.toContain(TOKEN);
  });

  it("passes the pre-flight check when the token works and has every scope", async () => {
    const result = await checkConnection(team.revops, "HUBSPOT");
    expect(result).toMatchObject({ ok: true, error: null });
    expect(passed(result, "The token works")).toBe(true);
    expect(passed(result, "Deals can be read")).toBe(true);
    expect(result.checks.filter((c) => c.label.startsWith("Scope ")).every((c) => c.ok)).toBe(true);
  });

  it("names the missing scopes", async () => {
    await saveConnection(team.admin, "HUBSPOT", { token: TOKEN, basePath: narrow.url });
    const result = await checkConnection(team.admin, "HUBSPOT");
    expect(result.ok).toBe(false);
    expect(result.checks.filter((c) => c.label.startsWith("Scope ") && !c.ok).map((c) => c.label)).toContain("Scope crm.objects.deals.write");
    expect(result.error).toMatch(/^Missing scopes: crm\.objects\.deals\.write/);
    expect((await connectionStatus("HUBSPOT")).lastCheckOk).toBe(false);
  });

  it("says so when HubSpot does not know the token", async () => {
    await saveConnection(team.admin, "HUBSPOT", { token: "pat-na1-wrong-token-000", basePath: full.url });
    const result = await checkConnection(team.admin, "HUBSPOT");
    expect(result).toMatchObject({ ok: false, error: "HubSpot does not recognise this token." });
    expect(passed(result, "The token works")).toBe(false);
  });

  it("is managed by admins and RevOps only", async () => {
    await expect(saveConnection(team.pm, "HUBSPOT", { token: TOKEN })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(checkConnection(team.viewer, "HUBSPOT")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveConnection(team.admin, "HUBSPOT", { token: "short" })).rejects.toMatchObject({ code: "INVALID", message: expect.stringMatching(/^That does not look like a HubSpot access token/) });
    await removeConnection(team.admin, "HUBSPOT");
    expect((await connectionStatus("HUBSPOT")).configured).toBe(false);
  });
});
