/**
 * API load benchmark (issue 4, "Measured"): the REST API on a generated database of realistic events,
 * loaded over loopback by autocannon (in its own worker thread, so it does not share the server's event
 * loop) with a mix of list queries. Prints requests/s, latency p50/p97.5/p99 and errors.
 * Target: ≥ 2,000 requests/s for list queries on 2 cores, no errors.
 * BENCH_API_EVENTS (default 100,000) sets the database size, BENCH_API_SECONDS (default 15) the duration.
 * BENCH_API_DB=path serves an existing database instead of seeding one (e.g. bench/.data/events-bench.db, the
 * million ACLED events of the events bench; opened as is, never changed by the read-only query mix); when the
 * file does not exist yet, the seeded database is written there and kept for the next run.
 * A third run serves the same mix from `armtrace serve --workers N --no-cache` in child processes (BENCH_API_WORKERS,
 * default the cores available): its CPU figure adds the server processes' CPU time (from /proc) to this process's.
 * BENCH_API_RUNS picks runs (comma-separated: cached, uncached, workers, each; default all four).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import type { CasualtyCounts, EventType } from "../src/events/event.ts";
import type { EventState } from "../src/events/event-repository.ts";
import { withEstimates } from "../src/events/event-state.ts";
import { buildServer } from "../src/http/build-server.ts";
import { openDatabase, type ArmtraceDatabase } from "../src/storage/database.ts";
import { EventStore } from "../src/storage/event-store.ts";
import { createRandom, printFigures } from "./bench-support.ts";

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p97_5: number; p99: number; average: number; max: number };
  throughput: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** Places an analyst would see: province, district, a town and its rough coordinates. */
const PLACES: Array<{ country: string; admin1: string; admin2: string; location: string; lat: number; lon: number; weight: number }> = [
  { country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "Bannu", location: "Bannu", lat: 32.99, lon: 70.6, weight: 8 },
  { country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "North Waziristan", location: "Miranshah", lat: 33.0, lon: 70.07, weight: 9 },
  { country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "Dera Ismail Khan", location: "Dera Ismail Khan", lat: 31.83, lon: 70.9, weight: 7 },
  { country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "Lakki Marwat", location: "Lakki Marwat", lat: 32.61, lon: 70.91, weight: 5 },
  { country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "Kurram", location: "Parachinar", lat: 33.9, lon: 70.1, weight: 4 },
  { country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "Khyber", location: "Landi Kotal", lat: 34.1, lon: 71.15, weight: 4 },
  { country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "Peshawar", location: "Peshawar", lat: 34.01, lon: 71.58, weight: 5 },
  { country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "Bajaur", location: "Khar", lat: 34.72, lon: 71.52, weight: 3 },
  { country: "PK", admin1: "Balochistan", admin2: "Quetta", location: "Quetta", lat: 30.18, lon: 66.98, weight: 6 },
  { country: "PK", admin1: "Balochistan", admin2: "Kech", location: "Turbat", lat: 26.0, lon: 63.05, weight: 5 },
  { country: "PK", admin1: "Balochistan", admin2: "Panjgur", location: "Panjgur", lat: 26.96, lon: 64.09, weight: 3 },
  { country: "PK", admin1: "Balochistan", admin2: "Mastung", location: "Mastung", lat: 29.8, lon: 66.85, weight: 3 },
  { country: "PK", admin1: "Balochistan", admin2: "Zhob", location: "Zhob", lat: 31.34, lon: 69.45, weight: 2 },
  { country: "PK", admin1: "Sindh", admin2: "Karachi", location: "Karachi", lat: 24.86, lon: 67.01, weight: 3 },
  { country: "PK", admin1: "Punjab", admin2: "Lahore", location: "Lahore", lat: 31.55, lon: 74.34, weight: 1 },
  { country: "AF", admin1: "Nangarhar", admin2: "Jalalabad", location: "Jalalabad", lat: 34.43, lon: 70.45, weight: 4 },
  { country: "AF", admin1: "Kabul", admin2: "Kabul", location: "Kabul", lat: 34.53, lon: 69.17, weight: 4 },
  { country: "AF", admin1: "Kunar", admin2: "Asadabad", location: "Asadabad", lat: 34.87, lon: 71.15, weight: 2 },
  { country: "AF", admin1: "Kandahar", admin2: "Spin Boldak", location: "Spin Boldak", lat: 31.0, lon: 66.4, weight: 2 },
  { country: "AF", admin1: "Khost", admin2: "Khost", location: "Khost", lat: 33.34, lon: 69.92, weight: 2 },
];
const TYPES: Array<[EventType, number]> = [["attack", 50], ["security_operation", 25], ["armed_clash", 15], ["airstrike", 4], ["weapons_seizure", 6]];
/** Canonical names from the actor registry, as events store them (the API's actor filter resolves aliases to these). */
const MILITANTS = ["Tehrik-i-Taliban Pakistan", "Balochistan Liberation Army", "Islamic State Khorasan Province", "Hafiz Gul Bahadur group", "Lashkar-e-Islam", "Balochistan Liberation Front"];
const STATE_PK = "Pakistan security forces";
const STATE_AF = "Afghan Taliban";
const OUTLETS = ["Dawn", "The Express Tribune", "ISPR press release", "The News", "Pajhwok", "TOLOnews", "Balochistan Post", "police statement"];
const WEAPONS = ["small_arms", "ied", "grenade", "rocket", "vbied", "suicide_vest", "mortar", "light_weapons"] as const;

