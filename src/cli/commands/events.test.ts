import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAcledFile } from "../../../bench/events.bench.ts";
import { PROJECT_ROOT, runArmtrace } from "../../../test/run-cli.ts";

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "armtrace-events-cli-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const fixture = (name: string) => join(PROJECT_ROOT, "test-fixtures", "interchange", name);

// Each step spawns the real CLI (a few seconds on a busy machine), hence the generous timeout.
describe("armtrace events", () => {
  it("imports, lists as JSON, reviews with a version check, exports and refuses bad files", { timeout: 300_000 }, () => {
    const db = join(folder, "events.db");
    const imported = runArmtrace(["events", "import", "--format", "acled", fixture("acled-small.csv"), "--db", db]);
    expect(imported.stderr).toBe("");
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain("4 created");

    const listed = runArmtrace(["--db", db, "events", "list", "--json", "--country", "PK"]);
    expect(listed.status).toBe(0);
    const events = JSON.parse(listed.stdout) as Array<{ id: number; country: string; version: number }>;
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.country === "PK")).toBe(true);

    const stale = runArmtrace(["--db", db, "events", "review", String(events[0]!.id), "--state", "rejected", "--reason", "duplicate", "--expected-version", "7"]);
    expect(stale.status).toBe(5);
    expect(stale.stderr).toMatch(/changed by someone else/);

    const out = join(folder, "export.csv");
    const exported = runArmtrace(["--db", db, "events", "export", "--format", "acled", "--out", out]);
    expect(exported.status).toBe(0);
    expect(readFileSync(out, "utf8").split("\n")[0]!.split(",")).toHaveLength(31);

    const bad = runArmtrace(["--db", db, "events", "import", "--format", "acled", fixture("acled-bad.csv")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/line 3: .*\nline 5: .*\nline 6: /);
    const after = JSON.parse(runArmtrace(["--db", db, "events", "list", "--json"]).stdout) as unknown[];
    expect(after).toHaveLength(4);
    // The summary line gives the total: exact here (a capped total would read "1000+").
    const summary = runArmtrace(["--db", db, "events", "list", "--limit", "1", "--count", "exact"]);
    expect(summary.status).toBe(0);
    expect(summary.stderr).toContain("1 of 4 events (offset 0)");
    expect(runArmtrace(["--db", db, "events", "list", "--count", "roughly"]).status).toBe(2); // INVALID_INPUT

    const unknownFormat = runArmtrace(["--db", db, "events", "export", "--format", "xml"]);
    expect(unknownFormat.status).toBe(3);
  });

  it("leaves the database as it was when the import is killed half-way", { timeout: 300_000 }, async () => {
    const db = join(folder, "killed.db");
    expect(runArmtrace(["--db", db, "events", "import", "--format", "acled", fixture("acled-small.csv")]).status).toBe(0);
    const big = join(folder, "big.csv");
    generateAcledFile(big, 200_000);
    const child = spawn(process.execPath, [join(PROJECT_ROOT, "bin", "armtrace.mjs"), "--db", db, "events", "import", "--format", "acled", big], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CI: "true" },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    // Kill it once it has written a good part of the transaction into the write-ahead log.
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline && !(existsSync(`${db}-wal`) && statSync(`${db}-wal`).size > 8_000_000)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill("SIGKILL");
    await exited;
    const listed = runArmtrace(["--db", db, "events", "list", "--json", "--limit", "100"]);
    expect(listed.status).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ acled: { eventIdCnty: string } }>).map((event) => event.acled.eventIdCnty).sort()).toEqual([
      "AFG80001",
      "AFG80002",
      "PAK90001",
      "PAK90002",
    ]);
  });
});
