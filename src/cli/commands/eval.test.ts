import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runArmtrace } from "../../../test/run-cli.ts";

const folder = mkdtempSync(join(tmpdir(), "armtrace-eval-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A two-report gold set written here: one incident the extractor should find, one report with nothing. */
function writeGoldSet(): string {
  mkdirSync(join(folder, "text"));
  mkdirSync(join(folder, "gold"));
  writeFileSync(
    join(folder, "text", "a.txt"),
    "PESHAWAR: Two policemen were killed when gunmen opened fire on a police patrol in Peshawar on Monday, officials said.",
  );
  writeFileSync(join(folder, "text", "b.txt"), "The provincial cabinet met on Tuesday to discuss the budget for schools and hospitals.");
  const none = { security_forces: null, civilians: null, militants: null, unknown: null };
  writeFileSync(
    join(folder, "gold", "a.json"),
    JSON.stringify({
      file: "a.txt",
      published: "2025-03-11",
      events: [
        {
          type: "attack", date: "2025-03-10", date_end: null, country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "Peshawar",
          perpetrators: [], targets: ["Pakistan security forces"], killed: { ...none, security_forces: 2 }, injured: none, weapons: ["small_arms"],
          evidence_text: "Two policemen were killed when gunmen opened fire on a police patrol in Peshawar on Monday",
        },
      ],
      claims: [],
    }),
  );
  writeFileSync(join(folder, "gold", "b.json"), JSON.stringify({ file: "b.txt", published: "2025-03-12", events: [], claims: [] }));
  return join(folder, "gold");
}

describe("armtrace eval", () => {
  it("runs the extractor over an analyst's gold set and prints the metrics", () => {
    const run = runArmtrace(["eval", "--gold", writeGoldSet()]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^documents 2$/m);
    expect(run.stdout).toMatch(/events\s+P 100\.0%\s+R 100\.0%\s+F1 100\.0%/);
    expect(run.stdout).toMatch(/totals exact 100\.0% \(1\/1\)/);
  });

  it("names a gold folder it cannot read", () => {
    const run = runArmtrace(["eval", "--gold", join(folder, "missing")]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/cannot read gold folder .*missing/);
  });
});
