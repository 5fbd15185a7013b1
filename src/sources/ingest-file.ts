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
 * Converts one file into sources and offers each to the library, one transaction per source. Problems are
 * returned as data so that a batch goes on past a bad file; nothing from a failed item is stored.
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
  for (const draft of converted.results) {
    try {
      const outcome = await library.add(draft, fingerprintDraft(draft));
      if (outcome.status === "duplicate") report.duplicates.push(outcome.id);
      else {
        report.stored.push(outcome.id);
        if (outcome.nearDuplicateOf !== null) report.nearDuplicates.push({ id: outcome.id, of: outcome.nearDuplicateOf });
      }
    } catch (error) {
      const reason = error instanceof ArmtraceError ? error.message : `could not store: ${(error as Error).message}`;
      report.errors.push(`${draft.origin}: ${reason}`);
    }
  }
  return report;
}
