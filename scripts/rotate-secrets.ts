// npm run secrets:rotate — re-encrypts every stored vendor token with ENCRYPTION_KEY.
//
// Rotating the key: set the new key as ENCRYPTION_KEY and the old one as ENCRYPTION_KEY_PREVIOUS,
// restart the app and workers (tokens open with either key meanwhile), run this, then remove
// ENCRYPTION_KEY_PREVIOUS and restart again. Safe to run more than once.
import { env } from "../lib/env.ts";
import { decryptSecret, encryptSecret, isEncryptedWith } from "../lib/crypto/secrets.ts";
import { createPrismaClient } from "../lib/db/client.ts";

const e = env();
const prisma = createPrismaClient(e.DATABASE_URL, 1);
let rotated = 0;
let current = 0;
try {
  const connections = await prisma.connection.findMany({ where: { encryptedSecret: { not: null } }, select: { id: true, vendor: true, encryptedSecret: true } });
  for (const c of connections) {
    if (isEncryptedWith(c.encryptedSecret!, e.ENCRYPTION_KEY)) {
      current++;
      continue;
    }
    const plaintext = decryptSecret(c.encryptedSecret!, e.ENCRYPTION_KEY, e.ENCRYPTION_KEY_PREVIOUS);
    // Compare-and-set: a token saved meanwhile with the new key is left as it is.
    const { count } = await prisma.connection.updateMany({
      where: { id: c.id, encryptedSecret: c.encryptedSecret },
      data: { encryptedSecret: encryptSecret(plaintext, e.ENCRYPTION_KEY) },
    });
    rotated += count;
    console.log(`${c.vendor}: ${count ? "re-encrypted with the new key" : "changed meanwhile; left as saved"}`);
  }
  console.log(`${rotated} token(s) re-encrypted, ${current} already on the current key. You can now remove ENCRYPTION_KEY_PREVIOUS.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
