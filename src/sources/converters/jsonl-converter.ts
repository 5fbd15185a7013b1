import { z } from "zod";
import { htmlToText, looksLikeHtml } from "../html-to-text.ts";
import { normalizePublished } from "../published-date.ts";
import type { SourceDraft } from "../source.ts";
import { decodeText, isBlank, tidyText } from "./decode-text.ts";
import { failed, type ConversionResult, type IncomingFile } from "./converter.ts";

const recordSchema = z.object({
  text: z.string().refine((value) => !isBlank(value), "text is empty"),
  url: z.string().nullish(),
  title: z.string().nullish(),
  published: z.union([z.string(), z.number()]).nullish(),
  outlet: z.string().nullish(),
});

/** JSON Lines of {url, title, published, outlet, text}: one source per line; a bad line costs only itself. */
export function convertJsonLinesFile(file: IncomingFile): ConversionResult {
  const decoded = decodeText(file.bytes);
  if (!decoded.ok) return failed(decoded.reason);
  if (isBlank(decoded.text)) return failed("empty file");
  const results: SourceDraft[] = [];
  const errors: string[] = [];
  const encoder = new TextEncoder();
  decoded.text.split("\n").forEach((line, index) => {
    if (isBlank(line)) return;
    const lineNumber = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      errors.push(`line ${lineNumber}: not valid JSON (${(error as Error).message})`);
      return;
    }
    const parsed = recordSchema.safeParse(value);
    if (!parsed.success) {
      errors.push(`line ${lineNumber}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "record"} ${issue.message}`).join("; ")}`);
      return;
    }
    const record = parsed.data;
    const published = record.published == null ? null : normalizePublished(record.published);
    if (record.published != null && published === null) {
      errors.push(`line ${lineNumber}: published "${record.published}" is not a date`);
      return;
    }
    results.push({
      kind: "jsonl-record",
      origin: `${file.path}#line-${lineNumber}`,
      url: record.url ?? null,
      title: record.title ?? null,
      outlet: record.outlet ?? null,
      published,
      mediaType: "application/x-ndjson",
      raw: encoder.encode(line),
      text: looksLikeHtml(record.text) ? htmlToText(record.text).text : tidyText(record.text),
    });
  });
  if (results.length === 0 && errors.length === 0) return failed("no records");
  return { results, errors };
}