function weighted<T>(random: () => number, items: Array<[T, number]>): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** A plausible incident: heavy-tailed tolls, one to three sources with their own (sometimes differing) figures. */
function generateEvent(random: () => number, index: number): EventState {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const place = weighted(random, PLACES.map((entry) => [entry, entry.weight] as [typeof entry, number]));
  const type = weighted(random, TYPES);
  const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(random() * 11 * 365) * 86_400_000).toISOString().slice(0, 10);
  const toll = () => (random() < 0.45 ? 0 : Math.floor(-Math.log(1 - random()) * 3));
  const killed: CasualtyCounts = { security_forces: toll(), civilians: type === "weapons_seizure" ? 0 : toll(), militants: toll(), unknown: null };
  const injured: CasualtyCounts = { security_forces: toll(), civilians: toll(), militants: null, unknown: null };
  const at = `${day}T12:00:00.000Z`;
  const sources = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, sourceIndex) => ({
    sourceId: null,
    citation: `${pick(OUTLETS)} ${day} #${index}-${sourceIndex}`,
    killed: sourceIndex === 0 ? killed : { ...killed, unknown: random() < 0.3 ? 1 + Math.floor(random() * 3) : null },
    injured,
    evidence: [],
    reliability: null,
    mergedFromEventId: null,
    addedAt: at,
    addedBy: "bench",
  }));
  const militant = pick(MILITANTS);
  const state = place.country === "AF" ? STATE_AF : STATE_PK;
  const isOperation = type === "security_operation" || type === "airstrike";
  return withEstimates({
    type,
    date: day,
    datePrecision: "day",
    dateEnd: null,
    country: place.country,
    admin1: place.admin1,
    admin2: place.admin2,
    location: place.location,
    latitude: place.lat + (random() - 0.5) * 0.1,
    longitude: place.lon + (random() - 0.5) * 0.1,
    geoPrecision: "exact",
    actors: { perpetrators: [isOperation ? state : militant], targets: [isOperation ? militant : state], associated: [] },
    killed,
    injured,
    weapons: [pick(WEAPONS)],
    notes: `${isOperation ? state : militant} ${type.replace("_", " ")} near ${place.location}; reported by ${sources.length} source(s). Case ${index}.`,
    acled: null,
    gtd: null,
    reviewState: random() < 0.7 ? "confirmed" : "candidate",
    sources,
    mergedInto: null,
    fatalities: { low: null, best: null, high: null, rule: "none" },
    injuries: { low: null, best: null, high: null, rule: "none" },
  });
}

/** Writes `count` generated events through the event store's one write path, a thousand per transaction. */
async function seedEvents(database: ArmtraceDatabase, count: number): Promise<number> {
  const store = new EventStore(database);
  const random = createRandom(2024);
  const started = performance.now();
  for (let done = 0; done < count; ) {
    const batch = Math.min(1000, count - done);
    store.write((session) => {
      for (let i = 0; i < batch; i++) {
        const state = generateEvent(random, done + i);
        session.save({ id: null, expectedVersion: null, state, change: "import", author: { actor: "bench" }, at: state.sources[0]!.addedAt });
      }
    });
    done += batch;
  }
  return (performance.now() - started) / 1000;
}

