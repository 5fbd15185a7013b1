/**
 * Extraction throughput and memory: words per second on one core over more than 5 MB of synthetic report
 * text (generated here from templates: press releases, police statements, wire copy, think-tank figures,
 * reports with no incident), and peak memory on one 20 MB document.
 */
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { defaultExtractionCodebook, extractDocument } from "../src/extraction/index.ts";

const districts = ["North Waziristan", "Bannu", "Lakki Marwat", "Dera Ismail Khan", "Kurram", "Bajaur", "Khyber", "Quetta", "Kech", "Gwadar", "Mastung", "Kalat", "Peshawar", "Tank", "Zhob", "Panjgur", "Awaran", "Kohat", "Karak", "Chitral"];
const provinces = ["Khost", "Kunar", "Paktika", "Nangarhar", "Kandahar", "Helmand", "Herat", "Balkh"];
const days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const numbers = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "11", "12", "15", "23"];
const groups = ["Tehreek-e-Taliban Pakistan (TTP)", "Fitna al-Khawarij", "the Balochistan Liberation Army (BLA)", "Hafiz Gul Bahadur group", "Daesh"];

let seed = 42;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const templates: Array<() => string> = [
  () =>
    `${pick(districts).toUpperCase()}: ${pick(numbers)} soldiers were martyred and ${pick(numbers)} terrorists were sent to hell during an intelligence-based operation in ${pick(districts)} district on ${pick(days)}, the ISPR said.\n` +
    `According to the military's media wing, the operation was conducted on the reported presence of khwarij. Resultantly, ${pick(numbers)} khwarij were neutralised while ${pick(numbers)} others got injured.\n` +
    `Weapons and ammunition were also recovered from the terrorists, who remained involved in numerous terrorist activities against security forces and target killings of civilians.\n` +
    `Sanitisation operation is being carried out to eliminate any other khwarij found in the area, the statement added.`,
  () =>
    `At least ${pick(numbers)} people, including ${pick(numbers)} policemen, were killed and ${pick(numbers)} others injured when a suicide bomber blew himself up near a police van in ${pick(districts)} on ${pick(days)} morning, officials said.\n` +
    `The injured were shifted to the District Headquarters Hospital, where the condition of several was stated to be critical. Police said the bomber was on foot and detonated his explosives vest as the van slowed at a checkpoint.\n` +
    `No group immediately claimed responsibility for the attack, but ${pick(groups)} has carried out similar attacks in the region. The death toll rose to ${pick(numbers)} late in the evening.`,
  () =>
    `KABUL: Pakistani airstrikes on the night of October ${Math.floor(random() * 20) + 1}-${Math.floor(random() * 5) + 22} killed ${pick(numbers)} people, including women and children, in ${pick(provinces)} province, a Taliban spokesman said on ${pick(days)}.\n` +
    `He said further strikes hit ${pick(provinces)} and ${pick(provinces)} provinces, wounding ${pick(numbers)} civilians. Pakistan did not comment on the strikes.`,
  () =>
    `ISLAMABAD: The country recorded ${Math.floor(random() * 900) + 100} militant attacks in the first half of the year, claiming ${Math.floor(random() * 900) + 100} lives and injuring ${Math.floor(random() * 900) + 100} others, according to a report released by the Pakistan Institute for Conflict and Security Studies.\n` +
    `The figures represent a ${Math.floor(random() * 90) + 5} per cent increase over the same period last year, with Khyber Pakhtunkhwa accounting for nearly ${Math.floor(random() * 40) + 50} per cent of all fatalities.`,
  () =>
    `The prime minister chaired a meeting of the apex committee on the national action plan on ${pick(days)}, which reviewed the law and order situation and the progress of development projects in ${pick(districts)}.\n` +
    `Participants were briefed on coordination between the provinces and the federation, and the meeting decided to improve intelligence sharing and border management. The session also discussed the repatriation of refugees and economic cooperation with neighbouring countries.`,
  () =>
    `${pick(districts).toUpperCase()}: Two hand grenade attacks on police vehicles injured ${pick(numbers)} people, including two passers-by, on ${pick(days)}. In another incident, unidentified gunmen on a motorcycle shot dead a tribal elder in ${pick(districts)} district.\n` +
    `Meanwhile, Levies personnel seized a huge cache of arms, including rocket launchers, Kalashnikovs and 2,000 rounds of ammunition, from a hideout in ${pick(districts)}.`,
];

