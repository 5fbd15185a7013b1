/**
 * Stockpile and transfer records in SQLite: bulk insertion inside one transaction, and the SerialIndex the
 * matcher queries. Serial entries are clustered on (stem, size_class, start_num); a range is one row.
 */
import type { Selectable } from "kysely";
import type { TraceRecordsTable } from "./tables/tracing.ts";
import type BetterSqlite3 from "better-sqlite3";
import { ArmtraceError } from "../errors.ts";
import { fragmentInEntry, fragmentPlacements, parseStem, recordRef, type IndexedSerial, type RecordDraft, type RecordProblem, type RecordSink, type SerialEntry, type SerialIndex } from "../tracing/index.ts";
import type { ArmtraceDatabase } from "./database.ts";

/** ceil(log2(size)) for a range of `size` serials; 0 for a single serial. */
export function sizeClassOf(start: number, end: number): number {
  const size = end - start + 1;
  return size <= 1 ? 0 : Math.ceil(Math.log2(size));
}

/** A stored record as the CLI shows it. */
export interface StoredRecord extends Omit<RecordDraft, "entries"> {
  id: number;
  ref: string;
  batchId: number | null;
}

/** A trace_records row as read (every column but created_at). */
type RecordRow = Omit<Selectable<TraceRecordsTable>, "created_at">;

interface SerialRow {
  stem: string;
  start_num: number;
  end_num: number;
  record_id: number;
  seq: number;
  manufacturer: string | null;
  model: string | null;
  manufacturer_key: string;
  model_key: string;
  reference: string | null;
  source_file: string | null;
  source_line: number | null;
}

export interface TraceRecordStore {
  /**
   * Runs `work` with a sink inside one transaction: every record it adds is committed together, or none
   * is. Stem counts are updated at the end.
   */
  withImport<T>(file: string, work: (sink: RecordSink) => Promise<T>): Promise<{ result: T; batchId: number }>;
  /** Adds records outside an import (tests, generators); same storage path, one transaction. */
  addRecords(drafts: Iterable<RecordDraft>): number;
  getRecord(id: number): StoredRecord;
  countRecords(): number;
  /** The SerialIndex over everything stored; cheap to create, caches the stem list. */
  serialIndex(): SerialIndex;
}

const PENDING_LIMIT = 500_000;

