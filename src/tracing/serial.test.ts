import { describe, expect, it } from "vitest";
import { describeEntry, normalizeSerial, parseSerial, parseSerialSpec } from "./serial.ts";

describe("normalizeSerial", () => {
  it("drops stray spaces, dashes and case, and reads * and _ as unknown", () => {
    expect(normalizeSerial(" w-100 4321 ").text).toBe("W1004321");
    expect(normalizeSerial("W10043*0").text).toBe("W10043?0");
    expect(normalizeSerial("W10043_0").unknownCount).toBe(1);
  });

  it("reports characters it removed instead of dropping them silently", () => {
    const result = normalizeSerial("W100#4321");
    expect(result.text).toBe("W1004321");
    expect(result.notes.join(" ")).toContain("'#'");
  });
});

describe("parseSerial", () => {
  it("splits prefix, number and suffix", () => {
    expect(parseSerial("W1004321")).toMatchObject({ prefix: "W", digits: "1004321", suffix: "", number: 1004321, stem: "W|7|" });
    expect(parseSerial("KA12345B")).toMatchObject({ prefix: "KA", number: 12345, suffix: "B" });
    expect(parseSerial("ABC")).toMatchObject({ number: null, stem: "ABC|0|" });
    expect(parseSerial("ABC").prefix).toBe("ABC");
  });

  it("keeps zero padding apart: W0012 and W012 are different serials", () => {
    expect(parseSerial("W0012").stem).not.toBe(parseSerial("W012").stem);
  });
});

describe("parseSerialSpec", () => {
  it("keeps a range with an en dash, a hyphen or spaces as one range", () => {
    for (const text of ["W1004300–W1004399", "W1004300-W1004399", "W1004300 - W1004399", "w1004300 to w1004399"]) {
      const result = parseSerialSpec(text);
      expect(result.ok, text).toBe(true);
      if (!result.ok) continue;
      expect(result.entries).toHaveLength(1);
      expect(result.entries[0]).toMatchObject({ kind: "range", stem: "W|7|", start: 1004300, end: 1004399, count: 100 });
      expect(describeEntry(result.entries[0]!)).toBe("W1004300–W1004399");
    }
  });

  it("treats a dash inside one serial as stray, not a range", () => {
    const result = parseSerialSpec("W-1004321");
    expect(result.ok && result.entries[0]).toMatchObject({ kind: "single", serial: { text: "W1004321" } });
    const spaced = parseSerialSpec("W 100-4400");
    expect(spaced.ok && spaced.entries[0]).toMatchObject({ kind: "single", serial: { text: "W1004400" } });
  });

  it("reads lists of serials and ranges", () => {
    const result = parseSerialSpec("W1004301; W1004310-W1004319, W1004400");
    expect(result.ok && result.entries.map((entry) => entry.kind)).toEqual(["single", "range", "single"]);
  });

  it.each([
    ["W1004399–W1004300", "before start"],
    ["W1004300–X1004399", "mixed prefixes"],
    ["W1004300–W104399", "different widths"],
    ["W1004300-4399", "different widths"],
    ["W1004300–", "empty"],
    ["W10043?0–W1004399", "unreadable"],
  ])("rejects %s with a clear message", (text, message) => {
    const result = parseSerialSpec(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it("rejects an empty serial and one with unknown characters", () => {
    expect(parseSerialSpec("  ").ok).toBe(false);
    expect(parseSerialSpec("W10043?0").ok).toBe(false);
  });
});
