import type BetterSqlite3 from "better-sqlite3";
import { borderCellKey, borderDistanceSql, killedTotal, maxRolledUpBorderKm } from "./migrations/060-report-rollups.ts";
import { sourceSetRebuildStatements, sourceSetTriggerNames } from "./migrations/062-report-source-sets.ts";
import { coarseRollupTriggerNames } from "./migrations/064-report-coarse-rollups.ts";
import { distanceToSegmentsKm } from "./report-store.ts";

/**
 * A large import does not keep the report rollups (migrations 060 and 062) in step row by row: inside its transaction it
 * drops the rollup triggers, and before commit it recomputes the three rollup tables from the events in a few
 * set-based statements and re-creates the triggers from their saved definitions. Everything happens inside the
 * one transaction, so a rollback or a crash restores the triggers and the rollup rows as they were.
 *
 * The statements below compute exactly what the triggers of migration 060 maintain (and what that migration
 * computes for events stored before it): the same keys (NULL stored as ''), the same "counted" condition, the
 * same figures, the same border bucket. Rows the triggers bring down to zero incidents are deleted by them, so
 * a table rebuilt from the live events holds the same rows. src/storage/report-rollup-rebuild.test.ts checks
 * this against the triggers on the same imports. Migration 062 rebuilds its tables by its own statements; 064's are summed from report_rollup.
 *
 * One difference of means: the distance to the border, which the triggers compute in SQL, is computed here by
 * a SQL function written in JavaScript (ReportStore's distanceToSegmentsKm over the same grid cell's candidate
 * segments, the same arithmetic in the same order), several times faster, with the SQL deciding the rare
 * points a last-bit difference could move to another whole km; the test compares the two on thousands of points.
 */

const killedColumns = ["security_forces", "civilians", "militants", "unknown"] as const;
const figureColumns = [...killedColumns.map((c) => `killed_${c}`), ...killedColumns.map((c) => `injured_${c}`)];

function isCounted(row: string): string {
  return `${row}.merged_into IS NULL AND ${row}.deleted_at IS NULL AND ${row}.date_first IS NOT NULL AND ${row}.review_state IN ('candidate', 'confirmed')`;
}

function injuredTotal(row: string): string {
  return killedColumns.map((c) => `coalesce(${row}.injured_${c}, 0)`).join(" + ");
}

function unlocatedSql(row: string): string {
  return `(CASE WHEN ${row}.latitude IS NULL OR ${row}.longitude IS NULL THEN 1 ELSE 0 END)`;
}

/** The SQL function registerBorderDistance adds: the whole-km border bucket of a point, or -1 when the SQL must decide. */
export const borderBucketFunction = "armtrace_border_bucket";

/** The SQL function registerBorderDistance adds: a point's distance in km to the Durand Line, NULL outside the grid. */
export const borderDistanceFunction = "armtrace_border_km";

const beyondBucket = maxRolledUpBorderKm + 1;

/**
 * The whole km to the border of an event row, as the triggers' bucket. JavaScript's and SQLite's sine and cosine
 * may differ in the last bit; that can only change the bucket when the distance is a hair from a whole km, so
 * there (a few points in a million) the function answers -1 and the triggers' SQL itself decides.
 */
function borderBucketSql(row: string): string {
  const bySql = `coalesce(min(CAST(ceil(${borderDistanceSql(`${row}.latitude`, `${row}.longitude`)}) AS INTEGER), ${beyondBucket}), ${beyondBucket})`;
  return `coalesce(nullif(${borderBucketFunction}(${row}.latitude, ${row}.longitude), -1), ${bySql})`;
}

/** The bucket of a distance (null: outside the grid), or -1 when it lies too near a whole km to trust the last bit. */
export function borderBucket(km: number | null): number {
  if (km === null) return beyondBucket;
  if (Math.abs(km - Math.round(km)) < 1e-6) return -1;
  return Math.min(Math.ceil(km), beyondBucket);
}

const registered = new WeakSet<BetterSqlite3.Database>();

