import { test as base, expect, type Page } from "@playwright/test";
import { createPrismaClient, setDb, type PrismaClient } from "../lib/db/client.ts";
import { transitionHandoff } from "../lib/handoffs/transition.ts";
import { hashPassword } from "../lib/auth/password.ts";
import { createHandoff, createTeam, createUser, type Team } from "../lib/test/fixtures.ts";

export const PASSWORD = "e2e-password";

type TeamWithEmails = Awaited<ReturnType<typeof createTeam>>;

interface Fixtures {
  team: TeamWithEmails;
  signIn: (page: Page, who: { email: string }) => Promise<void>;
}

interface WorkerFixtures {
  prisma: PrismaClient;
}

/**
 * Each test gets its own people (unique emails) so tests never share state; data is
 * made through Prisma, and sign-in goes through next-auth's API, not the form.
 */
export const test = base.extend<Fixtures, WorkerFixtures>({
  prisma: [
    async ({}, use) => {
      const prisma = createPrismaClient(process.env.E2E_DATABASE_URL!, 3);
      await use(prisma);
      await prisma.$disconnect();
    },
    { scope: "worker" },
  ],
  team: async ({ prisma }, use) => {
    await use(await createTeam(prisma, await hashPassword(PASSWORD, 4)));
  },
  signIn: async ({}, use) => {
    await use(async (page, who) => {
      const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
      const response = await page.request.post("/api/auth/callback/credentials", {
        form: { csrfToken, email: who.email, password: PASSWORD, json: "true" },
      });
      expect(response.ok(), "sign-in through the auth API").toBeTruthy();
    });
  },
});

export { expect, createHandoff, createUser, type Team };

/** Puts a fixture handoff's intake gate in front of its approver, as RevOps would, through the domain. */
export async function submitIntake(prisma: PrismaClient, team: Team, handoffId: string) {
  setDb(prisma);
  const capture = (requirementKey: string, note?: string) =>
    transitionHandoff(team.revops, handoffId, { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey, note });
  await capture("scope_confirmed", "Confirmed with sales on the handover call");
  await capture("risks_reviewed");
  await transitionHandoff(team.revops, handoffId, { type: "SUBMIT_GATE", stage: "INTAKE" });
}
