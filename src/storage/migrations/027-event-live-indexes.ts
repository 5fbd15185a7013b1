import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/** The condition every list query carries unless it asks for merged events: the event is live. */
export const liveEventCondition = "deleted_at IS NULL AND merged_into IS NULL";

/**
 * Index name → columns of the partial indexes on live events that the list queries read (SQLite only).
 * Each leads with a filter column, then the start date and the id, so a page in date order is read
 * straight from the index with no sort; date_last and a few more filter columns follow so a filter or a
 * count is checked from the index alone; merged_into and deleted_at (always NULL here) make them covering.
 */
export const liveEventIndexes: Readonly<Record<string, string>> = {
  events_live_date_idx: "date_first, id, date_last",
  events_live_country_idx: "country, date_first, id, date_last, type",
  events_live_admin1_idx: "admin1, date_first, id, date_last, type, country",
  events_live_admin2_idx: "admin2, date_first, id, date_last, type, country",
  events_live_type_idx: "type, date_first, id, date_last, country",
  events_live_review_idx: "review_state, date_first, id, date_last, country",
  events_live_fatalities_idx: "fatalities_best, id, date_first, date_last, country",
  events_live_updated_idx: "updated_at, id",
  // Keyed by id: an actor, source or full-text filter yields ids, checked here instead of in the wide rows.
  events_live_id_idx: "id, date_first, date_last, country, admin1, admin2, type, review_state, fatalities_best, injuries_best",
};

/**
 * List queries at a million events: partial indexes over live events only (not merged, not deleted) that
 * the planner uses for the filter shapes of the list, replacing the list indexes of migrations 024–025
 * that carried merged_into/deleted_at as trailing columns; an index on multi-day events' length in days,
 * so a date filter bounds its scan by the longest event actually stored instead of a year.
 */
export const migration027EventLiveIndexes: Migration = {
  id: "027-event-live-indexes",
  async up(db, dialect) {
    if (dialect !== "sqlite") return;
    for (const name of ["events_country_date_idx", "events_admin2_date_idx", "events_review_date_idx", "events_fatalities_idx"]) {
      await sql.raw(`DROP INDEX IF EXISTS ${name}`).execute(db);
    }
    for (const [name, columns] of Object.entries(liveEventIndexes)) {
      await sql.raw(`CREATE INDEX ${name} ON events (${columns}, merged_into, deleted_at) WHERE ${liveEventCondition}`).execute(db);
    }
    await sql.raw(`CREATE INDEX events_span_idx ON events ((julianday(date_last) - julianday(date_first))) WHERE date_last > date_first`).execute(db);
  },
};
