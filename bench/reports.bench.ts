/**
 * Reports benchmark: generates 1,000,000 events (2015–2024, PK and AF districts from the gazetteer), stores
 * them in SQLite through plain INSERTs (migration 060's triggers keep the rollups as they go), then times
 * building the full report's data (`buildReport`) for a calendar year, a year cut mid-month and the whole
 * span, and runs the same aggregations in DuckDB on the same rows as a reference. Prints both and the ratio.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultGazetteer, durandLine } from "../src/codebook/gazetteer.ts";
import { buildReport } from "../src/reports/build-report.ts";
import { parseReportOptions } from "../src/reports/parse-report-options.ts";
import { openDatabase } from "../src/storage/database.ts";
import { ReportStore } from "../src/storage/report-store.ts";
import { createRandom, printFigures } from "./bench-support.ts";

const EVENT_COUNT = Number(process.env.REPORTS_BENCH_EVENTS ?? 1_000_000);
const SOURCE_COUNT = 20_000;
const RUNS = 5;
const types = ["attack", "attack", "attack", "security_operation", "security_operation", "armed_clash", "airstrike", "weapons_seizure"] as const;
const actors = [
  "Tehrik-i-Taliban Pakistan",
  "Balochistan Liberation Army",
  "Islamic State Khorasan Province",
  "Pakistan security forces",
  "Hafiz Gul Bahadur group",
  "Lashkar-e-Islam",
  "Balochistan Liberation Front",
  "Afghan Taliban",
  "Jamaat-ul-Ahrar",
  "Baloch separatists",
];
const categories = ["security_forces", "civilians", "militants", "unknown"] as const;

interface GeneratedEvent {
  type: string;
  date: string;
  precision: "day" | "month" | "year";
  first: string;
  last: string;
  country: string;
  admin1: string;
  admin2: string;
  latitude: number | null;
  longitude: number | null;
  killed: Array<number | null>;
  injured: Array<number | null>;
  state: "confirmed" | "candidate";
  perpetrators: string[];
  sources: number[];
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

export function generate(count: number): GeneratedEvent[] {
  const random = createRandom(2024);
  const gazetteer = defaultGazetteer();
  const districts = [...gazetteer.districts("PK"), ...gazetteer.districts("AF")].filter((district) => district.admin1 !== null);
  const weighted = districts.flatMap((district) => Array<typeof district>(district.admin1 === "Khyber Pakhtunkhwa" ? 8 : district.admin1 === "Balochistan" ? 5 : 1).fill(district));
  const events: GeneratedEvent[] = [];
  const small = (): number | null => (random() < 0.3 ? null : Math.floor(random() * random() * 12));
  for (let index = 0; index < count; index += 1) {
    const district = weighted[Math.floor(random() * weighted.length)]!;
    const year = 2015 + Math.floor(random() * 10);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const roll = random();
    const precision = roll < 0.9 ? "day" : roll < 0.97 ? "month" : "year";
    const date = precision === "day" ? `${year}-${pad(month)}-${pad(day)}` : precision === "month" ? `${year}-${pad(month)}` : `${year}`;
    const first = precision === "day" ? date : precision === "month" ? `${date}-01` : `${year}-01-01`;
    const last = precision === "day" ? date : precision === "month" ? `${date}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}` : `${year}-12-31`;
    const perpetratorCount = random() < 0.15 ? 0 : random() < 0.85 ? 1 : 2;
    const perpetrators = [...new Set(Array.from({ length: perpetratorCount }, () => actors[Math.floor(random() * actors.length)]!))];
    const sourceCount = 1 + Math.floor(random() * 3);
    events.push({
      type: types[Math.floor(random() * types.length)]!,
      date,
      precision,
      first,
      last,
      country: district.country,
      admin1: district.admin1!,
      admin2: district.name,
      latitude: random() < 0.05 ? null : district.lat + (random() - 0.5) * 0.2,
      longitude: null,
      killed: categories.map(small),
      injured: categories.map(small),
      state: random() < 0.85 ? "confirmed" : "candidate",
      perpetrators,
      sources: [...new Set(Array.from({ length: sourceCount }, () => 1 + Math.floor(random() * SOURCE_COUNT)))],
    });
    const event = events[events.length - 1]!;
    if (event.latitude !== null) event.longitude = district.lon + (random() - 0.5) * 0.2;
  }
  return events;
}

export async function fillSqlite(path: string, events: GeneratedEvent[]): Promise<number> {
  const database = await openDatabase({ path });
  const sqlite = database.sqlite!;
  const now = "2026-01-01T00:00:00.000Z";
  // Fill every NOT NULL column of sources whatever its schema is today (only the ids matter here).
  const columns = sqlite.prepare(`PRAGMA table_info(sources)`).all() as Array<{ name: string; type: string; notnull: number; dflt_value: unknown; pk: number }>;
  const required = columns.filter((column) => !column.pk && column.notnull && column.dflt_value === null);
  const insertSource = sqlite.prepare(`INSERT INTO sources (id, ${required.map((column) => column.name).join(", ")}) VALUES (?, ${required.map(() => "?").join(", ")})`);
  sqlite.transaction(() => {
    for (let id = 1; id <= SOURCE_COUNT; id += 1) {
      const values = required.map((column) => {
        const type = column.type.toLowerCase();
        return type.includes("int") ? 0 : type.includes("blob") ? Buffer.from("x") : type.includes("real") ? 0 : `bench-${column.name}-${id}`;
      });
      insertSource.run(id, ...values);
    }
  })();
  const insertEvent = sqlite.prepare(
    `INSERT INTO events (type, date, date_precision, date_first, date_last, country, admin1, admin2, latitude, longitude, actors_json,
      killed_security_forces, killed_civilians, killed_militants, killed_unknown, injured_security_forces, injured_civilians, injured_militants, injured_unknown,
      fatalities_rule, injuries_rule, weapons_json, review_state, version, created_at, created_by, updated_at, updated_by)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?, 'single_source', 'single_source', '[]', ?, 1, ?, 'bench', ?, 'bench')`,
  );
  const insertActor = sqlite.prepare(`INSERT INTO event_actors (event_id, role, name, name_key) VALUES (?, 'perpetrator', ?, lower(?))`);
  const insertLink = sqlite.prepare(
    `INSERT INTO event_sources (event_id, source_id, killed_json, injured_json, evidence_json, added_at, added_by) VALUES (?, ?, '{}', '{}', '[]', ?, 'bench')`,
  );
  const started = performance.now();
  const batch = sqlite.transaction((slice: GeneratedEvent[]) => {
    for (const event of slice) {
      const result = insertEvent.run(
        event.type, event.date, event.precision, event.first, event.last, event.country, event.admin1, event.admin2, event.latitude, event.longitude,
        ...event.killed, ...event.injured, event.state, now, now,
      );
      const id = Number(result.lastInsertRowid);
      for (const name of event.perpetrators) insertActor.run(id, name, name);
      for (const source of event.sources) insertLink.run(id, source, now);
    }
  });
  for (let offset = 0; offset < events.length; offset += 50_000) batch(events.slice(offset, offset + 50_000));
  const seconds = (performance.now() - started) / 1000;
  sqlite.exec("ANALYZE");
  await database.close();
  return seconds;
}

async function fillDuckDb(connection: DuckDBConnection, events: GeneratedEvent[]): Promise<void> {
  await connection.run(`CREATE TABLE events (id INTEGER, type VARCHAR, date_first VARCHAR, date_last VARCHAR, country VARCHAR, admin1 VARCHAR, admin2 VARCHAR,
    latitude DOUBLE, longitude DOUBLE, killed_security_forces INTEGER, killed_civilians INTEGER, killed_militants INTEGER, killed_unknown INTEGER,
    injured_security_forces INTEGER, injured_civilians INTEGER, injured_militants INTEGER, injured_unknown INTEGER, review_state VARCHAR)`);
  await connection.run(`CREATE TABLE event_actors (event_id INTEGER, role VARCHAR, name VARCHAR)`);
  await connection.run(`CREATE TABLE event_sources (event_id INTEGER, source_id INTEGER)`);
  await connection.run(`CREATE TABLE segments (a_lon DOUBLE, a_lat DOUBLE, b_lon DOUBLE, b_lat DOUBLE)`);
  const eventsAppender = await connection.createAppender("events");
  const actorsAppender = await connection.createAppender("event_actors");
  const sourcesAppender = await connection.createAppender("event_sources");
  const number = (appender: typeof eventsAppender, value: number | null): void => (value === null ? appender.appendNull() : appender.appendInteger(value));
  events.forEach((event, index) => {
    const id = index + 1;
    eventsAppender.appendInteger(id);
    for (const text of [event.type, event.first, event.last, event.country, event.admin1, event.admin2]) eventsAppender.appendVarchar(text);
    if (event.latitude === null || event.longitude === null) {
      eventsAppender.appendNull();
      eventsAppender.appendNull();
    } else {
      eventsAppender.appendDouble(event.latitude);
      eventsAppender.appendDouble(event.longitude);
    }
    for (const value of [...event.killed, ...event.injured]) number(eventsAppender, value);
    eventsAppender.appendVarchar(event.state);
    eventsAppender.endRow();
    for (const name of event.perpetrators) {
      actorsAppender.appendInteger(id);
      actorsAppender.appendVarchar("perpetrator");
      actorsAppender.appendVarchar(name);
      actorsAppender.endRow();
    }
    for (const source of event.sources) {
      sourcesAppender.appendInteger(id);
      sourcesAppender.appendInteger(source);
      sourcesAppender.endRow();
    }
  });
  for (const appender of [eventsAppender, actorsAppender, sourcesAppender]) appender.closeSync();
  const line = durandLine();
  for (let index = 0; index < line.length; index += 1) {
    const a = line[index]!;
    const b = line[index + 1] ?? a;
    await connection.run(`INSERT INTO segments VALUES (${a[0]}, ${a[1]}, ${b[0]}, ${b[1]})`);
  }
}

const killedSum = categories.map((c) => `coalesce(killed_${c}, 0)`).join(" + ");
const injuredSum = categories.map((c) => `coalesce(injured_${c}, 0)`).join(" + ");
const figureSums = [...categories.map((c) => `sum(coalesce(killed_${c}, 0))`), ...categories.map((c) => `sum(coalesce(injured_${c}, 0))`)].join(", ");

/** The same aggregations buildReport makes (current and previous period, actors, border, deadliest, sources). */
async function duckDbReport(connection: DuckDBConnection, from: string, to: string, previousFrom: string, previousTo: string, borderKm: number): Promise<number> {
  const inPeriod = (a: string, b: string) => `review_state = 'confirmed' AND date_first >= '${a}' AND date_last <= '${b}'`;
  const queries = [
    `SELECT substr(date_first, 1, 7), country, admin1, admin2, type, count(*), ${figureSums} FROM events WHERE ${inPeriod(from, to)} GROUP BY ALL`,
    `SELECT substr(date_first, 1, 7), country, admin1, admin2, type, count(*), ${figureSums} FROM events WHERE ${inPeriod(previousFrom, previousTo)} GROUP BY ALL`,
    `SELECT a.name, count(*), sum(${killedSum}), sum(${injuredSum}) FROM events e JOIN event_actors a ON a.event_id = e.id WHERE a.role = 'perpetrator' AND ${inPeriod(from, to).replaceAll(/\b(review_state|date_first|date_last)\b/g, "e.$1")} GROUP BY a.name`,
    `WITH p AS (SELECT id, latitude AS plat, longitude AS plon, cos(radians(latitude)) AS kx, ${killedSum} AS killed, ${injuredSum} AS injured FROM events WHERE ${inPeriod(from, to)} AND latitude IS NOT NULL),
      d AS (SELECT p.id, p.killed, p.injured, p.plat, p.plon, p.kx, (s.a_lon - p.plon) * p.kx AS ax, s.a_lat - p.plat AS ay, (s.b_lon - s.a_lon) * p.kx AS dx, s.b_lat - s.a_lat AS dy FROM p, segments s),
      t AS (SELECT *, CASE WHEN dx * dx + dy * dy = 0 THEN 0.0 ELSE greatest(0.0, least(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy))) END AS t FROM d),
      n AS (SELECT id, killed, injured, plat, plon, plat + ay + t * dy AS nlat, plon + (ax + t * dx) / kx AS nlon FROM t),
      m AS (SELECT id, any_value(killed) AS killed, any_value(injured) AS injured,
        min(2 * 6371.0088 * asin(least(1.0, sqrt(pow(sin(radians(nlat - plat) / 2), 2) + cos(radians(plat)) * cos(radians(nlat)) * pow(sin(radians(nlon - plon) / 2), 2))))) AS km FROM n GROUP BY id)
      SELECT count(*), sum(killed), sum(injured) FROM m WHERE ceil(km) <= ${borderKm}`,
    `SELECT id, ${killedSum} AS killed FROM events WHERE ${inPeriod(from, to)} ORDER BY killed DESC, date_first, id LIMIT 10`,
    `SELECT count(DISTINCT s.source_id) FROM event_sources s JOIN events e ON e.id = s.event_id WHERE ${inPeriod(from, to).replaceAll(/\b(review_state|date_first|date_last)\b/g, "e.$1")}`,
  ];
  const started = performance.now();
  for (const query of queries) (await connection.runAndReadAll(query)).getRows();
  return performance.now() - started;
}

