import { SingleBar, Presets } from "cli-progress";
import type { Command } from "commander";
import { createSourceStore } from "../../storage/source-store.ts";
import { ingestFile } from "../../sources/index.ts";
import type { CliContext } from "../cli-context.ts";
import { extractStoredSources } from "../extract-stored-sources.ts";
import { listInputFiles, readInputFile } from "../read-input-files.ts";

export interface IngestSummary {
  files: number;
  failedFiles: number;
  stored: number[];
  duplicates: number;
  nearDuplicates: number;
}

/** Ingests the given paths into the database; prints one line per problem and a summary. */
export async function runIngest(context: CliContext, paths: string[], dbOption: string | undefined): Promise<IngestSummary> {
  const database = await context.database(dbOption);
  const library = createSourceStore(database);
  const entries = await listInputFiles(paths);
  const summary: IngestSummary = { files: entries.length, failedFiles: 0, stored: [], duplicates: 0, nearDuplicates: 0 };
  const bar = context.isInteractive && entries.length > 20 ? new SingleBar({ format: "ingest [{bar}] {value}/{total} files", hideCursor: true }, Presets.shades_classic) : null;
  bar?.start(entries.length, 0);
  const problems: string[] = [];
  for (const entry of entries) {
    const file = "error" in entry ? entry : await readInputFile(entry.path, entry.size, context.config.maxFileBytes);
    if ("error" in file) {
      problems.push(`${entry.path}: ${file.error}`);
      summary.failedFiles++;
    } else {
      const report = await ingestFile(file, library, { maxFileBytes: context.config.maxFileBytes });
      summary.stored.push(...report.stored);
      summary.duplicates += report.duplicates.length;
      summary.nearDuplicates += report.nearDuplicates.length;
      for (const near of report.nearDuplicates) problems.push(`${entry.path}: note: source ${near.id} is a near-duplicate of source ${near.of}`);
      if (report.errors.length) {
        summary.failedFiles++;
        for (const error of report.errors) problems.push(`${entry.path}: ${error}`);
      }
    }
    bar?.increment();
  }
  bar?.stop();
  for (const problem of problems) process.stderr.write(`armtrace: ${problem}\n`);
  process.stdout.write(
    `ingested ${summary.stored.length} new source(s) from ${summary.files} file(s); ` +
      `${summary.duplicates} exact duplicate(s) skipped, ${summary.nearDuplicates} near-duplicate(s) flagged, ${summary.failedFiles} file(s) with errors\n`,
  );
  if (summary.failedFiles > 0) context.exitStatus = 3;
  return summary;
}

export function registerIngestCommand(program: Command, context: CliContext): void {
  program
    .command("ingest")
    .description("store files and folders of .txt .md .html .pdf, RSS/Atom feeds and JSON Lines as sources")
    .argument("<paths...>", "files or folders")
    .option("--extract", "also extract incidents and claims from the new sources, as candidates for review")
    .action(async (paths: string[], options: { extract?: boolean }, command: Command) => {
      const db = command.optsWithGlobals().db as string | undefined;
      const summary = await runIngest(context, paths, db);
      if (options.extract) await extractStoredSources(context, summary.stored, db);
    });
}
