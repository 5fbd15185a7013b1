import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * Actor filters with a date range are the commonest list query ("TTP in 2025"). Copying the event's first
 * day onto its actor rows lets one index answer both; the fatalities index also carries the columns that
 * hide merged and deleted events, so a toll filter counts from the index alone.
 */
export const migration025EventActorDates: Migration = {
  id: "025-event-actor-dates",
  async up(db) {
    await sql.raw(`ALTER TABLE event_actors ADD COLUMN date_first TEXT`).execute(db);
    await sql.raw(`UPDATE event_actors SET date_first = (SELECT date_first FROM events WHERE events.id = event_actors.event_id)`).execute(db);
    await sql.raw(`CREATE INDEX event_actors_name_date_idx ON event_actors (name_key, date_first, event_id)`).execute(db);
    await sql.raw(`DROP INDEX IF EXISTS events_fatalities_idx`).execute(db);
    await sql.raw(`CREATE INDEX events_fatalities_idx ON events (fatalities_best, merged_into, deleted_at)`).execute(db);
  },
};
