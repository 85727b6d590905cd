// npm run audit:verify — walks the whole audit hash chain and names the first broken link.
//
//   npm run audit:verify                      the chain is whole, and ends at the chain head
//   npm run audit:verify -- 1234:9f86d0…0a08  …and still holds the head published at place 1234
//
// Reads DATABASE_URL. Exits 0 when intact, 1 when broken, 2 on bad input.
import { createPrismaClient } from "../lib/db/client.ts";
import { parsePublishedHead, publishedHead, verifyAuditChain } from "../lib/audit/chain.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: point it at the database to verify.");
  process.exit(2);
}
const arg = process.argv[2];
const expect = arg ? parsePublishedHead(arg) : undefined;
if (arg && !expect) {
  console.error(`"${arg}" is not a published head: write the place, a colon and the 64-character hash.`);
  process.exit(2);
}

const prisma = createPrismaClient(url, 1);
try {
  const report = await verifyAuditChain({ client: prisma, expect: expect ?? undefined });
  if (report.ok) {
    console.log(`The audit chain is intact: ${report.events} events, head ${publishedHead(report.head)}`);
    if (expect) console.log(`The head published at place ${expect.seq} matches.`);
  } else {
    const b = report.firstBreak!;
    console.error(`The audit chain is broken${b.seq !== null ? ` at place ${b.seq}` : ""}${b.eventId !== "—" ? ` (event id ${b.eventId}${b.at ? `, written ${b.at}` : ""})` : ""}:`);
    console.error(`  ${b.reason}`);
  }
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await prisma.$disconnect();
}