/** The list queries an analyst's screen makes: default page, province, type, date range, tolls, actor, sort. */
const LIST_QUERIES = [
  "/events",
  "/events?limit=20",
  "/events?country=PK&admin1=Balochistan&limit=20",
  "/events?admin1=Khyber%20Pakhtunkhwa&type=attack&limit=20",
  "/events?dateFrom=2023-01-01&dateTo=2023-12-31&limit=20",
  "/events?dateFrom=2024-06-01&dateTo=2024-06-30&country=PK&limit=20",
  "/events?fatalitiesMin=10&sort=-fatalities&limit=20",
  "/events?type=airstrike&country=AF&limit=20",
  "/events?admin2=Bannu&sort=date&limit=20&offset=40",
  "/events?reviewState=candidate&limit=20",
  "/events?actor=TTP&limit=20",
  "/events?sort=-updated&limit=20&offset=100",
];

/** Starts the API on the database (with or without its response cache), loads it, stops it; with the process CPU time of the measured run. */
async function measure(database: ArmtraceDatabase, isCaching: boolean, seconds: number): Promise<AutocannonResult & { cpuSeconds: number }> {
  const app = await buildServer({ database, logger: false, isCaching });
  await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    const { port } = app.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    for (const path of LIST_QUERIES) {
      const response = await fetch(url + path);
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    }
    const requests = LIST_QUERIES.map((path) => ({ method: "GET", path }));
    await autocannon({ url, connections: 10, duration: 2, requests, workers: 1 });
    const cpuStart = process.cpuUsage();
    const result = await autocannon({ url, connections: 32, duration: seconds, requests, workers: 1 });
    const cpu = process.cpuUsage(cpuStart);
    return { ...result, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await app.close();
  }
}

function figuresOf(result: AutocannonResult & { cpuSeconds: number }): Array<[string, string | number]> {
  const failures = result.errors + result.timeouts + result.non2xx;
  return [
    ["requests", result.requests.total.toLocaleString("en")],
    ["requests/s (mean)", Math.round(result.requests.average).toLocaleString("en")],
    [
      "process CPU (server + autocannon worker)",
      `${result.cpuSeconds.toFixed(1)} s over ${result.duration} s = ${((result.cpuSeconds * 1000) / Math.max(1, result.requests.total)).toFixed(2)} ms CPU per request`,
    ],
    ["latency p50 (ms)", result.latency.p50],
    ["latency p97.5 (ms)", result.latency.p97_5],
    ["latency p99 (ms)", result.latency.p99],
    ["throughput (MB/s)", (result.throughput.average / 1e6).toFixed(1)],
    ["errors / timeouts / non-2xx", `${result.errors} / ${result.timeouts} / ${result.non2xx}`],
    ["target ≥ 2,000 req/s, no errors", result.requests.average >= 2000 && failures === 0 ? "met" : "NOT met"],
  ];
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); 0 when it is gone. */
function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of stat (utime, stime), counted after the command name, in clock ticks (100 a second).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The ids of a process's children (its serve workers). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) children.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return children;
}

/**
 * The query mix against `armtrace serve --workers N --no-cache` on the database, started as a child process (as a
 * user runs it): every request reads SQLite, spread over N worker processes. CPU is the server processes' (from
 * /proc) plus this process's (the autocannon worker thread).
 */
async function measureWorkers(databasePath: string, workers: number, seconds: number): Promise<AutocannonResult & { cpuSeconds: number; serverCpuSeconds: number }> {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, "../bin/armtrace.mjs"), "--db", databasePath, "serve", "--port", "0", "--workers", String(workers), "--no-cache"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk) => {
        output += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.on("exit", (code) => reject(new Error(`armtrace serve exited with ${code}`)));
    });
    for (const path of LIST_QUERIES) {
      const response = await fetch(url + path);
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    }
    const requests = LIST_QUERIES.map((path) => ({ method: "GET", path }));
    await autocannon({ url, connections: 10, duration: 2, requests, workers: 1 });
    const serverPids = [child.pid!, ...childrenOf(child.pid!)];
    const serverCpu = () => serverPids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
    const serverStart = serverCpu();
    const cpuStart = process.cpuUsage();
    const result = await autocannon({ url, connections: 32, duration: seconds, requests, workers: 1 });
    const cpu = process.cpuUsage(cpuStart);
    const serverCpuSeconds = serverCpu() - serverStart;
    return { ...result, cpuSeconds: (cpu.user + cpu.system) / 1e6 + serverCpuSeconds, serverCpuSeconds };
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  }
}

