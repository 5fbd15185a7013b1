import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ingestFile } from "../src/sources/index.ts";
import { openDatabase } from "../src/storage/database.ts";
import { createSourceStore } from "../src/storage/source-store.ts";
import { createRandom, percentile, printFigures } from "./bench-support.ts";

const PLACES = ["Bannu", "Lakki Marwat", "North Waziristan", "Kurram", "Quetta", "Kech", "Panjgur", "Dera Ismail Khan", "Khyber", "Peshawar", "Kandahar", "Nangarhar", "Kabul", "Kunar", "Zhob", "Gwadar", "Tank", "Mastung", "Bajaur", "Chitral"];
const ACTORS = ["security forces", "militants", "the police", "the Counter Terrorism Department", "Frontier Corps troops", "gunmen", "insurgents", "Levies personnel", "Taliban forces", "unidentified attackers"];
const VERBS = ["attacked", "raided", "ambushed", "cordoned off", "searched", "targeted", "stormed", "fired on"];
const OBJECTS = ["a checkpost", "a compound", "a convoy", "a police station", "a hideout", "a market", "a school", "a border post", "a vehicle", "a mosque"];
const FILLER = ("officials said the area was sealed and a search operation was under way while residents reported heavy gunfire through the night " +
  "the provincial government condemned the incident and announced compensation for the families hospital sources confirmed the toll " +
  "district administration imposed a curfew on main roads and mobile service was suspended as a precaution according to the statement").split(" ");

/** A news-sized (~400 words) synthetic report; the random parts make every document distinct. */
export function generateReport(random: () => number, index: number): { title: string; text: string; published: string } {
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const place = pick(PLACES);
  const sentences: string[] = [];
  while (sentences.join(" ").split(" ").length < 400) {
    const words = Array.from({ length: 8 + Math.floor(random() * 10) }, () => pick(FILLER));
    sentences.push(`${pick(ACTORS)} ${pick(VERBS)} ${pick(OBJECTS)} in ${pick(PLACES)} and ${Math.floor(random() * 40)} people were reported, ${words.join(" ")} case ${index}-${sentences.length}.`);
  }
  const month = String(1 + Math.floor(random() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
  return { title: `Report ${index}: incident in ${place}`, text: sentences.join(" "), published: `2024-${month}-${day}` };
}

const QUERY_TERMS = ["Bannu", "checkpost", "convoy", "curfew", "Kandahar", "hideout", "Frontier", "compensation", "gunfire", "Zhob", "mosque", "Taliban", "Levies", "school", "hospital"];

/** Ingest throughput on 100,000 generated documents and search latency over 200 varied queries. */
export async function runSourcesBench(documents = Number(process.env.BENCH_SOURCES_DOCS ?? 100_000)): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "armtrace-bench-sources-"));
  try {
    const database = await openDatabase({ path: join(folder, "bench.db") });
    const library = createSourceStore(database);
    const random = createRandom(42);
    const batchSize = 1000;
    const encoder = new TextEncoder();
    const started = performance.now();
    for (let first = 0; first < documents; first += batchSize) {
      const lines: string[] = [];
      for (let index = first; index < Math.min(documents, first + batchSize); index++) {
        const report = generateReport(random, index);
        lines.push(JSON.stringify({ url: `https://bench.example/${index}`, outlet: "Bench Wire", ...report }));
      }
      const report = await ingestFile({ path: `batch-${first}.jsonl`, bytes: encoder.encode(lines.join("\n")) }, library, { maxFileBytes: 1e9 });
      if (report.errors.length) throw new Error(`bench ingest failed: ${report.errors[0]}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const latencies: number[] = [];
    for (let query = 0; query < 200; query++) {
      const words = [QUERY_TERMS[query % QUERY_TERMS.length]!];
      if (query % 3 === 1) words.push(QUERY_TERMS[(query * 7) % QUERY_TERMS.length]!);
      if (query % 5 === 2) words.push(`"search operation"`);
      const text = query % 7 === 3 ? `${words[0]!.slice(0, 4)}*` : words.join(" ");
      const t0 = performance.now();
      await library.search(text, { limit: 20 });
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    printFigures("sources", [
      ["documents ingested", documents],
      ["ingest throughput (documents/s)", Math.round(documents / seconds)],
      ["search p50 (ms)", percentile(latencies, 0.5).toFixed(2)],
      ["search p95 (ms)", percentile(latencies, 0.95).toFixed(2)],
      ["peak RSS (MB)", Math.round(process.resourceUsage().maxRSS / 1024)],
    ]);
    await database.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
