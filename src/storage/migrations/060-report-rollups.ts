import { sql } from "kysely";
import durandLineData from "../../codebook/data/durand-line.json" with { type: "json" };
import type { Migration } from "../migrate.ts";

/**
 * Pre-aggregated report figures kept in step with every event change by SQLite triggers, so a report over a
 * million events reads a few thousand rollup rows instead of every event (see docs/reports.md):
 *
 * - report_rollup: incidents, killed and injured by category per (first month, last month of the event's date
 *   span, country, province, district, type, review state);
 * - report_actor_rollup: incidents, killed and injured totals per actor and role, by province and review state;
 * - report_border_rollup: the same totals per whole-km distance to the Durand Line (up to 300 km), computed in
 *   SQL with the gazetteer's formula over report_border_segments (a copy of src/codebook/data/durand-line.json).
 *
 * Only live events count: not merged into another, not deleted, dated, and candidate or confirmed. NULL keys
 * are stored as '' so that upserts find their row. PostgreSQL gets no rollups: reports there aggregate events.
 */

/** Distances beyond this are not rolled up; the report's border distance is limited to it. */
export const maxRolledUpBorderKm = 300;

type RowRef = string;

function isCounted(row: RowRef): string {
  return `${row}.merged_into IS NULL AND ${row}.deleted_at IS NULL AND ${row}.date_first IS NOT NULL AND ${row}.review_state IN ('candidate', 'confirmed')`;
}

const killedColumns = ["security_forces", "civilians", "militants", "unknown"] as const;
const figureColumns = [...killedColumns.map((c) => `killed_${c}`), ...killedColumns.map((c) => `injured_${c}`)];

/** The SQL expression of an event row's killed total (categories, NULL as 0); also the deadliest index's key. */
export function killedTotal(row: string | null): string {
  return killedColumns.map((c) => `coalesce(${row === null ? "" : `${row}.`}killed_${c}, 0)`).join(" + ");
}
function injuredTotal(row: string): string {
  return killedColumns.map((c) => `coalesce(${row}.injured_${c}, 0)`).join(" + ");
}

/** The SQL expression of an event's distance in km to the Durand Line (same formula as the gazetteer's). */
export function borderDistanceSql(latitude: string, longitude: string): string {
  return `(SELECT MIN(2 * 6371.0088 * asin(min(1.0, sqrt(
        power(sin(radians(nlat - plat) / 2), 2) + cos(radians(plat)) * cos(radians(nlat)) * power(sin(radians(nlon - plon) / 2), 2)))))
      FROM (SELECT plat, plon, plat + ay + t * dy AS nlat, plon + (ax + t * dx) / kx AS nlon
        FROM (SELECT plat, plon, kx, ax, ay, dx, dy,
            CASE WHEN dx * dx + dy * dy = 0 THEN 0.0 ELSE max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy))) END AS t
          FROM (SELECT p.plat, p.plon, p.kx, (s.a_lon - p.plon) * p.kx AS ax, s.a_lat - p.plat AS ay,
              (s.b_lon - s.a_lon) * p.kx AS dx, s.b_lat - s.a_lat AS dy
            FROM report_border_segments s, (SELECT ${latitude} AS plat, ${longitude} AS plon, cos(radians(${latitude})) AS kx) p))))`;
}

function unlocatedSql(row: RowRef): string {
  return `(CASE WHEN ${row}.latitude IS NULL OR ${row}.longitude IS NULL THEN 1 ELSE 0 END)`;
}

/** Adds (sign 1) or removes (sign -1) one event's contribution to report_rollup. */
function rollupUpsert(row: RowRef, sign: 1 | -1): string {
  return `INSERT INTO report_rollup (first_month, last_month, country, admin1, admin2, type, review_state, incidents, ${figureColumns.join(", ")}, unlocated)
    SELECT substr(${row}.date_first, 1, 7), substr(${row}.date_last, 1, 7), coalesce(${row}.country, ''), coalesce(${row}.admin1, ''),
      coalesce(${row}.admin2, ''), ${row}.type, ${row}.review_state, ${sign},
      ${figureColumns.map((c) => `${sign} * coalesce(${row}.${c}, 0)`).join(", ")}, ${sign} * ${unlocatedSql(row)}
    WHERE ${isCounted(row)}
    ON CONFLICT (first_month, last_month, country, admin1, admin2, type, review_state) DO UPDATE SET
      incidents = incidents + excluded.incidents, unlocated = unlocated + excluded.unlocated,
      ${figureColumns.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")};
  ${sign === 1 ? "" : `DELETE FROM report_rollup WHERE incidents = 0 AND first_month = substr(${row}.date_first, 1, 7) AND last_month = substr(${row}.date_last, 1, 7)
    AND country = coalesce(${row}.country, '') AND admin1 = coalesce(${row}.admin1, '') AND admin2 = coalesce(${row}.admin2, '')
    AND type = ${row}.type AND review_state = ${row}.review_state;`}`;
}

