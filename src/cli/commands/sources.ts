import type { Command } from "commander";
import { ArmtraceError } from "../../errors.ts";
import { createSourceStore } from "../../storage/source-store.ts";
import type { CliContext } from "../cli-context.ts";
import { terminalSafe } from "../terminal-text.ts";

/** A source id from the command line, or INVALID_INPUT naming the bad value. */
export function parseSourceId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new ArmtraceError("INVALID_INPUT", `"${value}" is not a source id (a positive integer)`);
  return id;
}

export function registerSourcesCommand(program: Command, context: CliContext): void {
  const sources = program.command("sources").description("list and show stored sources");
  sources
    .command("list")
    .description("list sources by id: id, published, kind, language, title, origin")
    .option("--json", "print a JSON array")
    .option("--limit <n>", "at most this many", "1000")
    .option("--offset <n>", "skip this many", "0")
    .action(async (options: { json?: boolean; limit: string; offset: string }, command: Command) => {
      const store = createSourceStore(await context.database(command.optsWithGlobals().db));
      const list = await store.list({ limit: Number(options.limit), offset: Number(options.offset) });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(list.map(({ text: _text, ...source }) => source), null, 2)}\n`);
        return;
      }
      for (const source of list) {
        const near = source.nearDuplicateOf ? `\tnear-duplicate of ${source.nearDuplicateOf}` : "";
        const title = source.title ?? `(untitled) ${source.text.slice(0, 60).replace(/\s+/g, " ")}…`;
        process.stdout.write(
          terminalSafe(`${source.id}\t${source.published ?? "-"}\t${source.kind}\t${source.language ?? "-"}\t${title}\t${source.url ?? source.origin}${near}`) + "\n",
        );
      }
    });
  sources
    .command("show")
    .description("show one source's metadata and text")
    .argument("<id>", "source id")
    .option("--json", "print JSON")
    .option("--raw", "print the verbatim bytes as received")
    .action(async (idText: string, options: { json?: boolean; raw?: boolean }, command: Command) => {
      const store = createSourceStore(await context.database(command.optsWithGlobals().db));
      const id = parseSourceId(idText);
      const source = await store.get(id);
      if (!source) throw new ArmtraceError("SOURCE_NOT_FOUND", `no source with id ${id}`);
      if (options.raw) {
        process.stdout.write(source.raw);
        return;
      }
      const { raw: _raw, ...rest } = source;
      if (options.json) {
        process.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
        return;
      }
      const lines = [
        `id:         ${source.id}`,
        `title:      ${source.title ?? "(untitled)"}`,
        `origin:     ${source.origin}`,
        `url:        ${source.url ?? "-"}`,
        `outlet:     ${source.outlet ?? "-"}`,
        `published:  ${source.published ?? "-"}`,
        `kind:       ${source.kind} (${source.mediaType})`,
        `language:   ${source.language ?? "-"}`,
        `words:      ${source.wordCount}`,
        `hash:       ${source.contentHash}`,
        `near-dup:   ${source.nearDuplicateOf ? `of ${source.nearDuplicateOf} (similarity ${source.nearDuplicateSimilarity?.toFixed(2)})` : "-"}`,
        `ingested:   ${source.ingestedAt}`,
        `grade:      ${source.grade ?? "not graded (armtrace events grade-source ID B2)"}`,
        "",
        source.text,
      ];
      process.stdout.write(terminalSafe(lines.join("\n")) + "\n");
    });
}

export function registerSearchCommand(program: Command, context: CliContext): void {
  program
    .command("search")
    .description("full-text search of sources, ranked, one hit per source with a snippet")
    .argument("<query>", 'words, "quoted phrases", prefix*, OR')
    .option("--limit <n>", "at most this many hits", "20")
    .option("--json", "print a JSON array")
    .action(async (query: string, options: { limit: string; json?: boolean }, command: Command) => {
      const store = createSourceStore(await context.database(command.optsWithGlobals().db));
      const hits = await store.search(query, { limit: Number(options.limit) });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
        return;
      }
      if (hits.length === 0) process.stderr.write(`no source matches "${query}"\n`);
      for (const hit of hits) {
        const snippet = hit.snippet.replace(/\s+/g, " ").trim();
        process.stdout.write(terminalSafe(`${hit.id}\t${hit.title ?? "(untitled)"}\t${hit.url ?? hit.origin}\n\t${snippet}`) + "\n");
      }
    });
}
