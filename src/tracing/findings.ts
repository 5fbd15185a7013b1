/**
 * What the traces add up to: seized items counted by origin, by last legal holder and by diversion point,
 * and flows from origin to place of seizure for the report and the map. Pure aggregation over one row per
 * seized item with its latest answered trace (if any).
 */

/** One seized item with what its seizure and its latest answered trace say. */
export interface FindingRow {
  itemId: number;
  seizurePlace: string | null;
  seizurePlaceId: string | null;
  /** The answer's origin, else the item's country of manufacture. */
  origin: string | null;
  lastLegalHolder: string | null;
  diversionPlace: string | null;
  diversionTime: string | null;
  isTraced: boolean;
}

export interface CountedKey {
  key: string;
  items: number;
}

export interface Flow {
  origin: string;
  seizurePlace: string;
  seizurePlaceId: string | null;
  items: number;
}

export interface Findings {
  seizedItems: number;
  tracedItems: number;
  byOrigin: CountedKey[];
  byLastLegalHolder: CountedKey[];
  byDiversionPoint: CountedKey[];
  flows: Flow[];
}

const UNKNOWN = "unknown";

export function summarizeFindings(rows: Iterable<FindingRow>): Findings {
  const byOrigin = new Map<string, number>();
  const byHolder = new Map<string, number>();
  const byDiversion = new Map<string, number>();
  const flows = new Map<string, Flow>();
  let seizedItems = 0;
  let tracedItems = 0;
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const row of rows) {
    seizedItems += 1;
    if (row.isTraced) tracedItems += 1;
    const origin = row.origin ?? UNKNOWN;
    bump(byOrigin, origin);
    bump(byHolder, row.lastLegalHolder ?? UNKNOWN);
    bump(byDiversion, row.diversionPlace === null && row.diversionTime === null ? UNKNOWN : `${row.diversionPlace ?? "unknown place"} (${row.diversionTime ?? "unknown time"})`);
    const place = row.seizurePlace ?? UNKNOWN;
    const flowKey = `${origin}\u0000${place}`;
    const flow = flows.get(flowKey) ?? { origin, seizurePlace: place, seizurePlaceId: row.seizurePlaceId, items: 0 };
    flow.items += 1;
    flows.set(flowKey, flow);
  }
  const counted = (map: Map<string, number>) =>
    [...map].map(([key, items]) => ({ key, items })).sort((a, b) => b.items - a.items || a.key.localeCompare(b.key));
  return {
    seizedItems,
    tracedItems,
    byOrigin: counted(byOrigin),
    byLastLegalHolder: counted(byHolder),
    byDiversionPoint: counted(byDiversion),
    flows: [...flows.values()].sort((a, b) => b.items - a.items || a.origin.localeCompare(b.origin) || a.seizurePlace.localeCompare(b.seizurePlace)),
  };
}

/** Plain-text findings for the terminal or a report appendix. */
export function formatFindings(findings: Findings): string {
  const block = (title: string, rows: CountedKey[]) => [`${title}:`, ...rows.map((row) => `  ${String(row.items).padStart(6)}  ${row.key}`)];
  return `${[
    `${findings.seizedItems} seized items, ${findings.tracedItems} with an answered trace`,
    ...block("by origin", findings.byOrigin),
    ...block("by last legal holder", findings.byLastLegalHolder),
    ...block("by diversion point", findings.byDiversionPoint),
    "flows (origin → place of seizure):",
    ...findings.flows.map((flow) => `  ${String(flow.items).padStart(6)}  ${flow.origin} → ${flow.seizurePlace}`),
  ].join("\n")}\n`;
}
