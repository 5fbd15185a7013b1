import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { SourceLibrary } from "../sources/index.ts";
import { openDatabase, type ArmtraceDatabase } from "../storage/database.ts";
import { createSourceStore } from "../storage/source-store.ts";
import { buildServer } from "./build-server.ts";

/** An API on a fresh SQLite file in a temp folder, for tests; `close` removes everything. */
export interface TestApi {
  app: FastifyInstance;
  database: ArmtraceDatabase;
  /** The source library on the same database, to seed sources. */
  sources: SourceLibrary;
  close(): Promise<void>;
}

export async function startTestApi(): Promise<TestApi> {
  const folder = mkdtempSync(join(tmpdir(), "armtrace-http-"));
  const database = await openDatabase({ path: join(folder, "armtrace.db") });
  const app = await buildServer({ database });
  await app.ready();
  return {
    app,
    database,
    sources: createSourceStore(database),
    async close() {
      await app.close();
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