/**
 * Adds borderDistanceFunction and borderBucketFunction to the connection (once): the distance migration 060's
 * SQL computes, over the segments report_border_cells lists for the point's cell; NULL (like the SQL's empty
 * subquery) outside the grid.
 */
export function registerBorderDistance(sqlite: BetterSqlite3.Database): void {
  if (registered.has(sqlite)) return;
  // Loaded now: a function cannot query the connection that is running the statement calling it.
  const segments = sqlite.prepare(`SELECT seq, a_lon, a_lat, b_lon, b_lat FROM report_border_segments ORDER BY seq`).all() as Array<{ seq: number; a_lon: number; a_lat: number; b_lon: number; b_lat: number }>;
  const bySeq = new Map(segments.map((row) => [row.seq, [row.a_lon, row.a_lat, row.b_lon, row.b_lat] as [number, number, number, number]]));
  const cells = new Map<number, Array<[number, number, number, number]>>();
  for (const row of sqlite.prepare(`SELECT cell, seq FROM report_border_cells ORDER BY cell, seq`).all() as Array<{ cell: number; seq: number }>) {
    const segment = bySeq.get(row.seq);
    if (segment === undefined) continue;
    const list = cells.get(row.cell);
    if (list) list.push(segment);
    else cells.set(row.cell, [segment]);
  }
  const distance = (latitude: unknown, longitude: unknown): number | null => {
    if (typeof latitude !== "number" || typeof longitude !== "number") return null;
    const candidates = cells.get(borderCellKey(latitude, longitude));
    return candidates === undefined || candidates.length === 0 ? null : distanceToSegmentsKm(latitude, longitude, candidates);
  };
  sqlite.function(borderDistanceFunction, { deterministic: true }, distance);
  sqlite.function(borderBucketFunction, { deterministic: true }, (latitude: unknown, longitude: unknown) => borderBucket(distance(latitude, longitude)));
  registered.add(sqlite);
}

/**
 * Migration 064's year and month tables summed from report_rollup once it is rebuilt, instead of from the events
 * again: its rows are theirs cut finer (the same counted events, the same '' for NULL, months whose first four
 * characters are the years), so the sums are the same rows, at the cost of reading a few thousand rollup rows
 * instead of every event twice.
 */
