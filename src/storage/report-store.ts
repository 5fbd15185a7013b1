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
  MonthFigures,
  PeriodFigures,
  ReportDataSource,
  StoredClaim,
} from "../reports/report.ts";
import type { ArmtraceDatabase } from "./database.ts";
import { borderCellKey, killedTotal, maxRolledUpBorderKm } from "./migrations/060-report-rollups.ts";

/**
 * The reports' reads on SQLite. Whole months inside a period come from the tables that migrations 060, 062
 * and 064 keep in step with events by triggers — whole years of it from the year rollup, the monthly trend
 * from the month rollup, distinct sources from per-month bitsets — grouped in SQL; the partial months at its
 * edges (and any report filtered by actor) are aggregated from the live events through covering indexes.
 * `useRollups: false` aggregates everything from events — the reference the tests compare the rollups against.
 */

const categories: readonly CasualtyCategory[] = ["security_forces", "civilians", "militants", "unknown"];
const figureColumns = [...categories.map((c) => `killed_${c}`), ...categories.map((c) => `injured_${c}`)];
const isLive = `e.merged_into IS NULL AND e.deleted_at IS NULL AND e.date_first IS NOT NULL`;
const unitSeparator = "\u001f";

export interface ReportStoreOptions {
  /** Read whole months from the rollup tables (default true). */
  useRollups?: boolean;
}

/**
 * Figures travel as raw rows: the columns of `figureSums` (incidents, killed by category, injured by category)
 * start at a known position, so folding a row is index arithmetic, not a lookup by name.
 */
type RawRow = unknown[];
const figureSums = `sum(r.incidents), ${figureColumns.map((c) => `sum(r.${c})`).join(", ")}`;
/** An event's own figures, in the same layout (its incidents are 1). */
const eventFigures = `1, ${figureColumns.map((c) => `e.${c}`).join(", ")}`;

/** Adds the figures of `row` from position `at` (incidents, then killed and injured by category) to `target`. */
function addRaw(target: Figures, row: RawRow, at: number): void {
  target.incidents += row[at] as number;
  for (let index = 0; index < categories.length; index += 1) {
    const category = categories[index]!;
    const killed = (row[at + 1 + index] as number | null) ?? 0;
    const injured = (row[at + 1 + categories.length + index] as number | null) ?? 0;
    target.killed[category] += killed;
    target.killed.total += killed;
    target.injured[category] += injured;
    target.injured.total += injured;
  }
}

/** Source ids as a bitset (bit id & 31 of word id >> 5), filled from report_source_words rows or single ids. */
class SourceIdSet {
  private words = new Uint32Array(1024);

  private reserve(index: number): void {
    if (index < this.words.length) return;
    let length = this.words.length;
    while (length <= index) length *= 2;
    const grown = new Uint32Array(length);
    grown.set(this.words);
    this.words = grown;
  }

  /** Adds the 64 ids of a report_source_words row: `low` holds ids word·64 + 0–31, `high` word·64 + 32–63. */
  addWord(word: number, low: number, high: number): void {
    this.reserve(word * 2 + 1);
    this.words[word * 2] = this.words[word * 2]! | low;
    this.words[word * 2 + 1] = this.words[word * 2 + 1]! | high;
  }

  add(id: number): void {
    this.reserve(id >>> 5);
    this.words[id >>> 5] = this.words[id >>> 5]! | (1 << (id & 31));
  }

