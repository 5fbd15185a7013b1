import type BetterSqlite3 from "better-sqlite3";
import { borderDistanceSql, killedTotal, maxRolledUpBorderKm } from "./migrations/060-report-rollups.ts";
import { sourceSetRebuildStatements, sourceSetTriggerNames } from "./migrations/062-report-source-sets.ts";

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
 * this against the triggers on the same imports. Migration 062's source sets are rebuilt by its own statements.
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

function borderBucketSql(row: string): string {
  return `coalesce(min(CAST(ceil(${borderDistanceSql(`${row}.latitude`, `${row}.longitude`)}) AS INTEGER), ${maxRolledUpBorderKm + 1}), ${maxRolledUpBorderKm + 1})`;
}

/** The rollup tables' contents recomputed from the events table, in full (to run with the triggers dropped). */
export const rollupRebuildStatements: readonly string[] = [
  `DELETE FROM report_rollup`,
  `DELETE FROM report_border_rollup`,
  `DELETE FROM report_actor_rollup`,
  `INSERT INTO report_rollup (first_month, last_month, country, admin1, admin2, type, review_state, incidents, ${figureColumns.join(", ")}, unlocated)
    SELECT substr(ev.date_first, 1, 7), substr(ev.date_last, 1, 7), coalesce(ev.country, ''), coalesce(ev.admin1, ''), coalesce(ev.admin2, ''),
      ev.type, ev.review_state, count(*), ${figureColumns.map((c) => `sum(coalesce(ev.${c}, 0))`).join(", ")}, sum(${unlocatedSql("ev")})
    FROM events ev WHERE ${isCounted("ev")} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  // The distance is computed once per distinct point (events of one place share their coordinates), then
  // joined back to the events by exact coordinate equality and grouped.
  `WITH points AS MATERIALIZED (
      SELECT latitude, longitude, ${borderBucketSql("p")} AS border_km
      FROM (SELECT DISTINCT ev.latitude, ev.longitude FROM events ev
        WHERE ${isCounted("ev")} AND ev.latitude IS NOT NULL AND ev.longitude IS NOT NULL) p)
    INSERT INTO report_border_rollup (first_month, last_month, country, admin1, review_state, border_km, incidents, ${figureColumns.join(", ")})
    SELECT substr(ev.date_first, 1, 7), substr(ev.date_last, 1, 7), coalesce(ev.country, ''), coalesce(ev.admin1, ''), ev.review_state,
      pt.border_km, count(*), ${figureColumns.map((c) => `sum(coalesce(ev.${c}, 0))`).join(", ")}
    FROM events ev JOIN points pt ON pt.latitude = ev.latitude AND pt.longitude = ev.longitude
    WHERE ${isCounted("ev")} GROUP BY 1, 2, 3, 4, 5, 6`,
  `INSERT INTO report_actor_rollup (first_month, last_month, role, name, country, admin1, review_state, incidents, killed, injured)
    SELECT substr(ev.date_first, 1, 7), substr(ev.date_last, 1, 7), a.role, a.name, coalesce(ev.country, ''), coalesce(ev.admin1, ''),
      ev.review_state, count(*), sum(${killedTotal("ev")}), sum(${injuredTotal("ev")})
    FROM events ev JOIN event_actors a ON a.event_id = ev.id WHERE ${isCounted("ev")} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  ...sourceSetRebuildStatements,
];

/** The rollup triggers of migrations 060 and 062, by name. */
export const rollupTriggerNames = [
  "report_rollup_event_insert",
  "report_rollup_event_update",
  "report_rollup_event_delete",
  "report_rollup_actor_insert",
  "report_rollup_actor_delete",
  "report_rollup_actor_update",
  ...sourceSetTriggerNames,
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
    for (const statement of rollupRebuildStatements) sqlite.exec(statement);
    for (const trigger of saved) sqlite.exec(trigger.sql);
  })();
}
