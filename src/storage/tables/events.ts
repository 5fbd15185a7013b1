import type { Generated } from "kysely";

/** One row per event at its current version; JSON columns hold lists and codings, scalars are columns to filter on. */
export interface EventsTable {
  id: Generated<number>;
  type: string;
  date: string | null;
  date_precision: string;
  date_end: string | null;
  /** First and last calendar day the event may fall on (YYYY-MM-DD), derived from date/precision/date_end. */
  date_first: string | null;
  date_last: string | null;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  location: string | null;
  latitude: number | null;
  longitude: number | null;
  geo_precision: string | null;
  actors_json: string;
  killed_security_forces: number | null;
  killed_civilians: number | null;
  killed_militants: number | null;
  killed_unknown: number | null;
  injured_security_forces: number | null;
  injured_civilians: number | null;
  injured_militants: number | null;
  injured_unknown: number | null;
  fatalities_low: number | null;
  fatalities_best: number | null;
  fatalities_high: number | null;
  fatalities_rule: string;
  injuries_low: number | null;
  injuries_best: number | null;
  injuries_high: number | null;
  injuries_rule: string;
  weapons_json: string;
  notes: string | null;
  acled_json: string | null;
  gtd_json: string | null;
  acled_event_id: string | null;
  gtd_event_id: string | null;
  review_state: string;
  version: number;
  merged_into: number | null;
  /** Set when a deletion (e.g. an ACLED deletions list) removed the event; hidden from every list. */
  deleted_at: string | null;
  deleted_by: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** Actor names by role, one row each, lower-cased in `name_key` for alias-aware filtering. */
export interface EventActorsTable {
  event_id: number;
  role: string;
  name: string;
  name_key: string;
  /** The event's date_first, copied so an actor filter with a date range reads one index. */
  date_first: string | null;
  date_last: string | null;
}

/** Every source that reports an event, with that source's own figures and evidence offsets. */
export interface EventSourcesTable {
  id: Generated<number>;
  event_id: number;
  source_id: number | null;
  citation: string | null;
  killed_json: string;
  injured_json: string;
  killed_total: number | null;
  injured_total: number | null;
  evidence_json: string;
  merged_from_event_id: number | null;
  added_at: string;
  added_by: string;
}

/** Full snapshot of an event after each change, with who made it, when and why. */
export interface EventVersionsTable {
  event_id: number;
  version: number;
  change: string;
  changed_by: string;
  changed_at: string;
  reason: string | null;
  snapshot_json: string;
}

/** Merges of one event into another, kept after an unmerge with who undid it. */
export interface EventMergesTable {
  id: Generated<number>;
  survivor_id: number;
  absorbed_id: number;
  merged_by: string;
  merged_at: string;
  reason: string | null;
  undone_by: string | null;
  undone_at: string | null;
  /** The survivor's and the absorbed event's versions written by the merge. */
  survivor_version: number | null;
  absorbed_version: number | null;
}

/** Pairs an analyst decided are distinct incidents, so they are not proposed as duplicates again. */
export interface EventDistinctPairsTable {
  first_id: number;
  second_id: number;
  decided_by: string;
  decided_at: string;
  reason: string | null;
}

export interface EventTables {
  events: EventsTable;
  event_actors: EventActorsTable;
  event_sources: EventSourcesTable;
  event_versions: EventVersionsTable;
  event_merges: EventMergesTable;
  event_distinct_pairs: EventDistinctPairsTable;
}