/** User + system CPU of this process (every thread, DuckDB's included) in ms. */
function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Runs the benchmark. REPORTS_BENCH_EVENTS sets the event count (default 1,000,000); REPORTS_BENCH_DB names a
 * database file to keep and reuse between runs (the data is generated from a fixed seed; a reused file is
 * migrated, so a database written before a migration that precedes one it holds is refused: delete it).
 */
export async function runReportsBench(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "armtrace-reports-bench-"));
  const heading = `reports: full report data on ${EVENT_COUNT.toLocaleString("en-US")} events`;
  printFigures(heading, [["load average (1 min) at start", os.loadavg()[0]!.toFixed(1)], ["CPUs", os.cpus().length]]);
  const line = (name: string, value: string | number): void => {
    process.stdout.write(`${name.padEnd(78)}  ${value}\n`);
  };
  try {
    const generateStarted = performance.now();
    const events = generate(EVENT_COUNT);
    line("events generated", `${EVENT_COUNT.toLocaleString("en-US")} in ${((performance.now() - generateStarted) / 1000).toFixed(1)} s`);
    const kept = process.env.REPORTS_BENCH_DB;
    const path = kept ?? join(folder, "armtrace.db");
    const isReused = kept !== undefined && existsSync(kept);
    if (!isReused) {
      const insertSeconds = await fillSqlite(path, events);
      line("SQLite insert with rollup triggers (s)", insertSeconds.toFixed(1));
      line("SQLite insert rate (events/s)", Math.round(EVENT_COUNT / insertSeconds).toLocaleString("en-US"));
    } else {
      line("SQLite database reused", kept);
    }
    // A reused database is brought up to date: migrations added since it was written build their structures
    // (the report ones set-based from the events).
    const migrateStarted = performance.now();
    const database = await openDatabase({ path });
    if (isReused) line("migrations on the reused database (s)", ((performance.now() - migrateStarted) / 1000).toFixed(1));
    const count = (table: string): number => (database.sqlite!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    line("rollup rows (report_rollup, actor, border)", [count("report_rollup"), count("report_actor_rollup"), count("report_border_rollup")].map((n) => n.toLocaleString("en-US")).join(", "));
    line("source set rows (report_source_links, report_source_words)", [count("report_source_links"), count("report_source_words")].map((n) => n.toLocaleString("en-US")).join(", "));
    const duck = await DuckDBInstance.create(":memory:");
    const connection = await duck.connect();
    const duckLoadStarted = performance.now();
    await fillDuckDb(connection, events);
    line("DuckDB load (s)", ((performance.now() - duckLoadStarted) / 1000).toFixed(1));

    const scenarios = [
      { name: "calendar year 2024", from: "2024-01-01", to: "2024-12-31" },
      { name: "12 months cut mid-month (2023-07-15 to 2024-07-14)", from: "2023-07-15", to: "2024-07-14" },
      { name: "whole span 2015-2024", from: "2015-01-01", to: "2024-12-31" },
    ];
    for (const scenario of scenarios) {
      const options = parseReportOptions({ from: scenario.from, to: scenario.to, evidenceLimit: 5000 });
      const store = new ReportStore(database);
      let incidents = 0;
      const ours: number[] = [];
      const oursCpu: number[] = [];
      for (let run = 0; run <= RUNS; run += 1) {
        const started = performance.now();
        const cpu = process.cpuUsage();
        const report = await buildReport(store, options);
        const elapsed = performance.now() - started;
        if (run > 0) {
          ours.push(elapsed);
          oursCpu.push(cpuMs(process.cpuUsage(cpu)));
        }
        incidents = report.totals.incidents;
      }
      // Where the time goes: each read buildReport makes, median of RUNS, wall / CPU ms.
      const scope = { from: options.from, to: options.to, reviewStates: ["confirmed" as const], country: null, admin1: [], actors: [] };
      const days = Math.round((Date.parse(scenario.to) - Date.parse(scenario.from)) / 86_400_000) + 1;
      const previousTo = new Date(Date.parse(scenario.from) - 86_400_000).toISOString().slice(0, 10);
      const previousFrom = new Date(Date.parse(scenario.from) - days * 86_400_000).toISOString().slice(0, 10);
      const parts: string[] = [];
      for (const [name, work] of [
        ["periodFigures", () => store.periodFigures(scope, options.borderKm)],
        ["previous period", () => store.periodFigures({ ...scope, from: previousFrom, to: previousTo }, options.borderKm, "types")],
        ["deadliest", () => store.deadliest(scope, 10, incidents)],
        ["sourcesOf", () => store.sourcesOf(scope, 200)],
        ["evidence", () => store.evidence(scope, 5000, incidents)],
      ] as const) {
        const walls: number[] = [];
        const cpus: number[] = [];
        for (let run = 0; run < RUNS; run += 1) {
          const started = performance.now();
          const cpu = process.cpuUsage();
          await work();
          walls.push(performance.now() - started);
          cpus.push(cpuMs(process.cpuUsage(cpu)));
        }
        parts.push(`${name} ${median(walls).toFixed(1)} / ${median(cpus).toFixed(1)}`);
      }
      const freshStore = new ReportStore(database, { useRollups: false });
      const freshStarted = performance.now();
      await buildReport(freshStore, options);
      const fresh = performance.now() - freshStarted;
      const reference: number[] = [];
      const referenceCpu: number[] = [];
      for (let run = 0; run <= RUNS; run += 1) {
        const cpu = process.cpuUsage();
        const elapsed = await duckDbReport(connection, scenario.from, scenario.to, previousFrom, previousTo, options.borderKm);
        if (run > 0) {
          reference.push(elapsed);
          referenceCpu.push(cpuMs(process.cpuUsage(cpu)));
        }
      }
      const oursMedian = median(ours);
      const duckMedian = median(reference);
      line(`${scenario.name}: confirmed incidents in period`, incidents.toLocaleString("en-US"));
      line(`${scenario.name}: buildReport with rollups, median of ${RUNS} (ms)`, oursMedian.toFixed(1));
      line(`${scenario.name}: of which (wall / CPU ms, medians of ${RUNS})`, parts.join(", "));
      line(`${scenario.name}: buildReport without rollups, one run (ms)`, fresh.toFixed(1));
      line(`${scenario.name}: DuckDB same aggregations, median of ${RUNS} (ms)`, duckMedian.toFixed(1));
      line(`${scenario.name}: ratio armtrace / DuckDB (target <= 2)`, (oursMedian / duckMedian).toFixed(2));
      line(`${scenario.name}: target <= 300 ms met`, oursMedian <= 300 ? "yes" : "no");
      line(`${scenario.name}: load average (1 min) after`, os.loadavg()[0]!.toFixed(1));
      line(`${scenario.name}: CPU time armtrace / DuckDB (ms, all threads; load-insensitive)`, `${median(oursCpu).toFixed(1)} / ${median(referenceCpu).toFixed(1)}`);
    }
    connection.closeSync();
    await database.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runReportsBench();
