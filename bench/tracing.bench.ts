/**
 * Weapons-tracing benchmark: generates 10,000,000 record serials (half listed one by one, half inside
 * ranges) and 10,000 seizures, then prints exact-lookup p95, the p95 of matches with two unknown or
 * confusable characters (target ≤ 50 ms), the import rate of a 1,000,000-row transfer CSV and peak memory
 * (target ≤ 2 GB). Data lives in bench/.data/tracing (gitignored) and is rebuilt each run.
 *
 *   npx tsx bench/tracing.bench.ts [--serials N] [--csv-rows N]
 */
import { createWriteStream, mkdirSync, rmSync, statSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { openDatabase } from "../src/storage/database.ts";
import { readRecordCsv } from "../src/storage/tracing-csv.ts";
import { createTraceRecordStore } from "../src/storage/tracing-record-store.ts";
import { CONFUSABLE_GROUPS, formatSerial, importRecords, matchSerial, normalizeManufacturer, normalizeModel, parseSerialText, stemOf, type RecordDraft, type SerialEntry } from "../src/tracing/index.ts";
import { createRandom } from "./bench-support.ts";

export interface TracingBenchOptions {
  serials?: number;
  seizures?: number;
  csvRows?: number;
  queries?: number;
}

/** Maker, model and serial shape of each generated stock line; prefixes include confusable letters. */
const LINES = [
  { manufacturer: "Colt's Manufacturing", model: "M4A1 carbine", prefix: "W", width: 7 },
  { manufacturer: "Colt", model: "M16A2", prefix: "", width: 8 },
  { manufacturer: "FN Herstal", model: "M16A4", prefix: "FA", width: 7 },
  { manufacturer: "FN Herstal", model: "M249", prefix: "M", width: 8 },
  { manufacturer: "Sig Sauer", model: "P320", prefix: "58", width: 7 },
  { manufacturer: "Beretta", model: "92FS", prefix: "B", width: 7 },
  { manufacturer: "Kalashnikov Concern", model: "AK-103", prefix: "", width: 7 },
  { manufacturer: "Norinco", model: "Type 56", prefix: "S", width: 8 },
];

const SINGLE_SHARE = 0.5;

export async function runTracingBench(options: TracingBenchOptions = {}): Promise<void> {
  const totalSerials = options.serials ?? 10_000_000;
  const seizureCount = options.seizures ?? 10_000;
  const csvRows = options.csvRows ?? 1_000_000;
  const queryCount = options.queries ?? 1_000;
  const folder = join(import.meta.dirname, ".data", "tracing");
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const dbPath = join(folder, "tracing.db");
  const database = await openDatabase({ path: dbPath });
  const sqlite = database.sqlite!;
  sqlite.pragma("cache_size = -262144");
  const store = createTraceRecordStore(database);
  const random = createRandom(20251123);
  const figures: Array<[string, string]> = [];

  // 1. Records: walk each stem's number space, emitting singles and ranges (10–200) in number order.
  const started = performance.now();
  const samples: Array<{ line: (typeof LINES)[number]; serial: string }> = [];
  let serialsWritten = 0;
  let rangeRows = 0;
  let singleRows = 0;
  const perLine = Math.ceil(totalSerials / LINES.length);
  for (const line of LINES) {
    const stem = stemOf(line.prefix, line.width, "");
    const manufacturerKey = normalizeManufacturer(line.manufacturer);
    const modelKey = normalizeModel(line.model, line.manufacturer);
    let cursor = 1 + Math.floor(random() * 1000);
    let lineSerials = 0;
    const drafts = function* (): Generator<RecordDraft> {
      let rowInLine = 0;
      while (lineSerials < perLine && serialsWritten < totalSerials) {
        rowInLine += 1;
        const isRange = random() < (1 - SINGLE_SHARE) / 105 / ((1 - SINGLE_SHARE) / 105 + SINGLE_SHARE);
        const size = isRange ? 10 + Math.floor(random() * 191) : 1;
        const start = cursor;
        const end = Math.min(start + size - 1, 10 ** line.width - 1);
        cursor = end + 1 + Math.floor(random() * 4);
        const count = end - start + 1;
        lineSerials += count;
        serialsWritten += count;
        const from = parseSerialText(formatSerial(stem, start));
        const entry: SerialEntry = isRange
          ? { kind: "range", from, to: parseSerialText(formatSerial(stem, end)), stem, start, end, count }
          : { kind: "single", serial: from, start, end: start };
        if (isRange) rangeRows += 1;
        else singleRows += 1;
        if (random() < (seizureCount * 2) / totalSerials) {
          samples.push({ line, serial: formatSerial(stem, start + Math.floor(random() * count)) });
        }
        yield {
          kind: "transfer", manufacturer: line.manufacturer, manufacturerKey, model: line.model, modelKey, calibre: "5.56x45mm",
          serialText: isRange ? `${from.text}-${formatSerial(stem, end)}` : from.text, entries: [entry],
          holder: null, exporter: "United States", importer: "Afghanistan", endUser: "Afghan National Army",
          reference: `GEN-${line.prefix || "N"}-${Math.floor(rowInLine / 500)}`, shipped: "2011-03-14", received: "2011-04-02",
          status: null, sourceFile: "generated", sourceLine: rowInLine, problems: [],
        };
      }
    };
    const iterator = drafts();
    // Commit in chunks so the generator does not hold one huge transaction in the WAL.
    for (;;) {
      const chunk: RecordDraft[] = [];
      for (let index = 0; index < 200_000; index += 1) {
        const next = iterator.next();
        if (next.done === true) break;
        chunk.push(next.value);
      }
      if (chunk.length === 0) break;
      store.addRecords(chunk);
    }
  }
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const generateSeconds = (performance.now() - started) / 1000;
  figures.push(["record serials generated", `${serialsWritten.toLocaleString("en")} (${singleRows.toLocaleString("en")} single rows, ${rangeRows.toLocaleString("en")} range rows)`]);
  figures.push(["generation time", `${generateSeconds.toFixed(1)} s`]);

  // 2. Seizures: one item each, serial taken from the records (some to be read badly below).
  const seizedAt = performance.now();
  const insertSeizure = sqlite.prepare(`INSERT INTO trace_seizures (seized_on, place_name, agency, case_ref, circumstances, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertItem = sqlite.prepare(`INSERT INTO trace_items (seizure_id, category, manufacturer, manufacturer_key, model, model_key, serial, serial_norm, created_at)
    VALUES (?, 'small_arms', ?, ?, ?, ?, ?, ?, ?)`);
  const places = ["Bannu", "North Waziristan", "Khyber", "Quetta", "Zhob", "Lakki Marwat", "Chaman", "Peshawar"];
  const seized = samples.slice(0, seizureCount);
  sqlite.transaction(() => {
    const now = new Date().toISOString();
    seized.forEach((sample, index) => {
      const id = Number(insertSeizure.run(`2024-${String(1 + (index % 12)).padStart(2, "0")}-15`, places[index % places.length], "CTD", `CASE-${index}`, "intelligence-based operation", now).lastInsertRowid);
      insertItem.run(id, sample.line.manufacturer, normalizeManufacturer(sample.line.manufacturer), sample.line.model, normalizeModel(sample.line.model), sample.serial, sample.serial, now);
    });
  })();
  figures.push(["seizures generated", `${seized.length.toLocaleString("en")} in ${((performance.now() - seizedAt) / 1000).toFixed(1)} s`]);

  // 3. Lookups against seized serials.
  const index = store.serialIndex();
  const queries = seized.slice(0, queryCount);
  const exactProbe: number[] = [];
  const exactMatch: number[] = [];
  let exactFound = 0;
  for (const query of queries) {
    const parsed = parseSerialText(query.serial);
    let time = performance.now();
    const hits = index.findOverlapping(parsed.stem, parsed.number ?? 0, parsed.number ?? 0);
    exactProbe.push(performance.now() - time);
    if (hits.length > 0) exactFound += 1;
    time = performance.now();
    matchSerial({ serial: query.serial, manufacturer: query.line.manufacturer, model: query.line.model }, index);
    exactMatch.push(performance.now() - time);
  }
  figures.push(["exact lookup (index) p50 / p95", `${ms(percentile(exactProbe, 0.5))} / ${ms(percentile(exactProbe, 0.95))} (${exactFound}/${queries.length} found)`]);
  figures.push(["exact serial, full matcher p50 / p95", `${ms(percentile(exactMatch, 0.5))} / ${ms(percentile(exactMatch, 0.95))}`]);

  const damaged: Record<string, number[]> = { "2 unknown": [], "1 unknown + 1 confusable": [], "2 confusable": [] };
  const foundByKind: Record<string, number> = {};
  const tiedAtTop: number[] = [];
  let damagedFound = 0;
  let damagedTotal = 0;
  for (const [position, query] of queries.entries()) {
    const kind = Object.keys(damaged)[position % 3]!;
    const read = damage(query.serial, kind, random);
    const time = performance.now();
    const candidates = matchSerial({ serial: read, manufacturer: query.line.manufacturer }, index, { limit: 200 });
    damaged[kind]!.push(performance.now() - time);
    damagedTotal += 1;
    const rank = candidates.findIndex((candidate) => candidate.serial === query.serial);
    if (rank >= 0) damagedFound += 1;
    // "Top" counts the true serial when no candidate scores higher (ties cannot be told apart).
    if (rank >= 0 && candidates[rank]!.score === candidates[0]!.score) foundByKind[kind] = (foundByKind[kind] ?? 0) + 1;
    tiedAtTop.push(candidates.filter((candidate) => candidate.score === candidates[0]?.score).length);
  }
  for (const [kind, times] of Object.entries(damaged)) {
    figures.push([`match, ${kind} p50 / p95`, `${ms(percentile(times, 0.5))} / ${ms(percentile(times, 0.95))}  (target p95 ≤ 50 ms; true serial among the best-scored: ${foundByKind[kind] ?? 0}/${times.length})`]);
  }
  const allDamaged = Object.values(damaged).flat();
  figures.push(["match, two unknown/confusable, all p95", `${ms(percentile(allDamaged, 0.95))}, true serial among candidates ${damagedFound}/${damagedTotal}`]);
  figures.push(["candidates tied at the top score p50 / p95", `${percentile(tiedAtTop, 0.5)} / ${percentile(tiedAtTop, 0.95)}`]);

  // 4. Import a 1M-row transfer CSV (10% ranges, some dirt) into the same database.
  const csvPath = join(folder, "transfers-1m.csv");
  await writeTransferCsv(csvPath, csvRows, random);
  const importStarted = performance.now();
  const importCpu = process.cpuUsage();
  const csv = await readRecordCsv(csvPath);
  const { result } = await store.withImport(csvPath, (sink) => importRecords(csvPath, csv.rows, sink));
  const importSeconds = (performance.now() - importStarted) / 1000;
  const cpu = process.cpuUsage(importCpu);
  const importCpuSeconds = (cpu.user + cpu.system) / 1e6;
  figures.push([
    "import 1M-row transfer CSV",
    `${result.rows.toLocaleString("en")} rows in ${importSeconds.toFixed(1)} s = ${Math.round(result.rows / importSeconds).toLocaleString("en")} rows/s; ${result.rowsWithProblems.toLocaleString("en")} rows flagged`,
  ]);
  figures.push(["import CPU time", `${importCpuSeconds.toFixed(1)} s = ${Math.round(result.rows / importCpuSeconds).toLocaleString("en")} rows per CPU-second`]);
  figures.push(["load average at the end", loadavg().map((value) => value.toFixed(1)).join(" ") + ` on ${availableParallelism()} CPUs (other work on the machine slows wall-clock figures)`]);
  figures.push(["database size", `${(statSync(dbPath).size / 2 ** 30).toFixed(2)} GiB`]);
  figures.push(["peak memory (max RSS)", `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB  (target ≤ 2048 MiB)`]);
  await database.close();
  printFigures("tracing", figures);
}

/** Reads the serial badly: unknown characters as "?", or characters swapped for a confusable one. */
function damage(serial: string, kind: string, random: () => number): string {
  const chars = [...serial];
  const positions = chars.map((_, index) => index).sort(() => random() - 0.5);
  const confusable = positions.filter((position) => CONFUSABLE_GROUPS.some((group) => group.includes(chars[position]!)));
  const unknownWanted = kind === "2 unknown" ? 2 : kind === "2 confusable" ? 0 : 1;
  const confusableWanted = 2 - unknownWanted;
  const used = new Set<number>();
  for (const position of confusable.slice(0, confusableWanted)) {
    const group = CONFUSABLE_GROUPS.find((candidate) => candidate.includes(chars[position]!))!;
    const others = [...group].filter((char) => char !== chars[position]);
    chars[position] = others[Math.floor(random() * others.length)]!;
    used.add(position);
  }
  for (const position of positions.filter((candidate) => !used.has(candidate)).slice(0, unknownWanted)) chars[position] = "?";
  return chars.join("");
}

async function writeTransferCsv(path: string, rows: number, random: () => number): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve())));
  await write("manufacturer,model,serial,calibre,holder,exporter,importer,end_user,reference,shipped,received\n");
  let buffer = "";
  for (let row = 0; row < rows; row += 1) {
    const line = LINES[row % LINES.length]!;
    const stem = stemOf(line.prefix, line.width, "");
    const start = Math.floor(random() * (10 ** line.width - 1000));
    const roll = random();
    let serial = formatSerial(stem, start);
    if (roll < 0.1) serial = `${formatSerial(stem, start)}–${formatSerial(stem, start + 10 + Math.floor(random() * 190))}`;
    else if (roll < 0.105) serial = `${formatSerial(stem, start + 50)}-${formatSerial(stem, start)}`;
    else if (roll < 0.11) serial = ` ${serial.slice(0, 3)}-${serial.slice(3)} `;
    const shipped = roll > 0.99 ? "" : `201${row % 10}-0${1 + (row % 9)}-1${row % 10}`;
    buffer += `"${line.manufacturer}",${line.model},${serial},5.56x45mm,,United States,Afghanistan,Afghan National Army,FMS-${Math.floor(row / 100)},${shipped},\n`;
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = "";
    }
  }
  await write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}


function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

function printFigures(heading: string, figures: Array<[string, string]>): void {
  const width = Math.max(...figures.map(([name]) => name.length));
  process.stdout.write(`\n== ${heading}\n`);
  for (const [name, value] of figures) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argument = (name: string) => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? Number(process.argv[at + 1]) : undefined;
  };
  await runTracingBench({ serials: argument("--serials"), csvRows: argument("--csv-rows"), seizures: argument("--seizures") });
}
