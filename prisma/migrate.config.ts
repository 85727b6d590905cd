// Used only by `npm run db:migration` (Prisma 6's CLI with its bundled WASM schema
// engine, which diffs datamodels without a database or a native engine download).
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma6/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "" }),
});
