import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createActorRegistry } from "../../actors/index.ts";
import { openDatabase, type ArmtraceDatabase } from "../../storage/database.ts";
import { EventStore } from "../../storage/event-store.ts";
import { SourceReliabilityStore } from "../../storage/source-reliability-store.ts";
import type { EventDependencies } from "../event-dependencies.ts";

/** A real SQLite file in a temp folder with the event use cases wired to it; `cleanup` removes both. */
export interface TestEvents {
  database: ArmtraceDatabase;
  deps: EventDependencies;
  folder: string;
  /** Inserts a minimal stored source and returns its id. */
  addSource(title?: string): number;
  cleanup(): Promise<void>;
}

export async function openTestEvents(): Promise<TestEvents> {
  const folder = mkdtempSync(join(tmpdir(), "armtrace-events-"));
  const database = await openDatabase({ path: join(folder, "armtrace.db") });
  let tick = 0;
  const deps: EventDependencies = {
    events: new EventStore(database),
    now: () => new Date(Date.UTC(2026, 0, 1) + tick++ * 1000).toISOString(),
    actors: createActorRegistry(),
    sourceReliability: new SourceReliabilityStore(database),
  };
  let sourceCount = 0;
  return {
    database,
    deps,
    folder,
    addSource(title = "A report") {
      // Fill every NOT NULL column whatever the sources schema is today, so this helper survives its changes.
      const sqlite = database.sqlite!;
      const columns = sqlite.prepare(`PRAGMA table_info(sources)`).all() as Array<{ name: string; type: string; notnull: number; dflt_value: unknown; pk: number }>;
      const values: Record<string, unknown> = {};
      sourceCount += 1;
      for (const column of columns) {
        if (column.pk || (!column.notnull && column.name !== "title") || column.dflt_value !== null) continue;
        const type = column.type.toLowerCase();
        values[column.name] = type.includes("int") ? 0 : type.includes("blob") ? Buffer.from("x") : type.includes("real") ? 0 : `${column.name}-${sourceCount}`;
      }
      values.title = title;
      const names = Object.keys(values);
      const result = sqlite.prepare(`INSERT INTO sources (${names.join(", ")}) VALUES (${names.map((name) => `@${name}`).join(", ")})`).run(values);
      return Number(result.lastInsertRowid);
    },
    async cleanup() {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