export function createTraceRecordStore(database: ArmtraceDatabase): TraceRecordStore {
  const sqlite = requireSqlite(database);
  const insertRecord = sqlite.prepare(`INSERT INTO trace_records (kind, manufacturer, manufacturer_key, model, model_key, calibre, serial_text,
      holder, exporter, importer, end_user, reference, shipped, received, status, source_file, source_line, batch_id, problems_json, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertSerial = sqlite.prepare(`INSERT INTO trace_serials (stem, size_class, start_num, end_num, record_id, seq) VALUES (?, ?, ?, ?, ?, ?)`);
  const upsertStem = sqlite.prepare(`INSERT INTO trace_serial_stems (stem, size_class, entry_count) VALUES (?, ?, ?)
      ON CONFLICT (stem, size_class) DO UPDATE SET entry_count = entry_count + excluded.entry_count`);
  const findSame = sqlite.prepare(`SELECT r.id, r.reference, r.source_file, r.source_line FROM trace_serials s JOIN trace_records r ON r.id = s.record_id
      WHERE s.stem = ? AND s.size_class = ? AND s.start_num = ? AND s.end_num = ? AND r.manufacturer_key = ? AND r.model_key = ?
        AND r.reference IS ? AND r.holder IS ? AND r.exporter IS ? AND r.importer IS ? AND r.end_user IS ? AND r.shipped IS ? AND r.received IS ? LIMIT 1`);
  const stemRows = sqlite.prepare(`SELECT stem, size_class FROM trace_serial_stems`);

  /** Serial rows waiting to be written: sorted by key first, so a big import appends instead of seeking. */
  type PendingSerial = [stem: string, sizeClass: number, start: number, end: number, recordId: number, seq: number];
  const flushSerials = (pending: PendingSerial[]) => {
    pending.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    for (const row of pending) insertSerial.run(...row);
    pending.length = 0;
  };
  const writeDrafts = (drafts: Iterable<RecordDraft>, batchId: number | null, stemCounts: Map<string, number>, pending: PendingSerial[]): number => {
    const now = new Date().toISOString();
    let count = 0;
    for (const draft of drafts) {
      const id = Number(
        insertRecord.run(
          draft.kind, draft.manufacturer, draft.manufacturerKey, draft.model, draft.modelKey, draft.calibre, draft.serialText,
          draft.holder, draft.exporter, draft.importer, draft.endUser, draft.reference, draft.shipped, draft.received, draft.status,
          draft.sourceFile, draft.sourceLine, batchId, JSON.stringify(draft.problems), now,
        ).lastInsertRowid,
      );
      draft.entries.forEach((entry, seq) => {
        const { stem, start, end } = entryKey(entry);
        const sizeClass = sizeClassOf(start, end);
        pending.push([stem, sizeClass, start, end, id, seq]);
        const key = `${sizeClass}\u0000${stem}`;
        stemCounts.set(key, (stemCounts.get(key) ?? 0) + 1);
      });
      if (pending.length >= PENDING_LIMIT) flushSerials(pending);
      count += 1;
    }
    return count;
  };
  const flushStems = (stemCounts: Map<string, number>) => {
    for (const [key, count] of stemCounts) {
      const [sizeClass = "0", stem = ""] = key.split("\u0000");
      upsertStem.run(stem, Number(sizeClass), count);
    }
  };
  const loadStems = () => {
    const known = new Set<string>();
    for (const row of stemRows.all() as Array<{ stem: string; size_class: number }>) known.add(`${row.size_class}\u0000${row.stem}`);
    return known;
  };

  return {
    async withImport(file, work) {
      const known = loadStems();
      sqlite.exec("BEGIN IMMEDIATE");
      try {
        const batchId = Number(
          sqlite.prepare(`INSERT INTO trace_import_batches (file, imported_at, row_count, problem_row_count) VALUES (?, ?, 0, 0)`).run(file, new Date().toISOString()).lastInsertRowid,
        );
        const stemCounts = new Map<string, number>();
        const pending: PendingSerial[] = [];
        let rows = 0;
        let problemRows = 0;
        const sink: RecordSink = {
          findExisting(draft, entry) {
            const { stem, start, end } = entryKey(entry);
            const sizeClass = sizeClassOf(start, end);
            if (!known.has(`${sizeClass}\u0000${stem}`)) return undefined;
            const row = findSame.get(
              stem, sizeClass, start, end, draft.manufacturerKey, draft.modelKey,
              draft.reference, draft.holder, draft.exporter, draft.importer, draft.endUser, draft.shipped, draft.received,
            ) as
              | { id: number; reference: string | null; source_file: string | null; source_line: number | null }
              | undefined;
            return row === undefined ? undefined : recordRef({ id: row.id, reference: row.reference, sourceFile: row.source_file, sourceLine: row.source_line });
          },
          add(draft) {
            writeDrafts([draft], batchId, stemCounts, pending);
            rows += 1;
            if (draft.problems.some((problem) => problem.code !== "SERIAL_NORMALISED")) problemRows += 1;
          },
        };
        const result = await work(sink);
        flushSerials(pending);
        flushStems(stemCounts);
        sqlite.prepare(`UPDATE trace_import_batches SET row_count = ?, problem_row_count = ? WHERE id = ?`).run(rows, problemRows, batchId);
        sqlite.exec("COMMIT");
        return { result, batchId };
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
        throw error;
      }
    },
    addRecords(drafts) {
      return sqlite.transaction(() => {
        const stemCounts = new Map<string, number>();
        const pending: PendingSerial[] = [];
        const count = writeDrafts(drafts, null, stemCounts, pending);
        flushSerials(pending);
        flushStems(stemCounts);
        return count;
      })();
    },
    getRecord(id) {
      const row = sqlite.prepare(`SELECT * FROM trace_records WHERE id = ?`).get(id) as RecordRow | undefined;
      if (row === undefined) throw new ArmtraceError("NOT_FOUND", `no trace record ${id}`);
      return {
        id: row.id,
        ref: recordRef({ id: row.id, reference: row.reference, sourceFile: row.source_file, sourceLine: row.source_line }),
        kind: row.kind as StoredRecord["kind"],
        manufacturer: row.manufacturer,
        manufacturerKey: row.manufacturer_key,
        model: row.model,
        modelKey: row.model_key,
        calibre: row.calibre,
        serialText: row.serial_text,
        holder: row.holder,
        exporter: row.exporter,
        importer: row.importer,
        endUser: row.end_user,
        reference: row.reference,
        shipped: row.shipped,
        received: row.received,
        status: row.status,
        sourceFile: row.source_file,
        sourceLine: row.source_line,
        batchId: row.batch_id,
        problems: JSON.parse(row.problems_json) as RecordProblem[],
      };
    },
    countRecords() {
      return (sqlite.prepare(`SELECT count(*) AS n FROM trace_records`).get() as { n: number }).n;
    },
    serialIndex() {
      return createSqliteSerialIndex(sqlite);
    },
  };
}

function entryKey(entry: SerialEntry): { stem: string; start: number; end: number } {
  if (entry.kind === "range") return { stem: entry.stem, start: entry.start, end: entry.end };
  return { stem: entry.serial.stem, start: entry.start ?? 0, end: entry.end ?? 0 };
}

const SERIAL_SELECT = `SELECT s.stem, s.start_num, s.end_num, s.record_id, s.seq, r.manufacturer, r.model, r.manufacturer_key, r.model_key,
    r.reference, r.source_file, r.source_line FROM trace_serials s JOIN trace_records r ON r.id = s.record_id`;

/**
 * The SQLite SerialIndex. For a stem and an interval [low, high] it probes each size class c present: ranges
 * of class c hold at most 2^c serials, so one covering `low` starts no earlier than low - 2^c + 1; each
 * probe is a bounded scan of the clustered key.
 */
export function createSqliteSerialIndex(sqlite: BetterSqlite3.Database): SerialIndex {
  const classesByStem = new Map<string, number[]>();
  for (const row of sqlite.prepare(`SELECT stem, size_class FROM trace_serial_stems WHERE entry_count > 0 ORDER BY stem, size_class`).all() as Array<{ stem: string; size_class: number }>) {
    const list = classesByStem.get(row.stem) ?? [];
    list.push(row.size_class);
    classesByStem.set(row.stem, list);
  }
  const probe = sqlite.prepare(`${SERIAL_SELECT} WHERE s.stem = ? AND s.size_class = ? AND s.start_num BETWEEN ? AND ? AND s.end_num >= ?`);
  const byStem = sqlite.prepare(`${SERIAL_SELECT} WHERE s.stem = ?`);
  const singlesBetween = sqlite.prepare(`${SERIAL_SELECT} WHERE s.stem = ? AND s.size_class = 0 AND s.start_num BETWEEN ? AND ?`);
  const singlesWithDigits = sqlite.prepare(`${SERIAL_SELECT} WHERE s.stem = ? AND s.size_class = 0 AND (s.start_num / ?) % ? = ?`);
  const byStemRanges = sqlite.prepare(`${SERIAL_SELECT} WHERE s.stem = ? AND s.size_class > 0`);
  return {
    stems: () => classesByStem.keys(),
    hasStem: (stem) => classesByStem.has(stem),
    findOverlapping(stem, low, high) {
      const found: IndexedSerial[] = [];
      for (const sizeClass of classesByStem.get(stem) ?? []) {
        const reach = sizeClass === 0 ? 0 : 2 ** sizeClass - 1;
        for (const row of probe.all(stem, sizeClass, low - reach, high, low) as SerialRow[]) found.push(toIndexed(row));
      }
      return found;
    },
    findFragment(fragment, limit) {
      // Per stem and per place the fragment can sit: singles are filtered in SQL on digit arithmetic (an
      // index range when the fragment pins the leading digits), ranges are checked arithmetically.
      const found: Array<{ entry: IndexedSerial; serial: string }> = [];
      const seen = new Set<string>();
      const take = (row: SerialRow): boolean => {
        const serial = fragmentInEntry({ stem: row.stem, start: row.start_num, end: row.end_num }, fragment);
        if (serial === undefined) return true;
        const entry = toIndexed(row);
        if (seen.has(entry.entryId)) return true;
        seen.add(entry.entryId);
        found.push({ entry, serial });
        return found.length < limit;
      };
      for (const stem of classesByStem.keys()) {
        const { width } = parseStem(stem);
        const placements = fragmentPlacements(stem, fragment);
        if (placements.length === 0) continue;
        for (const placement of placements) {
          const rows =
            placement.value === null
              ? byStem.iterate(stem)
              : placement.from === 0
                ? singlesBetween.iterate(stem, placement.value * 10 ** (width - placement.to), (placement.value + 1) * 10 ** (width - placement.to) - 1)
                : singlesWithDigits.iterate(stem, 10 ** (width - placement.to), 10 ** (placement.to - placement.from), placement.value);
          for (const row of rows as Iterable<SerialRow>) if (!take(row)) return found;
        }
        if ((classesByStem.get(stem) ?? []).some((sizeClass) => sizeClass > 0)) {
          for (const row of byStemRanges.iterate(stem) as Iterable<SerialRow>) if (!take(row)) return found;
        }
      }
      return found;
    },
  };
}

function toIndexed(row: SerialRow): IndexedSerial {
  return {
    entryId: `${row.record_id}:${row.seq}`,
    recordId: row.record_id,
    recordRef: recordRef({ id: row.record_id, reference: row.reference, sourceFile: row.source_file, sourceLine: row.source_line }),
    stem: row.stem,
    start: row.start_num,
    end: row.end_num,
    manufacturer: row.manufacturer,
    model: row.model,
    manufacturerKey: row.manufacturer_key,
    modelKey: row.model_key,
  };
}

/** The raw handle for bulk paths; armtrace's tracing stores run on SQLite only for now. */
export function requireSqlite(database: ArmtraceDatabase): BetterSqlite3.Database {
  if (database.sqlite === undefined) throw new ArmtraceError("DEPENDENCY_MISSING", "weapons tracing storage needs the SQLite database for now");
  return database.sqlite;
}
