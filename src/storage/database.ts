import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { ArmtraceError } from "../errors.ts";
import { migrations } from "./migrations/index.ts";
import { applyMigrations } from "./migrate.ts";
import type { Database } from "./schema.ts";

export type DialectName = "sqlite" | "postgres";

/**
 * An open armtrace database: the typed Kysely handle every store writes through, plus (on SQLite) the raw
 * better-sqlite3 handle that storage code may use for bulk paths where per-row async overhead matters.
 */
export interface ArmtraceDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Present on SQLite only. Use inside src/storage for prepared bulk statements. */
  sqlite: BetterSqlite3.Database | undefined;
  path: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  path: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

/** Opens (creating if needed) the SQLite file at `path` and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<ArmtraceDatabase> {
  const { path } = options;
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(path);
  } catch (error) {
    throw new ArmtraceError("UNREADABLE_FILE", `cannot open database ${path}: ${(error as Error).message}`);
  }
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("cache_size = -65536");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const database: ArmtraceDatabase = {
    db,
    dialect: "sqlite",
    sqlite,
    path,
    async close() {
      await db.destroy();
    },
  };
  if (options.migrate !== false) {
    try {
      await applyMigrations(database, migrations);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}
