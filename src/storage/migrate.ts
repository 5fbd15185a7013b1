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
 * Applies every migration not yet recorded, each in its own transaction. Refuses a database whose applied
 * migrations are not a prefix of `known` (a newer armtrace wrote it, or the history was edited).
 */
export async function applyMigrations(database: ArmtraceDatabase, known: readonly Migration[]): Promise<string[]> {
  const { db, dialect } = database;
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(db);
  const rows = await sql<{ id: string }>`SELECT id FROM schema_migrations ORDER BY id`.execute(db);
  const applied = rows.rows.map((row) => row.id);
  applied.forEach((id, index) => {
    if (known[index]?.id !== id) {
      throw new ArmtraceError(
        "MIGRATION_MISMATCH",
        `database ${database.path} has migration ${id} where this armtrace expects ${known[index]?.id ?? "nothing"}; ` +
          "it was written by a different version of armtrace",
      );
    }
  });
  const pending = known.slice(applied.length);
  for (const migration of pending) {
    await db.transaction().execute(async (trx) => {
      await migration.up(trx, dialect);
      await sql`INSERT INTO schema_migrations (id, applied_at) VALUES (${migration.id}, ${new Date().toISOString()})`.execute(trx);
    });
  }
  return pending.map((migration) => migration.id);
}
