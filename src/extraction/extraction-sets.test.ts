/**
 * End-to-end quality floors: the extractor over the seeds, the shared development set, the team's own
 * development sets and the team's held-out set, scored with our scorer, which must agree with the shared
 * scorer where it exists. The floors are what the extractor reaches today; a change that lowers a figure
 * fails here.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readGoldSet } from "../cli/commands/eval.ts";
import { defaultExtractionCodebook } from "./default-codebook.ts";
import { extractGoldSet } from "./gold-set.ts";
import { scoreExtraction, type ExtractionScore } from "./score-extraction.ts";

const root = join(import.meta.dirname, "..", "..");
const shared = join(root, "..", "shared");
const scorer = join(shared, "eval", "score.mjs");
const folder = mkdtempSync(join(tmpdir(), "armtrace-extraction-sets-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Floors {
  eventF1: number;
  totals: number;
  figures: number;
  claimF1: number;
}

const sets: Array<{ name: string; gold: string; floors: Floors }> = [
  { name: "seeds", gold: join(shared, "seeds", "gold"), floors: { eventF1: 0.99, totals: 0.99, figures: 0.99, claimF1: 0.85 } },
  { name: "shared dev", gold: join(shared, "dev", "gold"), floors: { eventF1: 0.951, totals: 0.999, figures: 0.958, claimF1: 0.99 } },
  { name: "team dev", gold: join(root, "test-fixtures", "extraction-dev", "gold"), floors: { eventF1: 0.954, totals: 0.999, figures: 0.957, claimF1: 0.99 } },
  { name: "team dev B", gold: join(root, "test-fixtures", "extraction-dev-b", "gold"), floors: { eventF1: 0.99, totals: 0.999, figures: 0.999, claimF1: 0.99 } },
  { name: "holdout", gold: join(root, "test-fixtures", "extraction-holdout", "gold"), floors: { eventF1: 0.966, totals: 0.999, figures: 0.961, claimF1: 0.964 } },
  { name: "holdout 2", gold: join(root, "test-fixtures", "extraction-holdout-2", "gold"), floors: { eventF1: 0.847, totals: 0.76, figures: 0.753, claimF1: 0.92 } },
];

function run(goldDir: string, name: string): { score: ExtractionScore; predFile: string } {
  const entries = readGoldSet(goldDir);
  const predictions = extractGoldSet(entries, defaultExtractionCodebook()).map((p) => p.document);
  const predFile = join(folder, `${name.replace(/\s+/g, "-")}.json`);
  writeFileSync(predFile, JSON.stringify(predictions));
  return { score: scoreExtraction(entries.map((e) => e.gold), predictions), predFile };
}

for (const set of sets) {
  const present = existsSync(set.gold);
  describe.skipIf(!present)(`extraction quality on the ${set.name} (skipped: ${set.gold} is absent)`, () => {
    it("stays at or above its floors", () => {
      const { score } = run(set.gold, set.name);
      expect(score.events.f1).toBeGreaterThanOrEqual(set.floors.eventF1);
      expect(score.totals_exact ?? 1).toBeGreaterThanOrEqual(set.floors.totals);
      expect(score.figures_exact ?? 1).toBeGreaterThanOrEqual(set.floors.figures);
      expect(score.claims.f1).toBeGreaterThanOrEqual(set.floors.claimF1);
    });
    it.skipIf(!existsSync(scorer))("is scored the same by our scorer and the shared score.mjs", () => {
      const { score, predFile } = run(set.gold, set.name);
      const shared = spawnSync(process.execPath, [scorer, "--gold", set.gold, "--pred", predFile, "--json"], { encoding: "utf8" });
      expect(shared.status).toBe(0);
      const { misses, ...ours } = score;
      void misses;
      expect(ours).toEqual(JSON.parse(shared.stdout));
    });
  });
}