/** Synthetic report text of at least `bytes` UTF-8 bytes, as separate reports. */
export function buildReports(bytes: number): string[] {
  const reports: string[] = [];
  let size = 0;
  while (size < bytes) {
    const report = `${pick(templates)()}\n\n${pick(templates)()}`;
    reports.push(report);
    size += Buffer.byteLength(report);
  }
  return reports;
}

const countWords = (text: string): number => text.split(/\s+/).filter(Boolean).length;
const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);

/**
 * CPU seconds of the main thread alone (Linux: /proc/self/task/PID/stat, in clock ticks of 1/100 s), or
 * undefined elsewhere. process.cpuUsage() also counts V8's garbage-collector and compiler threads.
 */
function mainThreadCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const processCpuSeconds = (): number => {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1e6;
};

/** Peak resident memory from here on: resets the kernel's high-water mark where it can (Linux). */
function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

const peakRssBytes = (): number => {
  try {
    const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (line !== null) return Number(line[1]) * 1024;
  } catch {
    // Not Linux: the process's lifetime peak below.
  }
  return process.resourceUsage().maxRSS * 1024;
};

/** One rate line: seconds → words/s and the time of a 600-word report. */
const rateLine = (label: string, seconds: number | undefined, words: number): string =>
  seconds === undefined || seconds <= 0
    ? `  ${label}: not measurable here\n`
    : `  ${label}: ${seconds.toFixed(2)} s → ${Math.round(words / seconds)} words/s (${((600 * seconds * 1000) / words).toFixed(2)} ms per 600-word report)\n`;

/** Prints words/s over ≥ 5 MB of reports and peak memory on one 20 MB document. */
export async function runExtractionBench(): Promise<void> {
  const codebook = defaultExtractionCodebook();
  extractDocument("Warm-up: two soldiers were martyred in Bannu on Monday.", { file: "warm-up", published: "2024-03-06", codebook });

  const reports = buildReports(5.5 * 1024 * 1024);
  const bytes = reports.reduce((s, r) => s + Buffer.byteLength(r), 0);
  const words = reports.reduce((s, r) => s + countWords(r), 0);
  let events = 0;
  let claims = 0;
  const started = performance.now();
  const processBefore = processCpuSeconds();
  const mainBefore = mainThreadCpuSeconds();
  for (const [i, report] of reports.entries()) {
    const doc = extractDocument(report, { file: `r${i}.txt`, published: "2025-10-20", codebook });
    events += doc.events.length;
    claims += doc.claims.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const processSeconds = processCpuSeconds() - processBefore;
  const mainAfter = mainThreadCpuSeconds();
  const mainSeconds = mainBefore === undefined || mainAfter === undefined ? undefined : mainAfter - mainBefore;
  process.stdout.write(
    `extraction: ${reports.length} reports, ${mb(bytes)} MB, ${words} words, ${events} incidents, ${claims} claims; target ≥ 100000 words/s by CPU time ` +
      `(load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores)\n` +
      rateLine("CPU, main thread", mainSeconds, words) +
      rateLine("CPU, whole process (main thread + V8 GC and compiler threads)", processSeconds, words) +
      rateLine("wall clock", seconds, words),
  );

  const big = buildReports(20 * 1024 * 1024).join("\n\n");
  const before = process.memoryUsage();
  const isPeakReset = resetPeakRss();
  const bigStarted = performance.now();
  const bigCpuBefore = processCpuSeconds();
  const doc = extractDocument(big, { file: "big.txt", published: "2025-10-20", codebook });
  const bigSeconds = (performance.now() - bigStarted) / 1000;
  const bigCpuSeconds = processCpuSeconds() - bigCpuBefore;
  const after = process.memoryUsage();
  const bigWords = countWords(big);
  process.stdout.write(
    `extraction: one ${mb(Buffer.byteLength(big))} MB document, ${bigWords} words, ${doc.events.length} incidents; ` +
      `process CPU ${bigCpuSeconds.toFixed(2)} s (${Math.round(bigWords / bigCpuSeconds)} words/s), wall ${bigSeconds.toFixed(2)} s; ` +
      `heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB, RSS ${mb(before.rss)} MB before, peak RSS ${mb(peakRssBytes())} MB ` +
      `${isPeakReset ? "while extracting it" : "over the whole run"}\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await runExtractionBench();
