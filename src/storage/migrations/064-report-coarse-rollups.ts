import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * Two coarser cuts of migration 060's report_rollup, kept by their own triggers in the same way, so that long
 * periods read fewer rows (see docs/reports.md):
 *
 * - report_year_rollup: the same figures per (first year, last year of the event's date span, country,
 *   province, district, type, review state) — whole years of a period read one row per place and type;
 * - report_month_rollup: per (first month, last month, country, province, review state), without district and
 *   type — the monthly trend.
 *
 * Only counted events (live, dated, candidate or confirmed); NULL keys stored as ''; rows brought to zero
 * incidents are deleted. A bulk import rebuilds both set-based (src/storage/report-rollup-rebuild.ts).
 */

function isCounted(row: string): string {
  return `${row}.merged_into IS NULL AND ${row}.deleted_at IS NULL AND ${row}.date_first IS NOT NULL AND ${row}.review_state IN ('candidate', 'confirmed')`;
}

const categories = ["security_forces", "civilians", "militants", "unknown"] as const;
const figureColumns = [...categories.map((c) => `killed_${c}`), ...categories.map((c) => `injured_${c}`)];

interface CoarseRollup {
  table: string;
  /** Key columns and the expression of each for an event row. */
  keys: Array<[string, (row: string) => string]>;
  hasUnlocated: boolean;
}

const place = (column: string): [string, (row: string) => string] => [column, (row) => `coalesce(${row}.${column}, '')`];

/** The two tables, their keys in primary-key order. */
export const coarseRollups: readonly CoarseRollup[] = [
  {
    table: "report_year_rollup",
    keys: [
      ["first_year", (row) => `substr(${row}.date_first, 1, 4)`],
      ["last_year", (row) => `substr(${row}.date_last, 1, 4)`],
      place("country"),
      place("admin1"),
      place("admin2"),
      ["type", (row) => `${row}.type`],
      ["review_state", (row) => `${row}.review_state`],
    ],
    hasUnlocated: true,
  },
  {
    table: "report_month_rollup",
    keys: [
      ["first_month", (row) => `substr(${row}.date_first, 1, 7)`],
      ["last_month", (row) => `substr(${row}.date_last, 1, 7)`],
      place("country"),
      place("admin1"),
      ["review_state", (row) => `${row}.review_state`],
    ],
    hasUnlocated: false,
  },
];

function valueColumns(rollup: CoarseRollup): string[] {
  return ["incidents", ...figureColumns, ...(rollup.hasUnlocated ? ["unlocated"] : [])];
}

/** Adds (1) or removes (-1) one event row's contribution to a table; removing deletes a row left at zero. */
function upsert(rollup: CoarseRollup, row: string, sign: 1 | -1): string {
  const keyColumns = rollup.keys.map(([column]) => column);
  const values = [`${sign}`, ...figureColumns.map((c) => `${sign} * coalesce(${row}.${c}, 0)`)];
  if (rollup.hasUnlocated) values.push(`${sign} * (CASE WHEN ${row}.latitude IS NULL OR ${row}.longitude IS NULL THEN 1 ELSE 0 END)`);
  const insert = `INSERT INTO ${rollup.table} (${[...keyColumns, ...valueColumns(rollup)].join(", ")})
    SELECT ${[...rollup.keys.map(([, expression]) => expression(row)), ...values].join(", ")} WHERE ${isCounted(row)}
    ON CONFLICT (${keyColumns.join(", ")}) DO UPDATE SET ${valueColumns(rollup).map((c) => `${c} = ${c} + excluded.${c}`).join(", ")};`;
  if (sign === 1) return insert;
  return `${insert}
    DELETE FROM ${rollup.table} WHERE incidents = 0 AND ${rollup.keys.map(([column, expression]) => `${column} = ${expression(row)}`).join(" AND ")};`;
}

/** The set-based fill of both tables from the events (with their triggers dropped). */
export const coarseRollupRebuildStatements: readonly string[] = coarseRollups.flatMap((rollup) => [
  `DELETE FROM ${rollup.table}`,
  `INSERT INTO ${rollup.table} (${[...rollup.keys.map(([column]) => column), ...valueColumns(rollup)].join(", ")})
    SELECT ${rollup.keys.map(([, expression]) => expression("ev")).join(", ")}, count(*), ${figureColumns.map((c) => `sum(coalesce(ev.${c}, 0))`).join(", ")}
      ${rollup.hasUnlocated ? ", sum(CASE WHEN ev.latitude IS NULL OR ev.longitude IS NULL THEN 1 ELSE 0 END)" : ""}
    FROM events ev WHERE ${isCounted("ev")} GROUP BY ${rollup.keys.map((_, index) => index + 1).join(", ")}`,
]);

/** Event columns these tables depend on. */
const countedColumns = ["type", "date_first", "date_last", "country", "admin1", "admin2", "latitude", "longitude", ...figureColumns, "review_state", "merged_into", "deleted_at"];

/** Names of this migration's triggers (a bulk import drops and re-creates them with the other rollups'). */
export const coarseRollupTriggerNames = ["report_coarse_event_insert", "report_coarse_event_update", "report_coarse_event_delete"] as const;

export const migration064ReportCoarseRollups: Migration = {
  id: "064-report-coarse-rollups",
  async up(db, dialect) {
    if (dialect !== "sqlite") return;
    const figures = figureColumns.map((c) => `${c} INTEGER NOT NULL`).join(", ");
    const statements = [
      `CREATE TABLE report_year_rollup (first_year TEXT NOT NULL, last_year TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL, admin2 TEXT NOT NULL,
        type TEXT NOT NULL, review_state TEXT NOT NULL, incidents INTEGER NOT NULL, ${figures}, unlocated INTEGER NOT NULL,
        PRIMARY KEY (first_year, last_year, country, admin1, admin2, type, review_state)) WITHOUT ROWID`,
      `CREATE TABLE report_month_rollup (first_month TEXT NOT NULL, last_month TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
        review_state TEXT NOT NULL, incidents INTEGER NOT NULL, ${figures},
        PRIMARY KEY (first_month, last_month, country, admin1, review_state)) WITHOUT ROWID`,
      ...coarseRollupRebuildStatements,
      `CREATE TRIGGER report_coarse_event_insert AFTER INSERT ON events BEGIN
        ${coarseRollups.map((rollup) => upsert(rollup, "new", 1)).join("\n")}
      END`,
      `CREATE TRIGGER report_coarse_event_update AFTER UPDATE OF ${countedColumns.join(", ")} ON events BEGIN
        ${coarseRollups.map((rollup) => `${upsert(rollup, "old", -1)}\n${upsert(rollup, "new", 1)}`).join("\n")}
      END`,
      `CREATE TRIGGER report_coarse_event_delete BEFORE DELETE ON events BEGIN
        ${coarseRollups.map((rollup) => upsert(rollup, "old", -1)).join("\n")}
      END`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