  size(): number {
    let count = 0;
    for (let value of this.words) {
      value -= (value >>> 1) & 0x55555555;
      value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
      count += (((value + (value >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return count;
  }

  /** The `limit` smallest ids. */
  smallest(limit: number): number[] {
    const ids: number[] = [];
    for (let index = 0; index < this.words.length && ids.length < limit; index += 1) {
      const value = this.words[index]!;
      if (value === 0) continue;
      for (let bit = 0; bit < 32 && ids.length < limit; bit += 1) if (value & (1 << bit)) ids.push(index * 32 + bit);
    }
    return ids;
  }
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

/** The YYYY-MM months of the years firstYear–lastYear. */
function monthsOfYears(firstYear: number, lastYear: number): string[] {
  const months: string[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) for (let month = 1; month <= 12; month += 1) months.push(`${year}-${String(month).padStart(2, "0")}`);
  return months;
}

/**
 * Where the (place, type) figures of the whole months come from, as disjoint parts (alias r): the whole years
 * among them from report_year_rollup, the rest from report_rollup — months before the first whole year, events
 * starting in a whole year and ending after the last one, and months after the last whole year.
 */
function cellParts(months: NonNullable<ReturnType<typeof wholeMonths>>): Array<{ table: string; dates: string; parameters: string[] }> {
  const monthly = `r.first_month >= ? AND r.first_month <= ? AND r.last_month <= ?`;
  const [startYear, startMonth] = months.firstMonth.split("-").map(Number) as [number, number];
  const [endYear, endMonth] = months.lastMonth.split("-").map(Number) as [number, number];
  const firstYear = startMonth === 1 ? startYear : startYear + 1;
  const lastYear = endMonth === 12 ? endYear : endYear - 1;
  if (firstYear > lastYear) return [{ table: "report_rollup", dates: monthly, parameters: [months.firstMonth, months.lastMonth, months.lastMonth] }];
  const yearsStart = `${firstYear}-01`;
  const yearsEnd = `${lastYear}-12`;
  const parts = [{ table: "report_year_rollup", dates: `r.first_year >= ? AND r.first_year <= ? AND r.last_year <= ?`, parameters: [String(firstYear), String(lastYear), String(lastYear)] }];
  if (months.firstMonth < yearsStart) {
    parts.push({ table: "report_rollup", dates: `r.first_month >= ? AND r.first_month < ? AND r.last_month <= ?`, parameters: [months.firstMonth, yearsStart, months.lastMonth] });
  }
  if (months.lastMonth > yearsEnd) {
    const yearMonths = monthsOfYears(firstYear, lastYear);
    parts.push({
      table: "report_rollup",
      dates: `r.first_month IN (${yearMonths.map(() => "?").join(", ")}) AND r.last_month > ? AND r.last_month <= ?`,
      parameters: [...yearMonths, yearsEnd, months.lastMonth],
    });
    parts.push({ table: "report_rollup", dates: `r.first_month > ? AND r.first_month <= ? AND r.last_month <= ?`, parameters: [yearsEnd, months.lastMonth, months.lastMonth] });
  }
  return parts;
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

  /** Which whole months of the scope the rollups answer (null: aggregate every event). */
  private rolledUpMonths(scope: EventScope): ReturnType<typeof wholeMonths> {
    return this.useRollups && scope.actors.length === 0 ? wholeMonths(scope.from, scope.to) : null;
  }

  /**
   * The date conditions (with their parameters) selecting the events of the scope that `months` leaves to the
   * events table: all of them without months, else the edges — events starting before the first whole month,
   * events starting after the last one, and events starting in a whole month that end after the last one. Each
   * condition reads one range of an index by the day it starts with (the last: by its last day).
   */
  private eventRanges(scope: EventScope, months: ReturnType<typeof wholeMonths>): Array<{ dates: string; parameters: unknown[]; index?: string }> {
    if (months === null) return [{ dates: `e.date_first >= ? AND e.date_first <= ? AND e.date_last <= ?`, parameters: [scope.from, scope.to, scope.to] }];
    const ranges: Array<{ dates: string; parameters: unknown[]; index?: string }> = [];
    if (scope.from < months.firstDay) ranges.push({ dates: `e.date_first >= ? AND e.date_first < ? AND e.date_last <= ?`, parameters: [scope.from, months.firstDay, scope.to] });
    if (scope.to > months.lastDay) {
      ranges.push({ dates: `e.date_first > ? AND e.date_first <= ? AND e.date_last <= ?`, parameters: [months.lastDay, scope.to, scope.to] });
      ranges.push({
        dates: `e.date_last > ? AND e.date_last <= ? AND e.date_first >= ? AND e.date_first <= ?`,
        parameters: [months.lastDay, scope.to, months.firstDay, months.lastDay],
        index: "report_events_date_last_idx",
      });
    }
    return ranges;
  }

  /**
   * Live events in scope within `range`, as raw rows: date_first, country, admin1, admin2, type, latitude,
   * longitude, then the event's figures from position 7 (read from report_events_figures_idx alone).
   */
  private eventRows(scope: EventScope, range: { dates: string; parameters: unknown[]; index?: string }): RawRow[] {
    const place = this.placeFilter(scope, "e");
    const actors = this.actorFilter(scope);
    const text = `SELECT e.date_first, e.country, e.admin1, e.admin2, e.type, e.latitude, e.longitude, ${eventFigures}
      FROM events e ${range.index ? `INDEXED BY ${range.index}` : ""}
      WHERE ${isLive} AND ${range.dates} AND ${[...place.clauses, ...actors.clauses].join(" AND ")}`;
    return this.prepare(text).raw().all(...range.parameters, ...place.parameters, ...actors.parameters) as RawRow[];
  }

  /** Incidents, killed and injured per perpetrator of the live events in scope within `range`. */
  private eventPerpetrators(scope: EventScope, range: { dates: string; parameters: unknown[]; index?: string }): Array<[string, number, number, number]> {
    const place = this.placeFilter(scope, "e");
    const actors = this.actorFilter(scope);
    const text = `SELECT a.name, count(*), sum(${killedTotal("e")}), sum(${categories.map((c) => `coalesce(e.injured_${c}, 0)`).join(" + ")})
      FROM events e ${range.index ? `INDEXED BY ${range.index}` : ""} CROSS JOIN event_actors a ON a.event_id = e.id AND a.role = 'perpetrator'
      WHERE ${isLive} AND ${range.dates} AND ${[...place.clauses, ...actors.clauses].join(" AND ")}
      GROUP BY a.name`;
    return this.prepare(text).raw().all(...range.parameters, ...place.parameters, ...actors.parameters) as Array<[string, number, number, number]>;
  }

  async periodFigures(scope: EventScope, borderKm: number, detail: "cells" | "types" = "cells"): Promise<PeriodFigures> {
    const isTypesOnly = detail === "types";
    if (borderKm > maxRolledUpBorderKm) throw new ArmtraceError("INVALID_INPUT", `the border distance can be at most ${maxRolledUpBorderKm} km`);
    const cells = new Map<string, FigureCell>();
    const months = new Map<string, MonthFigures>();
    const perpetrators = new Map<string, ActorFigures>();
    const nearBorder = emptyFigures();
    let withoutCoordinates = 0;
    const rolledUp = this.rolledUpMonths(scope);

    const cellFor = (country: string | null, admin1: string | null, admin2: string | null, type: string): FigureCell => {
      if (isTypesOnly) [country, admin1, admin2] = [null, null, null];
      const key = `${country ?? ""}${unitSeparator}${admin1 ?? ""}${unitSeparator}${admin2 ?? ""}${unitSeparator}${type}`;
      let cell = cells.get(key);
      if (!cell) {
        cell = { country, admin1, admin2, type: type as EventType, ...emptyFigures() };
        cells.set(key, cell);
      }
      return cell;
    };
    const monthFor = (month: string): MonthFigures => {
      let figures = months.get(month);
      if (!figures) {
        figures = { month, ...emptyFigures() };
        months.set(month, figures);
      }
      return figures;
    };
    const actorFor = (name: string): ActorFigures => {
      let actor = perpetrators.get(name);
      if (!actor) {
        actor = { actor: name, incidents: 0, killed: 0, injured: 0 };
        perpetrators.set(name, actor);
      }
      return actor;
    };

    if (rolledUp !== null) {
      // The rollups' keys store '' for NULL; the sums are grouped in SQL, so only the groups reach JavaScript.
      const place = this.placeFilter(scope, "r");
      const where = `r.first_month >= ? AND r.first_month <= ? AND r.last_month <= ? AND ${place.clauses.join(" AND ")}`;
      const parameters = [rolledUp.firstMonth, rolledUp.lastMonth, rolledUp.lastMonth, ...place.parameters];
      for (const part of cellParts(rolledUp)) {
        const partWhere = `${part.dates} AND ${place.clauses.join(" AND ")}`;
        const cellRows = this.prepare(
          isTypesOnly
            ? `SELECT '', '', '', r.type, sum(r.unlocated), ${figureSums} FROM ${part.table} r WHERE ${partWhere} GROUP BY r.type`
            : `SELECT r.country, r.admin1, r.admin2, r.type, sum(r.unlocated), ${figureSums} FROM ${part.table} r WHERE ${partWhere} GROUP BY r.country, r.admin1, r.admin2, r.type`,
        )
          .raw()
          .all(...part.parameters, ...place.parameters) as RawRow[];
        for (const row of cellRows) {
          addRaw(cellFor((row[0] as string) || null, (row[1] as string) || null, (row[2] as string) || null, row[3] as string), row, 5);
          withoutCoordinates += row[4] as number;
        }
      }
      if (!isTypesOnly) {
        const monthRows = this.prepare(`SELECT r.first_month, ${figureSums} FROM report_month_rollup r WHERE ${where} GROUP BY r.first_month`).raw().all(...parameters) as RawRow[];
        for (const row of monthRows) addRaw(monthFor(row[0] as string), row, 1);
        const actorRows = this.prepare(
          `SELECT r.name, sum(r.incidents), sum(r.killed), sum(r.injured) FROM report_actor_rollup r WHERE ${where} AND r.role = 'perpetrator' GROUP BY r.name`,
        )
          .raw()
          .all(...parameters) as Array<[string, number, number, number]>;
        for (const [name, incidents, killed, injured] of actorRows) {
          const actor = actorFor(name);
          actor.incidents += incidents;
          actor.killed += killed;
          actor.injured += injured;
        }
        const borderRow = this.prepare(`SELECT ${figureSums} FROM report_border_rollup r WHERE ${where} AND r.border_km <= ?`).raw().get(...parameters, borderKm) as RawRow;
        if (borderRow[0] !== null) addRaw(nearBorder, borderRow, 0);
      }
    }
    for (const range of this.eventRanges(scope, rolledUp)) {
      for (const row of this.eventRows(scope, range)) {
        addRaw(cellFor(row[1] as string | null, row[2] as string | null, row[3] as string | null, row[4] as string), row, 7);
        const latitude = row[5] as number | null;
        const longitude = row[6] as number | null;
        if (latitude === null || longitude === null) withoutCoordinates += 1;
        if (isTypesOnly) continue;
        addRaw(monthFor((row[0] as string).slice(0, 7)), row, 7);
        if (latitude !== null && longitude !== null && Math.ceil(this.borderKm(latitude, longitude)) <= borderKm) addRaw(nearBorder, row, 7);
      }
      if (isTypesOnly) continue;
      for (const [name, incidents, killed, injured] of this.eventPerpetrators(scope, range)) {
        const actor = actorFor(name);
        actor.incidents += incidents;
        actor.killed += killed;
        actor.injured += injured;
      }
    }
    const cellKey = (cell: FigureCell): string => `${cell.country ?? ""}|${cell.admin1 ?? ""}|${cell.admin2 ?? ""}|${cell.type}`;
    const cellList = [...cells.values()].filter((cell) => cell.incidents !== 0).sort((a, b) => cellKey(a).localeCompare(cellKey(b)));
    const monthList = [...months.values()].filter((month) => month.incidents !== 0).sort((a, b) => a.month.localeCompare(b.month));
    const actorList = [...perpetrators.values()].filter((actor) => actor.incidents !== 0).sort((a, b) => a.actor.localeCompare(b.actor));
    return { cells: cellList, months: monthList, perpetrators: actorList, nearBorder, withoutCoordinates };
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

  /**
   * Whole months come from report_source_words (migration 062: bitsets per review state, months and country),
   * the edges from the events' links. A province or actor filter is not in those buckets: it joins the links.
   */
  async sourcesOf(scope: EventScope, limit: number): Promise<{ count: number; source_ids: number[] }> {
    const place = this.placeFilter(scope, "e");
    const actors = this.actorFilter(scope);
    const rolledUp = scope.admin1.length === 0 ? this.rolledUpMonths(scope) : null;
    const sources = new SourceIdSet();
    if (rolledUp !== null) {
      const words = this.placeFilter(scope, "r");
      const rows = this.prepare(
        `SELECT r.word, r.bits & 4294967295, (r.bits >> 32) & 4294967295 FROM report_source_words r
        WHERE r.first_month >= ? AND r.first_month <= ? AND r.last_month <= ? AND ${words.clauses.join(" AND ")}`,
      )
        .raw()
        .all(rolledUp.firstMonth, rolledUp.lastMonth, rolledUp.lastMonth, ...words.parameters) as Array<[number, number, number]>;
      for (const [word, low, high] of rows) sources.addWord(word, low, high);
    }
    for (const range of this.eventRanges(scope, rolledUp)) {
      const rows = this.prepare(
        `SELECT s.source_id FROM events e ${range.index ? `INDEXED BY ${range.index}` : ""} CROSS JOIN event_sources s ON s.event_id = e.id
        WHERE s.source_id IS NOT NULL AND ${isLive} AND ${range.dates} AND ${[...place.clauses, ...actors.clauses].join(" AND ")}`,
      )
        .pluck()
        .all(...range.parameters, ...place.parameters, ...actors.parameters) as number[];
      for (const id of rows) sources.add(id);
    }
    return { count: sources.size(), source_ids: sources.smallest(limit) };
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
