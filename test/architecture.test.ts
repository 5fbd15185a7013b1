import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "./run-cli.ts";

/** Domain modules: what armtrace knows and does, free of I/O and frameworks (see docs/CONTRIBUTING.md). */
const DOMAIN_FOLDERS = ["sources", "extraction", "events", "actors", "tracing", "reports", "codebook"];
/** Imports only adapters (storage, cli, http) may make. */
const ADAPTER_ONLY = [
  { pattern: /from\s+["'](node:)?fs(\/promises)?["']/, what: "the file system" },
  { pattern: /from\s+["']kysely["']/, what: "the query builder" },
  { pattern: /from\s+["']better-sqlite3["']/, what: "the SQLite driver" },
  { pattern: /from\s+["']pg["']/, what: "the PostgreSQL driver" },
  { pattern: /from\s+["']fastify["']|from\s+["']@fastify\//, what: "the web framework" },
  { pattern: /from\s+["'][./]+\/(cli|http)\//, what: "an adapter module" },
  { pattern: /process\.env/, what: "the environment" },
];
/** Files that are adapters living beside their domain, each for a stated reason. */
const ALLOWED = new Map<string, string>([
  ["src/reports/render-pdf.ts", "drives a real browser and writes its profile folder: an adapter by nature"],
  ["src/events/testing/open-test-events.ts", "test support that opens a real database"],
]);

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) found.push(path);
  }
  return found;
}

describe("dependencies point inward", () => {
  it("domain code never reaches for I/O, drivers, frameworks, adapters or the environment", () => {
    const violations: string[] = [];
    for (const folder of DOMAIN_FOLDERS) {
      for (const path of sourceFiles(join(PROJECT_ROOT, "src", folder))) {
        const name = relative(PROJECT_ROOT, path);
        if (ALLOWED.has(name)) continue;
        const text = readFileSync(path, "utf8");
        for (const rule of ADAPTER_ONLY) if (rule.pattern.test(text)) violations.push(`${name} uses ${rule.what}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
