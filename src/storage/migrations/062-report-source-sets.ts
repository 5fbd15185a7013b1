import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * The sources behind a report's figures, pre-aggregated so that counting the distinct sources of a year does
 * not join every event of the year to its links (see docs/reports.md):
 *
 * - report_source_links: how many links of counted events tie each source to a bucket (review state, first and
 *   last month of the event's date span, country) — a multiset, so a source leaves a bucket with its last link;
 * - report_source_words: the same membership as bitsets of 64 source ids per row (`word` = id >> 6, bit
 *   id & 63 of `bits`), so a year's sources are a few thousand rows however many links the year holds.
 *
 * Triggers keep both in step with events and event_sources: a link added or removed, and an event's links
 * moved between buckets when its dates, review state, country, merge or deletion change. report_source_links'
 * own triggers set a bit when a source enters a bucket and clear it when it leaves. A bulk import rebuilds both
 * set-based (src/storage/report-rollup-rebuild.ts). PostgreSQL gets none of this.
 */

/** Counted like migration 060's rollups: live, dated, candidate or confirmed. */
function isCounted(row: string): string {
  return `${row}.merged_into IS NULL AND ${row}.deleted_at IS NULL AND ${row}.date_first IS NOT NULL AND ${row}.review_state IN ('candidate', 'confirmed')`;
}

/** The bucket columns, in key order. */
export const sourceBucketColumns = "review_state, first_month, last_month, country";

/** An event row's bucket, in the order of sourceBucketColumns. */
export function sourceBucketOf(row: string): string {
  return `${row}.review_state, substr(${row}.date_first, 1, 7), substr(${row}.date_last, 1, 7), coalesce(${row}.country, '')`;
}

/** Adds (1) or removes (-1) every link of the event row `row` (old or new in an events trigger). */
function eventLinks(row: string, sign: 1 | -1): string {
  const upsert = `INSERT INTO report_source_links (${sourceBucketColumns}, source_id, links)
    SELECT ${sourceBucketOf(row)}, s.source_id, ${sign} * count(*) FROM event_sources s
    WHERE s.event_id = ${row}.id AND s.source_id IS NOT NULL AND ${isCounted(row)} GROUP BY s.source_id
    ON CONFLICT (${sourceBucketColumns}, source_id) DO UPDATE SET links = links + excluded.links;`;
  if (sign === 1) return upsert;
  return `${upsert}
    DELETE FROM report_source_links WHERE links = 0 AND (${sourceBucketColumns}) = (SELECT ${sourceBucketOf(row)})
      AND source_id IN (SELECT source_id FROM event_sources WHERE event_id = ${row}.id);`;
}

/** Adds (1) or removes (-1) one link (the row `row` of an event_sources trigger) of its event, when counted. */
function oneLink(row: string, sign: 1 | -1): string {
  const upsert = `INSERT INTO report_source_links (${sourceBucketColumns}, source_id, links)
    SELECT ${sourceBucketOf("e")}, ${row}.source_id, ${sign} FROM events e
    WHERE e.id = ${row}.event_id AND ${row}.source_id IS NOT NULL AND ${isCounted("e")}
    ON CONFLICT (${sourceBucketColumns}, source_id) DO UPDATE SET links = links + excluded.links;`;
  if (sign === 1) return upsert;
  return `${upsert}
    DELETE FROM report_source_links WHERE links = 0 AND source_id = ${row}.source_id
      AND (${sourceBucketColumns}) IN (SELECT ${sourceBucketOf("e")} FROM events e WHERE e.id = ${row}.event_id);`;
}

/** Event columns that decide whether and where an event's links count. */
const bucketEventColumns = ["date_first", "date_last", "review_state", "country", "merged_into", "deleted_at"];

/** Names of the triggers this migration creates (a bulk import drops and re-creates them with migration 060's). */
export const sourceSetTriggerNames = [
  "report_source_event_insert",
  "report_source_event_update",
  "report_source_event_delete",
  "report_source_link_insert",
  "report_source_link_delete",
  "report_source_link_update",
  "report_source_words_insert",
  "report_source_words_delete",
] as const;

export const migration062ReportSourceSets: Migration = {
  id: "062-report-source-sets",
  async up(db, dialect) {
    if (dialect !== "sqlite") return;
    const statements = [
      `CREATE TABLE report_source_links (review_state TEXT NOT NULL, first_month TEXT NOT NULL, last_month TEXT NOT NULL, country TEXT NOT NULL,
        source_id INTEGER NOT NULL, links INTEGER NOT NULL, PRIMARY KEY (${sourceBucketColumns}, source_id)) WITHOUT ROWID`,
      `CREATE TABLE report_source_words (review_state TEXT NOT NULL, first_month TEXT NOT NULL, last_month TEXT NOT NULL, country TEXT NOT NULL,
        word INTEGER NOT NULL, bits INTEGER NOT NULL, PRIMARY KEY (${sourceBucketColumns}, word)) WITHOUT ROWID`,
      // Events already stored, before the triggers exist.
      ...sourceSetRebuildStatements,
      `CREATE TRIGGER report_source_event_insert AFTER INSERT ON events BEGIN
        ${eventLinks("new", 1)}
      END`,
      // Only when the bucket or whether it counts may change: a save rewrites every column of the event.
      `CREATE TRIGGER report_source_event_update AFTER UPDATE OF ${bucketEventColumns.join(", ")} ON events
      WHEN ${bucketEventColumns.map((column) => `old.${column} IS NOT new.${column}`).join(" OR ")} BEGIN
        ${eventLinks("old", -1)}
        ${eventLinks("new", 1)}
      END`,
      // BEFORE: the links still exist (the cascade removes them once the event is gone, when they no longer count).
      `CREATE TRIGGER report_source_event_delete BEFORE DELETE ON events BEGIN
        ${eventLinks("old", -1)}
      END`,
      `CREATE TRIGGER report_source_link_insert AFTER INSERT ON event_sources BEGIN
        ${oneLink("new", 1)}
      END`,
      `CREATE TRIGGER report_source_link_delete AFTER DELETE ON event_sources BEGIN
        ${oneLink("old", -1)}
      END`,
      `CREATE TRIGGER report_source_link_update AFTER UPDATE OF event_id, source_id ON event_sources BEGIN
        ${oneLink("old", -1)}
        ${oneLink("new", 1)}
      END`,
      `CREATE TRIGGER report_source_words_insert AFTER INSERT ON report_source_links BEGIN
        INSERT INTO report_source_words (${sourceBucketColumns}, word, bits)
        VALUES (new.review_state, new.first_month, new.last_month, new.country, new.source_id >> 6, 1 << (new.source_id & 63))
        ON CONFLICT (${sourceBucketColumns}, word) DO UPDATE SET bits = bits | excluded.bits;
      END`,
      `CREATE TRIGGER report_source_words_delete AFTER DELETE ON report_source_links BEGIN
        UPDATE report_source_words SET bits = bits & ~(1 << (old.source_id & 63))
        WHERE (${sourceBucketColumns}, word) = (old.review_state, old.first_month, old.last_month, old.country, old.source_id >> 6);
        DELETE FROM report_source_words
        WHERE bits = 0 AND (${sourceBucketColumns}, word) = (old.review_state, old.first_month, old.last_month, old.country, old.source_id >> 6);
      END`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};

/**
 * Fills both tables from the events, set-based (with the tables' triggers dropped, or their work is done
 * twice). Each (bucket, source) is one row of report_source_links, so within a word the sum of distinct bits
 * is their OR.
 */
export const sourceSetRebuildStatements: readonly string[] = [
  `DELETE FROM report_source_words`,
  `DELETE FROM report_source_links`,
  `INSERT INTO report_source_links (${sourceBucketColumns}, source_id, links)
    SELECT ${sourceBucketOf("ev")}, s.source_id, count(*) FROM events ev JOIN event_sources s ON s.event_id = ev.id
    WHERE s.source_id IS NOT NULL AND ${isCounted("ev")} GROUP BY 1, 2, 3, 4, 5`,
  `INSERT INTO report_source_words (${sourceBucketColumns}, word, bits)
    SELECT ${sourceBucketColumns}, source_id >> 6, sum(1 << (source_id & 63)) FROM report_source_links GROUP BY 1, 2, 3, 4, 5`,
];
