/**
 * `npm run bench`: runs every benchmark and prints its figures. Pass names to run some only
 * (`npm run bench -- sources extraction`). Each benchmark generates its own data.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const BENCHMARKS: Array<{ name: string; file: string; run: string }> = [
  { name: "sources", file: "sources.bench.ts", run: "runSourcesBench" },
  { name: "extraction", file: "extraction.bench.ts", run: "runExtractionBench" },
  { name: "events", file: "events.bench.ts", run: "runEventsBench" },
  { name: "api", file: "api.bench.ts", run: "runApiBench" },
  { name: "reports", file: "reports.bench.ts", run: "runReportsBench" },
  { name: "tracing", file: "tracing.bench.ts", run: "runTracingBench" },
];

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
let failed = false;
for (const bench of BENCHMARKS) {
  if (wanted.length && !wanted.includes(bench.name)) continue;
  const path = join(import.meta.dirname, bench.file);
  if (!existsSync(path)) {
    process.stdout.write(`\n== ${bench.name}: not present (${bench.file})\n`);
    continue;
  }
  const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const run = module[bench.run];
  if (typeof run !== "function") {
    process.stderr.write(`bench ${bench.name}: ${bench.file} does not export ${bench.run}()\n`);
    failed = true;
    continue;
  }
  try {
    await (run as () => Promise<void>)();
  } catch (error) {
    process.stderr.write(`bench ${bench.name} failed: ${(error as Error).stack ?? error}\n`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
