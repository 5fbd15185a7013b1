import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { openDatabase, type ArmtraceDatabase } from "../storage/database.ts";
import { buildServer } from "./build-server.ts";

/** An API on a fresh SQLite file in a temp folder, for tests; `close` removes everything. */
export interface TestApi {
  app: FastifyInstance;
  database: ArmtraceDatabase;
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
    async close() {
      await app.close();
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
