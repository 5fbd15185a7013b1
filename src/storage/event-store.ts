import type BetterSqlite3 from "better-sqlite3";
import { sql, type CompiledQuery, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from "kysely";
import { ArmtraceError } from "../errors.ts";
import type {
  CasualtyCounts,
  ChangeAuthor,
  Event,
  EventChangeKind,
  EventMerge,
  EventSourceLink,
  EventVersion,
  GtdCoding,
  ReliabilityGrade,
} from "../events/event.ts";
import { casualtyTotal } from "../events/event.ts";
import { actorKey } from "../events/actor-key.ts";
import { addDays, dateSpan, firstDay, lastDay } from "../events/event-dates.ts";
import { countCap, type EventFilter, type EventPage, type EventQuery, type EventSort } from "../events/event-query.ts";
import type { BulkWrite, EventPair, EventRepository, EventWrite, EventWriteSession } from "../events/event-repository.ts";
import { fromAcledCodingColumn, toAcledCodingColumn } from "./acled-coding-column.ts";
import type { ArmtraceDatabase } from "./database.ts";
import { PendingEventDetails } from "./event-bulk-load.ts";
import { suspendReportRollups, type SuspendedRollups } from "./report-rollup-rebuild.ts";
import type { Database } from "./schema.ts";

type EventRow = Selectable<Database["events"]>;

/** A source link joined with its source's Admiralty grade. */
type LinkRow = Selectable<Database["event_sources"]> & Pick<Selectable<Database["sources"]>, "reliability_source" | "reliability_information">;

type MergeRow = Selectable<Database["event_merges"]>;

const eventColumns = [
  "type",
  "date",
  "date_precision",
  "date_end",
  "date_first",
  "date_last",
  "country",
  "admin1",
  "admin2",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "actors_json",
  "killed_security_forces",
  "killed_civilians",
  "killed_militants",
  "killed_unknown",
  "injured_security_forces",
  "injured_civilians",
  "injured_militants",
  "injured_unknown",
  "fatalities_low",
  "fatalities_best",
  "fatalities_high",
  "fatalities_rule",
  "injuries_low",
  "injuries_best",
  "injuries_high",
  "injuries_rule",
  "weapons_json",
  "notes",
  "acled_json",
  "gtd_json",
  "acled_event_id",
  "gtd_event_id",
  "review_state",
  "version",
  "merged_into",
  "created_at",
  "created_by",
  "updated_at",
  "updated_by",
] as const;

/**
 * The snapshot of an event's latest version is the event row itself; its version row holds this marker and
 * gets the full JSON written when the next change replaces the row. Imports thus write each event once.
 */
const currentSnapshot = "";

/** Page cache (negative = KiB) during a large import, and the one database.ts sets otherwise. */
const bulkCacheKib = -262_144;
const normalCacheKib = -65_536;

const linkSelect = `SELECT es.*, s.reliability_source, s.reliability_information
  FROM event_sources es LEFT JOIN sources s ON s.id = es.source_id`;

/**
 * The columns a page read fetches: the id and every written column (not the deletion marks, which a listed
 * event never has). All of them, so that whatever rowToEvent reads is there.
 */
const hydratedEventColumns = ["id", ...eventColumns] as const;
type HydratedEventRow = Pick<EventRow, (typeof hydratedEventColumns)[number]>;

const hydratedLinkColumns = [
  "event_id",
  "source_id",
  "citation",
  "killed_json",
  "injured_json",
  "evidence_json",
  "merged_from_event_id",
  "added_at",
  "added_by",
  "reliability_source",
  "reliability_information",
] as const;
type HydratedLinkRow = Pick<LinkRow, (typeof hydratedLinkColumns)[number]>;

/**
 * A row read in better-sqlite3's raw mode (an array of values) as an object keyed by `columns`: building it here
 * costs a third less than letting the driver name each of 40-odd columns.
 */
function namedRow<T>(columns: readonly string[], values: readonly unknown[]): T {
  const row: Record<string, unknown> = {};
  for (let index = 0; index < columns.length; index++) row[columns[index]!] = values[index];
  return row as T;
}

/** Maps stored rows to the domain Event; the only place that knows the column layout. */
function rowToEvent(row: HydratedEventRow, links: readonly HydratedLinkRow[]): Event {
  const counts = (prefix: "killed" | "injured"): CasualtyCounts => ({
    security_forces: row[`${prefix}_security_forces`],
    civilians: row[`${prefix}_civilians`],
    militants: row[`${prefix}_militants`],
    unknown: row[`${prefix}_unknown`],
  });
  return {
    id: row.id,
    type: row.type as Event["type"],
    date: row.date,
    datePrecision: row.date_precision as Event["datePrecision"],
    dateEnd: row.date_end,
    country: row.country,
    admin1: row.admin1,
    admin2: row.admin2,
    location: row.location,
    latitude: row.latitude,
    longitude: row.longitude,
    geoPrecision: row.geo_precision as Event["geoPrecision"],
    actors: JSON.parse(row.actors_json) as Event["actors"],
    killed: counts("killed"),
    injured: counts("injured"),
    weapons: JSON.parse(row.weapons_json) as Event["weapons"],
    notes: row.notes,
    acled: fromAcledCodingColumn(row.acled_json, row),
    gtd: row.gtd_json === null ? null : (JSON.parse(row.gtd_json) as GtdCoding),
    reviewState: row.review_state as Event["reviewState"],
    version: row.version,
    fatalities: { low: row.fatalities_low, best: row.fatalities_best, high: row.fatalities_high, rule: row.fatalities_rule as Event["fatalities"]["rule"] },
    injuries: { low: row.injuries_low, best: row.injuries_best, high: row.injuries_high, rule: row.injuries_rule as Event["injuries"]["rule"] },
    sources: links.map(rowToLink),
    mergedInto: row.merged_into,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

function rowToLink(row: HydratedLinkRow): EventSourceLink {
  return {
    sourceId: row.source_id,
    citation: row.citation,
    killed: JSON.parse(row.killed_json) as CasualtyCounts,
    injured: JSON.parse(row.injured_json) as CasualtyCounts,
    evidence: JSON.parse(row.evidence_json) as EventSourceLink["evidence"],
    reliability: toGrade(row.reliability_source, row.reliability_information),
    mergedFromEventId: row.merged_from_event_id,
    addedAt: row.added_at,
    addedBy: row.added_by,
  };
}

function toGrade(source: string | null, information: number | null): ReliabilityGrade | null {
  if (source === null || information === null) return null;
  return { source: source as ReliabilityGrade["source"], information: information as ReliabilityGrade["information"] };
}

/** The values of eventColumns, in that order, for the write statements' positional parameters. */
function eventToValues(event: Event): unknown[] {
  const span = dateSpan(event.date, event.dateEnd);
  return [
    event.type, // type
    event.date, // date
    event.datePrecision, // date_precision
    event.dateEnd, // date_end
    span.first, // date_first
    span.last, // date_last
    event.country, // country
    event.admin1, // admin1
    event.admin2, // admin2
    event.location, // location
    event.latitude, // latitude
    event.longitude, // longitude
    event.geoPrecision, // geo_precision
    JSON.stringify(event.actors), // actors_json
    event.killed.security_forces, // killed_security_forces
    event.killed.civilians, // killed_civilians
    event.killed.militants, // killed_militants
    event.killed.unknown, // killed_unknown
    event.injured.security_forces, // injured_security_forces
    event.injured.civilians, // injured_civilians
    event.injured.militants, // injured_militants
    event.injured.unknown, // injured_unknown
    event.fatalities.low, // fatalities_low
    event.fatalities.best, // fatalities_best
    event.fatalities.high, // fatalities_high
    event.fatalities.rule, // fatalities_rule
    event.injuries.low, // injuries_low
    event.injuries.best, // injuries_best
    event.injuries.high, // injuries_high
    event.injuries.rule, // injuries_rule
    JSON.stringify(event.weapons), // weapons_json
    event.notes, // notes
    toAcledCodingColumn(event.acled, { acled_event_id: event.acled?.eventIdCnty ?? null, date: event.date, country: event.country }), // acled_json
    event.gtd === null ? null : JSON.stringify(event.gtd), // gtd_json
    event.acled?.eventIdCnty ?? null, // acled_event_id
    event.gtd?.eventId ?? null, // gtd_event_id
    event.reviewState, // review_state
    event.version, // version
    event.mergedInto, // merged_into
    event.createdAt, // created_at
    event.createdBy, // created_by
    event.updatedAt, // updated_at
    event.updatedBy, // updated_by
  ];
}

/** Turns free text into an FTS5 query of quoted terms (all must match), so user text can never be FTS syntax. */
export function toFtsQuery(text: string): string | undefined {
  const terms = text
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
    .map((term) => `"${term}"`);
  return terms.length > 0 ? terms.join(" ") : undefined;
}

function actorsText(event: Event): string {
  return [...event.actors.perpetrators, ...event.actors.targets, ...event.actors.associated].join(" ; ");
}

class SqliteEventWriteSession implements EventWriteSession {
  private readonly statements;
  /** Set during a bulk load: new events' detail rows are written set-based, a run at a time (event-bulk-load.ts). */
  private pending: PendingEventDetails | undefined;
  private bulkDetails: PendingEventDetails | undefined;

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    const columnList = eventColumns.join(", ");
    const valueList = eventColumns.map(() => "?").join(", ");
    this.statements = {
      selectEvent: sqlite.prepare(`SELECT * FROM events WHERE id = ?`),
      selectByAcled: sqlite.prepare(`SELECT * FROM events WHERE acled_event_id = ?`),
      selectByGtd: sqlite.prepare(`SELECT * FROM events WHERE gtd_event_id = ?`),
      maxId: sqlite.prepare(`SELECT max(id) AS id FROM events`),
      anyAcled: sqlite.prepare(`SELECT 1 FROM events WHERE acled_event_id IS NOT NULL LIMIT 1`),
      anyGtd: sqlite.prepare(`SELECT 1 FROM events WHERE gtd_event_id IS NOT NULL LIMIT 1`),
      selectLinks: sqlite.prepare(`${linkSelect} WHERE es.event_id = ? ORDER BY es.id`),
      selectSnapshot: sqlite.prepare(`SELECT snapshot_json FROM event_versions WHERE event_id = ? AND version = ?`),
      materializeSnapshot: sqlite.prepare(`UPDATE event_versions SET snapshot_json = ? WHERE event_id = ? AND version = ? AND snapshot_json = ''`),
      selectVersion: sqlite.prepare(`SELECT version, deleted_at FROM events WHERE id = ?`),
      selectGrade: sqlite.prepare(`SELECT reliability_source, reliability_information FROM sources WHERE id = ?`),
      // Positional parameters (eventToValues): binding 40-odd named parameters costs more than the insert itself.
      insertEvent: sqlite.prepare(`INSERT INTO events (${columnList}) VALUES (${valueList})`),
      insertEventWithId: sqlite.prepare(`INSERT INTO events (${columnList}, id) VALUES (${valueList}, ?)`),
      updateEvent: sqlite.prepare(
        `UPDATE events SET ${eventColumns.map((column) => `${column} = ?`).join(", ")}, deleted_at = NULL, deleted_by = NULL
         WHERE id = ? AND version = ?`,
      ),
      deleteActors: sqlite.prepare(`DELETE FROM event_actors WHERE event_id = ?`),
      insertActor: sqlite.prepare(`INSERT INTO event_actors (event_id, role, name, name_key, date_first, date_last) VALUES (?, ?, ?, ?, ?, ?)`),
      deleteFts: sqlite.prepare(`DELETE FROM events_fts WHERE rowid = ?`),
      insertFts: sqlite.prepare(`INSERT INTO events_fts (rowid, notes, location, actors) VALUES (?, ?, ?, ?)`),
      deleteLinks: sqlite.prepare(`DELETE FROM event_sources WHERE event_id = ?`),
      insertLink: sqlite.prepare(
        `INSERT INTO event_sources (event_id, source_id, citation, killed_json, injured_json, killed_total, injured_total,
           evidence_json, merged_from_event_id, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertVersion: sqlite.prepare(
        `INSERT INTO event_versions (event_id, version, change, changed_by, changed_at, reason, snapshot_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      softDelete: sqlite.prepare(`UPDATE events SET deleted_at = ?, deleted_by = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ?`),
      insertMerge: sqlite.prepare(`INSERT INTO event_merges (survivor_id, absorbed_id, merged_by, merged_at, reason, survivor_version, absorbed_version)
         VALUES (?, ?, ?, ?, ?, ?, ?)`),
      undoMerge: sqlite.prepare(`UPDATE event_merges SET undone_by = ?, undone_at = ? WHERE id = ? AND undone_at IS NULL`),
      activeMerge: sqlite.prepare(`SELECT * FROM event_merges WHERE absorbed_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1`),
      insertDistinct: sqlite.prepare(
        `INSERT OR REPLACE INTO event_distinct_pairs (first_id, second_id, decided_by, decided_at, reason) VALUES (?, ?, ?, ?, ?)`,
      ),
    };
  }

  /** From now on, new events' detail rows are written a run at a time (call flushDetails before the transaction ends). */
  deferDetails(): void {
    this.bulkDetails ??= new PendingEventDetails(this.sqlite);
    this.pending = this.bulkDetails;
  }

  /** Writes the detail rows of the pending run of new events. */
  flushDetails(): void {
    this.pending?.flush(currentSnapshot);
  }

  /** Back to row-by-row details; a pending run is dropped (its transaction is being rolled back) unless flushed first. */
  stopDeferringDetails(): void {
    this.pending?.discard();
    this.pending = undefined;
  }

  approximateEventCount(): number {
    return (this.statements.maxId.get() as { id: number | null }).id ?? 0;
  }

  hasKeyedEvents(kind: "acled" | "gtd"): boolean {
    return (kind === "acled" ? this.statements.anyAcled : this.statements.anyGtd).get() !== undefined;
  }

  current(id: number): Event | undefined {
    return this.hydrate(this.statements.selectEvent.get(id) as EventRow | undefined);
  }

  currentByAcledId(eventIdCnty: string): Event | undefined {
    return this.hydrate(this.statements.selectByAcled.get(eventIdCnty) as EventRow | undefined);
  }

  isDeleted(id: number): boolean {
    const row = this.statements.selectVersion.get(id) as { deleted_at: string | null } | undefined;
    return row !== undefined && row.deleted_at !== null;
  }

  currentByGtdId(eventId: string): Event | undefined {
    return this.hydrate(this.statements.selectByGtd.get(eventId) as EventRow | undefined);
  }

  snapshot(id: number, version: number): Event | undefined {
    this.flushDetails();
    const row = this.statements.selectSnapshot.get(id, version) as { snapshot_json: string } | undefined;
    if (row === undefined) return undefined;
    return row.snapshot_json === currentSnapshot ? this.current(id) : (JSON.parse(row.snapshot_json) as Event);
  }

  /** The grade of a stored source: null when ungraded, undefined when there is no such source. */
  sourceGrade(sourceId: number): ReliabilityGrade | null | undefined {
    const row = this.statements.selectGrade.get(sourceId) as { reliability_source: string | null; reliability_information: number | null } | undefined;
    return row === undefined ? undefined : toGrade(row.reliability_source, row.reliability_information);
  }

  save(write: EventWrite): Event {
    const { state, author, at } = write;
    const authorship = { change: write.change, changedBy: author.actor, changedAt: at, reason: author.reason ?? null };
    // A new event with an AUTOINCREMENT id can join the pending run; anything else writes the run out first.
    const isDeferred = this.pending !== undefined && write.id === null && write.preserve === undefined && this.pending.accepts(authorship);
    if (!isDeferred) this.flushDetails();
    const sources = state.sources.map((link) => {
      if (link.sourceId === null) return { ...link, reliability: null };
      const grade = this.sourceGrade(link.sourceId);
      if (grade === undefined) throw new ArmtraceError("SOURCE_NOT_FOUND", `source ${link.sourceId} is not in this database`);
      return { ...link, reliability: grade };
    });
    let event: Event;
    if (write.id === null) {
      const preserve = write.preserve;
      event = {
        ...state,
        sources,
        id: preserve?.id ?? 0,
        version: preserve?.version ?? 1,
        createdAt: preserve?.createdAt ?? at,
        createdBy: preserve?.createdBy ?? author.actor,
        updatedAt: preserve?.updatedAt ?? at,
        updatedBy: preserve?.updatedBy ?? author.actor,
      };
      const values = eventToValues(event);
      if (preserve) values.push(event.id);
      const result = preserve ? this.statements.insertEventWithId.run(values) : this.statements.insertEvent.run(values);
      event.id = Number(result.lastInsertRowid);
    } else {
      const existing = this.statements.selectVersion.get(write.id) as { version: number } | undefined;
      if (existing === undefined) throw new ArmtraceError("EVENT_NOT_FOUND", `event ${write.id} does not exist`);
      const expected = write.expectedVersion ?? existing.version;
      if (existing.version !== expected) throw versionConflict(write.id, expected, existing.version);
      const before = this.current(write.id) as Event;
      this.statements.materializeSnapshot.run(JSON.stringify(before), before.id, before.version);
      event = {
        ...state,
        sources,
        id: write.id,
        version: write.preserve?.version ?? existing.version + 1,
        createdAt: before.createdAt,
        createdBy: before.createdBy,
        updatedAt: write.preserve?.updatedAt ?? at,
        updatedBy: write.preserve?.updatedBy ?? author.actor,
      };
      if (event.version <= existing.version) event.version = existing.version + 1;
      const values = eventToValues(event);
      values.push(event.id, expected);
      const result = this.statements.updateEvent.run(values);
      if (result.changes !== 1) throw versionConflict(write.id, expected, existing.version);
      this.statements.deleteActors.run(event.id);
      this.statements.deleteFts.run(event.id);
      this.statements.deleteLinks.run(event.id);
    }
    if (isDeferred) {
      this.writeLinks(event);
      (this.pending as PendingEventDetails).add(event.id, authorship);
      return event;
    }
    this.writeDetails(event);
    this.statements.insertVersion.run(event.id, event.version, write.change, author.actor, at, author.reason ?? null, currentSnapshot);
    return event;
  }

  delete(id: number, author: ChangeAuthor, at: string): void {
    this.flushDetails();
    const event = this.current(id);
    if (event === undefined) throw new ArmtraceError("EVENT_NOT_FOUND", `event ${id} does not exist`);
    const version = event.version + 1;
    this.statements.materializeSnapshot.run(JSON.stringify(event), event.id, event.version);
    this.statements.softDelete.run(at, author.actor, version, at, author.actor, id);
    this.statements.deleteFts.run(id);
    const snapshot = { ...event, version, updatedAt: at, updatedBy: author.actor };
    this.statements.insertVersion.run(id, version, "delete", author.actor, at, author.reason ?? null, JSON.stringify(snapshot));
  }

  recordMerge(merged: { survivor: Event; absorbed: Event }, author: ChangeAuthor, at: string): number {
    this.flushDetails();
    const { survivor, absorbed } = merged;
    const result = this.statements.insertMerge.run(survivor.id, absorbed.id, author.actor, at, author.reason ?? null, survivor.version, absorbed.version);
    return Number(result.lastInsertRowid);
  }

  markMergeUndone(mergeId: number, author: ChangeAuthor, at: string): void {
    this.statements.undoMerge.run(author.actor, at, mergeId);
  }

  activeMergeOf(absorbedId: number): EventMerge | undefined {
    const row = this.statements.activeMerge.get(absorbedId) as MergeRow | undefined;
    return row === undefined ? undefined : rowToMerge(row);
  }

  recordDistinctPair(firstId: number, secondId: number, author: ChangeAuthor, at: string): void {
    this.statements.insertDistinct.run(Math.min(firstId, secondId), Math.max(firstId, secondId), author.actor, at, author.reason ?? null);
  }

  private writeDetails(event: Event): void {
    const { insertActor, insertFts } = this.statements;
    const span = dateSpan(event.date, event.dateEnd);
    for (const [role, names] of [
      ["perpetrator", event.actors.perpetrators],
      ["target", event.actors.targets],
      ["associated", event.actors.associated],
    ] as const) {
      for (const name of names) insertActor.run(event.id, role, name, actorKey(name), span.first, span.last);
    }
    insertFts.run(event.id, event.notes ?? "", event.location ?? "", actorsText(event));
    this.writeLinks(event);
  }

  private writeLinks(event: Event): void {
    const { insertLink } = this.statements;
    for (const link of event.sources) {
      insertLink.run(
        event.id,
        link.sourceId,
        link.citation,
        JSON.stringify(link.killed),
        JSON.stringify(link.injured),
        casualtyTotal(link.killed),
        casualtyTotal(link.injured),
        JSON.stringify(link.evidence),
        link.mergedFromEventId,
        link.addedAt,
        link.addedBy,
      );
    }
  }

  private hydrate(row: EventRow | undefined): Event | undefined {
    if (row === undefined) return undefined;
    return rowToEvent(row, this.statements.selectLinks.all(row.id) as LinkRow[]);
  }
}

function versionConflict(id: number, expected: number, actual: number): ArmtraceError {
  return new ArmtraceError(
    "VERSION_CONFLICT",
    `event ${id} was changed by someone else: you edited version ${expected} but it is now at version ${actual}; ` +
      "reload it, reapply your change and save again",
    { eventId: id, expectedVersion: expected, currentVersion: actual },
  );
}

function rowToMerge(row: MergeRow): EventMerge {
  return {
    id: row.id,
    survivorId: row.survivor_id,
    absorbedId: row.absorbed_id,
    mergedBy: row.merged_by,
    mergedAt: row.merged_at,
    reason: row.reason,
    undoneBy: row.undone_by,
    undoneAt: row.undone_at,
    survivorVersion: row.survivor_version,
    absorbedVersion: row.absorbed_version,
  };
}

const sortColumns: Record<EventSort, { column: "date_first" | "fatalities_best" | "id" | "updated_at"; direction: "asc" | "desc" }> = {
  date: { column: "date_first", direction: "asc" },
  "-date": { column: "date_first", direction: "desc" },
  fatalities: { column: "fatalities_best", direction: "asc" },
  "-fatalities": { column: "fatalities_best", direction: "desc" },
  id: { column: "id", direction: "asc" },
  "-id": { column: "id", direction: "desc" },
  updated: { column: "updated_at", direction: "asc" },
  "-updated": { column: "updated_at", direction: "desc" },
};

/** Facts about the stored events that a list query's SQL is shaped by, read at the start of its transaction. */
interface QueryHints {
  /** No stored event spans more than this many days beyond its first, so a date filter need look back only this far. */
  spanDays: number;
  /** The full-text filter matches more than commonMatches events. */
  isTextCommon: boolean;
  /** The actor filter's rows (within the date bounds) number more than commonMatches. */
  isActorCommon: boolean;
}

/**
 * Above this many full-text matches or actor rows, looking each event up costs more than testing the entries
 * of another index that yields the page in order.
 */
const commonMatches = 5_000;

/** True when a filter other than full text, actor or source can drive a live-events index. */
function hasIndexedFilter(filter: EventFilter): boolean {
  return [filter.dateFrom, filter.dateTo, filter.country, filter.admin1, filter.admin2, filter.type, filter.reviewState, filter.fatalitiesMin, filter.fatalitiesMax].some(
    (value) => value !== undefined,
  );
}

/** The SQLite implementation of the event repository: Kysely for reads, prepared statements for the write path. */
export class EventStore implements EventRepository {
  private readonly sqlite: BetterSqlite3.Database;
  private session: SqliteEventWriteSession | undefined;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private pageReads: { rows: BetterSqlite3.Statement; links: BetterSqlite3.Statement } | undefined;

  private readonly countCap: number;
  private readonly commonMatches: number;

  /**
   * `countCap`: totals up to this many are exact under the default capped count; `commonMatches`: above
   * this many full-text matches or actor rows, another index drives the page. Tests lower both to reach every path.
   */
  constructor(
    private readonly database: ArmtraceDatabase,
    options: { countCap?: number; commonMatches?: number } = {},
  ) {
    this.countCap = options.countCap ?? countCap;
    this.commonMatches = options.commonMatches ?? commonMatches;
    if (database.sqlite === undefined) throw new ArmtraceError("DEPENDENCY_MISSING", "the event store needs SQLite for now");
    this.sqlite = database.sqlite;
  }

  write<T>(work: (session: EventWriteSession) => T): T {
    this.session ??= new SqliteEventWriteSession(this.sqlite);
    const session = this.session;
    return this.sqlite
      .transaction(() => {
        const result = work(session);
        // Within a bulk import's transaction too, a write's detail rows are in place when it returns.
        session.flushDetails();
        return result;
      })
      .immediate();
  }

  openBulkWrite(): BulkWrite {
    this.session ??= new SqliteEventWriteSession(this.sqlite);
    const session = this.session;
    const sqlite = this.sqlite;
    sqlite.exec("BEGIN IMMEDIATE");
    // Checked at commit, so an import may name an event (merged_into) before the line that creates it.
    sqlite.pragma("defer_foreign_keys = ON");
    let isOpen = true;
    let deferred: Array<{ name: string; sql: string }> = [];
    let rollups: SuspendedRollups | undefined;
    let isDeferred = false;
    return {
      write<T>(work: (session: EventWriteSession) => T): T {
        if (!isOpen) throw new ArmtraceError("INTERNAL", "bulk write already finished");
        const result = work(session);
        session.flushDetails();
        return result;
      },
      deferQueryIndexes() {
        if (!isOpen || isDeferred) return;
        isDeferred = true;
        // Every explicit index on events and event_actors (whoever declared it) except the ones the import's
        // own lookups use; dropped and re-created inside this transaction, so a crash restores them too.
        deferred = sqlite
          .prepare(
            `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
               AND tbl_name IN ('events', 'event_actors', 'event_sources') AND name NOT IN ('event_actors_event_idx', 'event_sources_event_idx')`,
          )
          .all() as Array<{ name: string; sql: string }>;
        for (const index of deferred) sqlite.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
        // The report rollup triggers likewise: the rollup tables are recomputed once at commit, set-based.
        rollups = suspendReportRollups(sqlite);
        // A larger page cache for the load keeps the growing trees in memory instead of spilling pages.
        sqlite.pragma(`cache_size = ${bulkCacheKib}`);
        // New events' actor, full-text and version rows are written set-based at the end of each batch.
        session.deferDetails();
      },
      commit() {
        if (!isOpen) return;
        isOpen = false;
        try {
          session.flushDetails();
          session.stopDeferringDetails();
          rollups?.resume();
          for (const index of deferred) sqlite.exec(index.sql);
          sqlite.exec("COMMIT");
          if (deferred.length > 0) {
            sqlite.pragma(`cache_size = ${normalCacheKib}`);
            // Fresh statistics so the planner picks the filter indexes at the new size.
            sqlite.exec("PRAGMA optimize");
          }
        } catch (error) {
          session.stopDeferringDetails();
          if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
          const message = (error as Error).message;
          throw /FOREIGN KEY/i.test(message)
            ? new ArmtraceError("INVALID_INPUT", "the import refers to events or sources that are not in this database; nothing was imported")
            : error;
        }
      },
      rollback() {
        if (!isOpen) return;
        isOpen = false;
        session.stopDeferringDetails();
        if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
        if (deferred.length > 0) sqlite.pragma(`cache_size = ${normalCacheKib}`);
      },
    };
  }

  async findById(id: number): Promise<Event | undefined> {
    const [event] = this.eventsByIds([id]);
    return event;
  }

  /**
   * A page in two steps: the ids of the page first (from the covering filter indexes alone, so skipped rows
   * of an offset are never read), then those events' rows and links. The total is exact when the page is the
   * last one or `count` is "exact"; otherwise it is counted up to countCap (or the end of the page) and a
   * larger total is reported as that bound, flagged `totalIsLowerBound`. One read transaction, one snapshot.
   */
  async query(query: EventQuery): Promise<EventPage> {
    const limit = Math.max(0, Math.min(query.limit ?? 50, 10_000));
    const offset = Math.max(0, query.offset ?? 0);
    return this.sqlite.transaction(() => {
      const statements = this.listStatements(query, limit, offset);
      const ids = this.prepared(statements.page.sql).pluck().all(...statements.page.parameters) as number[];
      const events = this.eventsByIds(ids);
      const isLastPage = ids.length < limit && (ids.length > 0 || offset === 0);
      if (isLastPage) return { events, total: offset + ids.length, totalIsLowerBound: false, limit, offset };
      const count = query.count === "exact" ? statements.exactCount() : statements.cappedCount();
      const counted = this.prepared(count.sql).pluck().get(...count.parameters) as number;
      return query.count !== "exact" && counted > statements.bound
        ? { events, total: statements.bound, totalIsLowerBound: true, limit, offset }
        : { events, total: counted, totalIsLowerBound: false, limit, offset };
    }).deferred();
  }

  /** SQLite's plan for a list query's page and count statements (EXPLAIN QUERY PLAN details), for tests and tuning. */
  queryPlan(query: EventQuery): { page: string[]; count: string[] } {
    const statements = this.listStatements(query, Math.max(0, Math.min(query.limit ?? 50, 10_000)), Math.max(0, query.offset ?? 0));
    const plan = (compiled: { sql: string; parameters: readonly unknown[] }) =>
      (this.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as Array<{ detail: string }>).map((row) => row.detail);
    return { page: plan(statements.page), count: plan(query.count === "exact" ? statements.exactCount() : statements.cappedCount()) };
  }

  /** The page of ids, the exact count and the count capped at `bound` (+1 to tell "more") for one list query. */
  private listStatements(query: EventQuery, limit: number, offset: number) {
    const sort = sortColumns[query.sort ?? "-date"];
    const hints = this.queryHints(query);
    const base = this.database.db.selectFrom("events").where((eb) => this.filterExpression(eb, query, hints));
    const bound = Math.max(this.countCap, offset + limit);
    /**
     * The ids to count (built only when a count is needed). With an actor filter the actor rows drive, each
     * event checked against the other filters (in events_live_id_idx), so a capped count stops after `bound`
     * events whatever their order.
     */
    const counted = (cap: number | undefined): CompiledQuery => {
      let compiled: CompiledQuery;
      const match = query.text === undefined ? undefined : toFtsQuery(query.text);
      if (query.actorKeys === undefined && match !== undefined && hints.isTextCommon && !hasIndexedFilter(query)) {
        // A common word and nothing else indexed: the matches drive in rowid order, each checked against the
        // other filters, so a capped count stops after `bound` events.
        const rest: EventFilter = { ...query, text: undefined };
        const textEvents = this.database.db
          .selectFrom("events_fts" as never)
          .select(sql`rowid`.as("id"))
          .where(sql<SqlBool>`events_fts MATCH ${match}`)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom("events")
                .select(sql`1`.as("one"))
                .where(sql<SqlBool>`events.id = events_fts.rowid`)
                .where((inner) => this.filterExpression(inner as unknown as ExpressionBuilder<Database, "events">, rest, hints)),
            ),
          );
        compiled = (cap === undefined ? textEvents : textEvents.limit(cap)).compile();
      } else if (query.actorKeys === undefined) {
        compiled = (cap === undefined ? base.select("id") : base.select("id").limit(cap)).compile();
      } else {
        const rest: EventFilter = { ...query, actorKeys: undefined };
        const actorEvents = this.actorRows(query, hints.spanDays)
          .select("event_id")
          .distinct()
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom("events")
                .select(sql`1`.as("one"))
                .whereRef("events.id", "=", "event_actors.event_id")
                .where((inner) => this.filterExpression(inner as unknown as ExpressionBuilder<Database, "events">, rest, hints)),
            ),
          );
        compiled = (cap === undefined ? actorEvents : actorEvents.limit(cap)).compile();
      }
      return { ...compiled, sql: `SELECT count(*) FROM (${compiled.sql})` };
    };
    return {
      page: base.select("id").orderBy(sort.column, sort.direction).orderBy("id", sort.direction).limit(limit).offset(offset).compile(),
      exactCount: () => counted(undefined),
      cappedCount: () => counted(bound + 1),
      bound,
    };
  }

  async *stream(filter: EventFilter, batchSize = 1000): AsyncIterable<Event[]> {
    let after = 0;
    for (;;) {
      const batch = this.sqlite.transaction(() => {
        const hints = this.queryHints(filter);
        const text = this.database.db
          .selectFrom("events")
          .select("id")
          .where((eb) => eb.and([this.filterExpression(eb, filter, hints), eb("id", ">", after)]))
          .orderBy("id")
          .limit(batchSize)
          .compile();
        const ids = this.prepared(text.sql).pluck().all(...text.parameters) as number[];
        return { ids, events: this.eventsByIds(ids) };
      }).deferred();
      if (batch.ids.length === 0) return;
      after = batch.ids[batch.ids.length - 1]!;
      yield batch.events;
    }
  }

  /** What the database holds now that shapes a filter's SQL: the longest event, how common the full-text words are. */
  private queryHints(filter: EventFilter): QueryHints {
    const spanDays = this.longestSpanDays();
    const match = filter.text === undefined ? undefined : toFtsQuery(filter.text);
    const isTextCommon =
      match !== undefined &&
      (this.prepared(`SELECT count(*) FROM (SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT ?)`).pluck().get(match, this.commonMatches + 1) as number) >
        this.commonMatches;
    let isActorCommon = false;
    if (filter.actorKeys !== undefined) {
      const rows = this.actorRows(filter, spanDays).select("event_id").limit(this.commonMatches + 1).compile();
      isActorCommon = (this.prepared(`SELECT count(*) FROM (${rows.sql})`).pluck().get(...rows.parameters) as number) > this.commonMatches;
    }
    return { spanDays, isTextCommon, isActorCommon };
  }

  /** The actor rows an actor filter selects, narrowed by its date bounds (event_actors carries the event's dates). */
  private actorRows(filter: EventFilter, spanDays: number) {
    const keys = filter.actorKeys !== undefined && filter.actorKeys.length > 0 ? filter.actorKeys : [""];
    let rows = this.database.db.selectFrom("event_actors").where("name_key", "in", keys);
    if (filter.dateFrom !== undefined) {
      rows = rows.where("date_first", ">=", addDays(firstDay(filter.dateFrom), -spanDays)).where("date_last", ">=", firstDay(filter.dateFrom));
    }
    if (filter.dateTo !== undefined) rows = rows.where("date_first", "<=", lastDay(filter.dateTo));
    return rows;
  }

  /**
   * The most days any stored event spans beyond its first (0 when every event is a single day), read from
   * events_span_idx: a date filter need look back only this far for events that start before its range.
   */
  private longestSpanDays(): number {
    const days = this.prepared(`SELECT max(julianday(date_last) - julianday(date_first)) FROM events WHERE date_last > date_first`).pluck().get() as number | null;
    return days === null ? 0 : Math.ceil(days);
  }

  async history(id: number): Promise<EventVersion[]> {
    const rows = await this.database.db.selectFrom("event_versions").selectAll().where("event_id", "=", id).orderBy("version").execute();
    const current = rows.some((row) => row.snapshot_json === currentSnapshot) ? await this.findById(id) : undefined;
    return rows.map((row) => ({
      eventId: row.event_id,
      version: row.version,
      change: row.change as EventChangeKind,
      changedBy: row.changed_by,
      changedAt: row.changed_at,
      reason: row.reason,
      snapshot: row.snapshot_json === currentSnapshot ? (current as Event) : (JSON.parse(row.snapshot_json) as Event),
    }));
  }

  async merges(eventId: number): Promise<EventMerge[]> {
    const rows = await this.database.db
      .selectFrom("event_merges")
      .selectAll()
      .where((eb) => eb.or([eb("survivor_id", "=", eventId), eb("absorbed_id", "=", eventId)]))
      .orderBy("id")
      .execute();
    return rows.map((row) => rowToMerge(row as MergeRow));
  }

  async nearPairs(options: { eventId?: number; dateFrom?: string; dateTo?: string; days: number; limit: number }): Promise<EventPair[]> {
    const pairs = this.sqlite
      .prepare(
        `SELECT a.id AS a_id, b.id AS b_id FROM events a JOIN events b
           ON b.type = a.type AND b.country IS a.country AND b.id <> a.id
          AND b.date_first BETWEEN date(a.date_first, '-' || @days || ' days') AND date(a.date_first, '+' || @days || ' days')
         WHERE a.date_precision = 'day' AND b.date_precision = 'day'
           AND a.merged_into IS NULL AND b.merged_into IS NULL AND a.deleted_at IS NULL AND b.deleted_at IS NULL
           AND ((@eventId IS NULL AND a.id < b.id) OR a.id = @eventId)
           AND (@dateFrom IS NULL OR a.date_first >= @dateFrom) AND (@dateTo IS NULL OR a.date_first <= @dateTo)
           AND NOT EXISTS (SELECT 1 FROM event_distinct_pairs d WHERE d.first_id = min(a.id, b.id) AND d.second_id = max(a.id, b.id))
         ORDER BY a.id, b.id LIMIT @limit`,
      )
      .all({
        days: options.days,
        eventId: options.eventId ?? null,
        dateFrom: options.dateFrom === undefined ? null : firstDay(options.dateFrom),
        dateTo: options.dateTo === undefined ? null : lastDay(options.dateTo),
        limit: options.limit,
      }) as Array<{ a_id: number; b_id: number }>;
    const ids = [...new Set(pairs.flatMap((pair) => [pair.a_id, pair.b_id]))];
    const events = new Map<number, Event>();
    for (let start = 0; start < ids.length; start += 500) {
      const rows = await this.database.db.selectFrom("events").selectAll().where("id", "in", ids.slice(start, start + 500)).execute();
      for (const event of await this.hydrate(rows as EventRow[])) events.set(event.id, event);
    }
    return pairs.map((pair) => ({ first: events.get(pair.a_id) as Event, second: events.get(pair.b_id) as Event }));
  }

  /** The filter as a WHERE over events, shaped by what the database holds now (see QueryHints). */
  private filterExpression(eb: ExpressionBuilder<Database, "events">, filter: EventFilter, hints: QueryHints): Expression<SqlBool> {
    const { spanDays } = hints;
    const conditions: Expression<SqlBool>[] = [eb("deleted_at", "is", null)];
    if (!filter.includeMerged) conditions.push(eb("merged_into", "is", null));
    if (filter.dateFrom !== undefined) {
      const from = firstDay(filter.dateFrom);
      conditions.push(eb("date_last", ">=", from));
      // No stored event spans more than spanDays, so this bound lets the date indexes scan a narrow range.
      conditions.push(eb("date_first", ">=", addDays(from, -spanDays)));
    }
    if (filter.dateTo !== undefined) conditions.push(eb("date_first", "<=", lastDay(filter.dateTo)));
    if (filter.country !== undefined) conditions.push(eb("country", "=", filter.country));
    if (filter.admin1 !== undefined) conditions.push(eb("admin1", "=", filter.admin1));
    if (filter.admin2 !== undefined) conditions.push(eb("admin2", "=", filter.admin2));
    if (filter.type !== undefined) conditions.push(eb("type", "=", filter.type));
    if (filter.reviewState !== undefined) conditions.push(eb("review_state", "=", filter.reviewState));
    if (filter.acledEventId !== undefined) conditions.push(eb("acled_event_id", "=", filter.acledEventId));
    if (filter.fatalitiesMin !== undefined) conditions.push(eb("fatalities_best", ">=", filter.fatalitiesMin));
    if (filter.fatalitiesMax !== undefined) conditions.push(eb("fatalities_best", "<=", filter.fatalitiesMax));
    if (filter.injuriesMin !== undefined) conditions.push(eb("injuries_best", ">=", filter.injuriesMin));
    if (filter.injuriesMax !== undefined) conditions.push(eb("injuries_best", "<=", filter.injuriesMax));
    if (filter.actorKeys !== undefined) {
      if (hints.isActorCommon) {
        // Many events: another index yields the page in order and each entry is checked in event_actors_name_idx.
        const keys = filter.actorKeys.length > 0 ? filter.actorKeys : [""];
        conditions.push(sql<SqlBool>`EXISTS (SELECT 1 FROM event_actors a WHERE a.name_key IN (${sql.join(keys)}) AND a.event_id = events.id)`);
      } else {
        // Few: the actor rows (narrowed by the same date bounds in event_actors_name_dates_idx) drive.
        conditions.push(eb("id", "in", this.actorRows(filter, spanDays).select("event_id")));
      }
    }
    if (filter.sourceId !== undefined) {
      conditions.push(eb("id", "in", eb.selectFrom("event_sources").select("event_id").where("source_id", "=", filter.sourceId)));
    }
    if (filter.text !== undefined) {
      const match = toFtsQuery(filter.text) ?? '""';
      // Few matches: the full-text ids drive (each checked in events_live_id_idx). Many, with another indexed
      // filter: that filter's index drives in the page's order and each entry is tested against the matches
      // (`+id` keeps SQLite from looking the matches up one by one), so the page stops early.
      // Many and no other indexed filter: the index of the page's order drives and each entry asks FTS5 for its
      // own row (a seek), so the page stops after `limit` matches instead of looking up every match.
      if (!hints.isTextCommon) conditions.push(sql<SqlBool>`id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ${match})`);
      else if (hasIndexedFilter(filter)) conditions.push(sql<SqlBool>`+id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ${match})`);
      else conditions.push(sql<SqlBool>`EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH ${match} AND events_fts.rowid = events.id)`);
    }
    return eb.and(conditions);
  }

  /**
   * The events with these ids, in the order given (ids not found are left out), with their source links: two
   * set-based statements, prepared once, read in raw mode and only the columns an Event is built from.
   */
  private eventsByIds(ids: readonly number[]): Event[] {
    if (ids.length === 0) return [];
    const list = JSON.stringify(ids);
    const rowValues = this.pageStatements.rows.all(list) as unknown[][];
    const linkValues = this.pageStatements.links.all(list) as unknown[][];
    const byEvent = new Map<number, HydratedLinkRow[]>();
    for (const values of linkValues) {
      const link = namedRow<HydratedLinkRow>(hydratedLinkColumns, values);
      const linksOfEvent = byEvent.get(link.event_id);
      if (linksOfEvent) linksOfEvent.push(link);
      else byEvent.set(link.event_id, [link]);
    }
    const byId = new Map<number, HydratedEventRow>();
    for (const values of rowValues) byId.set(values[0] as number, namedRow<HydratedEventRow>(hydratedEventColumns, values));
    const events: Event[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (row !== undefined) events.push(rowToEvent(row, byEvent.get(id) ?? []));
    }
    return events;
  }

  /** The two statements of a page read (eventsByIds), prepared on first use. */
  private get pageStatements(): { rows: BetterSqlite3.Statement; links: BetterSqlite3.Statement } {
    this.pageReads ??= {
      rows: this.sqlite.prepare(`SELECT ${hydratedEventColumns.join(", ")} FROM events WHERE id IN (SELECT value FROM json_each(?))`).raw(),
      links: this.sqlite
        .prepare(
          `SELECT ${hydratedLinkColumns.map((column) => (column.startsWith("reliability_") ? `s.${column}` : `es.${column}`)).join(", ")}
             FROM event_sources es LEFT JOIN sources s ON s.id = es.source_id
            WHERE es.event_id IN (SELECT value FROM json_each(?)) ORDER BY es.id`,
        )
        .raw(),
    };
    return this.pageReads;
  }

  private async hydrate(rows: readonly EventRow[]): Promise<Event[]> {
    return this.eventsByIds(rows.map((row) => row.id));
  }

  /** Read statements, prepared once per SQL text (the filters produce a few dozen shapes). */
  private prepared(text: string): BetterSqlite3.Statement {
    let statement = this.statements.get(text);
    if (statement === undefined) {
      if (this.statements.size >= 500) this.statements.clear();
      statement = this.sqlite.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }
}

/** The event repository for an open database (SQLite today). */
export function createEventStore(database: ArmtraceDatabase): EventStore {
  return new EventStore(database);
}
