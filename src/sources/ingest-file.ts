import { ArmtraceError } from "../errors.ts";
import { converterFor, type IncomingFile } from "./converters/index.ts";
import { detectLanguage } from "./detect-language.ts";
import { contentHash, countWords, minhash } from "./fingerprint.ts";
import type { SourceFingerprint, SourceLibrary } from "./source-library.ts";
import type { SourceDraft } from "./source.ts";

/** What happened to one input file: ids stored, exact copies skipped, near-duplicates flagged, problems. */
export interface FileIngestReport {
  path: string;
  stored: number[];
  duplicates: number[];
  nearDuplicates: Array<{ id: number; of: number }>;
  errors: string[];
}

export interface IngestOptions {
  maxFileBytes: number;
}

/** Fingerprints a draft: exact-copy hash, MinHash for near-duplicates, language and size. */
export function fingerprintDraft(draft: SourceDraft): SourceFingerprint {
  return {
    contentHash: contentHash(draft.text),
    minhash: minhash(draft.text),
    language: detectLanguage(draft.text),
    wordCount: countWords(draft.text),
  };
}

/**
 * Converts one file into sources and offers them to the library together; each source is stored whole or not
 * at all. Problems are returned as data so that a batch goes on past a bad file or item.
 */
export async function ingestFile(file: IncomingFile, library: SourceLibrary, options: IngestOptions): Promise<FileIngestReport> {
  const report: FileIngestReport = { path: file.path, stored: [], duplicates: [], nearDuplicates: [], errors: [] };
  if (file.bytes.length > options.maxFileBytes) {
    report.errors.push(`file too large (${file.bytes.length} bytes; the limit is ${options.maxFileBytes})`);
    return report;
  }
  if (file.bytes.length === 0) {
    report.errors.push("empty file");
    return report;
  }
  const converted = await converterFor(file)(file);
  report.errors.push(...converted.errors);
  const outcomes = await library.addAll(converted.results.map((draft) => ({ draft, fingerprint: fingerprintDraft(draft) })));
  outcomes.forEach((outcome, index) => {
    if (outcome instanceof Error) {
      const reason = outcome instanceof ArmtraceError ? outcome.message : `could not store: ${outcome.message}`;
      report.errors.push(`${converted.results[index]!.origin}: ${reason}`);
    } else if (outcome.status === "duplicate") report.duplicates.push(outcome.id);
    else {
      report.stored.push(outcome.id);
      if (outcome.nearDuplicateOf !== null) report.nearDuplicates.push({ id: outcome.id, of: outcome.nearDuplicateOf });
    }
  });
  return report;
}
