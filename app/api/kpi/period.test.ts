import { describe, expect, it, vi } from "vitest";

/**
 * The KPI downloads refuse a period that cannot be shown with 422 and the reason, before any
 * figure is computed (the database is never reached: none is configured here).
 */

vi.mock("@/lib/auth/session", () => ({
  requireActor: vi.fn(async () => ({ userId: "u-leader", role: "PS_LEADER", name: "Pat Leader" })),
}));

const { GET: exportGet } = await import("./export/route.ts");
const { GET: briefGet } = await import("./proof-brief/route.ts");

const call = async (handler: typeof exportGet, query: string) => {
  const response = await handler(new Request(`http://127.0.0.1:3000/api/kpi/x?${query}`), undefined);
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
};

describe("KPI downloads with a period that cannot be shown", () => {
  it("answer 422 with the reason for a reversed range", async () => {
    for (const [handler, query] of [
      [exportGet, "table=kpis&format=csv&from=2026-11-10&to=2026-10-01"],
      [exportGet, "table=risks&format=xlsx&from=2026-11-10&to=2026-10-01"],
      [briefGet, "from=2026-11-10&to=2026-10-01"],
    ] as const) {
      expect(await call(handler, query)).toEqual({
        status: 422,
        body: { error: { code: "INVALID", message: "The start date 2026-11-10 is after the end date 2026-10-01. Choose a start date on or before the end date." } },
      });
    }
  });

  it("answer 422 for an 8,000-year range, a period over three years and a date that is not one", async () => {
    expect(await call(exportGet, "table=kpis&format=csv&from=2000-01-01&to=9999-12-31")).toMatchObject({ status: 422, body: { error: { message: "The end date 9999-12-31 is outside the years 2000 to 2100. Choose a date in that range." } } });
    expect(await call(briefGet, "from=2020-01-01&to=2026-01-01")).toMatchObject({ status: 422, body: { error: { message: "The period from 2020-01-01 to 2026-01-01 is longer than 3 years. Choose at most 3 years." } } });
    expect(await call(briefGet, "to=tomorrow")).toMatchObject({ status: 422, body: { error: { message: expect.stringContaining("“tomorrow” is not a date") } } });
  });
});
