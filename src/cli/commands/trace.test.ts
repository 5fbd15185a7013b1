import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT, runArmtrace } from "../../../test/run-cli.ts";

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "armtrace-trace-cli-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const fixture = join(PROJECT_ROOT, "test-fixtures", "tracing", "transfers-dirty.csv");

// Each step spawns the real CLI (a few seconds on a busy machine), hence the generous timeouts.
describe("armtrace trace", () => {
  it("imports a dirty list and matches a damaged serial with the documented JSON", { timeout: 180_000 }, () => {
    const db = join(folder, "match.db");
    const imported = runArmtrace(["trace", "import-records", fixture, "--db", db]);
    expect(imported.stderr).toBe("");
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain("13 rows read, 13 records stored (none dropped)");
    expect(imported.stdout).toMatch(/line 5: MALFORMED_SERIAL: .*before start/);

    const match = runArmtrace(["--db", db, "trace", "match", "--serial", "W10O43?1", "--manufacturer", "Colt's Manufacturing", "--model", "Colt M4A1 carbine", "--json"]);
    expect(match.status).toBe(0);
    const candidates = JSON.parse(match.stdout) as Array<Record<string, unknown>>;
    expect(Object.keys(candidates[0]!).sort()).toEqual(["manufacturer", "model", "reasons", "record_ref", "score", "serial"]);
    expect(candidates[0]).toMatchObject({ serial: "W1004321", manufacturer: "Colt's Manufacturing", model: "M4A1 carbine" });
    expect(String(candidates[0]!.record_ref)).toContain("FMS-AF-0001");
    const scores = candidates.map((candidate) => candidate.score as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const missing = runArmtrace(["--db", db, "trace", "import-records", join(folder, "nope.csv")]);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain("no such file");
  });

  it("records a seizure and refuses an answer for an unknown request", { timeout: 180_000 }, () => {
    const db = join(folder, "cases.db");
    const seizure = runArmtrace([
      "--db", db, "trace", "seizures", "add", "--date", "2024-05-02", "--place", "Bannu", "--agency", "CTD", "--possessor", "TTP",
      "--serial", "W1004321", "--manufacturer", "Colt", "--model", "M4A1", "--country", "United States",
      "--marking", "manufacturer:left side of receiver:COLT M4A1", "--custody", "CTD malkhana@2024-05-03", "--json",
    ]);
    expect(seizure.status).toBe(0);
    expect(JSON.parse(seizure.stdout)).toMatchObject({ id: 1, placeName: "Bannu", items: [{ serialNormalized: "W1004321" }] });
    const unknown = runArmtrace(["--db", db, "trace", "requests", "answer", "7", "--origin", "United States"]);
    expect(unknown.status).toBe(4);
    expect(unknown.stderr).toContain("no trace request 7");
  });

  it("runs a trace request through its lifecycle and reports findings", { timeout: 180_000 }, () => {
    const db = join(folder, "cases.db");
    expect(runArmtrace(["--db", db, "trace", "requests", "create", "--to", "United States", "--to-kind", "state", "--seizure", "1", "--legal-basis", "ITI para 14", "--intended-use", "investigation"]).status).toBe(0);
    expect(runArmtrace(["--db", db, "trace", "requests", "send", "1", "--on", "2024-05-10", "--deadline", "2024-06-10"]).status).toBe(0);
    const overdue = runArmtrace(["--db", db, "trace", "requests", "list", "--overdue"]);
    expect(overdue.stdout).toContain("sent OVERDUE");
    const answer = runArmtrace([
      "--db", db, "trace", "requests", "answer", "1", "--answered-on", "2024-06-20", "--origin", "United States",
      "--last-legal-holder", "Afghan National Army", "--diversion-place", "Kandahar", "--diversion-time", "2021-08",
      "--step", "Colt|manufacturer||2010|2011-03-14", "--step", "Afghan National Army|end user|Kandahar|2011-04-02|2021-08",
    ]);
    expect(answer.status).toBe(0);
    const html = runArmtrace(["--db", db, "trace", "requests", "show", "1", "--format", "html"]);
    expect(html.stdout).toContain("<!doctype html>");
    expect(html.stdout).toContain("Afghan National Army");
    const findings = JSON.parse(runArmtrace(["--db", db, "trace", "findings", "--json"]).stdout) as { flows: unknown[] };
    expect(findings.flows[0]).toMatchObject({ origin: "United States", seizurePlace: "Bannu", items: 1 });
  });
});

