import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/** The event's last day on its actor rows too, so "actor X between D1 and D2" yields exactly the overlapping events. */
export const migration026EventActorDateLast: Migration = {
  id: "026-event-actor-date-last",
  async up(db) {
    await sql.raw(`ALTER TABLE event_actors ADD COLUMN date_last TEXT`).execute(db);
    await sql.raw(`UPDATE event_actors SET date_last = (SELECT date_last FROM events WHERE events.id = event_actors.event_id)`).execute(db);
    await sql.raw(`DROP INDEX IF EXISTS event_actors_name_date_idx`).execute(db);
    await sql.raw(`CREATE INDEX event_actors_name_dates_idx ON event_actors (name_key, date_first, date_last, event_id)`).execute(db);
  },
};