/** Adds or removes one event's contribution to report_border_rollup (events within the rolled-up distance). */
function borderUpsert(row: RowRef, sign: 1 | -1): string {
  const distance = `CAST(ceil(${borderDistanceSql(`${row}.latitude`, `${row}.longitude`)}) AS INTEGER)`;
  return `INSERT INTO report_border_rollup (first_month, last_month, country, admin1, review_state, border_km, incidents, ${figureColumns.join(", ")})
    SELECT * FROM (SELECT substr(${row}.date_first, 1, 7), substr(${row}.date_last, 1, 7), coalesce(${row}.country, ''), coalesce(${row}.admin1, ''),
      ${row}.review_state, ${distance} AS border_km, ${sign},
      ${figureColumns.map((c) => `${sign} * coalesce(${row}.${c}, 0)`).join(", ")}
    WHERE ${isCounted(row)} AND ${row}.latitude IS NOT NULL AND ${row}.longitude IS NOT NULL) WHERE border_km <= ${maxRolledUpBorderKm}
    ON CONFLICT (first_month, last_month, country, admin1, review_state, border_km) DO UPDATE SET
      incidents = incidents + excluded.incidents,
      ${figureColumns.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")};
  ${sign === 1 ? "" : `DELETE FROM report_border_rollup WHERE incidents = 0 AND first_month = substr(${row}.date_first, 1, 7) AND last_month = substr(${row}.date_last, 1, 7)
    AND country = coalesce(${row}.country, '') AND admin1 = coalesce(${row}.admin1, '') AND review_state = ${row}.review_state;`}`;
}

/**
 * Adds or removes the contribution of the actor rows `from` yields (as `a`) for the event `eventRow`, where
 * `where` holds; `monthsOf` gives the event's (first, last) month expressions for the clean-up of empty rows.
 */
function actorUpsert(eventRow: string, from: string, where: string, sign: 1 | -1, monthsOf: [string, string]): string {
  const cleanUp =
    sign === -1 ? `DELETE FROM report_actor_rollup WHERE incidents = 0 AND first_month = ${monthsOf[0]} AND last_month = ${monthsOf[1]};` : "";
  return `INSERT INTO report_actor_rollup (first_month, last_month, role, name, country, admin1, review_state, incidents, killed, injured)
    SELECT substr(${eventRow}.date_first, 1, 7), substr(${eventRow}.date_last, 1, 7), a.role, a.name, coalesce(${eventRow}.country, ''),
      coalesce(${eventRow}.admin1, ''), ${eventRow}.review_state, ${sign}, ${sign} * (${killedTotal(eventRow)}), ${sign} * (${injuredTotal(eventRow)})
    FROM ${from}
    WHERE ${where}
    ON CONFLICT (first_month, last_month, role, name, country, admin1, review_state) DO UPDATE SET
      incidents = incidents + excluded.incidents, killed = killed + excluded.killed, injured = injured + excluded.injured;
  ${cleanUp}`;
}

const eventColumnsThatMatter = [
  "type",
  "date_first",
  "date_last",
  "country",
  "admin1",
  "admin2",
  "latitude",
  "longitude",
  ...figureColumns,
  "review_state",
  "merged_into",
  "deleted_at",
];