const coarseFromRollupStatements: readonly string[] = [
  `DELETE FROM report_year_rollup`,
  `INSERT INTO report_year_rollup (first_year, last_year, country, admin1, admin2, type, review_state, incidents, ${figureColumns.join(", ")}, unlocated)
    SELECT substr(first_month, 1, 4), substr(last_month, 1, 4), country, admin1, admin2, type, review_state, sum(incidents),
      ${figureColumns.map((c) => `sum(${c})`).join(", ")}, sum(unlocated)
    FROM report_rollup GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  `DELETE FROM report_month_rollup`,
  `INSERT INTO report_month_rollup (first_month, last_month, country, admin1, review_state, incidents, ${figureColumns.join(", ")})
    SELECT first_month, last_month, country, admin1, review_state, sum(incidents), ${figureColumns.map((c) => `sum(${c})`).join(", ")}
    FROM report_rollup GROUP BY 1, 2, 3, 4, 5`,
];

/** The rollup tables' contents recomputed from the events table, in full (to run with the triggers dropped). */
export const rollupRebuildStatements: readonly string[] = [
  `DELETE FROM report_rollup`,
  `DELETE FROM report_border_rollup`,
  `DELETE FROM report_actor_rollup`,
  `INSERT INTO report_rollup (first_month, last_month, country, admin1, admin2, type, review_state, incidents, ${figureColumns.join(", ")}, unlocated)
    SELECT substr(ev.date_first, 1, 7), substr(ev.date_last, 1, 7), coalesce(ev.country, ''), coalesce(ev.admin1, ''), coalesce(ev.admin2, ''),
      ev.type, ev.review_state, count(*), ${figureColumns.map((c) => `sum(coalesce(ev.${c}, 0))`).join(", ")}, sum(${unlocatedSql("ev")})
    FROM events ev WHERE ${isCounted("ev")} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  // The border bucket per event, by borderBucketFunction (the SQL only for the rare points it leaves to it).
  `INSERT INTO report_border_rollup (first_month, last_month, country, admin1, review_state, border_km, incidents, ${figureColumns.join(", ")})
    SELECT substr(ev.date_first, 1, 7), substr(ev.date_last, 1, 7), coalesce(ev.country, ''), coalesce(ev.admin1, ''), ev.review_state,
      ${borderBucketSql("ev")}, count(*), ${figureColumns.map((c) => `sum(coalesce(ev.${c}, 0))`).join(", ")}
    FROM events ev
    WHERE ${isCounted("ev")} AND ev.latitude IS NOT NULL AND ev.longitude IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`,
  `INSERT INTO report_actor_rollup (first_month, last_month, role, name, country, admin1, review_state, incidents, killed, injured)
    SELECT substr(ev.date_first, 1, 7), substr(ev.date_last, 1, 7), a.role, a.name, coalesce(ev.country, ''), coalesce(ev.admin1, ''),
      ev.review_state, count(*), sum(${killedTotal("ev")}), sum(${injuredTotal("ev")})
    -- Each actor row finds its event by rowid (the planner would otherwise probe the actors per event).
    FROM event_actors a CROSS JOIN events ev ON ev.id = a.event_id WHERE ${isCounted("ev")} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  ...sourceSetRebuildStatements,
  ...coarseFromRollupStatements,
];

/** The rollup triggers of migrations 060, 062 and 064, by name. */
export const rollupTriggerNames = [
  "report_rollup_event_insert",
  "report_rollup_event_update",
  "report_rollup_event_delete",
  "report_rollup_actor_insert",
  "report_rollup_actor_delete",
  "report_rollup_actor_update",
  ...sourceSetTriggerNames,
  ...coarseRollupTriggerNames,
] as const;

export interface SuspendedRollups {
  /** Recomputes the rollup tables and re-creates the triggers; call inside the same transaction, before commit. */
  resume(): void;
}

/**
 * Drops the rollup triggers (inside the caller's open transaction) and returns how to bring them back. Returns
 * undefined when the database has none of them (nothing to suspend). All must be present, or none is touched.
 */
export function suspendReportRollups(sqlite: BetterSqlite3.Database): SuspendedRollups | undefined {
  if (!sqlite.inTransaction) throw new Error("suspendReportRollups needs an open transaction");
  const saved = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${rollupTriggerNames.map(() => "?").join(", ")}) ORDER BY name`)
    .all(...rollupTriggerNames) as Array<{ name: string; sql: string }>;
  if (saved.length !== rollupTriggerNames.length) return undefined;
  dropTriggers(sqlite, saved);
  let isResumed = false;
  return {
    resume() {
      if (isResumed) return;
      isResumed = true;
      registerBorderDistance(sqlite);
      for (const statement of rollupRebuildStatements) sqlite.exec(statement);
      for (const trigger of saved) sqlite.exec(trigger.sql);
    },
  };
}

function dropTriggers(sqlite: BetterSqlite3.Database, triggers: ReadonlyArray<{ name: string }>): void {
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name.replace(/"/g, '""')}"`);
}

/**
 * Recomputes the rollup tables from the events, in full, in one transaction (a savepoint inside the caller's).
 * Triggers present are set aside meanwhile: report_source_links' own would otherwise write the bits twice.
 */
export function rebuildReportRollups(sqlite: BetterSqlite3.Database): void {
  sqlite.transaction(() => {
    const saved = sqlite
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${rollupTriggerNames.map(() => "?").join(", ")}) ORDER BY name`)
      .all(...rollupTriggerNames) as Array<{ name: string; sql: string }>;
    dropTriggers(sqlite, saved);
    registerBorderDistance(sqlite);
    for (const statement of rollupRebuildStatements) sqlite.exec(statement);
    for (const trigger of saved) sqlite.exec(trigger.sql);
  })();
}
