import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * A covering index for the events a report still reads one by one: those at the edges of a period that cuts
 * months (the rollups hold whole months). It leads like migration 061's scope index (review state, dates, live,
 * country, province) and adds what the report sums — district, type, coordinates, casualty figures — so those
 * reads never touch the event rows. It replaces the scope index, which it extends.
 */
export const migration063ReportEdgeIndex: Migration = {
  id: "063-report-edge-index",
  async up(db) {
    const figures = ["killed", "injured"].flatMap((kind) => ["security_forces", "civilians", "militants", "unknown"].map((category) => `${kind}_${category}`));
    await sql
      .raw(
        `CREATE INDEX report_events_figures_idx ON events (review_state, date_first, date_last, merged_into, deleted_at, country, admin1, admin2, type,
          latitude, longitude, ${figures.join(", ")})`,
      )
      .execute(db);
    await sql.raw(`DROP INDEX IF EXISTS report_events_scope_idx`).execute(db);
  },
};
