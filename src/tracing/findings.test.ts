import { describe, expect, it } from "vitest";
import { formatFindings, summarizeFindings, type FindingRow } from "./findings.ts";

const row = (itemId: number, origin: string | null, place: string | null, holder: string | null = null, diversion: string | null = null): FindingRow => ({
  itemId,
  seizurePlace: place,
  seizurePlaceId: place === null ? null : `PK-${place}`,
  origin,
  lastLegalHolder: holder,
  diversionPlace: diversion,
  diversionTime: diversion === null ? null : "2021-08",
  isTraced: holder !== null,
});

describe("summarizeFindings", () => {
  it("counts items by origin, holder and diversion point and lists flows, largest first", () => {
    const findings = summarizeFindings([
      row(1, "United States", "Bannu", "Afghan National Army", "Kandahar"),
      row(2, "United States", "Bannu", "Afghan National Army", "Kandahar"),
      row(3, "United States", "Zhob", "Afghan National Police", null),
      row(4, "China", "Zhob"),
      row(5, null, null),
    ]);
    expect(findings.seizedItems).toBe(5);
    expect(findings.tracedItems).toBe(3);
    expect(findings.byOrigin).toEqual([
      { key: "United States", items: 3 },
      { key: "China", items: 1 },
      { key: "unknown", items: 1 },
    ]);
    expect(findings.byLastLegalHolder[0]).toEqual({ key: "Afghan National Army", items: 2 });
    expect(findings.byDiversionPoint[0]).toEqual({ key: "unknown", items: 3 });
    expect(findings.byDiversionPoint[1]).toEqual({ key: "Kandahar (2021-08)", items: 2 });
    expect(findings.flows[0]).toEqual({ origin: "United States", seizurePlace: "Bannu", seizurePlaceId: "PK-Bannu", items: 2 });
    expect(findings.flows).toHaveLength(4);
    expect(formatFindings(findings)).toContain("United States → Bannu");
  });

  it("handles no seizures", () => {
    expect(summarizeFindings([])).toMatchObject({ seizedItems: 0, byOrigin: [], flows: [] });
  });
});
