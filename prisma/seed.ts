// npm run db:seed — fills an empty database at DATABASE_URL with the demo data.
import { createPrismaClient } from "../lib/db/client.ts";
import { seedDemo } from "../lib/demo/seed.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. Point it at a migrated database (npm run db:migrate), or use `npm run demo` for the embedded one.");
  process.exit(2);
}

const prisma = createPrismaClient(url, 2);
try {
  const { created, handoffs } = await seedDemo(prisma, { log: (msg) => console.log(msg) });
  if (!created) console.log(`Nothing to do: ${handoffs} handoffs already there.`);
} catch (error) {
  console.error("Seeding failed:", error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
