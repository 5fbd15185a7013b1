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
 * - report_border_rollup: the same totals per whole-km distance to the Durand Line (beyond 300 km: one bucket), computed in
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

/**
 * The SQL expression of an event's distance in km to the Durand Line: the gazetteer's formula (nearest point of
 * each segment in a local equirectangular projection around the point, then the great-circle distance), with
 * the great circle computed once, for the segment whose projected nearest point is closest (ties: first).
 * ReportStore's distanceToSegmentsKm is the same computation in JavaScript.
 */
export function borderDistanceSql(latitude: string, longitude: string): string {
  return `(SELECT 2 * 6371.0088 * asin(min(1.0, sqrt(
        power(sin(radians(nlat - plat) / 2), 2) + cos(radians(plat)) * cos(radians(nlat)) * power(sin(radians(nlon - plon) / 2), 2))))
      FROM (SELECT plat, plon, plat + ay + t * dy AS nlat, plon + (ax + t * dx) / kx AS nlon,
          (ax + t * dx) * (ax + t * dx) + (ay + t * dy) * (ay + t * dy) AS d2, seq
        FROM (SELECT seq, plat, plon, kx, ax, ay, dx, dy,
            CASE WHEN dx * dx + dy * dy = 0 THEN 0.0 ELSE max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy))) END AS t
          FROM (SELECT s.seq, p.plat, p.plon, p.kx, (s.a_lon - p.plon) * p.kx AS ax, s.a_lat - p.plat AS ay,
              (s.b_lon - s.a_lon) * p.kx AS dx, s.b_lat - s.a_lat AS dy
            FROM (SELECT ${latitude} AS plat, ${longitude} AS plon, cos(radians(${latitude})) AS kx, ${borderCellSql(latitude, longitude)} AS cell) p
              JOIN report_border_cells c ON c.cell = p.cell JOIN report_border_segments s ON s.seq = c.seq))
        ORDER BY d2, seq LIMIT 1))`;
}

/** The region the border grid covers: every point outside it is more than 300 km from the Durand Line. */
export const borderGrid = { south: 20, north: 41, west: 55, east: 81, cellDegrees: 0.25 } as const;

/** Grid cells of a quarter degree, as an integer key, for report_border_cells. */
function borderCellSql(latitude: string, longitude: string): string {
  return `((CAST(floor(${latitude} * 4) AS INTEGER) + 400) * 2000 + CAST(floor(${longitude} * 4) AS INTEGER) + 800)`;
}

/** The key of the grid cell holding (lat, lon), as borderCellSql computes it. */
export function borderCellKey(latitude: number, longitude: number): number {
  return (Math.floor(latitude * 4) + 400) * 2000 + Math.floor(longitude * 4) + 800;
}

/**
 * For each quarter-degree cell around Pakistan and Afghanistan, the segments that can be the nearest one for some
 * point in the cell (a conservative set: sampled distances with a margin for what sampling misses). The SQL
 * distance then measures a handful of segments instead of all; points outside the grid get no distance (they
 * are all farther than 300 km, so they fall in the "beyond" bucket).
 */
export function borderCellCandidates(segments: ReadonlyArray<readonly [number, number, number, number]>): Array<[number, number]> {
  const rows: Array<[number, number]> = [];
  const size = borderGrid.cellDegrees;
  const ky = 110.574;
  for (let row = 0; row < (borderGrid.north - borderGrid.south) / size; row += 1) {
    for (let column = 0; column < (borderGrid.east - borderGrid.west) / size; column += 1) {
      const lat = borderGrid.south + row * size;
      const lon = borderGrid.west + column * size;
      const kx = Math.cos(((lat + size / 2) * Math.PI) / 180) * 111.32;
      // Every point of the cell lies within `radius` of its centre, so a segment can only be the nearest for
      // some point when its distance from the centre is within 2 × radius of the nearest one (plus slack for
      // the projection the SQL uses around each point instead of around the centre).
      const radius = Math.hypot((size / 2) * ky, (size / 2) * Math.cos((lat * Math.PI) / 180) * 111.32);
      const px = (lon + size / 2) * kx;
      const py = (lat + size / 2) * ky;
      const distances = segments.map(([aLon, aLat, bLon, bLat]) => {
        const ax = aLon * kx;
        const ay = aLat * ky;
        const dx = bLon * kx - ax;
        const dy = bLat * ky - ay;
        const length = dx * dx + dy * dy;
        const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length));
        return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
      });
      const nearest = Math.min(...distances);
      if (nearest - radius > maxRolledUpBorderKm + 50) continue;
      distances.forEach((distance, seq) => {
        if (distance <= nearest + 2 * radius + 5) rows.push([borderCellKey(lat, lon), seq]);
      });
    }
  }
  return rows;
}

/** Whole km to the border, with everything beyond the rolled-up distance in one bucket (maxRolledUpBorderKm + 1). */
function borderBucketSql(row: RowRef): string {
  return `coalesce(min(CAST(ceil(${borderDistanceSql(`${row}.latitude`, `${row}.longitude`)}) AS INTEGER), ${maxRolledUpBorderKm + 1}), ${maxRolledUpBorderKm + 1})`;
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

/** Adds or removes one event's contribution to report_border_rollup (events with coordinates). */
function borderUpsert(row: RowRef, sign: 1 | -1): string {
  return `INSERT INTO report_border_rollup (first_month, last_month, country, admin1, review_state, border_km, incidents, ${figureColumns.join(", ")})
    SELECT substr(${row}.date_first, 1, 7), substr(${row}.date_last, 1, 7), coalesce(${row}.country, ''), coalesce(${row}.admin1, ''),
      ${row}.review_state, ${borderBucketSql(row)}, ${sign},
      ${figureColumns.map((c) => `${sign} * coalesce(${row}.${c}, 0)`).join(", ")}
    WHERE ${isCounted(row)} AND ${row}.latitude IS NOT NULL AND ${row}.longitude IS NOT NULL
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
    const segments = points.map((a, index) => {
      const b = points[index + 1] ?? a;
      return [a[0]!, a[1]!, b[0]!, b[1]!] as const;
    });
    for (const [index, [aLon, aLat, bLon, bLat]] of segments.entries()) {
      await sql`INSERT INTO report_border_segments (seq, a_lon, a_lat, b_lon, b_lat) VALUES (${index}, ${aLon}, ${aLat}, ${bLon}, ${bLat})`.execute(db);
    }
    await sql.raw(`CREATE TABLE report_border_cells (cell INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (cell, seq)) WITHOUT ROWID`).execute(db);
    const cells = borderCellCandidates(segments);
    for (let offset = 0; offset < cells.length; offset += 400) {
      const chunk = cells.slice(offset, offset + 400);
      await sql.raw(`INSERT INTO report_border_cells (cell, seq) VALUES ${chunk.map(([cell, seq]) => `(${cell}, ${seq})`).join(", ")}`).execute(db);
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
        `INSERT INTO report_border_rollup SELECT substr(date_first, 1, 7), substr(date_last, 1, 7), coalesce(country, ''), coalesce(admin1, ''),
        review_state, ${borderBucketSql("ev")} AS border_km, count(*), ${figureColumns.map((c) => `sum(coalesce(${c}, 0))`).join(", ")}
      FROM events ev WHERE ${isCounted("ev")} AND latitude IS NOT NULL AND longitude IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`,
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
