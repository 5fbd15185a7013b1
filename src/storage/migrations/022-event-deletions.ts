import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/** Deleted events stay (with their history) but are hidden: an ACLED deletions list removes them this way. */
export const migration022EventDeletions: Migration = {
  id: "022-event-deletions",
  async up(db) {
    await sql.raw(`ALTER TABLE events ADD COLUMN deleted_at TEXT`).execute(db);
    await sql.raw(`ALTER TABLE events ADD COLUMN deleted_by TEXT`).execute(db);
  },
};
