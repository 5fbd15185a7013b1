/** What armtrace knows about one source document: kept verbatim, with its plain text and metadata. */

export type SourceKind = "text" | "markdown" | "html" | "pdf" | "feed-item" | "jsonl-record";

/** A source ready to store, as a converter produces it from one input file (or one item of a feed). */
export interface SourceDraft {
  kind: SourceKind;
  /** Where it came from: the file path as given, with `#item-N` / `#line-N` for items of a feed or JSON Lines file. */
  origin: string;
  url: string | null;
  title: string | null;
  outlet: string | null;
  /** ISO date (YYYY-MM-DD, YYYY-MM or YYYY) when known. */
  published: string | null;
  mediaType: string;
  /** The evidence exactly as received. */
  raw: Uint8Array;
  /** Plain text that search and extraction read. */
  text: string;
}

/** A stored source. */
export interface Source extends Omit<SourceDraft, "raw"> {
  id: number;
  contentHash: string;
  language: string | null;
  wordCount: number;
  nearDuplicateOf: number | null;
  /** Estimated share of word 3-shingles the two texts have in common (0–1). */
  nearDuplicateSimilarity: number | null;
  ingestedAt: string;
  /** The analyst's Admiralty grade, e.g. "B2" (source reliability A–F, information credibility 1–6), or null. */
  grade: string | null;
}

/** A stored source with the verbatim bytes (for `sources show --raw` and evidence export). */
export interface SourceWithRaw extends Source {
  raw: Uint8Array;
}

/** One ranked full-text hit. */
export interface SearchHit {
  id: number;
  title: string | null;
  origin: string;
  url: string | null;
  published: string | null;
  snippet: string;
  score: number;
}

/** The outcome of offering one draft to the library. */
export type StoreOutcome =
  | { status: "stored"; id: number; nearDuplicateOf: number | null }
  | { status: "duplicate"; id: number };

/** Texts shorter than this many words carry too little to index usefully; they are still stored. */
export const MIN_WORDS_FOR_NEAR_DUPLICATE = 30;
