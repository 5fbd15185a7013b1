import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/** The versions a merge wrote, so an unmerge can tell whether the survivor was edited since and restore it exactly. */
export const migration023EventMergeVersions: Migration = {
  id: "023-event-merge-versions",
  async up(db) {
    await sql.raw(`ALTER TABLE event_merges ADD COLUMN survivor_version INTEGER`).execute(db);
    await sql.raw(`ALTER TABLE event_merges ADD COLUMN absorbed_version INTEGER`).execute(db);
  },
};
