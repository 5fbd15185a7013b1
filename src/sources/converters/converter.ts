import type { SourceDraft } from "../source.ts";

/** One file offered for ingest: its path as given and its bytes. */
export interface IncomingFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * What a converter returns: the sources it could make and, as data, the problems it met. A problem that
 * spoils the whole file leaves `results` empty; a bad item of a feed or JSON Lines file costs only that item.
 */
export interface ConversionResult {
  results: SourceDraft[];
  errors: string[];
}

export type Converter = (file: IncomingFile) => Promise<ConversionResult> | ConversionResult;

export function failed(reason: string): ConversionResult {
  return { results: [], errors: [reason] };
}
