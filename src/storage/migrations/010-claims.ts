import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * Attributed statistical claims found in sources (candidates for review, like extracted events), and one
 * row per source the extractor has read, so extracting a source twice stores nothing twice.
 */
export const migration010Claims: Migration = {
  id: "010-claims",
  async up(db, dialect) {
    const id = dialect === "postgres" ? sql`BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY` : sql`INTEGER PRIMARY KEY AUTOINCREMENT`;
    await sql`CREATE TABLE claims (
      id ${id},
      source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
      metric TEXT NOT NULL,
      value DOUBLE PRECISION NOT NULL,
      qualifier TEXT NOT NULL,
      period TEXT,
      scope TEXT,
      attributed_to TEXT,
      evidence_start INTEGER,
      evidence_end INTEGER,
      evidence_text TEXT,
      review_state TEXT NOT NULL DEFAULT 'candidate',
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    )`.execute(db);
    await sql`CREATE INDEX claims_source_idx ON claims (source_id)`.execute(db);
    await sql`CREATE INDEX claims_metric_period_idx ON claims (metric, period)`.execute(db);
    await sql`CREATE TABLE extraction_runs (
      source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
      extractor TEXT NOT NULL,
      ran_at TEXT NOT NULL,
      ran_by TEXT NOT NULL,
      event_ids TEXT NOT NULL,
      claim_count INTEGER NOT NULL
    )`.execute(db);
  },
};
