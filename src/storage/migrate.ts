import { sql, type Kysely } from "kysely";
import { ArmtraceError } from "../errors.ts";
import type { ArmtraceDatabase, DialectName } from "./database.ts";

/** One forward-only schema step. `id` is `NNN-name`; the list order is the apply order. */
export interface Migration {
  id: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/**
 * Applies every migration not yet recorded, in list order, each in its own transaction. Numbers are ranges per
 * domain (docs/CONTRIBUTING.md), so a domain's new migration may sort before another domain's applied ones: it
 * is applied all the same. Refuses a database that records a migration this armtrace does not know (a newer
 * armtrace wrote it, or the history was edited).
 */
export async function applyMigrations(database: ArmtraceDatabase, known: readonly Migration[]): Promise<string[]> {
  const { db, dialect } = database;
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(db);
  const rows = await sql<{ id: string }>`SELECT id FROM schema_migrations ORDER BY id`.execute(db);
  const applied = new Set(rows.rows.map((row) => row.id));
  const knownIds = new Set(known.map((migration) => migration.id));
  const unknown = [...applied].filter((id) => !knownIds.has(id));
  if (unknown.length > 0) {
    throw new ArmtraceError(
      "MIGRATION_MISMATCH",
      `database ${database.path} has migration${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} that this armtrace does not know; ` +
        "it was written by a newer or different version of armtrace",
    );
  }
  const pending = known.filter((migration) => !applied.has(migration.id));
  for (const migration of pending) {
    await db.transaction().execute(async (trx) => {
      await migration.up(trx, dialect);
      await sql`INSERT INTO schema_migrations (id, applied_at) VALUES (${migration.id}, ${new Date().toISOString()})`.execute(trx);
    });
  }
  return pending.map((migration) => migration.id);
}
