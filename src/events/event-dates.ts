import type { DatePrecision } from "./event.ts";

const datePatterns: Record<DatePrecision, RegExp> = {
  day: /^\d{4}-\d{2}-\d{2}$/,
  month: /^\d{4}-\d{2}$/,
  year: /^\d{4}$/,
};

/** True when `value` is a real calendar date written at exactly `precision`. */
export function isDateAtPrecision(value: string, precision: DatePrecision): boolean {
  if (!datePatterns[precision].test(value)) return false;
  const [year, month = 1, day = 1] = value.split("-").map(Number) as [number, number?, number?];
  if (month < 1 || month > 12) return false;
  return day >= 1 && day <= daysInMonth(year, month);
}

/** The precision a date string is written at, or undefined when it is not an ISO date. */
export function precisionOf(value: string): DatePrecision | undefined {
  for (const precision of ["day", "month", "year"] as const) if (isDateAtPrecision(value, precision)) return precision;
  return undefined;
}

/** The longest an event may last, first day to last (a year-precision date spans 365 or 366 days). */
export const maxEventSpanDays = 366;

/** First and last calendar day an event dated this way may fall on (YYYY-MM-DD), for range filters. */
export function dateSpan(date: string | null, dateEnd: string | null): { first: string | null; last: string | null } {
  if (date === null) return { first: null, last: null };
  const first = firstDay(date);
  const last = lastDay(dateEnd ?? date);
  return { first, last: last < first ? first : last };
}

/** The first day of a year, month or day. */
export function firstDay(value: string): string {
  if (value.length === 4) return `${value}-01-01`;
  if (value.length === 7) return `${value}-01`;
  return value;
}

/** The last day of a year, month or day. */
export function lastDay(value: string): string {
  if (value.length === 4) return `${value}-12-31`;
  if (value.length === 7) {
    const [year, month] = value.split("-").map(Number) as [number, number];
    return `${value}-${String(daysInMonth(year, month)).padStart(2, "0")}`;
  }
  return value;
}

/** Days between two YYYY-MM-DD dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The YYYY-MM-DD `days` after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
