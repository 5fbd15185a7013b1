import { describe, expect, it } from "vitest";
import { normalizeForMatching } from "./normalize-text.ts";
import { parseDigits, parseNumberAt } from "./parse-number.ts";
import { tokenize } from "./tokenize.ts";

const numberIn = (text: string): number | null | undefined => {
  const tokens = tokenize(normalizeForMatching(text));
  return parseNumberAt(tokens, 0)?.value;
};

describe("numbers as reports write them", () => {
  it("reads digits with either thousands separator, decimals and ISPR's 2x", () => {
    expect(parseDigits("1,200")).toBe(1200);
    expect(parseDigits("1.200")).toBe(1200);
    expect(parseDigits("7.2")).toBe(7.2);
    expect(parseDigits("2x")).toBe(2);
    expect(parseDigits("300,000")).toBe(300000);
  });
  it("reads number words, compounds and scale words", () => {
    expect(numberIn("twenty-three soldiers")).toBe(23);
    expect(numberIn("one hundred and five people")).toBe(105);
    expect(numberIn("a dozen people")).toBe(12);
    expect(numberIn("7.2 billion dollars")).toBe(7_200_000_000);
    expect(numberIn("Forty-one civilians")).toBe(41);
  });
  it("reads Urdu and Eastern Arabic-Indic digits", () => {
    expect(numberIn("۱۲ soldiers")).toBe(12);
    expect(numberIn("٢٣ soldiers")).toBe(23);
  });
  it("treats vague amounts as numbers without a value", () => {
    expect(numberIn("dozens of people")).toBeNull();
    expect(numberIn("several others")).toBeNull();
  });
});
