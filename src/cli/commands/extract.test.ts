import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runArmtrace } from "../../../test/run-cli.ts";

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "armtrace-extract-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const write = (name: string, content: string | Buffer): string => {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
};

interface Doc {
  file: string;
  published: string | null;
  text: string;
  events: Array<{ type: string; date: string | null; admin1: string | null; admin2: string | null; killed: Record<string, number | null>; injured: Record<string, number | null>; evidence: Array<{ start: number; end: number }> }>;
  claims: unknown[];
}

describe("armtrace extract --json", () => {
  it("prints one document per file, in order, with offsets into the returned text", () => {
    const report = write(
      "report.txt",
      "BANNU: Two soldiers were martyred and three militants were killed when terrorists attacked a check post in Bannu district on Monday, police said.\n\nThe attack lasted an hour.",
    );
    const empty = write("empty.txt", "");
    const run = runArmtrace(["extract", "--json", "--published", "2024-03-06", report, empty]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const docs = JSON.parse(run.stdout) as Doc[];
    expect(docs.map((d) => d.file)).toEqual([report, empty]);
    expect(docs[1]).toEqual({ file: empty, published: "2024-03-06", text: "", events: [], claims: [] });
    const [event] = docs[0]!.events;
    expect(event).toMatchObject({ type: "attack", date: "2024-03-04", admin1: "Khyber Pakhtunkhwa", admin2: "Bannu" });
    expect(event!.killed).toEqual({ security_forces: 2, civilians: null, militants: 3, unknown: null });
    const evidence = docs[0]!.text.slice(event!.evidence[0]!.start, event!.evidence[0]!.end);
    expect(evidence).toMatch(/^BANNU: Two soldiers were martyred/);
  });

  it("strips HTML with scripts and navigation; offsets refer to the stripped text", () => {
    const page = write(
      "page.html",
      `<!doctype html><html><head><script>var killed = "50 people were killed";</script><style>p{}</style></head><body>
       <nav><a href="/">Home</a> 99 soldiers were martyred</nav><article><h1>Blast in Quetta</h1>
       <p>QUETTA: Four&nbsp;people were killed and 12 injured in a bomb blast in Quetta on Friday.</p></article>
       <footer>Copyright</footer></body></html>`,
    );
    const run = runArmtrace(["extract", "--json", "--published", "2024-03-09", page]);
    expect(run.status).toBe(0);
    const [doc] = JSON.parse(run.stdout) as Doc[];
    expect(doc!.text).not.toMatch(/var killed|99 soldiers|Copyright/);
    expect(doc!.events).toHaveLength(1);
    expect(doc!.events[0]).toMatchObject({ type: "attack", date: "2024-03-08", admin2: "Quetta" });
    expect(doc!.events[0]!.killed.unknown).toBe(4);
    expect(doc!.events[0]!.injured.unknown).toBe(12);
  });

  it("reads odd dashes, non-breaking spaces, '1.200' and Urdu digits", () => {
    const odd = write("odd.txt", "PESHAWAR\u00a0\u2014 At\u00a0least ۱۲ policemen were martyred and 1.200 people displaced after militants stormed a police station in Peshawar on Tuesday.");
    const run = runArmtrace(["extract", "--json", "--published", "2024-03-06", odd]);
    expect(run.status).toBe(0);
    const [doc] = JSON.parse(run.stdout) as Doc[];
    expect(doc!.events[0]!.killed.security_forces).toBe(12);
    expect(doc!.events[0]!.date).toBe("2024-03-05");
  });

  it("returns nothing, without errors, for non-English text and reports with no incident", () => {
    const urdu = write("urdu.txt", "پشاور میں دھماکے سے متعدد افراد زخمی ہو گئے۔");
    const meeting = write("meeting.txt", "ISLAMABAD: The prime minister chaired a meeting on the national action plan and reviewed the security situation.");
    const run = runArmtrace(["extract", "--json", urdu, meeting]);
    expect(run.status).toBe(0);
    const docs = JSON.parse(run.stdout) as Doc[];
    expect(docs.map((d) => d.events.length + d.claims.length)).toEqual([0, 0]);
    expect(docs[0]!.published).toBeNull();
  });

  it("fails clearly, with a non-zero exit, when a file cannot be read", () => {
    const good = write("good.txt", "Nothing happened.");
    const missing = join(folder, "missing.txt");
    const run = runArmtrace(["extract", "--json", good, missing]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/cannot read .*missing\.txt: no such file/);
    expect(run.stdout).toBe("");
    const binary = write("binary.bin", Buffer.from([0, 1, 0, 2, 0, 3, 0, 0, 0, 5, 0, 0]));
    const binaryRun = runArmtrace(["extract", "--json", binary]);
    expect(binaryRun.status).not.toBe(0);
    expect(binaryRun.stderr).toMatch(/binary content/);
  });

  it("rejects a malformed --published", () => {
    const good = write("good2.txt", "Nothing happened.");
    const run = runArmtrace(["extract", "--json", "--published", "last week", good]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/--published must be YYYY/);
  });
});
