import type { Event, EventType, ReviewState } from "./event.ts";

/** Orders a list can come in; a leading `-` means descending. */
export type EventSort = "date" | "-date" | "fatalities" | "-fatalities" | "id" | "-id" | "updated" | "-updated";
export const eventSorts: readonly EventSort[] = ["date", "-date", "fatalities", "-fatalities", "id", "-id", "updated", "-updated"];

/**
 * Filters the query layer understands, already resolved (actor aliases expanded to the names stored on
 * events). Every read of events goes through one function taking this, so access rules can hook in there.
 */
export interface EventFilter {
  /** Events that may fall on or after this day (YYYY-MM-DD, or a month/year meaning its first day). */
  dateFrom?: string;
  /** Events that may fall on or before this day (a month/year meaning its last day). */
  dateTo?: string;
  country?: string;
  admin1?: string;
  admin2?: string;
  type?: EventType;
  /** Normalized actor names (any role); an event matches when one of its actors is among them. */
  actorKeys?: string[];
  /** Range on the best killed estimate. */
  fatalitiesMin?: number;
  fatalitiesMax?: number;
  /** Range on the best injured estimate. */
  injuriesMin?: number;
  injuriesMax?: number;
  reviewState?: ReviewState;
  /** Events linked to this stored source. */
  sourceId?: number;
  /** Full-text search over notes, location and actor names (FTS5 query syntax; words are ANDed). */
  text?: string;
  /** ACLED event_id_cnty. */
  acledEventId?: string;
  /** Include events merged into others (hidden by default). */
  includeMerged?: boolean;
}

/**
 * How a page's total is counted: `capped` (the default) counts exactly up to countCap matching events (or up to
 * the end of the page, when that is further) and beyond it reports that bound, flagged as a lower bound;
 * `exact` always counts every match, which on a large database can take as long as reading them all.
 */
export type EventCountMode = "capped" | "exact";
export const eventCountModes: readonly EventCountMode[] = ["capped", "exact"];

/**
 * Totals up to this many matching events are exact under the default `capped` count. Counting is the costliest
 * part of a list request at a million events (each counted event is an index entry read, and with an actor filter
 * a lookup too: ~10 ms to reach 10,000), so the bound is what a list screen needs ("1,000+"), not more.
 */
export const countCap = 1_000;

export interface EventQuery extends EventFilter {
  sort?: EventSort;
  limit?: number;
  offset?: number;
  count?: EventCountMode;
}

/** One page of a query, with how many events match in all. */
export interface EventPage {
  events: Event[];
  /** Events matching the filters in all; when totalIsLowerBound, at least this many (and more exist). */
  total: number;
  /** True when the count stopped at its cap: more than `total` events match. Ask for `count: "exact"` to count all. */
  totalIsLowerBound: boolean;
  limit: number;
  offset: number;
}
