import type { Generated } from "kysely";

export interface ClaimsTable {
  id: Generated<number>;
  source_id: number;
  metric: string;
  value: number;
  qualifier: string;
  period: string | null;
  scope: string | null;
  attributed_to: string | null;
  evidence_start: number | null;
  evidence_end: number | null;
  evidence_text: string | null;
  review_state: Generated<string>;
  created_at: string;
  created_by: string;
}

export interface ExtractionRunsTable {
  source_id: number;
  extractor: string;
  ran_at: string;
  ran_by: string;
  /** JSON array of the candidate event ids the run created. */
  event_ids: string;
  claim_count: number;
}

export interface ClaimTables {
  claims: ClaimsTable;
  extraction_runs: ExtractionRunsTable;
}
