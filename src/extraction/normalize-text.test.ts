import { describe, expect, it } from "vitest";
import { normalizeForMatching } from "./normalize-text.ts";

describe("normalisation for matching", () => {
  it("folds every dash and odd space of datelines to ASCII, keeping the length", () => {
    const dateline = "QUETTA\u2012 A \u2013 B \u2014 C \u2015 D \u2e3a E \u2e3b F \u00a0G\u202fH";
    const normalized = normalizeForMatching(dateline);
    expect(normalized).toBe("quetta- a - b - c - d - e - f  g h");
    expect(normalized.length).toBe(dateline.length);
  });
  it("reads Urdu and Arabic-Indic digits as ASCII digits", () => {
    expect(normalizeForMatching("\u06f3 soldiers, \u0662\u0665\u0660 rounds")).toBe("3 soldiers, 250 rounds");
  });
});
