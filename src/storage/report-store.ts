import type BetterSqlite3 from "better-sqlite3";
import { ArmtraceError } from "../errors.ts";
import type { CasualtyCategory, EventType, ReviewState } from "../events/event.ts";
import type {
  ActorFigures,
  CasualtyFigures,
  EventScope,
  EventSummary,
  FigureCell,
  Figures,
  PeriodFigures,
  ReportDataSource,
  StoredClaim,
} from "../reports/report.ts";
import type { ArmtraceDatabase } from "./database.ts";
import { borderCellKey, killedTotal, maxRolledUpBorderKm } from "./migrations/060-report-rollups.ts";

/**
 * The reports' reads on SQLite. Whole months inside a period come from the rollup tables that migration 060's
 * triggers keep in step with events; the partial months at its edges (and any report filtered by actor) are
 * aggregated from the live events. `useRollups: false` aggregates everything from events — the reference the
 * tests compare the rollups against.
 */

const categories: readonly CasualtyCategory[] = ["security_forces", "civilians", "militants", "unknown"];
const figureColumns = [...categories.map((c) => `killed_${c}`), ...categories.map((c) => `injured_${c}`)];
const isLive = `e.merged_into IS NULL AND e.deleted_at IS NULL AND e.date_first IS NOT NULL`;
const unitSeparator = "\u001f";

export interface ReportStoreOptions {
  /** Read whole months from the rollup tables (default true). */
  useRollups?: boolean;
}

interface EventRow {
  date_first: string;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  type: string;
  latitude: number | null;
  longitude: number | null;
  perpetrators: string | null;
  killed_security_forces: number | null;
  killed_civilians: number | null;
  killed_militants: number | null;
  killed_unknown: number | null;
  injured_security_forces: number | null;
  injured_civilians: number | null;
  injured_militants: number | null;
  injured_unknown: number | null;
}

/** An EventSummary as the summaries query returns it: the event's id as `id`, the lists as separated text. */
type SummaryRow = Omit<EventSummary, "event_id" | "perpetrators" | "source_ids" | "citations"> & {
  id: number;
  perpetrators: string | null;
  source_ids: string | null;
  citations: string | null;
};

interface SqlFilter {
  clauses: string[];
  parameters: unknown[];
}

function emptyCasualties(): CasualtyFigures {
  return { security_forces: 0, civilians: 0, militants: 0, unknown: 0, total: 0 };
}
function emptyFigures(): Figures {
  return { incidents: 0, killed: emptyCasualties(), injured: emptyCasualties() };
}

/** First day of the month after `date`'s month. */
function nextMonthStart(date: string): string {
  const [year, month] = date.split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}
