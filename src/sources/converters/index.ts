import { decodeText } from "./decode-text.ts";
import type { Converter, IncomingFile } from "./converter.ts";
import { convertFeedFile } from "./feed-converter.ts";
import { convertHtmlFile } from "./html-converter.ts";
import { convertJsonLinesFile } from "./jsonl-converter.ts";
import { convertPdfFile } from "./pdf-converter.ts";
import { convertTextFile } from "./text-converter.ts";

export type { ConversionResult, Converter, IncomingFile } from "./converter.ts";

const BY_EXTENSION: Array<[RegExp, Converter]> = [
  [/\.(txt|text|md|markdown)$/i, convertTextFile],
  [/\.(html?|xhtml)$/i, convertHtmlFile],
  [/\.pdf$/i, convertPdfFile],
  [/\.(rss|atom|xml|feed)$/i, convertFeedFile],
  [/\.(jsonl|ndjson)$/i, convertJsonLinesFile],
];

/** File extensions ingest picks up when walking a folder. */
export const INGESTIBLE_EXTENSIONS = /\.(txt|text|md|markdown|html?|xhtml|pdf|rss|atom|xml|feed|jsonl|ndjson)$/i;

/** Chooses the converter by extension, else by sniffing the first bytes (PDF, feed, HTML, else text). */
export function converterFor(file: IncomingFile): Converter {
  for (const [pattern, converter] of BY_EXTENSION) if (pattern.test(file.path)) return converter;
  const head = file.bytes.subarray(0, 1024);
  if (new TextDecoder("latin1").decode(head.subarray(0, 8)).startsWith("%PDF-")) return convertPdfFile;
  const decoded = decodeText(head);
  const text = decoded.ok ? decoded.text.trimStart().toLowerCase() : "";
  if (/^(<\?xml[^>]*>\s*)?<(rss|feed|rdf:rdf)[\s>]/.test(text)) return convertFeedFile;
  if (text.startsWith("<!doctype html") || text.startsWith("<html")) return convertHtmlFile;
  if (text.startsWith("{")) return convertJsonLinesFile;
  return convertTextFile;
}
