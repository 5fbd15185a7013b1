import type { Generated } from "kysely";

export interface SourcesTable {
  id: Generated<number>;
  content_hash: string;
  kind: string;
  origin: string;
  url: string | null;
  title: string | null;
  outlet: string | null;
  published: string | null;
  language: string | null;
  media_type: string;
  raw: Buffer;
  text: string;
  word_count: number;
  minhash: Buffer;
  near_duplicate_of: number | null;
  near_duplicate_similarity: number | null;
  ingested_at: string;
  /** Admiralty grade (migration 021): reliability of the source A–F, credibility of the information 1–6. */
  reliability_source: string | null;
  reliability_information: number | null;
  reliability_set_by: string | null;
  reliability_set_at: string | null;
}

export interface SourceMinhashBandsTable {
  band: number;
  value: number;
  source_id: number;
}

export interface SourceTables {
  sources: SourcesTable;
  source_minhash_bands: SourceMinhashBandsTable;
}
