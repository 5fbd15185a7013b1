import type {
  ChangeAuthor,
  Event,
  EventChangeKind,
  EventMerge,
  EventVersion,
  ReliabilityGrade,
} from "./event.ts";
import type { EventFilter, EventPage, EventQuery } from "./event-query.ts";

/** Everything about an event a write sets; identity, version and who/when are the store's to assign. */
export type EventState = Omit<Event, "id" | "version" | "createdAt" | "createdBy" | "updatedAt" | "updatedBy">;

/** Bookkeeping kept verbatim when importing our own JSON Lines export (so nothing is lost). */
export interface PreservedIdentity {
  id: number;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** One change to one event: the state after it, and who made it, when and why. */
export interface EventWrite {
  /** Null creates a new event. */
  id: number | null;
  /** Required for updates: the version the writer read. A different current version is refused. */
  expectedVersion: number | null;
  state: EventState;
  change: EventChangeKind;
  author: ChangeAuthor;
  /** ISO timestamp of the change. */
  at: string;
  /** For imports of our own export: keep id, version and authorship as exported. */
  preserve?: PreservedIdentity;
}

/**
 * The single place events are written. Every method records who made the change and why, and runs inside
 * the transaction `EventRepository.write` opened; a thrown error rolls the whole transaction back.
 */
export interface EventWriteSession {
  /** The event as it stands inside this transaction (merged and deleted ones included). */
  current(id: number): Event | undefined;
  currentByAcledId(eventIdCnty: string): Event | undefined;
  /** True when the event was deleted (e.g. by an ACLED deletions list); such events are not edited. */
  isDeleted(id: number): boolean;
  currentByGtdId(eventId: string): Event | undefined;
  /** True when some event carries an ACLED (or GTD) id; an import into a database with none skips per-row lookups. */
  hasKeyedEvents(kind: "acled" | "gtd"): boolean;
  /** About how many events the database holds (the highest id ever given), for choosing a bulk path. */
  approximateEventCount(): number;
  /** The full snapshot of an event at a version, from its history. */
  snapshot(id: number, version: number): Event | undefined;
  /** A stored source's Admiralty grade: null when ungraded, undefined when there is no such source. */
  sourceGrade(sourceId: number): ReliabilityGrade | null | undefined;
  /** Creates or updates an event, adding a version row. Refuses a stale `expectedVersion` with VERSION_CONFLICT. */
  save(write: EventWrite): Event;
  /** Hides an event (soft delete) and records a `delete` version. */
  delete(id: number, author: ChangeAuthor, at: string): void;
  recordMerge(merged: { survivor: Event; absorbed: Event }, author: ChangeAuthor, at: string): number;
  markMergeUndone(mergeId: number, author: ChangeAuthor, at: string): void;
  /** The merge (not undone) that absorbed this event. */
  activeMergeOf(absorbedId: number): EventMerge | undefined;
  recordDistinctPair(firstId: number, secondId: number, author: ChangeAuthor, at: string): void;
}

/** A pair of events of the same type, country and near date, for the duplicate scorer to judge. */
export interface EventPair {
  first: Event;
  second: Event;
}

/** Reads and writes of events; implemented in src/storage/event-store.ts. */
export interface EventRepository {
  findById(id: number): Promise<Event | undefined>;
  /** The one query layer: filters, sort, pagination and total count. */
  query(query: EventQuery): Promise<EventPage>;
  /** Every event matching a filter, in id order, a batch at a time (exports). */
  stream(filter: EventFilter, batchSize?: number): AsyncIterable<Event[]>;
  history(id: number): Promise<EventVersion[]>;
  merges(eventId: number): Promise<EventMerge[]>;
  /**
   * Unmerged events of the same type and country whose day-precision dates are at most `days` apart, not yet
   * judged distinct; restricted to pairs involving `eventId` or to a date range when given.
   */
  nearPairs(options: { eventId?: number; dateFrom?: string; dateTo?: string; days: number; limit: number }): Promise<EventPair[]>;
  /** Runs `work` in one transaction; everything it writes is kept together or not at all. */
  write<T>(work: (session: EventWriteSession) => T): T;
  /**
   * Opens one long transaction for an import that arrives in pieces: every `write` joins it, `commit` keeps
   * all of it, `rollback` (or a crash before commit) leaves the database as it was.
   */
  openBulkWrite(): BulkWrite;
}

/** A transaction spanning several batches of writes. */
export interface BulkWrite {
  write<T>(work: (session: EventWriteSession) => T): T;
  /**
   * For a large load: stop maintaining the indexes only queries use until commit, which rebuilds them in one
   * pass (much faster than updating them row by row). Lookups the import itself needs stay indexed.
   */
  deferQueryIndexes(): void;
  commit(): void;
  rollback(): void;
}

/** Setting a source's Admiralty grade (who set it is recorded on the source). */
export interface SourceReliabilityRepository {
  setGrade(sourceId: number, grade: ReliabilityGrade | null, author: ChangeAuthor, at: string): Promise<void>;
  getGrade(sourceId: number): Promise<ReliabilityGrade | null | undefined>;
}