/** Median time of each list query through the API with the cache off, one request at a time. */
async function timeEachQuery(database: ArmtraceDatabase): Promise<Array<[string, string]>> {
  const app = await buildServer({ database, logger: false, isCaching: false });
  await app.ready();
  const rows: Array<[string, string]> = [];
  try {
    for (const path of LIST_QUERIES) {
      const times: number[] = [];
      const cpuTimes: number[] = [];
      for (let run = 0; run < 9; run++) {
        const cpuStart = process.cpuUsage();
        const started = performance.now();
        const response = await app.inject({ method: "GET", url: path });
        times.push(performance.now() - started);
        const cpu = process.cpuUsage(cpuStart);
        cpuTimes.push((cpu.user + cpu.system) / 1000);
        if (response.statusCode !== 200) throw new Error(`${path} answered ${response.statusCode}`);
      }
      times.sort((a, b) => a - b);
      cpuTimes.sort((a, b) => a - b);
      rows.push([path, `${times[4]!.toFixed(1)} ms wall, ${cpuTimes[4]!.toFixed(2)} ms CPU`]);
    }
  } finally {
    await app.close();
  }
  return rows;
}

/**
 * Two runs of the same query mix: as served (repeated queries answered from the response cache, which a
 * write or import invalidates), and with the cache off, so every request runs the query layer.
 */
export async function runApiBench(
  eventCount = Number(process.env.BENCH_API_EVENTS ?? 100_000),
  seconds = Number(process.env.BENCH_API_SECONDS ?? 15),
): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "armtrace-bench-api-"));
  const keptPath = process.env.BENCH_API_DB;
  const existing = keptPath !== undefined && existsSync(keptPath) ? keptPath : undefined;
  const workers = Number(process.env.BENCH_API_WORKERS ?? availableParallelism());
  try {
    const databasePath = keptPath ?? join(folder, "bench.db");
    const database = await openDatabase({ path: databasePath });
    let seeding = "none: an existing database";
    if (existing === undefined) {
      const seedSeconds = await seedEvents(database, eventCount);
      database.sqlite?.exec("ANALYZE");
      seeding = Math.round(eventCount / seedSeconds).toLocaleString("en");
    }
    const stored = database.sqlite?.prepare(`SELECT count(*) FROM events`).pluck().get() as number;
    const setting: Array<[string, string | number]> = [
      ["events in database", `${stored.toLocaleString("en")}${existing === undefined ? "" : ` (${existing})`}`],
      ["seeding through the event store (events/s)", seeding],
      ["cores available", availableParallelism()],
      ["query mix", `${LIST_QUERIES.length} list queries, 20–50 events a page, 32 connections, ${seconds} s`],
    ];
    const runs = new Set((process.env.BENCH_API_RUNS ?? "cached,uncached,workers,each").split(",").map((run) => run.trim()));
    printFigures("api: setting", setting);
    if (runs.has("cached")) printFigures("api: list queries over loopback (autocannon), as served", figuresOf(await measure(database, true, seconds)));
    if (runs.has("uncached")) {
      printFigures("api: the same with the response cache off (every request queries SQLite)", figuresOf(await measure(database, false, seconds)));
    }
    const perQuery = runs.has("each") ? await timeEachQuery(database) : undefined;
    await database.close();
    if (runs.has("workers")) {
      const served = await measureWorkers(databasePath, workers, seconds);
      printFigures(`api: cache off, served by \`armtrace serve --workers ${workers} --no-cache\` (child processes)`, [
        ...figuresOf(served),
        ["  of which server processes", `${served.serverCpuSeconds.toFixed(1)} s = ${((served.serverCpuSeconds * 1000) / Math.max(1, served.requests.total)).toFixed(2)} ms CPU per request`],
      ]);
    }
    if (perQuery !== undefined) printFigures("api: each list query alone, cache off (median of 9)", perQuery);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runApiBench();
