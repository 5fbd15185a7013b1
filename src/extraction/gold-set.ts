/**
 * Gold sets as analysts lay them out: a folder of gold JSON files, each naming its report `file` relative
 * to the folder's sibling `text/` or to the folder's parent, with the publication date to extract it with.
 * Pure: the caller reads the files and passes their contents in.
 */
import type { ExtractionCodebook } from "./extraction-codebook.ts";
import type { ExtractedDocument } from "./extraction-types.ts";
import { extractDocument } from "./extract-document.ts";
import type { GoldDocument } from "./score-extraction.ts";

export interface GoldEntry {
  gold: GoldDocument;
  /** Path of the report text, as found. */
  textPath: string;
  /** The report's raw content (text or HTML). */
  raw: string;
}

/** Extracts every report of a gold set with its gold's publication date. */
export function extractGoldSet(entries: readonly GoldEntry[], codebook: ExtractionCodebook): Array<{ gold: GoldDocument; document: ExtractedDocument }> {
  return entries.map((entry) => ({
    gold: entry.gold,
    document: extractDocument(entry.raw, {
      file: entry.gold.file,
      published: entry.gold.published ?? null,
      codebook,
      isHtml: /\.html?$/i.test(entry.textPath) ? true : undefined,
    }),
  }));
}
