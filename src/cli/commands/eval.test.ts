import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runArmtrace, SHARED } from "../../../test/run-cli.ts";

const seedsGold = join(SHARED, "seeds", "gold");
const scorer = join(SHARED, "eval", "score.mjs");
const folder = mkdtempSync(join(tmpdir(), "armtrace-eval-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.skipIf(!existsSync(seedsGold) || !existsSync(scorer))("armtrace eval on the seeds (skipped: ../shared is absent)", () => {
  it("scores the extractor and prints what the shared scorer prints for the same predictions", () => {
    const run = runArmtrace(["eval", "--gold", seedsGold]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^documents 5\nevents {3}P /);
    const files = ["000_1b3b69f08552c17c", "001_532c002ec9f8cc56", "002_5b9b2938c77cd680", "003_fff13f538e277133", "004_955a3a7000d4d906"];
    const published = ["2025-11", "2024-06", "2025-12", "2024", null];
    const predictions: unknown[] = [];
    for (const [i, stem] of files.entries()) {
      const args = ["extract", "--json", ...(published[i] ? ["--published", published[i]!] : []), join(SHARED, "seeds", `${stem}.txt`)];
      predictions.push(...(JSON.parse(runArmtrace(args).stdout) as unknown[]));
    }
    const predFile = join(folder, "pred.json");
    writeFileSync(predFile, JSON.stringify(predictions));
    const ours = runArmtrace(["eval", "--gold", seedsGold, "--pred", predFile]);
    const theirs = spawnSync(process.execPath, [scorer, "--gold", seedsGold, "--pred", predFile], { encoding: "utf8" });
    expect(ours.status).toBe(0);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stdout).toBe(run.stdout);
  });

  it("fails clearly on a missing gold folder", () => {
    const run = runArmtrace(["eval", "--gold", join(folder, "nothing-here")]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/cannot read gold folder/);
  });
});
