import { describe, expect, it } from "vitest";
import { findDates, formatDate, parsePublished } from "./resolve-date.ts";

const dates = (sentence: string, published: string): string[] =>
  findDates(sentence.toLowerCase(), parsePublished(published)).map(
    (d) => `${d.isAnaphoric ? "anaphoric" : formatDate(d.date)}${d.end ? `..${formatDate(d.end)}` : ""}${d.isReportDate ? " (report)" : ""}`,
  );

describe("dates against the publication date", () => {
  it("resolves weekdays, yesterday and overnight", () => {
    expect(dates("Militants attacked a post on Monday.", "2024-03-06")).toEqual(["2024-03-04"]);
    expect(dates("The convoy was ambushed yesterday.", "2024-03-06")).toEqual(["2024-03-05"]);
    expect(dates("Fighting continued overnight.", "2024-03-06")).toEqual(["2024-03-05"]);
    expect(dates("A blast late Saturday night hit the market.", "2024-03-06")).toEqual(["2024-03-02"]);
  });
  it("tells the day of the statement from the day of the incident", () => {
    expect(dates("Four soldiers were martyred, the ISPR said on Tuesday.", "2024-03-06")).toEqual(["2024-03-05 (report)"]);
    expect(dates("Police said the strike late Friday hit a house.", "2024-03-06")).toEqual(["2024-03-01"]);
  });
  it("reads night ranges in both orders", () => {
    expect(dates("on the night of October 11–12".replace("–", "-"), "2025-12")).toEqual(["2025-10-11..2025-10-12"]);
    expect(dates("the operation was conducted on night 19/20 October 2023", "2023-10-20")).toEqual(["2023-10-19..2023-10-20"]);
  });
  it("reads day ranges as a start and an end", () => {
    expect(dates("The operation went on from 11 to 13 April.", "2025-04-14")).toEqual(["2025-04-11..2025-04-13"]);
    expect(dates("Curfew was imposed between 3 and 5 May 2024.", "2024-06-01")).toEqual(["2024-05-03..2024-05-05"]);
    expect(dates("Fighting raged 11-13 April.", "2025-04-14")).toEqual(["2025-04-11..2025-04-13"]);
    expect(dates("Operations ran from April 11 to 13.", "2025-04-14")).toEqual(["2025-04-11..2025-04-13"]);
  });
  it("reads 'late on', 'in the early hours of' and a weekday night", () => {
    expect(dates("Five people were shot dead late on Tuesday.", "2024-10-16")).toEqual(["2024-10-15"]);
    expect(dates("The post was attacked in the early hours of Saturday.", "2023-07-10")).toEqual(["2023-07-08"]);
    expect(dates("A grenade was hurled late on Sunday night.", "2025-11-18")).toEqual(["2025-11-16"]);
  });
  it("months, years and relative periods", () => {
    expect(dates("In March, 11 people were killed.", "2025-07-09")).toEqual(["2025-03"]);
    expect(dates("In November, an attack killed two.", "2025-07-09")).toEqual(["2024-11"]);
    expect(dates("The two armies clashed last month.", "2025-11")).toEqual(["2025-10"]);
    expect(dates("Last year in November, a leader was killed.", "2021-05-04")).toEqual(["2020-11"]);
    expect(dates("A day earlier, the convoy came under attack.", "2021-05-04")).toEqual(["anaphoric"]);
  });
  it("leaves the modal 'may' alone", () => {
    expect(dates("Militants may attack again.", "2025-02-17")).toEqual([]);
  });
});
