import type { Command } from "commander";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { CliContext } from "../cli-context.ts";
import { ArmtraceError } from "../../errors.ts";
import { defaultExtractionCodebook, formatScore, scoreExtraction, type GoldDocument } from "../../extraction/index.ts";
import { extractGoldSet, type GoldEntry } from "../../extraction/gold-set.ts";
import { readReportFile } from "./extract.ts";

/** Reads a gold folder and finds each gold's report under DIR/../text, DIR/.. or DIR. */
export function readGoldSet(goldDir: string, maxBytes = 50 * 1024 * 1024): GoldEntry[] {
  let names: string[];
  try {
    names = readdirSync(goldDir).filter((f) => f.endsWith(".json")).sort();
  } catch (error) {
    throw new ArmtraceError("UNREADABLE_FILE", `cannot read gold folder ${goldDir}: ${(error as Error).message}`);
  }
  const parent = dirname(resolve(goldDir));
  return names.map((name) => {
    let gold: GoldDocument;
    try {
      gold = JSON.parse(readFileSync(join(goldDir, name), "utf8")) as GoldDocument;
    } catch (error) {
      throw new ArmtraceError("INVALID_INPUT", `gold file ${join(goldDir, name)} is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof gold.file !== "string") throw new ArmtraceError("INVALID_INPUT", `gold file ${join(goldDir, name)} has no "file"`);
    const candidates = [join(parent, "text", gold.file), join(parent, gold.file), join(resolve(goldDir), gold.file)];
    const textPath = candidates.find((c) => existsSync(c));
    if (textPath === undefined) throw new ArmtraceError("UNREADABLE_FILE", `report ${gold.file} of ${name} not found (looked in ${candidates.join(", ")})`);
    return { gold, textPath, raw: readReportFile(textPath, maxBytes) };
  });
}

/** `armtrace eval --gold DIR [--pred FILE]`: scores the extractor (or saved predictions) against gold. */
export function registerEvalCommand(program: Command, context: CliContext): void {
  program
    .command("eval")
    .description("score extraction against gold annotations (runs the extractor unless --pred is given)")
    .requiredOption("--gold <dir>", "folder of gold JSON files in the extraction format")
    .option("--pred <file>", "predictions: the JSON array printed by `armtrace extract --json`")
    .option("--json", "print the figures as JSON")
    .option("--verbose", "list every miss")
    .action((options: { gold: string; pred?: string; json?: boolean; verbose?: boolean }) => {
      let golds: GoldDocument[];
      let predicted: GoldDocument[];
      if (options.pred !== undefined) {
        golds = readdirSync(options.gold)
          .filter((f) => f.endsWith(".json"))
          .map((f) => JSON.parse(readFileSync(join(options.gold, f), "utf8")) as GoldDocument);
        let parsed: unknown;
        try {
          parsed = JSON.parse(readFileSync(options.pred, "utf8"));
        } catch (error) {
          throw new ArmtraceError("UNREADABLE_FILE", `cannot read predictions ${options.pred}: ${(error as Error).message}`);
        }
        if (!Array.isArray(parsed)) throw new ArmtraceError("INVALID_INPUT", "predictions must be a JSON array of documents");
        predicted = parsed as GoldDocument[];
      } else {
        const entries = readGoldSet(options.gold, context.config.maxFileBytes);
        golds = entries.map((e) => e.gold);
        predicted = extractGoldSet(entries, defaultExtractionCodebook()).map((p) => p.document);
      }
      const score = scoreExtraction(golds, predicted);
      const { misses, ...figures } = score;
      process.stdout.write(options.json ? `${JSON.stringify(figures, null, 2)}\n` : `${formatScore(score)}\n`);
      if (options.verbose) for (const miss of misses) process.stderr.write(`${miss}\n`);
    });
}
