import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT, runArmtrace, SHARED } from "../../../test/run-cli.ts";

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "armtrace-ingest-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const seeds = join(SHARED, "seeds");
const hasSeeds = existsSync(seeds);

describe.skipIf(!hasSeeds)("ingest the seed reports (skipped: ../shared/seeds is absent)", () => {
  it("stores 5 sources, finds the Majeed Brigade in seeds 000 and 002, and stores nothing twice", () => {
    const db = join(folder, "seeds.db");
    const first = runArmtrace(["ingest", seeds, "--db", db]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/ingested 5 new source\(s\) from 5 file\(s\)/);
    const search = runArmtrace(["search", "Majeed Brigade", "--db", db]);
    expect(search.status).toBe(0);
    const hitLines = search.stdout.split("\n").filter((line) => /^\d+\t/.test(line));
    expect(hitLines).toHaveLength(2);
    expect(hitLines.some((line) => line.includes("000_1b3b69f08552c17c.txt"))).toBe(true);
    expect(hitLines.some((line) => line.includes("002_5b9b2938c77cd680.txt"))).toBe(true);
    expect(search.stdout).toContain("[Majeed Brigade]");
    const again = runArmtrace(["--db", db, "ingest", seeds]);
    expect(again.stdout).toMatch(/ingested 0 new source\(s\) from 5 file\(s\); 5 exact duplicate\(s\) skipped/);
    const list = runArmtrace(["sources", "list", "--db", db]);
    expect(list.stdout.trim().split("\n")).toHaveLength(5);
    expect(runArmtrace(["sources", "list", "--db", db]).stdout).toBe(list.stdout);
  });
});

describe("ingest a batch with bad files", () => {
  it("reports each bad file on one line, stores the good ones, and exits non-zero", () => {
    const batch = join(folder, "batch");
    mkdirSync(batch);
    writeFileSync(join(batch, "a-empty.txt"), "");
    writeFileSync(join(batch, "b-binary.txt"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]));
    writeFileSync(join(batch, "c-broken.rss"), "<rss><channel><item><title>x</channel>");
    writeFileSync(join(batch, "d-big.txt"), "word ".repeat(5000));
    writeFileSync(join(batch, "e-good.txt"), "Police said two gunmen were arrested in Mardan after an exchange of fire on Friday.");
    writeFileSync(join(batch, "f-image.png"), Buffer.from([0x89, 0x50]));
    const db = join(folder, "batch.db");
    const run = runArmtrace(["ingest", batch, join(folder, "missing.txt"), join(PROJECT_ROOT, "test-fixtures/sources/district-wire.rss"), "--db", db], {
      ARMTRACE_MAX_FILE_BYTES: "10000",
    });
    expect(run.status).not.toBe(0);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/a-empty\.txt: empty file$/),
      expect.stringMatching(/b-binary\.txt: binary file/),
      expect.stringMatching(/c-broken\.rss: malformed XML at line \d+/),
      expect.stringMatching(/d-big\.txt: file too large \(25000 bytes; the limit is 10000/),
      expect.stringMatching(/missing\.txt: no such file or folder$/),
    ]);
    expect(run.stdout).toMatch(/ingested 3 new source\(s\) from 7 file\(s\).*5 file\(s\) with errors/);
    const list = runArmtrace(["sources", "list", "--json", "--db", db]);
    expect(JSON.parse(list.stdout).map((source: { origin: string }) => source.origin.replace(/.*\//, ""))).toEqual([
      "e-good.txt",
      "district-wire.rss#item-1",
      "district-wire.rss#item-2",
    ]);
  });

  it("shows a source with its text and refuses an unknown id with a clear message", () => {
    const db = join(folder, "show.db");
    runArmtrace(["ingest", join(PROJECT_ROOT, "test-fixtures/sources/torkham-seizure.html"), "--db", db]);
    const shown = runArmtrace(["sources", "show", "1", "--db", db]);
    expect(shown.stdout).toContain("outlet:     Frontier Ledger");
    expect(shown.stdout).toContain("3,000 rounds of ammunition");
    const raw = runArmtrace(["sources", "show", "1", "--raw", "--db", db]);
    expect(raw.stdout).toContain('<script>alert("never run")</script>');
    expect(shown.stdout).toContain("grade:      not graded");
    expect(runArmtrace(["events", "grade-source", "1", "B2", "--db", db]).status).toBe(0);
    expect(runArmtrace(["sources", "show", "1", "--db", db]).stdout).toContain("grade:      B2");
    const missing = runArmtrace(["sources", "show", "99", "--db", db]);
    expect(missing.status).toBe(4);
    expect(missing.stderr).toBe("armtrace: no source with id 99\n");
  });
});
