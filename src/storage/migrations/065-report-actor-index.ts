import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * A covering index for the perpetrators a report joins to the events it reads one by one (the edges of a
 * period that cuts months, the deadliest list, the evidence table): role and name beside the event id, so the
 * join never reads the actor rows.
 */
export const migration065ReportActorIndex: Migration = {
  id: "065-report-actor-index",
  async up(db) {
    await sql.raw(`CREATE INDEX report_event_actors_idx ON event_actors (event_id, role, name)`).execute(db);
  },
};
