/**
 * Report rollups (migration 060): pre-aggregated figures kept in step with events by SQLite triggers. Empty
 * keys are stored as '' (not NULL) so that upserts find their row; months are `YYYY-MM` of the event's first
 * and last possible day.
 */
interface FigureColumns {
  incidents: number;
  killed_security_forces: number;
  killed_civilians: number;
  killed_militants: number;
  killed_unknown: number;
  injured_security_forces: number;
  injured_civilians: number;
  injured_militants: number;
  injured_unknown: number;
}

/** Figures per (months, country, province, district, type, review state). */
export interface ReportRollupTable extends FigureColumns {
  first_month: string;
  last_month: string;
  country: string;
  admin1: string;
  admin2: string;
  type: string;
  review_state: string;
  /** Events without coordinates (not placed against the border). */
  unlocated: number;
}

/** Figures per whole-km distance to the Durand Line (events within 300 km only). */
export interface ReportBorderRollupTable extends FigureColumns {
  first_month: string;
  last_month: string;
  country: string;
  admin1: string;
  review_state: string;
  border_km: number;
}

/** Incidents and killed/injured totals per actor name and role. */
export interface ReportActorRollupTable {
  first_month: string;
  last_month: string;
  role: string;
  name: string;
  country: string;
  admin1: string;
  review_state: string;
  incidents: number;
  killed: number;
  injured: number;
}

/** The Durand Line as segments, copied from src/codebook/data/durand-line.json for SQL distance. */
export interface ReportBorderSegmentsTable {
  seq: number;
  a_lon: number;
  a_lat: number;
  b_lon: number;
  b_lat: number;
}

/** Sources' bucket (migration 062): review state, first and last month of the event's date span, country ('' for none). */
interface SourceBucket {
  review_state: string;
  first_month: string;
  last_month: string;
  country: string;
}

/** How many links of counted events tie a source to a bucket. */
export interface ReportSourceLinksTable extends SourceBucket {
  source_id: number;
  links: number;
}

/** The sources of a bucket as bitsets: bit `id & 63` of `bits` in row `word` = id >> 6. */
export interface ReportSourceWordsTable extends SourceBucket {
  word: number;
  bits: number;
}

/** report_rollup's figures per whole years of the date span (migration 064): the same cells, keyed by years. */
export interface ReportYearRollupTable extends Omit<ReportRollupTable, "first_month" | "last_month"> {
  first_year: string;
  last_year: string;
}

/** report_rollup's figures without district and type, for the monthly trend (migration 064). */
export interface ReportMonthRollupTable extends FigureColumns {
  first_month: string;
  last_month: string;
  country: string;
  admin1: string;
  review_state: string;
}

export interface ReportTables {
  report_rollup: ReportRollupTable;
  report_border_rollup: ReportBorderRollupTable;
  report_actor_rollup: ReportActorRollupTable;
  report_border_segments: ReportBorderSegmentsTable;
  report_source_links: ReportSourceLinksTable;
  report_source_words: ReportSourceWordsTable;
  report_year_rollup: ReportYearRollupTable;
  report_month_rollup: ReportMonthRollupTable;
}