function lastDayOfMonth(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(year, monthNumber, 0)).getUTCDate()).padStart(2, "0")}`;
}
function previousMonth(date: string): string {
  const [year, month] = date.split("-").map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
}

/** The whole months inside [from, to] (null when there are none) — the part the rollups can answer. */
export function wholeMonths(from: string, to: string): { firstMonth: string; lastMonth: string; firstDay: string; lastDay: string } | null {
  const firstDay = from.endsWith("-01") ? from : nextMonthStart(from);
  const lastMonth = lastDayOfMonth(to.slice(0, 7)) === to ? to.slice(0, 7) : previousMonth(to);
  const firstMonth = firstDay.slice(0, 7);
  if (firstMonth > lastMonth) return null;
  return { firstMonth, lastMonth, firstDay, lastDay: lastDayOfMonth(lastMonth) };
}

/**
 * Distance in km from a point to a polyline of segments, exactly as migration 060's SQL computes it: the
 * segment whose nearest point is closest in a local equirectangular projection (first on ties), then the
 * great-circle distance to that point (the gazetteer's formula).
 */
export function distanceToSegmentsKm(lat: number, lon: number, segments: ReadonlyArray<readonly [number, number, number, number]>): number {
  const toRad = Math.PI / 180;
  const kx = Math.cos(lat * toRad);
  let bestSquared = Infinity;
  let nearestLat = lat;
  let nearestLon = lon;
  for (const [aLon, aLat, bLon, bLat] of segments) {
    const ax = (aLon - lon) * kx;
    const ay = aLat - lat;
    const dx = (bLon - aLon) * kx;
    const dy = bLat - aLat;
    const lengthSquared = dx * dx + dy * dy;
    const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
    const x = ax + t * dx;
    const y = ay + t * dy;
    const squared = x * x + y * y;
    if (squared < bestSquared) {
      bestSquared = squared;
      nearestLat = lat + ay + t * dy;
      nearestLon = lon + (ax + t * dx) / kx;
    }
  }
  if (bestSquared === Infinity) return Infinity;
  const a = Math.sin(((nearestLat - lat) * toRad) / 2) ** 2 + Math.cos(lat * toRad) * Math.cos(nearestLat * toRad) * Math.sin(((nearestLon - lon) * toRad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export class ReportStore implements ReportDataSource {
  private readonly sqlite: BetterSqlite3.Database;
  private readonly useRollups: boolean;
  private border: { segments: Array<[number, number, number, number]>; cells: Map<number, Array<[number, number, number, number]>> } | undefined;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(database: ArmtraceDatabase, options: ReportStoreOptions = {}) {
    if (database.dialect !== "sqlite" || database.sqlite === undefined) {
      throw new ArmtraceError("DEPENDENCY_MISSING", "reports are implemented on SQLite only so far");
    }
    this.sqlite = database.sqlite;
    this.useRollups = options.useRollups !== false;
  }

  private prepare(text: string): BetterSqlite3.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.sqlite.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Distance to the border as the rollup triggers compute it: the cell's candidate segments only (none: Infinity). */
  private borderKm(lat: number, lon: number): number {
    if (!this.border) {
      const segments = (this.prepare(`SELECT a_lon, a_lat, b_lon, b_lat FROM report_border_segments ORDER BY seq`).all() as Array<{ a_lon: number; a_lat: number; b_lon: number; b_lat: number }>).map(
        (row): [number, number, number, number] => [row.a_lon, row.a_lat, row.b_lon, row.b_lat],
      );
      const cells = new Map<number, Array<[number, number, number, number]>>();
      for (const row of this.prepare(`SELECT cell, seq FROM report_border_cells ORDER BY cell, seq`).all() as Array<{ cell: number; seq: number }>) {
        const list = cells.get(row.cell) ?? [];
        list.push(segments[row.seq]!);
        cells.set(row.cell, list);
      }
      this.border = { segments, cells };
    }
    const candidates = this.border.cells.get(borderCellKey(lat, lon));
    return candidates ? distanceToSegmentsKm(lat, lon, candidates) : Infinity;
  }

  /** WHERE clauses for review states and place filters; `alias` is the table alias, `isRollup` stores '' for NULL. */
  private placeFilter(scope: EventScope, alias: string): SqlFilter {
    const clauses = [`${alias}.review_state IN (${scope.reviewStates.map(() => "?").join(", ")})`];
    const parameters: unknown[] = [...scope.reviewStates];
    if (scope.country !== null) {
      clauses.push(`${alias}.country = ?`);
      parameters.push(scope.country);
    }
    if (scope.admin1.length > 0) {
      clauses.push(`lower(${alias}.admin1) IN (${scope.admin1.map(() => "?").join(", ")})`);
      parameters.push(...scope.admin1.map((name) => name.toLowerCase()));
    }
    return { clauses, parameters };
  }

  private actorFilter(scope: EventScope): SqlFilter {
    if (scope.actors.length === 0) return { clauses: [], parameters: [] };
    return {
      clauses: [`EXISTS (SELECT 1 FROM event_actors fa WHERE fa.event_id = e.id AND lower(fa.name) IN (${scope.actors.map(() => "?").join(", ")}))`],
      parameters: scope.actors.map((name) => name.toLowerCase()),
    };
  }

  /** Live events in scope whose dates satisfy `dateClause`, with their perpetrators. */
  private eventRows(scope: EventScope, dateClause: string, dateParameters: unknown[]): EventRow[] {
    const place = this.placeFilter(scope, "e");
    const actors = this.actorFilter(scope);
    const text = `SELECT e.date_first, e.country, e.admin1, e.admin2, e.type, e.latitude, e.longitude, ${figureColumns.map((c) => `e.${c}`).join(", ")},
        (SELECT group_concat(pa.name, '${unitSeparator}') FROM (SELECT name FROM event_actors WHERE event_id = e.id AND role = 'perpetrator' ORDER BY name) pa) AS perpetrators
      FROM events e
      WHERE ${isLive} AND ${dateClause} AND ${[...place.clauses, ...actors.clauses].join(" AND ")}`;
    return this.prepare(text).all(...dateParameters, ...place.parameters, ...actors.parameters) as EventRow[];
  }

  async periodFigures(scope: EventScope, borderKm: number, detail: "cells" | "types" = "cells"): Promise<PeriodFigures> {
    const isTypesOnly = detail === "types";
    if (borderKm > maxRolledUpBorderKm) throw new ArmtraceError("INVALID_INPUT", `the border distance can be at most ${maxRolledUpBorderKm} km`);
    const cells = new Map<string, FigureCell>();
    const perpetrators = new Map<string, ActorFigures>();
    const nearBorder = emptyFigures();
    let withoutCoordinates = 0;
    const months = this.useRollups && scope.actors.length === 0 ? wholeMonths(scope.from, scope.to) : null;

    const cellFor = (month: string, country: string | null, admin1: string | null, admin2: string | null, type: string): FigureCell => {
      if (isTypesOnly) [month, country, admin1, admin2] = ["", null, null, null];
      const key = `${month}|${country ?? ""}|${admin1 ?? ""}|${admin2 ?? ""}|${type}`;
      let cell = cells.get(key);
      if (!cell) {
        cell = { month, country, admin1, admin2, type: type as EventType, ...emptyFigures() };
        cells.set(key, cell);
      }
      return cell;
    };
    const actorFor = (name: string): ActorFigures => {
      let actor = perpetrators.get(name);
      if (!actor) {
        actor = { actor: name, incidents: 0, killed: 0, injured: 0 };
        perpetrators.set(name, actor);
      }
      return actor;
    };
    const addRow = (target: Figures, row: Record<string, number | null>, incidents: number): void => {
      target.incidents += incidents;
      for (const category of categories) {
        const killed = row[`killed_${category}`] ?? 0;
        const injured = row[`injured_${category}`] ?? 0;
        target.killed[category] += killed;
        target.injured[category] += injured;
        target.killed.total += killed;
        target.injured.total += injured;
      }
    };

    let rows: EventRow[];
    if (months === null) {
      rows = this.eventRows(scope, `e.date_first >= ? AND e.date_first <= ? AND e.date_last <= ?`, [scope.from, scope.to, scope.to]);
    } else {
      const place = this.placeFilter(scope, "r");
      const where = `r.first_month >= ? AND r.last_month <= ? AND ${place.clauses.join(" AND ")}`;
      const parameters = [months.firstMonth, months.lastMonth, ...place.parameters];
      const rollupRows = this.prepare(
        isTypesOnly
          ? `SELECT '' AS first_month, '' AS country, '' AS admin1, '' AS admin2, r.type, sum(r.incidents) AS incidents, sum(r.unlocated) AS unlocated,
              ${figureColumns.map((c) => `sum(r.${c}) AS ${c}`).join(", ")}
            FROM report_rollup r WHERE ${where} GROUP BY r.type`
          : `SELECT r.first_month, r.country, r.admin1, r.admin2, r.type, r.incidents, r.unlocated, ${figureColumns.map((c) => `r.${c}`).join(", ")}
            FROM report_rollup r WHERE ${where}`,
      ).all(...parameters) as Array<Record<string, number | null> & { first_month: string; country: string; admin1: string; admin2: string; type: string; incidents: number; unlocated: number }>;
      for (const row of rollupRows) {
        addRow(cellFor(row.first_month, row.country || null, row.admin1 || null, row.admin2 || null, row.type), row, row.incidents);
        withoutCoordinates += row.unlocated;
      }
      const actorRows = isTypesOnly
        ? []
        : (this.prepare(
        `SELECT r.name, sum(r.incidents) AS incidents, sum(r.killed) AS killed, sum(r.injured) AS injured
        FROM report_actor_rollup r WHERE ${where} AND r.role = 'perpetrator' GROUP BY r.name`,
      ).all(...parameters) as Array<{ name: string; incidents: number; killed: number; injured: number }>);
      for (const row of actorRows) {
        const actor = actorFor(row.name);
        actor.incidents += row.incidents;
        actor.killed += row.killed;
        actor.injured += row.injured;
      }
      const borderRow = isTypesOnly
        ? undefined
        : (this.prepare(
        `SELECT coalesce(sum(r.incidents), 0) AS incidents, ${figureColumns.map((c) => `coalesce(sum(r.${c}), 0) AS ${c}`).join(", ")}
        FROM report_border_rollup r WHERE ${where} AND r.border_km <= ?`,
      ).get(...parameters, borderKm) as Record<string, number> & { incidents: number });
      if (borderRow) addRow(nearBorder, borderRow, borderRow.incidents);
      // The edges: events starting before the first whole month, and events ending after the last one.
      rows = [
        ...this.eventRows(scope, `e.date_first >= ? AND e.date_first < ? AND e.date_last <= ?`, [scope.from, months.firstDay, scope.to]),
        ...this.eventRows(scope, `e.date_last > ? AND e.date_last <= ? AND e.date_first >= ?`, [months.lastDay, scope.to, months.firstDay]),
      ];
    }
    for (const row of rows) {
      const figures = row as unknown as Record<string, number | null>;
      addRow(cellFor(row.date_first.slice(0, 7), row.country, row.admin1, row.admin2, row.type), figures, 1);
      if (row.perpetrators && !isTypesOnly) {
        let killed = 0;
        let injured = 0;
        for (const category of categories) {
          killed += figures[`killed_${category}`] ?? 0;
          injured += figures[`injured_${category}`] ?? 0;
        }
        for (const name of row.perpetrators.split(unitSeparator)) {
          const actor = actorFor(name);
          actor.incidents += 1;
          actor.killed += killed;
          actor.injured += injured;
        }
      }
      if (row.latitude === null || row.longitude === null) {
        withoutCoordinates += 1;
      } else if (!isTypesOnly && Math.ceil(this.borderKm(row.latitude, row.longitude)) <= borderKm) {
        addRow(nearBorder, figures, 1);
      }
    }
    const cellList = [...cells.values()].filter((cell) => cell.incidents !== 0);
    cellList.sort((a, b) => (a.month + "|" + (a.country ?? "") + "|" + (a.admin1 ?? "") + "|" + (a.admin2 ?? "") + "|" + a.type).localeCompare(b.month + "|" + (b.country ?? "") + "|" + (b.admin1 ?? "") + "|" + (b.admin2 ?? "") + "|" + b.type));
    const actorList = [...perpetrators.values()].filter((actor) => actor.incidents !== 0).sort((a, b) => a.actor.localeCompare(b.actor));
    return { cells: cellList, perpetrators: actorList, nearBorder, withoutCoordinates };
  }

  private summaries(ids: number[]): EventSummary[] {
    if (ids.length === 0) return [];
    const rows = this.prepare(
      `SELECT e.id, e.date, e.date_end, e.type, e.review_state, e.country, e.admin1, e.admin2, e.location,
          (SELECT group_concat(name, '${unitSeparator}') FROM (SELECT DISTINCT name FROM event_actors WHERE event_id = e.id AND role = 'perpetrator' ORDER BY name)) AS perpetrators,
          ${killedTotal("e")} AS killed, ${categories.map((c) => `coalesce(e.injured_${c}, 0)`).join(" + ")} AS injured,
          (SELECT group_concat(source_id) FROM (SELECT DISTINCT source_id FROM event_sources WHERE event_id = e.id AND source_id IS NOT NULL ORDER BY source_id)) AS source_ids,
          (SELECT group_concat(citation, '${unitSeparator}') FROM (SELECT DISTINCT citation FROM event_sources WHERE event_id = e.id AND citation IS NOT NULL ORDER BY citation)) AS citations
        FROM events e WHERE e.id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as SummaryRow[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((eventId) => {
      const row = byId.get(eventId);
      if (!row) return [];
      // The SQL's column order is EventSummary's key order (the JSON output's); the lists keep their place.
      const { id, ...columns } = row;
      return [
        {
          event_id: id,
          ...columns,
          perpetrators: columns.perpetrators ? columns.perpetrators.split(unitSeparator) : [],
          source_ids: columns.source_ids ? columns.source_ids.split(",").map(Number) : [],
          citations: columns.citations ? columns.citations.split(unitSeparator) : [],
        },
      ];
    });
  }

  async deadliest(scope: EventScope, limit: number, expectedCount: number): Promise<EventSummary[]> {
    const place = this.placeFilter(scope, "events");
    const actors = this.actorFilter(scope);
    // Over many events, walk the killed-total index and stop at `limit`; over few, the date index is faster.
    const index = expectedCount > 20_000 && scope.actors.length === 0 ? "INDEXED BY report_events_killed_idx" : "";
    const ids = this.prepare(
      `SELECT id FROM events ${index}
      WHERE ${isLive.replaceAll("e.", "events.")} AND events.date_first >= ? AND events.date_first <= ? AND events.date_last <= ? AND ${[...place.clauses, ...actors.clauses.map((clause) => clause.replace("fa.event_id = e.id", "fa.event_id = events.id"))].join(" AND ")}
      ORDER BY ${killedTotal(null)} DESC, date_first, id LIMIT ?`,
    )
      .all(scope.from, scope.to, scope.to, ...place.parameters, ...actors.parameters, limit)
      .map((row) => (row as { id: number }).id);
    return this.summaries(ids);
  }

  private scopedIds(scope: EventScope, limit: number): number[] {
    const place = this.placeFilter(scope, "e");
    const actors = this.actorFilter(scope);
    return this.prepare(
      `SELECT e.id FROM events e WHERE ${isLive} AND e.date_first >= ? AND e.date_first <= ? AND e.date_last <= ? AND ${[...place.clauses, ...actors.clauses].join(" AND ")} ORDER BY e.id LIMIT ?`,
    )
      .all(scope.from, scope.to, scope.to, ...place.parameters, ...actors.parameters, limit)
      .map((row) => (row as { id: number }).id);
  }

  async evidence(scope: EventScope, limit: number, expectedCount?: number): Promise<EventSummary[] | null> {
    if (expectedCount !== undefined && expectedCount > limit) return null;
    const ids = this.scopedIds(scope, limit + 1);
    if (ids.length > limit) return null;
    const summaries = this.summaries(ids);
    return summaries.sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "") || a.event_id - b.event_id);
  }

  async sourcesOf(scope: EventScope, limit: number): Promise<{ count: number; source_ids: number[] }> {
    const place = this.placeFilter(scope, "e");
    const actors = this.actorFilter(scope);
    const rows = this.prepare(
      `SELECT DISTINCT s.source_id FROM events e CROSS JOIN event_sources s ON s.event_id = e.id
      WHERE s.source_id IS NOT NULL AND ${isLive} AND e.date_first >= ? AND e.date_first <= ? AND e.date_last <= ? AND ${[...place.clauses, ...actors.clauses].join(" AND ")}
      ORDER BY s.source_id`,
    )
      .raw()
      .all(scope.from, scope.to, scope.to, ...place.parameters, ...actors.parameters) as Array<[number]>;
    return { count: rows.length, source_ids: rows.slice(0, limit).map((row) => row[0]) };
  }

  async claims(from: string, to: string): Promise<{ isAvailable: boolean; claims: StoredClaim[] }> {
    const table = this.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'claims'`).get() as { name: string } | undefined;
    if (!table) return { isAvailable: false, claims: [] };
    const columns = new Set((this.sqlite.prepare(`PRAGMA table_info(${table.name})`).all() as Array<{ name: string }>).map((column) => column.name));
    const has = (name: string): string => (columns.has(name) ? name : "NULL");
    const rows = this.sqlite
      .prepare(
        `SELECT id, ${has("metric")} AS metric, ${has("value")} AS value, ${has("qualifier")} AS qualifier, ${has("period")} AS period, ${has("scope")} AS scope,
          ${has("attributed_to")} AS attributed_to, ${has("evidence_text")} AS evidence_text, ${has("source_id")} AS source_id
        FROM ${table.name} ${columns.has("review_state") ? "WHERE review_state IS NOT 'rejected'" : ""} ORDER BY id`,
      )
      .all() as Array<{ id: number; metric: string; value: number; qualifier: string | null; period: string | null; scope: string | null; attributed_to: string | null; evidence_text: string | null; source_id: number | null }>;
    const overlaps = (period: string | null): boolean => {
      if (period === null) return false;
      const [start, end = start] = period.split("/");
      if (start === undefined || end === undefined) return false;
      const first = start.length === 4 ? `${start}-01-01` : start.length === 7 ? `${start}-01` : start;
      const last = end.length === 4 ? `${end}-12-31` : end.length === 7 ? `${end}-31` : end;
      return first <= to && last >= from;
    };
    return {
      isAvailable: true,
      claims: rows
        .filter((row) => typeof row.value === "number" && typeof row.metric === "string" && overlaps(row.period))
        .map((row) => ({
          claim_id: row.id,
          metric: row.metric,
          value: row.value,
          qualifier: row.qualifier,
          period: row.period,
          scope: row.scope,
          attributed_to: row.attributed_to,
          evidence_text: row.evidence_text,
          source_ids: row.source_id === null ? [] : [row.source_id],
        })),
    };
  }

  async knownNames(): Promise<{ admin1: Array<{ country: string | null; admin1: string }>; actors: string[] }> {
    const admin1 = this.prepare(`SELECT DISTINCT country, admin1 FROM events WHERE admin1 IS NOT NULL ORDER BY country, admin1`).all() as Array<{ country: string | null; admin1: string }>;
    const actors = (this.prepare(`SELECT DISTINCT name FROM event_actors ORDER BY name`).all() as Array<{ name: string }>).map((row) => row.name);
    return { admin1, actors };
  }

  async dataSpan(reviewStates: ReviewState[]): Promise<{ first: string | null; last: string | null; count: number }> {
    const row = this.prepare(
      `SELECT min(e.date_first) AS first, max(e.date_last) AS last, count(*) AS count FROM events e WHERE ${isLive} AND e.review_state IN (${reviewStates.map(() => "?").join(", ")})`,
    ).get(...reviewStates) as { first: string | null; last: string | null; count: number };
    return row;
  }
}
