import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/** Events with their actors, source links, full version history, merges and distinct-pair decisions. */
export const migration020Events: Migration = {
  id: "020-events",
  async up(db, dialect) {
    const autoId = dialect === "postgres" ? "integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
    const real = dialect === "postgres" ? "double precision" : "REAL";
    await sql
      .raw(
        `CREATE TABLE events (
      id ${autoId},
      type TEXT NOT NULL,
      date TEXT,
      date_precision TEXT NOT NULL,
      date_end TEXT,
      date_first TEXT,
      date_last TEXT,
      country TEXT,
      admin1 TEXT,
      admin2 TEXT,
      location TEXT,
      latitude ${real},
      longitude ${real},
      geo_precision TEXT,
      actors_json TEXT NOT NULL,
      killed_security_forces INTEGER, killed_civilians INTEGER, killed_militants INTEGER, killed_unknown INTEGER,
      injured_security_forces INTEGER, injured_civilians INTEGER, injured_militants INTEGER, injured_unknown INTEGER,
      fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER, fatalities_rule TEXT NOT NULL,
      injuries_low INTEGER, injuries_best INTEGER, injuries_high INTEGER, injuries_rule TEXT NOT NULL,
      weapons_json TEXT NOT NULL,
      notes TEXT,
      acled_json TEXT,
      gtd_json TEXT,
      acled_event_id TEXT UNIQUE,
      gtd_event_id TEXT UNIQUE,
      review_state TEXT NOT NULL CHECK (review_state IN ('candidate', 'confirmed', 'rejected')),
      version INTEGER NOT NULL,
      merged_into INTEGER REFERENCES events(id),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    )`,
      )
      .execute(db);
    await sql.raw(`CREATE INDEX events_date_idx ON events (date_first, date_last)`).execute(db);
    await sql.raw(`CREATE INDEX events_place_idx ON events (country, admin1, admin2)`).execute(db);
    await sql.raw(`CREATE INDEX events_admin2_idx ON events (admin2)`).execute(db);
    await sql.raw(`CREATE INDEX events_type_date_idx ON events (type, date_first)`).execute(db);
    await sql.raw(`CREATE INDEX events_review_idx ON events (review_state)`).execute(db);
    await sql.raw(`CREATE INDEX events_fatalities_idx ON events (fatalities_best)`).execute(db);
    await sql.raw(`CREATE INDEX events_merged_idx ON events (merged_into)`).execute(db);

    await sql
      .raw(
        `CREATE TABLE event_actors (
      event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('perpetrator', 'target', 'associated')),
      name TEXT NOT NULL,
      name_key TEXT NOT NULL
    )`,
      )
      .execute(db);
    await sql.raw(`CREATE INDEX event_actors_name_idx ON event_actors (name_key, event_id)`).execute(db);
    await sql.raw(`CREATE INDEX event_actors_event_idx ON event_actors (event_id)`).execute(db);

    await sql
      .raw(
        `CREATE TABLE event_sources (
      id ${autoId},
      event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      source_id INTEGER REFERENCES sources(id),
      citation TEXT,
      killed_json TEXT NOT NULL,
      injured_json TEXT NOT NULL,
      killed_total INTEGER,
      injured_total INTEGER,
      evidence_json TEXT NOT NULL,
      merged_from_event_id INTEGER REFERENCES events(id),
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL
    )`,
      )
      .execute(db);
    await sql.raw(`CREATE INDEX event_sources_event_idx ON event_sources (event_id)`).execute(db);
    await sql.raw(`CREATE INDEX event_sources_source_idx ON event_sources (source_id)`).execute(db);

    await sql
      .raw(
        `CREATE TABLE event_versions (
      event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      change TEXT NOT NULL,
      changed_by TEXT NOT NULL,
      changed_at TEXT NOT NULL,
      reason TEXT,
      snapshot_json TEXT NOT NULL,
      PRIMARY KEY (event_id, version)
    )`,
      )
      .execute(db);

    await sql
      .raw(
        `CREATE TABLE event_merges (
      id ${autoId},
      survivor_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      absorbed_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      merged_by TEXT NOT NULL,
      merged_at TEXT NOT NULL,
      reason TEXT,
      undone_by TEXT,
      undone_at TEXT
    )`,
      )
      .execute(db);
    await sql.raw(`CREATE INDEX event_merges_absorbed_idx ON event_merges (absorbed_id)`).execute(db);
    await sql.raw(`CREATE INDEX event_merges_survivor_idx ON event_merges (survivor_id)`).execute(db);

    await sql
      .raw(
        `CREATE TABLE event_distinct_pairs (
      first_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      second_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      decided_by TEXT NOT NULL,
      decided_at TEXT NOT NULL,
      reason TEXT,
      PRIMARY KEY (first_id, second_id)
    )`,
      )
      .execute(db);

    if (dialect === "sqlite") {
      // Kept by the event store's write path (no triggers), rowid = events.id.
      await sql
        .raw(`CREATE VIRTUAL TABLE events_fts USING fts5(notes, location, actors, tokenize='unicode61 remove_diacritics 2')`)
        .execute(db);
    }
  },
};
