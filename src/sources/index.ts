/** The source library: converting files to sources, fingerprints for dedupe, and the storage contract. */
export type { ConversionResult, IncomingFile } from "./converters/index.ts";
export { converterFor, INGESTIBLE_EXTENSIONS } from "./converters/index.ts";
export { htmlToText, looksLikeHtml } from "./html-to-text.ts";
export { contentHash, estimatedSimilarity, minhash } from "./fingerprint.ts";
export { fingerprintDraft, ingestFile, type FileIngestReport, type IngestOptions } from "./ingest-file.ts";
export type { ListSourcesOptions, SourceFingerprint, SourceLibrary } from "./source-library.ts";
export type { SearchHit, Source, SourceDraft, SourceKind, SourceWithRaw, StoreOutcome } from "./source.ts";
export { normalizePublished } from "./published-date.ts";
