import type { CasualtyCategory, EventType, ReviewState } from "../events/event.ts";

/**
 * The period report: what it is asked for (ReportOptions), what it reads (ReportDataSource, implemented in
 * src/storage/report-store.ts) and what it produces (Report, the object the JSON output prints as is).
 * Field names of Report are snake_case because they are the public JSON interface.
 */

export type ReportFormat = "html" | "csv" | "json" | "pdf";

/** Validated report options (see parse-report-options.ts for the raw → parsed step). */
export interface ReportOptions {
  /** First and last day of the period, inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  country: "PK" | "AF" | null;
  /** Canonical province names; empty = all. */
  admin1: string[];
  /** Canonical actor names (events with any of them in any role); empty = all. */
  actors: string[];
  /** Candidates (unreviewed) are left out unless asked for. */
  includeCandidates: boolean;
  /** "Near the border" means within this many km of the Durand Line (1–300). */
  borderKm: number;
  /** How many deadliest incidents to list. */
  deadliestLimit: number;
  /** Above this many events in the period the per-event evidence table is left out (it says so). */
  evidenceLimit: number;
  /** Which figure shades the map's provinces. */
  mapFigure: "killed" | "incidents" | "injured";
  /** Filter names the codebook does not know (kept as written); buildReport checks them against the database. */
  unresolved?: { admin1: string[]; actors: string[] };
}

/** Which events a figure covers: the period, review states and place/actor filters. */
export interface EventScope {
  from: string;
  to: string;
  reviewStates: ReviewState[];
  country: string | null;
  admin1: string[];
  actors: string[];
}

/** Killed or injured by category plus their total (null categories count as 0). */
export type CasualtyFigures = Record<CasualtyCategory, number> & { total: number };

/** Incidents, killed and injured of one group of events. */
export interface Figures {
  incidents: number;
  killed: CasualtyFigures;
  injured: CasualtyFigures;
}

/** Figures of one (place, type) cell of a period; the report folds these into the tables by place and type. */
export interface FigureCell extends Figures {
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  type: EventType;
}

/** Figures of the events whose first possible day falls in one month (YYYY-MM). */
export interface MonthFigures extends Figures {
  month: string;
}

/** Figures of one actor (perpetrator). */
export interface ActorFigures {
  actor: string;
  incidents: number;
  killed: number;
  injured: number;
}

/** Everything the report needs about a period, already aggregated. */
export interface PeriodFigures {
  cells: FigureCell[];
  /** The months that hold events, in order. */
  months: MonthFigures[];
  perpetrators: ActorFigures[];
  /** Events within `borderKm` of the Durand Line (events without coordinates are not counted). */
  nearBorder: Figures;
  /** Events in scope without coordinates (so not placed against the border). */
  withoutCoordinates: number;
}

/** One event as the deadliest list and the evidence table show it. */
export interface EventSummary {
  event_id: number;
  date: string | null;
  date_end: string | null;
  type: string;
  review_state: string;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  location: string | null;
  perpetrators: string[];
  killed: number;
  injured: number;
  source_ids: number[];
  citations: string[];
}

/** An attributed figure stored by extraction, as the reconciliation needs it. */
export interface StoredClaim {
  claim_id: number;
  metric: string;
  value: number;
  qualifier: string | null;
  /** `2023`, `2022/2025`, `2023-05` … or null. */
  period: string | null;
  scope: string | null;
  attributed_to: string | null;
  evidence_text: string | null;
  source_ids: number[];
}

/** Reads the report needs; one implementation per engine (src/storage/report-store.ts). */
export interface ReportDataSource {
  /**
   * The period's figures. `detail: "types"` (for the previous period and claims) gives cells per type only
   * (places empty) and leaves months, perpetrators and the border figures out.
   */
  periodFigures(scope: EventScope, borderKm: number, detail?: "cells" | "types"): Promise<PeriodFigures>;
  deadliest(scope: EventScope, limit: number, expectedCount: number): Promise<EventSummary[]>;
  /** Every event in scope with its sources, or null when there are more than `limit` (`expectedCount` when known). */
  evidence(scope: EventScope, limit: number, expectedCount?: number): Promise<EventSummary[] | null>;
  /** Source ids behind the events of a scope (at most `limit`, smallest first) and how many there are. */
  sourcesOf(scope: EventScope, limit: number): Promise<{ count: number; source_ids: number[] }>;
  /** Stored claims (not rejected) whose period overlaps [from, to]; isAvailable false without a claims table. */
  claims(from: string, to: string): Promise<{ isAvailable: boolean; claims: StoredClaim[] }>;
  /** Provinces and actor names present in the events, for validating filters beyond the codebook. */
  knownNames(): Promise<{ admin1: Array<{ country: string | null; admin1: string }>; actors: string[] }>;
  /** First and last day of live events and how many, per review state, to explain an empty period. */
  dataSpan(reviewStates: ReviewState[]): Promise<{ first: string | null; last: string | null; count: number }>;
}

export interface ChangeFigure {
  previous: number;
  current: number;
  change: number;
  /** Null when the previous period had none. */
  percent_change: number | null;
}

export interface ClaimReconciliation {
  claim: string;
  claim_id: number;
  metric: string;
  value: number;
  qualifier: string | null;
  period: string | null;
  scope: string | null;
  attributed_to: string | null;
  claim_source_ids: number[];
  /** The database figure for the same metric, period and scope; null when it cannot be computed. */
  database_value: number | null;
  /** claim value − database value. */
  gap: number | null;
  database_period: { from: string; to: string } | null;
  /** How the claim's scope was read: country, provinces, casualty categories. */
  database_scope: string;
  database_event_count: number | null;
  database_source_count: number | null;
  database_source_ids: number[];
  note: string | null;
}

/** The report, exactly as `--format json` prints it. */
export interface Report {
  report: {
    title: string;
    from: string;
    to: string;
    days: number;
    country: string | null;
    admin1: string[];
    actors: string[];
    review_states: ReviewState[];
    border_km: number;
    notes: string[];
  };
  totals: Figures & { incidents_by_type: Record<EventType, number> };
  previous_period: {
    from: string;
    to: string;
    totals: Figures;
    change: { incidents: ChangeFigure; killed: ChangeFigure; injured: ChangeFigure };
  };
  by_admin1: Array<{ country: string | null; admin1: string | null; incidents: number; killed: number; injured: number; killed_by_category: CasualtyFigures; share_of_killed_percent: number }>;
  by_admin2: Array<{ country: string | null; admin1: string | null; admin2: string | null; incidents: number; killed: number; injured: number; latitude: number | null; longitude: number | null }>;
  by_actor: Array<ActorFigures & { role: "perpetrator" }>;
  by_type: Array<{ type: EventType; incidents: number; killed: number; injured: number }>;
  monthly: Array<{ month: string; incidents: number; killed: number; injured: number }>;
  shares: Array<{ label: string; metric: "killed" | "incidents"; value: number; total: number; percent: number }>;
  near_border: Figures & { border_km: number; share_of_incidents_percent: number; share_of_killed_percent: number; events_without_coordinates: number };
  deadliest: EventSummary[];
  sources: { event_count: number; source_count: number; source_ids: number[]; source_ids_truncated: boolean };
  evidence: EventSummary[] | null;
  claims: ClaimReconciliation[];
}
