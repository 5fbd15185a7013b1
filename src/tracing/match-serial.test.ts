import { describe, expect, it } from "vitest";
import { isArmtraceError } from "../errors.ts";
import { normalizeManufacturer, normalizeModel } from "./maker-model.ts";
import { matchSerial, readSerial } from "./match-serial.ts";
import { createMemorySerialIndex, type IndexedSerial } from "./serial-index.ts";
import { parseSerialSpec } from "./serial.ts";

function buildIndex(rows: Array<[string, string, string, string]>) {
  const entries: IndexedSerial[] = [];
  rows.forEach(([ref, manufacturer, model, serial], recordIndex) => {
    const parsed = parseSerialSpec(serial);
    if (!parsed.ok) throw new Error(parsed.message);
    for (const entry of parsed.entries) {
      const stem = entry.kind === "single" ? entry.serial.stem : entry.stem;
      entries.push({
        entryId: String(entries.length + 1),
        recordId: recordIndex + 1,
        recordRef: ref,
        stem,
        start: entry.start ?? 0,
        end: entry.end ?? 0,
        manufacturer,
        model,
        manufacturerKey: normalizeManufacturer(manufacturer),
        modelKey: normalizeModel(model, manufacturer),
      });
    }
  });
  return createMemorySerialIndex(entries);
}

const index = buildIndex([
  ["us-fms-1", "Colt's Manufacturing", "M4A1 carbine", "W1004321"],
  ["us-fms-2", "Colt", "M4A1", "W1004300–W1004399"],
  ["fn-1", "FN Herstal", "M16A4", "W1004321"],
  ["us-fms-3", "Colt", "M16A2", "W2008888"],
  ["pk-1", "Colt", "M4A1", "12A3456"],
]);

describe("matchSerial", () => {
  it("ranks an exact match on maker, model and serial first, with reasons", () => {
    const results = matchSerial({ serial: "w 100-4321", manufacturer: "Colt", model: "Colt M4A1 carbine" }, index);
    expect(results[0]).toMatchObject({ record_ref: "us-fms-1", serial: "W1004321", score: 1 });
    expect(results[0]?.reasons.join(" | ")).toContain("exact serial W1004321");
    expect(results[1]?.record_ref).toBe("us-fms-2");
    expect(results[1]?.reasons.join(" ")).toContain("inside recorded range W1004300–W1004399");
    const fn = results.find((result) => result.record_ref === "fn-1");
    expect(fn?.reasons.join(" ")).toContain("manufacturer differs");
    expect(fn!.score).toBeLessThan(results[1]!.score);
  });

  it("says when candidates cannot be told apart", () => {
    const results = matchSerial({ serial: "W1004321" }, index);
    expect(results.slice(0, 2).map((result) => result.score)).toEqual([1, 1]);
    expect(results[0]?.reasons.join(" ")).toContain("tied with 1 other candidate(s)");
    const decided = matchSerial({ serial: "W1004321", manufacturer: "Colt", model: "M4A1" }, index);
    expect(decided[0]?.reasons.join(" ")).not.toContain("tied");
  });

  it("matches inside a range without expanding it", () => {
    const results = matchSerial({ serial: "W1004350" }, index);
    expect(results.map((result) => result.record_ref)).toEqual(["us-fms-2"]);
  });

  it("fills unknown characters", () => {
    const results = matchSerial({ serial: "W20088?8", manufacturer: "Colt" }, index);
    expect(results[0]).toMatchObject({ record_ref: "us-fms-3", serial: "W2008888" });
    expect(results[0]?.reasons.join(" ")).toContain("position 7 taken as 8");
    expect(matchSerial({ serial: "W2*08_88" }, index)[0]?.serial).toBe("W2008888");
  });

  it("swaps confusable characters", () => {
    const results = matchSerial({ serial: "W2OO8BB8" }, index, { maxEdits: 4 });
    expect(results[0]?.serial).toBe("W2008888");
    const twice = matchSerial({ serial: "WZ0O8888" }, index);
    expect(twice[0]?.serial).toBe("W2008888");
    expect(twice[0]?.reasons.join(" ")).toContain("read as Z, taken as confusable 2");
    expect(twice[0]!.score).toBeLessThan(1);
  });

  it("stops at the edit budget", () => {
    expect(matchSerial({ serial: "WZOO8888" }, index)).toEqual([]);
  });

  it("applies the prefix rule when the item shows no letter prefix", () => {
    const results = matchSerial({ serial: "2008888" }, index);
    expect(results[0]?.serial).toBe("W2008888");
    expect(results[0]?.reasons.join(" ")).toContain('prefix "W" not read');
  });

  it("applies the embedded-letter rule", () => {
    const results = matchSerial({ serial: "123456" }, index);
    expect(results[0]?.serial).toBe("12A3456");
    expect(results[0]?.reasons.join(" ")).toContain("embedded-letter");
  });

  it("finds a visible fragment, including inside a range", () => {
    const results = matchSerial({ serial: "...04350" }, index);
    expect(results.map((result) => result.serial)).toContain("W1004350");
    const tail = matchSerial({ serial: "8888", isPartial: true }, index);
    expect(tail[0]?.serial).toBe("W2008888");
  });

  it("refuses a serial with nothing readable", () => {
    expect(() => matchSerial({ serial: "??-??" }, index)).toThrow();
    try {
      matchSerial({ serial: " - " }, index);
    } catch (error) {
      expect(isArmtraceError(error, "INVALID_INPUT")).toBe(true);
    }
  });
});

describe("readSerial", () => {
  it("spends the budget on unknown characters first", () => {
    expect(readSerial("W10043?0", 2).length).toBeGreaterThan(36);
    expect(readSerial("W1??4321", 2)).toHaveLength(36 * 36);
    expect(readSerial("WXY", 2)).toEqual([{ text: "WXY", edits: [] }]);
  });
});
