import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { isArmtraceError } from "../errors.ts";
import { openDatabase } from "./database.ts";
import { applyMigrations } from "./migrate.ts";
import { migrations } from "./migrations/index.ts";

const folders: string[] = [];
function tempDbPath(): string {
  const folder = mkdtempSync(join(tmpdir(), "armtrace-db-"));
  folders.push(folder);
  return join(folder, "nested", "armtrace.db");
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("openDatabase", () => {
  it("creates the file and applies every migration once, in order", async () => {
    const path = tempDbPath();
    const database = await openDatabase({ path });
    const applied = await sql<{ id: string }>`SELECT id FROM schema_migrations ORDER BY id`.execute(database.db);
    expect(applied.rows.map((row) => row.id)).toEqual(migrations.map((migration) => migration.id));
    await database.close();

    const reopened = await openDatabase({ path });
    expect(await applyMigrations(reopened, migrations)).toEqual([]);
    await reopened.close();
  });

  it("applies a migration numbered before others already applied (a domain's range), and only that one", async () => {
    const path = tempDbPath();
    // 027 (event list indexes) was added after the reports' 06x migrations had been applied to databases.
    const late = migrations.find((migration) => migration.id.startsWith("027-"))!;
    const first = await openDatabase({ path, migrate: false });
    await applyMigrations(first, migrations.filter((migration) => migration !== late));
    await first.close();
    const reopened = await openDatabase({ path, migrate: false });
    try {
      await expect(applyMigrations(reopened, migrations)).resolves.toEqual([late.id]);
      const rows = await sql<{ id: string }>`SELECT id FROM schema_migrations ORDER BY id`.execute(reopened.db);
      expect(rows.rows.map((row) => row.id)).toEqual(migrations.map((migration) => migration.id).sort());
    } finally {
      await reopened.close();
    }
  });

  it("refuses a database that records a migration this armtrace does not know", async () => {
    const path = tempDbPath();
    const database = await openDatabase({ path });
    await sql`INSERT INTO schema_migrations (id, applied_at) VALUES ('999-from-the-future', 'x')`.execute(database.db);
    await database.close();
    const reopened = openDatabase({ path });
    await expect(reopened).rejects.toSatisfy((error: unknown) => isArmtraceError(error, "MIGRATION_MISMATCH"));
  });

  it("rolls back a migration that fails halfway and records nothing", async () => {
    const path = tempDbPath();
    const database = await openDatabase({ path, migrate: false });
    const broken = [
      ...migrations,
      {
        id: "998-broken",
        async up(db: Parameters<(typeof migrations)[number]["up"]>[0]) {
          await sql`CREATE TABLE half_done (x INTEGER)`.execute(db);
          await sql`THIS IS NOT SQL`.execute(db);
        },
      },
    ];
    await expect(applyMigrations(database, broken)).rejects.toThrow();
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE name = 'half_done'`.execute(database.db);
    expect(tables.rows).toEqual([]);
    const applied = await sql<{ id: string }>`SELECT id FROM schema_migrations`.execute(database.db);
    expect(applied.rows.map((row) => row.id)).toEqual(migrations.map((migration) => migration.id));
    await database.close();
  });
});
