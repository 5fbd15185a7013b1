import { mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { ingestFile } from "../src/sources/index.ts";
import { openDatabase } from "../src/storage/database.ts";
import { createSourceStore } from "../src/storage/source-store.ts";
import { createRandom, percentile, printFigures } from "./bench-support.ts";

const PLACES = ["Bannu", "Lakki Marwat", "North Waziristan", "Kurram", "Quetta", "Kech", "Panjgur", "Dera Ismail Khan", "Khyber", "Peshawar", "Kandahar", "Nangarhar", "Kabul", "Kunar", "Zhob", "Gwadar", "Tank", "Mastung", "Bajaur", "Chitral"];
const ACTORS = ["security forces", "militants", "police", "Counter Terrorism Department", "Frontier Corps", "gunmen", "insurgents", "Levies", "Taliban", "attackers"];
const SYLLABLES = ["ka", "ri", "mo", "ten", "sha", "lu", "dor", "pa", "vin", "qa", "zel", "bu", "nor", "hi", "sta", "gra", "fe", "wol", "ix", "am"];
const VOCABULARY_SIZE = 30_000;
/** The head of a Zipf vocabulary is function words, as in real English reporting. */
const FUNCTION_WORDS = ["the", "of", "and", "in", "to", "a", "was", "said", "on", "were", "that", "for", "by", "with", "at", "from", "had", "is", "an", "it"];

/** A vocabulary of made-up words with Zipf-distributed frequencies, as in real text (a few very common, most rare). */
function createVocabulary(random: () => number) {
  const words = Array.from({ length: VOCABULARY_SIZE }, (_, rank) => {
    if (rank < FUNCTION_WORDS.length) return FUNCTION_WORDS[rank]!;
    let word = "";
    let value = rank + 1;
    while (value > 0) {
      word += SYLLABLES[value % SYLLABLES.length];
      value = Math.floor(value / SYLLABLES.length);
    }
    return word;
  });
  const cumulative = new Float64Array(VOCABULARY_SIZE);
  let total = 0;
  for (let rank = 0; rank < VOCABULARY_SIZE; rank++) cumulative[rank] = total += 1 / Math.pow(rank + 1, 1.07);
  const draw = (): string => {
    const target = random() * total;
    let low = 0;
    let high = VOCABULARY_SIZE - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return words[low]!;
  };
  return { words, draw };
}

type Vocabulary = ReturnType<typeof createVocabulary>;

/** A news-sized (~400 words) synthetic report about one place and actor, in Zipf-distributed words. */
export function generateReport(random: () => number, vocabulary: Vocabulary, index: number): { title: string; text: string; published: string } {
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const place = pick(PLACES);
  const actor = pick(ACTORS);
  const sentences: string[] = [];
  let words = 0;
  while (words < 400) {
    const length = 12 + Math.floor(random() * 16);
    const sentence = Array.from({ length }, () => vocabulary.draw());
    if (random() < 0.3) sentence.splice(Math.floor(random() * length), 0, place);
    if (random() < 0.2) sentence.splice(Math.floor(random() * length), 0, actor);
    sentences.push(`${sentence.join(" ")}.`);
    words += length;
  }
  const month = String(1 + Math.floor(random() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
  return { title: `${actor} ${vocabulary.draw()} in ${place} (${index})`, text: sentences.join(" "), published: `2024-${month}-${day}` };
}

/** 200 varied queries: rare and common words, two-word searches, phrases, prefixes and place names. */
function generateQueries(random: () => number, vocabulary: Vocabulary): string[] {
  const byRank = (low: number, high: number) => vocabulary.words[low + Math.floor(random() * (high - low))]!;
  return Array.from({ length: 200 }, (_, index) => {
    switch (index % 6) {
      case 0: return byRank(2000, 30000);
      case 1: return byRank(100, 2000);
      case 2: return `${byRank(50, 5000)} ${byRank(50, 5000)}`;
      case 3: return `"${PLACES[index % PLACES.length]}"`;
      case 4: return `${byRank(500, 5000).slice(0, 5)}*`;
      default: return `${PLACES[index % PLACES.length]} ${byRank(200, 10000)}`;
    }
  });
}

/** Ingest throughput on 100,000 generated documents and search latency over 200 varied queries. */
export async function runSourcesBench(documents = Number(process.env.BENCH_SOURCES_DOCS ?? 100_000)): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "armtrace-bench-sources-"));
  try {
    const database = await openDatabase({ path: join(folder, "bench.db") });
    const library = createSourceStore(database);
    const random = createRandom(42);
    const vocabulary = createVocabulary(random);
    const batchSize = 1000;
    const encoder = new TextEncoder();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    for (let first = 0; first < documents; first += batchSize) {
      const lines: string[] = [];
      for (let index = first; index < Math.min(documents, first + batchSize); index++) {
        const report = generateReport(random, vocabulary, index);
        lines.push(JSON.stringify({ url: `https://bench.example/${index}`, outlet: "Bench Wire", ...report }));
      }
      const report = await ingestFile({ path: `batch-${first}.jsonl`, bytes: encoder.encode(lines.join("\n")) }, library, { maxFileBytes: 1e9 });
      if (report.errors.length) throw new Error(`bench ingest failed: ${report.errors[0]}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const latencies: number[] = [];
    for (const query of generateQueries(random, vocabulary)) {
      const t0 = performance.now();
      await library.search(query, { limit: 20 });
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    printFigures("sources", [
      ["documents ingested", documents],
      ["ingest throughput (documents/s)", Math.round(documents / seconds)],
      ["ingest per CPU-second (documents)", Math.round(documents / cpuSeconds)],
      ["machine load average (1 min)", os.loadavg()[0]!.toFixed(1)],
      ["search p50 (ms)", percentile(latencies, 0.5).toFixed(2)],
      ["search p95 (ms)", percentile(latencies, 0.95).toFixed(2)],
      ["peak RSS (MB)", Math.round(process.resourceUsage().maxRSS / 1024)],
    ]);
    await database.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
