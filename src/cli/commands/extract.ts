import type { Command } from "commander";
import { readFileSync, statSync } from "node:fs";
import type { CliContext } from "../cli-context.ts";
import { extractStoredSources } from "../extract-stored-sources.ts";
import { parseSourceId } from "./sources.ts";
import { ArmtraceError } from "../../errors.ts";
import { defaultExtractionCodebook, extractDocument, type ExtractedDocument } from "../../extraction/index.ts";

/** Reads a report file as text: UTF-8 (BOM or not) or UTF-16 with a BOM. Throws UNREADABLE_FILE. */
export function readReportFile(path: string, maxBytes: number): string {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new Error("is a directory");
    if (stat.size > maxBytes) throw new Error(`larger than the limit of ${maxBytes} bytes (ARMTRACE_MAX_FILE_BYTES)`);
    bytes = readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new ArmtraceError("UNREADABLE_FILE", `cannot read ${path}: ${reason}`);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const sample = bytes.subarray(0, 4096);
  if (sample.length > 0 && sample.filter((b) => b === 0).length > sample.length / 4) {
    throw new ArmtraceError("UNREADABLE_FILE", `cannot read ${path}: binary content, not text or HTML`);
  }
  return new TextDecoder("utf-8").decode(bytes);
}

const publishedPattern = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Extracts every file, in order; throws on the first file that cannot be read. */
export function extractFiles(files: readonly string[], published: string | undefined, maxBytes: number): ExtractedDocument[] {
  const texts = files.map((file) => readReportFile(file, maxBytes));
  const codebook = defaultExtractionCodebook();
  return texts.map((raw, i) => extractDocument(raw, { file: files[i]!, published: published ?? null, codebook, isHtml: /\.html?$/i.test(files[i]!) ? true : undefined }));
}

/** `armtrace extract --json [--published DATE] FILE...`: incidents and claims of each report as JSON. */
export function registerExtractCommand(program: Command, context: CliContext): void {
  program
    .command("extract")
    .description("extract incidents and attributed claims from report files (plain text or HTML)")
    .argument("[files...]", "report files")
    .option("--json", "print one JSON array with one document per file (the extraction contract)")
    .option("--published <date>", "publication date (YYYY, YYYY-MM or YYYY-MM-DD) to resolve relative dates")
    .option("--source <ids...>", "extract stored sources by id and save the results as candidates for review")
    .action(async (files: string[], options: { json?: boolean; published?: string; source?: string[] }, command: Command) => {
      if (options.source) return extractStoredSources(context, options.source.map(parseSourceId), command.optsWithGlobals().db);
      if (options.published !== undefined && !publishedPattern.test(options.published)) {
        throw new ArmtraceError("INVALID_INPUT", `--published must be YYYY, YYYY-MM or YYYY-MM-DD, got "${options.published}"`);
      }
      if (files.length === 0) throw new ArmtraceError("INVALID_INPUT", "give at least one FILE to extract");
      const documents = extractFiles(files, options.published, context.config.maxFileBytes);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(documents)}\n`);
        return;
      }
      for (const document of documents) {
        process.stdout.write(`${document.file}: ${document.events.length} incident(s), ${document.claims.length} claim(s)\n`);
        for (const event of document.events) {
          const killed = Object.values(event.killed).reduce<number>((s, v) => s + (v ?? 0), 0);
          const injured = Object.values(event.injured).reduce<number>((s, v) => s + (v ?? 0), 0);
          const where = [event.admin2, event.admin1, event.country].filter((v) => v !== null).join(", ") || "place unknown";
          process.stdout.write(`  ${event.type} ${event.date ?? "date unknown"} ${where}: ${killed} killed, ${injured} injured${event.perpetrators.length ? ` (by ${event.perpetrators.join(", ")})` : ""}\n`);
        }
        for (const claim of document.claims) {
          process.stdout.write(`  claim ${claim.metric} ${claim.qualifier} ${claim.value}${claim.period ? ` [${claim.period}]` : ""}${claim.attributed_to ? ` — ${claim.attributed_to}` : ""}\n`);
        }
      }
    });
}
