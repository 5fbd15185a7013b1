/** Helpers every benchmark shares: a seeded random source, percentiles and one way to print figures. */

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so generated data is the same every run. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The q-quantile (0–1) of an ascending list. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Prints one benchmark's figures as aligned `name: value` lines under a heading. */
export function printFigures(heading: string, figures: Array<[string, string | number]>): void {
  const width = Math.max(...figures.map(([name]) => name.length));
  process.stdout.write(`\n== ${heading}\n`);
  for (const [name, value] of figures) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
}