export const migration060ReportRollups: Migration = {
  id: "060-report-rollups",
  async up(db, dialect) {
    if (dialect !== "sqlite") return;
    const figures = figureColumns.map((c) => `${c} INTEGER NOT NULL`).join(", ");
    await sql
      .raw(
        `CREATE TABLE report_rollup (
      first_month TEXT NOT NULL, last_month TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL, admin2 TEXT NOT NULL,
      type TEXT NOT NULL, review_state TEXT NOT NULL, incidents INTEGER NOT NULL, ${figures}, unlocated INTEGER NOT NULL,
      PRIMARY KEY (first_month, last_month, country, admin1, admin2, type, review_state)) WITHOUT ROWID`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TABLE report_border_rollup (
      first_month TEXT NOT NULL, last_month TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL, review_state TEXT NOT NULL,
      border_km INTEGER NOT NULL, incidents INTEGER NOT NULL, ${figures},
      PRIMARY KEY (first_month, last_month, country, admin1, review_state, border_km)) WITHOUT ROWID`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TABLE report_actor_rollup (
      first_month TEXT NOT NULL, last_month TEXT NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL, country TEXT NOT NULL,
      admin1 TEXT NOT NULL, review_state TEXT NOT NULL, incidents INTEGER NOT NULL, killed INTEGER NOT NULL, injured INTEGER NOT NULL,
      PRIMARY KEY (first_month, last_month, role, name, country, admin1, review_state)) WITHOUT ROWID`,
      )
      .execute(db);
    await sql
      .raw(`CREATE TABLE report_border_segments (seq INTEGER PRIMARY KEY, a_lon REAL NOT NULL, a_lat REAL NOT NULL, b_lon REAL NOT NULL, b_lat REAL NOT NULL)`)
      .execute(db);
    const points = (durandLineData as { coordinates: number[][] }).coordinates;
    // Like the gazetteer, the last vertex is also measured as a point (a zero-length segment).
    for (let index = 0; index < points.length; index += 1) {
      const a = points[index]!;
      const b = points[index + 1] ?? a;
      await sql`INSERT INTO report_border_segments (seq, a_lon, a_lat, b_lon, b_lat) VALUES (${index}, ${a[0]}, ${a[1]}, ${b[0]}, ${b[1]})`.execute(db);
    }
    // Orders events by their killed total for the deadliest list, without sorting the whole period.
    await sql.raw(`CREATE INDEX report_events_killed_idx ON events ((${killedTotal(null)}) DESC, date_first, id)`).execute(db);
    // Lets the report read the events at the edges of a period (partial months) by their last day.
    await sql.raw(`CREATE INDEX report_events_date_last_idx ON events (date_last, date_first)`).execute(db);

    const eventMonths = (row: RowRef): [string, string] => [`substr(${row}.date_first, 1, 7)`, `substr(${row}.date_last, 1, 7)`];
    const ofEvent = (row: RowRef, sign: 1 | -1): string =>
      actorUpsert(row, "event_actors a", `a.event_id = ${row}.id AND ${isCounted(row)}`, sign, eventMonths(row));
    await sql
      .raw(
        `CREATE TRIGGER report_rollup_event_insert AFTER INSERT ON events BEGIN
      ${rollupUpsert("new", 1)}
      ${borderUpsert("new", 1)}
      ${ofEvent("new", 1)}
    END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER report_rollup_event_update AFTER UPDATE OF ${eventColumnsThatMatter.join(", ")} ON events BEGIN
      ${rollupUpsert("old", -1)}
      ${rollupUpsert("new", 1)}
      ${borderUpsert("old", -1)}
      ${borderUpsert("new", 1)}
      ${ofEvent("old", -1)}
      ${ofEvent("new", 1)}
    END`,
      )
      .execute(db);
    // BEFORE: the event's actor rows still exist (the cascade removes them afterwards, when the event is gone).
    await sql
      .raw(
        `CREATE TRIGGER report_rollup_event_delete BEFORE DELETE ON events BEGIN
      ${rollupUpsert("old", -1)}
      ${borderUpsert("old", -1)}
      ${ofEvent("old", -1)}
    END`,
      )
      .execute(db);
    const ofActor = (actorRow: RowRef, sign: 1 | -1): string =>
      actorUpsert("e", `(SELECT ${actorRow}.role AS role, ${actorRow}.name AS name) a, events e`, `e.id = ${actorRow}.event_id AND ${isCounted("e")}`, sign, [
        `(SELECT substr(date_first, 1, 7) FROM events WHERE id = ${actorRow}.event_id)`,
        `(SELECT substr(date_last, 1, 7) FROM events WHERE id = ${actorRow}.event_id)`,
      ]);
    await sql
      .raw(
        `CREATE TRIGGER report_rollup_actor_insert AFTER INSERT ON event_actors BEGIN
      ${ofActor("new", 1)}
    END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER report_rollup_actor_delete AFTER DELETE ON event_actors BEGIN
      ${ofActor("old", -1)}
    END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER report_rollup_actor_update AFTER UPDATE OF event_id, role, name ON event_actors BEGIN
      ${ofActor("old", -1)}
      ${ofActor("new", 1)}
    END`,
      )
      .execute(db);
    // Events already stored when this migration runs.
    await sql
      .raw(
        `INSERT INTO report_rollup SELECT substr(date_first, 1, 7), substr(date_last, 1, 7), coalesce(country, ''), coalesce(admin1, ''),
        coalesce(admin2, ''), type, review_state, count(*), ${figureColumns.map((c) => `sum(coalesce(${c}, 0))`).join(", ")},
        sum(${unlocatedSql("ev")})
      FROM events ev WHERE ${isCounted("ev")} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      )
      .execute(db);
    await sql
      .raw(
        `INSERT INTO report_border_rollup SELECT * FROM (SELECT substr(date_first, 1, 7), substr(date_last, 1, 7), coalesce(country, ''), coalesce(admin1, ''),
        review_state, CAST(ceil(${borderDistanceSql("ev.latitude", "ev.longitude")}) AS INTEGER) AS border_km, count(*),
        ${figureColumns.map((c) => `sum(coalesce(${c}, 0))`).join(", ")}
      FROM events ev WHERE ${isCounted("ev")} AND latitude IS NOT NULL AND longitude IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6) WHERE border_km <= ${maxRolledUpBorderKm}`,
      )
      .execute(db);
    await sql
      .raw(
        `INSERT INTO report_actor_rollup SELECT substr(ev.date_first, 1, 7), substr(ev.date_last, 1, 7), a.role, a.name, coalesce(ev.country, ''),
        coalesce(ev.admin1, ''), ev.review_state, count(*), sum(${killedTotal("ev")}), sum(${injuredTotal("ev")})
      FROM events ev JOIN event_actors a ON a.event_id = ev.id WHERE ${isCounted("ev")} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      )
      .execute(db);
  },
};
