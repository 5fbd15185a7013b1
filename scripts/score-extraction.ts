/**
 * Scores the extractor on annotated sets with the shared scorer: for each gold file, extract its text with
 * the gold's publication date, gather the documents into one JSON array, and run
 * `node ../shared/eval/score.mjs --gold DIR --pred OUT.json`. Also prints our own scorer's figures.
 *
 *   npx tsx scripts/score-extraction.ts [--verbose] [--only seeds|shared-dev|team-dev|team-dev-b|holdout|holdout-2] [--keep DIR]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { extractGoldSet } from "../src/extraction/gold-set.ts";
import { formatScore, scoreExtraction } from "../src/extraction/score-extraction.ts";
import { defaultExtractionCodebook } from "../src/extraction/default-codebook.ts";
import { readGoldSet } from "../src/cli/commands/eval.ts";

const root = resolve(import.meta.dirname, "..");
const shared = resolve(root, "..", "shared");
const sets: Array<[string, string]> = [
  ["seeds", join(shared, "seeds", "gold")],
  ["shared-dev", join(shared, "dev", "gold")],
  ["team-dev", join(root, "test-fixtures", "extraction-dev", "gold")],
  ["team-dev-b", join(root, "test-fixtures", "extraction-dev-b", "gold")],
  ["holdout", join(root, "test-fixtures", "extraction-holdout", "gold")],
  ["holdout-2", join(root, "test-fixtures", "extraction-holdout-2", "gold")],
];
const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const keep = args.includes("--keep") ? args[args.indexOf("--keep") + 1] : undefined;
const out = keep ?? mkdtempSync(join(tmpdir(), "armtrace-score-"));
let failed = false;
for (const [name, goldDir] of sets) {
  if (only !== undefined && only !== name) continue;
  if (!existsSync(goldDir)) {
    console.log(`== ${name}: ${goldDir} not found, skipped`);
    continue;
  }
  const gold = readGoldSet(goldDir);
  const started = performance.now();
  const predictions = extractGoldSet(gold, defaultExtractionCodebook());
  const ms = performance.now() - started;
  const predFile = join(out, `${name}.json`);
  writeFileSync(predFile, JSON.stringify(predictions.map((p) => p.document)));
  console.log(`== ${name} (${gold.length} documents, ${ms.toFixed(0)} ms) — shared scorer:`);
  const scorer = join(shared, "eval", "score.mjs");
  if (existsSync(scorer)) {
    const run = spawnSync("node", [scorer, "--gold", goldDir, "--pred", predFile, ...(verbose ? ["--verbose"] : [])], { encoding: "utf8" });
    process.stdout.write(run.stdout);
    if (verbose) process.stdout.write(run.stderr);
    if (run.status !== 0) failed = true;
  } else {
    console.log(formatScore(scoreExtraction(gold.map((g) => g.gold), predictions.map((p) => p.document))));
  }
}
if (keep === undefined) console.log(`predictions in ${out}`);
process.exitCode = failed ? 1 : 0;
