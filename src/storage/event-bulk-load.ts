import type BetterSqlite3 from "better-sqlite3";
import { actorKey } from "../events/actor-key.ts";

/** Who wrote a run of new events: every version row of the run carries these. */
export interface VersionAuthorship {
  change: string;
  changedBy: string;
  changedAt: string;
  reason: string | null;
}

/** The SQL function the set-based actor insert folds names with (the same `actorKey` the per-row path uses). */
const actorKeyFunction = "armtrace_actor_key";

/** The event's actor names with their role, in the order the per-row path writes them (perpetrators, targets, associated). */
const actorNames = `
  SELECT e.id AS event_id, 0 AS part, j.key AS position, 'perpetrator' AS role, j.value AS name, e.date_first, e.date_last
    FROM events e, json_each(e.actors_json, '$.perpetrators') j WHERE e.id BETWEEN @first AND @last
  UNION ALL
  SELECT e.id, 1, j.key, 'target', j.value, e.date_first, e.date_last
    FROM events e, json_each(e.actors_json, '$.targets') j WHERE e.id BETWEEN @first AND @last
  UNION ALL
  SELECT e.id, 2, j.key, 'associated', j.value, e.date_first, e.date_last
    FROM events e, json_each(e.actors_json, '$.associated') j WHERE e.id BETWEEN @first AND @last`;

/** The full-text "actors" column: every actor name joined by " ; ", as the per-row path's actorsText. */
const actorsTextOf = `coalesce((SELECT group_concat(a.value, ' ; ' ORDER BY a.part, a.key) FROM (
    SELECT 0 AS part, key, value FROM json_each(e.actors_json, '$.perpetrators')
    UNION ALL SELECT 1, key, value FROM json_each(e.actors_json, '$.targets')
    UNION ALL SELECT 2, key, value FROM json_each(e.actors_json, '$.associated')) a), '')`;

/**
 * During a bulk load, the detail rows of newly created events — actor rows, full-text row and first version
 * row — are derived from the events rows already written, a run of events at a time, in three set-based
 * statements instead of four or five statements per event. The rows are the ones the per-row path writes, in
 * the same order (src/storage/event-bulk-load.test.ts compares both paths table by table).
 *
 * A run is a range of ids: new events get increasing AUTOINCREMENT ids and the write session flushes the run
 * before anything else is written, so every id between the first and the last of a run is one of its events.
 */
export class PendingEventDetails {
  private readonly statements;
  private first = 0;
  private last = 0;
  private authorship: VersionAuthorship | undefined;

  constructor(sqlite: BetterSqlite3.Database) {
    const keys = new Map<string, string>();
    sqlite.function(actorKeyFunction, { deterministic: true }, (name: unknown) => {
      const text = String(name);
      let key = keys.get(text);
      if (key === undefined) {
        key = actorKey(text);
        keys.set(text, key);
      }
      return key;
    });
    this.statements = {
      insertActors: sqlite.prepare(
        `INSERT INTO event_actors (event_id, role, name, name_key, date_first, date_last)
         SELECT event_id, role, name, ${actorKeyFunction}(name), date_first, date_last FROM (${actorNames}) ORDER BY event_id, part, position`,
      ),
      insertFts: sqlite.prepare(
        `INSERT INTO events_fts (rowid, notes, location, actors)
         SELECT e.id, coalesce(e.notes, ''), coalesce(e.location, ''), ${actorsTextOf} FROM events e WHERE e.id BETWEEN @first AND @last ORDER BY e.id`,
      ),
      insertVersions: sqlite.prepare(
        `INSERT INTO event_versions (event_id, version, change, changed_by, changed_at, reason, snapshot_json)
         SELECT id, version, @change, @changedBy, @changedAt, @reason, @snapshot FROM events WHERE id BETWEEN @first AND @last ORDER BY id`,
      ),
    };
  }

  /** True when `authorship` can join the current run (otherwise flush first). */
  accepts(authorship: VersionAuthorship): boolean {
    const current = this.authorship;
    return (
      current === undefined ||
      (current.change === authorship.change && current.changedBy === authorship.changedBy && current.changedAt === authorship.changedAt && current.reason === authorship.reason)
    );
  }

  /** Adds the event just inserted with id `id` to the run. */
  add(id: number, authorship: VersionAuthorship): void {
    if (this.authorship === undefined) {
      this.authorship = authorship;
      this.first = id;
    }
    this.last = id;
  }

  /** Writes the run's detail rows; `snapshot` is the version rows' snapshot marker. */
  flush(snapshot: string): void {
    const authorship = this.authorship;
    if (authorship === undefined) return;
    this.authorship = undefined;
    const { first, last } = this;
    this.statements.insertActors.run({ first, last });
    this.statements.insertFts.run({ first, last });
    this.statements.insertVersions.run({ first, last, ...authorship, snapshot });
  }

  /** Forgets the run (its transaction was rolled back). */
  discard(): void {
    this.authorship = undefined;
  }
}
