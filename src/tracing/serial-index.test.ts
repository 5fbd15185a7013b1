import { describe, expect, it } from "vitest";
import { firstNumberWithDigits, fragmentInEntry, fragmentPlacements } from "./serial-index.ts";

describe("fragmentPlacements", () => {
  it("pins the digits a fragment covers at each place it fits", () => {
    expect(fragmentPlacements("W|7|", "W100")).toEqual([{ from: 0, to: 3, value: 100 }]);
    expect(fragmentPlacements("W|7|", "4321")).toEqual([0, 1, 2, 3].map((from) => ({ from, to: from + 4, value: 4321 })));
    expect(fragmentPlacements("W|7|", "X1")).toEqual([]);
    expect(fragmentPlacements("KA|5|B", "5B")).toEqual([{ from: 4, to: 5, value: 5 }]);
    expect(fragmentPlacements("KA|5|B", "KA")).toEqual([{ from: 0, to: 0, value: null }]);
  });
});

describe("firstNumberWithDigits", () => {
  it("finds the first number in a range with given digits without scanning", () => {
    expect(firstNumberWithDigits(1004300, 1004399, 7, 3, 7, 4350)).toBe(1004350);
    expect(firstNumberWithDigits(1004300, 1004399, 7, 3, 7, 4400)).toBeUndefined();
    expect(firstNumberWithDigits(1004300, 1004399, 7, 0, 3, 100)).toBe(1004300);
    expect(firstNumberWithDigits(1004300, 2004399, 7, 0, 2, 15)).toBe(1500000);
    expect(firstNumberWithDigits(1004395, 1004420, 7, 5, 6, 1)).toBe(1004410);
  });
});

describe("fragmentInEntry", () => {
  it("finds fragments inside ranges, across the prefix and the digits", () => {
    expect(fragmentInEntry({ stem: "W|7|", start: 1004300, end: 1004399 }, "W10043")).toBe("W1004300");
    expect(fragmentInEntry({ stem: "W|7|", start: 1004300, end: 1004399 }, "0437")).toBe("W1004370");
    expect(fragmentInEntry({ stem: "W|7|", start: 1004300, end: 1004399 }, "0441")).toBeUndefined();
    expect(fragmentInEntry({ stem: "W|7|", start: 55, end: 55 }, "W000")).toBe("W0000055");
  });
});
