import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startEmbeddedPostgres } from "./embedded.ts";

/**
 * SQL that turns one Prisma datamodel into another, computed offline.
 *
 * Prisma 7's `migrate` commands need a native schema engine that cannot be
 * downloaded here; Prisma 6's CLI (installed as `prisma6`) diffs two datamodels
 * with its bundled WASM engine. It still opens its adapter's database, so it gets
 * a throwaway in-memory PGlite. Used by `npm run db:migration` and by the test that
 * checks the migrations against schema.prisma.
 */
const root = path.resolve(import.meta.dirname, "../..");

function withDatasourceUrl(source: string): string {
  // Prisma 6 wants a url in the datasource block; Prisma 7 keeps it out of the schema.
  return source.replace(/datasource db \{([^}]*)\}/, (_m, body: string) => `datasource db {${body}  url = env("DATABASE_URL")\n}`);
}

export async function diffDatamodels(fromSchema: string | null, toSchema: string): Promise<string> {
  const work = await mkdtemp(path.join(tmpdir(), "hcc-diff-"));
  const scratch = await startEmbeddedPostgres();
  try {
    const to = path.join(work, "to.prisma");
    await writeFile(to, withDatasourceUrl(await readFile(toSchema, "utf8")));
    const fromArgs = ["--from-empty"];
    if (fromSchema) {
      const from = path.join(work, "from.prisma");
      await writeFile(from, withDatasourceUrl(await readFile(fromSchema, "utf8")));
      fromArgs.splice(0, 1, "--from-schema-datamodel", from);
    }
    // Asynchronous on purpose: the scratch server answers from this process's event loop.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, "node_modules/prisma6/build/index.js"), "migrate", "diff", "--config", "prisma/migrate.config.ts", ...fromArgs, "--to-schema-datamodel", to, "--script"],
      {
        cwd: root,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          DATABASE_URL: scratch.url,
          PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
          PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
          CHECKPOINT_DISABLE: "1",
        },
      },
    );
    return stdout.trim();
  } finally {
    await scratch.stop();
    await rm(work, { recursive: true, force: true });
  }
}
