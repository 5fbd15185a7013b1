import type { SearchHit, Source, SourceDraft, SourceWithRaw, StoreOutcome } from "./source.ts";

/** Fingerprints and derived facts computed once per draft before it is stored. */
export interface SourceFingerprint {
  contentHash: string;
  minhash: Uint32Array;
  language: string | null;
  wordCount: number;
}

export interface ListSourcesOptions {
  limit?: number;
  offset?: number;
}

/** The contract storage fulfils for the source library (SQLite today, PostgreSQL later). */
export interface SourceLibrary {
  /**
   * Stores the draft in one transaction unless a source with the same content hash exists (then reports
   * the existing id). Flags the draft as a near-duplicate of the closest earlier story, if any.
   */
  add(draft: SourceDraft, fingerprint: SourceFingerprint): Promise<StoreOutcome>;
  /**
   * Adds several sources together: each is all-or-nothing on its own (a savepoint per source), and the batch
   * is written in one commit, which keeps the full-text index from flushing once per source. A source that
   * fails is reported in its slot as an Error; the others are kept.
   */
  addAll(items: Array<{ draft: SourceDraft; fingerprint: SourceFingerprint }>): Promise<Array<StoreOutcome | Error>>;
  /** Sources in a stable order (by id). */
  list(options?: ListSourcesOptions): Promise<Source[]>;
  get(id: number): Promise<SourceWithRaw | undefined>;
  count(): Promise<number>;
  /** Ranked full-text search, one hit per source, with a snippet around the matched words. */
  search(query: string, options?: { limit?: number }): Promise<SearchHit[]>;
}
