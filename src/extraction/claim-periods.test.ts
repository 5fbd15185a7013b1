import { describe, expect, it } from "vitest";
import { findPeriods, formatPeriod, type PeriodSpan } from "./claim-periods.ts";

const published = { year: 2024, month: 10, day: 5 };

/** "text → period (role)" for each mention in a lower-cased sentence. */
const read = (sentence: string, reference: PeriodSpan | null = null): string[] => {
  const text = sentence.toLowerCase();
  return findPeriods(text, { published, reference }).map((p) => `${text.slice(p.start, p.end)} → ${formatPeriod(p.span)} (${p.role})`);
};

describe("claim periods", () => {
  it("years, months, halves, quarters and ranges", () => {
    expect(read("Attacks rose in 2023.")).toEqual(["in 2023 → 2023 (covered)"]);
    expect(read("The toll for the whole of 2022 was the highest.")).toEqual(["for the whole of 2022 → 2022 (covered)"]);
    expect(read("Violence fell in the third quarter of 2024.")).toEqual(["third quarter of 2024 → 2024-07/2024-09 (covered)"]);
    expect(read("In the first six months of the year, deaths rose.")).toEqual(["first six months of the year → 2024-01/2024-06 (covered)"]);
    expect(read("Figures for Q2 2024 and H1 2023 were released.")).toEqual(["q2 2024 → 2024-04/2024-06 (covered)", "h1 2023 → 2023-01/2023-06 (covered)"]);
    expect(read("Deaths between July and September rose.")).toEqual(["between july and september → 2024-07/2024-09 (covered)"]);
    expect(read("Police recorded 40 attacks in the first four months of 2024.")).toEqual(["first four months of 2024 → 2024-01/2024-04 (covered)"]);
  });
  it("open intervals and trailing windows end at the publication or the period reported on", () => {
    expect(read("Since July, 90 people have been killed.")).toEqual(["since july → 2024-07/2024-10 (covered)"]);
    expect(read("Since November, 90 people have been killed.")).toEqual(["since november → 2023-11/2024-10 (covered)"]);
    expect(read("Attacks have doubled since 2021.")).toEqual(["since 2021 → 2021/2024 (covered)"]);
    expect(read("Over the past 12 months, 300 weapons were seized.")).toEqual(["over the past 12 months → 2023-10/2024-10 (covered)"]);
    const quarter: PeriodSpan = { from: 2024 * 12 + 3, to: 2024 * 12 + 5, precision: "month" };
    expect(read("Since January, 500 lives were lost.", quarter)).toEqual(["since january → 2024-01/2024-06 (covered)"]);
  });
  it("relative words against the publication date and the period reported on", () => {
    expect(read("So far this year 20 soldiers died.")).toEqual(["so far this year → 2024 (covered)"]);
    expect(read("Last year 700 people were killed.")).toEqual(["last year → 2023 (covered)"]);
    expect(read("Last month 46 people were killed.")).toEqual(["last month → 2024-09 (covered)"]);
    const month: PeriodSpan = { from: 2024 * 12 + 8, to: 2024 * 12 + 8, precision: "month" };
    expect(read("The think tank recorded 80 attacks during the month.", month)).toEqual(["during the month → 2024-09 (covered)"]);
    const half: PeriodSpan = { from: 2024 * 12, to: 2024 * 12 + 5, precision: "month" };
    expect(read("The same period last year saw 150 attacks.", half)).toEqual(["the same period last year → 2023-01/2023-06 (covered)"]);
  });
  it("baselines, report dates, event clauses and superlatives", () => {
    expect(read("Attacks rose 17 percent in 2023 compared with the previous year.")).toEqual(["in 2023 → 2023 (covered)", "the previous year → 2022 (baseline)"]);
    expect(read("Deaths rose to 692, up from 589 in 2023.")).toEqual(["in 2023 → 2023 (baseline)"]);
    expect(read("Incidents fell to 120 in the third quarter from 150 in the previous quarter.")).toEqual(["third quarter → 2024-07/2024-09 (covered)", "the previous quarter → 2024-04/2024-06 (baseline)"]);
    expect(read("The ministry said last week that 300 weapons were seized.")).toEqual(["last week → 2024-10 (report)"]);
    expect(read("According to a March 2022 report, $7 billion of equipment was left.")).toEqual(["march 2022 → 2022-03 (report)"]);
    expect(read("Equipment worth $5 billion was left behind when troops withdrew in August 2021.")).toEqual(["august 2021 → 2021-08 (event)"]);
    expect(read("The toll was the highest in eight years.")).toEqual(["in eight years → null (superlative)"]);
  });
});
