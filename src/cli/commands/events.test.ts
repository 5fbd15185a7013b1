import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

    const unknownFormat = runArmtrace(["--db", db, "events", "export", "--format", "xml"]);
    expect(unknownFormat.status).toBe(3);
  });
});
