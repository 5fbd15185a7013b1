/**
 * Dates in report sentences, resolved against the publication date: explicit days ("26 November 2023",
 * "on July 10", parsed with chrono-node), night ranges ("the night of October 11–12", "night 19/20
 * October"), weekdays ("on Monday", "late Saturday night"), relative words ("yesterday", "overnight",
 * "last night", "two days ago", "last month", "earlier this year"), months and years. A weekday that dates
 * the statement ("the ISPR said on Monday") is told apart from one that dates the incident.
 */
import * as chrono from "chrono-node";

export type DatePrecision = "day" | "month" | "year";

/** A point in time at some precision. */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

export interface DateMention {
  date: PartialDate;
  end?: PartialDate;
  /** Offsets in the sentence's normalised text. */
  start: number;
  stop: number;
  /** The date says when something was said or reported, not when the incident happened. */
  isReportDate: boolean;
  /** "a day earlier", "that same day": relative to the incident described before. */
  isAnaphoric: boolean;
  /** Days to add to the anaphoric anchor. */
  anchorOffsetDays?: number;
}

const monthNames: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
};
const weekdays: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const numberWords: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

const month = "(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?";
const day = "(\\d{1,2})(?:st|nd|rd|th)?";
const year = "((?:19|20)\\d\\d)";
const weekday = "(sunday|monday|tuesday|wednesday|thursday|friday|saturday)";

const patterns: Array<{ re: RegExp; kind: string }> = [
  { re: new RegExp(`night (?:of )?${month} ${day} ?[-/&] ?(?:${month} )?${day}(?:,? ${year})?`, "g"), kind: "nightMonthFirst" },
  { re: new RegExp(`night (?:of )?${day} ?[-/&] ?${day} ${month}(?:,? ${year})?`, "g"), kind: "nightDayFirst" },
  { re: new RegExp(`night (?:between|of) ${day} and ${day} ${month}(?:,? ${year})?`, "g"), kind: "nightDayFirst" },
  { re: new RegExp(`night (?:between|of) ${month} ${day} and (?:${month} )?${day}(?:,? ${year})?`, "g"), kind: "nightMonthFirst" },
  // Day ranges: "from 11 to 13 April", "between 3 and 5 May", "11-13 April", "from April 11 to 13".
  { re: new RegExp(`\\b(?:from|between) ${day} (?:to|and|till|until|-) ${day} ${month}(?:,? ${year})?`, "g"), kind: "nightDayFirst" },
  { re: new RegExp(`\\b${day} ?- ?${day} ${month}(?:,? ${year})?`, "g"), kind: "nightDayFirst" },
  { re: new RegExp(`\\b(?:from|between) ${month} ${day} (?:to|and|till|until|-) (?:${month} )?${day}(?:,? ${year})?`, "g"), kind: "nightMonthFirst" },
  { re: new RegExp(`\\b(?:${day} ${month}(?:,? ${year})?|${month} ${day}(?:,? ${year})?)\\b`, "g"), kind: "dayMonth" },
  { re: new RegExp(`\\b(early|mid|late|earlier in|later in|end of|beginning of|start of)?(?: the month of)? ?${month},? ${year}\\b`, "g"), kind: "monthYear" },
  { re: new RegExp(`\\b(?:last year in|in|earlier in|early|mid|late|since|during|by|of|until|till|from|this) (?:the month of )?${month}\\b(?! \\d)`, "g"), kind: "monthOnly" },
  { re: new RegExp(`^${month}(?= \\d{4}:|:)`, "g"), kind: "monthLead" },
  { re: new RegExp(`\\b(?:in|since|during|of|early|mid|late|until|by|from|in early|in late|in mid) ${year}\\b`, "g"), kind: "yearOnly" },
  { re: new RegExp(`^${year}:`, "g"), kind: "yearOnly" },
  { re: /\bearly hours of (sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/g, kind: "weekday2" },
  { re: new RegExp(`\\b(?:(last|this|on|late|early|next) )?${weekday}(?:'s)?(?: (night|morning|evening|afternoon|midnight))?\\b`, "g"), kind: "weekday" },
  { re: /\b(day before yesterday|yesterday|last night|overnight|late last night|throughout the night|during the night|late at night|earlier today|today|this morning|tonight|this evening|this afternoon|on the same day|that same day|the same day|the previous day|the day before|a day earlier|a day before|a day after|the next day|the following day|last week|this week|earlier this week|earlier in the week|later in the week|earlier in the day|later in the day|earlier in the month|last month|this month|earlier this month|earlier this year|this year|last year|the current year|the previous year)\b/g, kind: "relative" },
  { re: /\b(a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) (day|days|week|weeks|month|months) (ago|earlier|before|back)\b/g, kind: "ago" },
];

/** A speech verb, then only words that can sit between it and the date ("said in a statement on"). */
const reportPrefix = /\b(?:said|says|say|reported|confirmed|announced|told|added|stated|claimed|disclosed|informed|quoted|issued|released|posted|tweeted|wrote|updated|published|condemned)(?: (?:on|in|a|an|the|statement|press|conference|briefing|its|his|their|late|early|reporters|media|journalists|news|agency|afp|reuters|ap|dawn|a statement issued|x|twitter|facebook|telegram|channel|website|message))* ?$/;
const monthMention = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/;
const relativeMention = /yesterday|night|today|morning|tonight|evening|afternoon|week|month|year|day|ago|earlier|before|after|back/;
/** "told the Senate on Tuesday", "informed the National Assembly on Monday". */
const toldPrefix = /\b(?:told|informed|briefed|addressed|assured)(?: the)?(?: [a-z]+){1,3} (?:on )?$/;

function toUtc(d: PartialDate): Date {
  return new Date(Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1));
}
function fromUtc(date: Date): PartialDate {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
/** Adds days to a day-precision date. */
export function addDays(d: PartialDate, days: number): PartialDate {
  const date = toUtc(d);
  date.setUTCDate(date.getUTCDate() + days);
  return fromUtc(date);
}
function addMonths(d: PartialDate, months: number): PartialDate {
  const total = d.year * 12 + ((d.month ?? 1) - 1) + months;
  return { year: Math.floor(total / 12), month: (total % 12) + 1 };
}

/** Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
export function parsePublished(value: string | null | undefined): PartialDate | undefined {
  if (value == null) return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value.trim());
  if (m === null) return undefined;
  const out: PartialDate = { year: Number(m[1]) };
  if (m[2] !== undefined) out.month = Number(m[2]);
  if (m[3] !== undefined) out.day = Number(m[3]);
  return out;
}

/** ISO text of a partial date at its precision. */
export function formatDate(d: PartialDate | undefined | null): string | null {
  if (d == null) return null;
  const y = String(d.year).padStart(4, "0");
  if (d.month === undefined) return y;
  const m = String(d.month).padStart(2, "0");
  if (d.day === undefined) return `${y}-${m}`;
  return `${y}-${m}-${String(d.day).padStart(2, "0")}`;
}

/** Precision of a partial date. */
export function precisionOf(d: PartialDate): DatePrecision {
  return d.day !== undefined ? "day" : d.month !== undefined ? "month" : "year";
}

/** Trims a date to what the publication date can support (a relative day against a month-only date). */
function relativeDays(published: PartialDate | undefined, days: number): PartialDate | undefined {
  if (published === undefined) return undefined;
  if (published.day === undefined) return published.month === undefined ? { year: published.year } : { year: published.year, month: published.month };
  return addDays(published, days);
}

function monthOnly(published: PartialDate | undefined, monthNumber: number): PartialDate | undefined {
  if (published === undefined) return undefined;
  let y = published.year;
  if (published.month !== undefined && monthNumber > published.month) y -= 1;
  return { year: y, month: monthNumber };
}

function explicitDay(text: string, published: PartialDate | undefined): PartialDate | undefined {
  const reference = published === undefined ? new Date(Date.UTC(2000, 0, 1)) : toUtc({ year: published.year, month: published.month ?? 12, day: published.day ?? 28 });
  const result = chrono.en.casual.parse(text, { instant: reference })[0];
  if (result === undefined) return undefined;
  const y = result.start.get("year");
  const m = result.start.get("month");
  const d = result.start.get("day");
  if (y == null || m == null || d == null) return undefined;
  let out: PartialDate = { year: y, month: m, day: d };
  if (!result.start.isCertain("year")) {
    if (published === undefined) return { year: Number.NaN, month: m, day: d };
    out = { year: published.year, month: m, day: d };
    if (toUtc(out).getTime() > reference.getTime() + 86_400_000 * 2) out = { ...out, year: published.year - 1 };
  }
  return out;
}

/** Finds date mentions in one sentence's normalised (lower-case) text. */
export function findDates(text: string, published: PartialDate | undefined): DateMention[] {
  const mentions: DateMention[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (s: number, e: number): boolean => taken.some(([a, b]) => s < b && e > a);
  const hasMonth = monthMention.test(text);
  const hasWeekday = /day\b/.test(text);
  const hasDigit = /\d/.test(text);
  const hasRelative = relativeMention.test(text);
  if (!hasMonth && !hasWeekday && !hasDigit && !hasRelative) return mentions;
  for (const { re, kind } of patterns) {
    if ((kind === "nightMonthFirst" || kind === "nightDayFirst" || kind === "dayMonth" || kind === "monthYear" || kind === "monthOnly" || kind === "monthLead") && !hasMonth) continue;
    if ((kind === "weekday" || kind === "weekday2") && !hasWeekday) continue;
    if (kind === "yearOnly" && !hasDigit) continue;
    if ((kind === "relative" || kind === "ago") && !hasRelative) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const start = m.index;
      const stop = start + m[0].length;
      if (overlaps(start, stop)) continue;
      const mention = interpret(kind, m, text, published);
      if (mention === undefined) continue;
      taken.push([start, stop]);
      const before = text.slice(Math.max(0, start - 40), start);
      const after = text.slice(stop, stop + 12);
      const isDateline = (start < 40 && /^\s*(?:,\s*\d{4}\s*)?(?:\(|-|:|\/)/.test(after) && (kind === "dayMonth" || kind === "weekday")) || (kind === "dayMonth" && /^\s*\)\s*:/.test(after)) || /\b(?:published|updated|posted|last updated on|created)\s*:?\s*(?:on\s*)?$/.test(before);
      const isReportDate =
        isDateline ||
        ((kind === "weekday" || kind === "relative" || kind === "dayMonth") &&
          (reportPrefix.test(before) || toldPrefix.test(before) || /^,? (said|told|reported)\b/.test(after)) &&
          !/\b(night|morning|evening|afternoon)\b/.test(m[0]));
      mentions.push({ ...mention, start, stop, isReportDate });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

function interpret(kind: string, m: RegExpExecArray, text: string, published: PartialDate | undefined): Omit<DateMention, "start" | "stop" | "isReportDate"> | undefined {
  const plain = (date: PartialDate | undefined, end?: PartialDate) =>
    date === undefined || Number.isNaN(date.year) ? undefined : { date, ...(end !== undefined ? { end } : {}), isAnaphoric: false };
  switch (kind) {
    case "nightMonthFirst": {
      const mo = monthNames[m[1]!]!;
      const mo2 = m[3] !== undefined ? monthNames[m[3]]! : mo;
      const y = m[5] !== undefined ? Number(m[5]) : monthOnly(published, mo)?.year;
      if (y === undefined) return undefined;
      return plain({ year: y, month: mo, day: Number(m[2]) }, { year: y, month: mo2, day: Number(m[4]) });
    }
    case "nightDayFirst": {
      const mo = monthNames[m[3]!]!;
      const y = m[4] !== undefined ? Number(m[4]) : monthOnly(published, mo)?.year;
      if (y === undefined) return undefined;
      return plain({ year: y, month: mo, day: Number(m[1]) }, { year: y, month: mo, day: Number(m[2]) });
    }
    case "dayMonth": {
      const d = explicitDay(m[0], published);
      if (d === undefined) return undefined;
      if (d.day !== undefined && (d.day < 1 || d.day > 31)) return undefined;
      return plain(d);
    }
    case "monthYear": {
      return plain({ year: Number(m[3]), month: monthNames[m[2]!]! });
    }
    case "monthOnly":
    case "monthLead": {
      const mo = monthNames[m[1]!]!;
      if (m[1] === "may" && kind === "monthOnly" && !/^(in|since|during|of|until|till|from|this|last year in|earlier in) /.test(m[0])) return undefined;
      if (m[0].startsWith("last year in")) {
        if (published === undefined) return undefined;
        return plain({ year: published.year - 1, month: mo });
      }
      return plain(monthOnly(published, mo));
    }
    case "yearOnly":
      return plain({ year: Number(m[1]) });
    case "weekday":
    case "weekday2": {
      const target = weekdays[(kind === "weekday" ? m[2] : m[1])!]!;
      if (published === undefined) return undefined;
      if (published.day === undefined) return plain({ year: published.year, ...(published.month !== undefined ? { month: published.month } : {}) });
      const pubDay = toUtc(published).getUTCDay();
      let back = (pubDay - target + 7) % 7;
      if (m[1] === "last" && back === 0) back = 7;
      return plain(addDays(published, -back));
    }
    case "relative": {
      const w = m[1]!;
      switch (w) {
        case "yesterday":
        case "last night":
        case "late last night":
        case "throughout the night":
        case "during the night":
        case "late at night":
        case "overnight":
          return plain(relativeDays(published, -1));
        case "day before yesterday":
          return plain(relativeDays(published, -2));
        case "today":
        case "earlier today":
        case "this morning":
        case "tonight":
        case "this evening":
        case "this afternoon":
          return plain(relativeDays(published, 0));
        case "on the same day":
        case "that same day":
        case "the same day":
          return { date: { year: 0 }, isAnaphoric: true, anchorOffsetDays: 0 };
        case "a day before":
          return { date: { year: 0 }, isAnaphoric: true, anchorOffsetDays: /\b(?:came|comes|occurred|happened|took place)(?: just| only)? $/.test(text.slice(0, m.index)) ? 1 : -1 };
        case "the previous day":
        case "the day before":
        case "a day earlier":
          return { date: { year: 0 }, isAnaphoric: true, anchorOffsetDays: -1 };
        case "a day after":
          // "The attack came a day after a suicide bomber struck …": the incident told next is the day before.
          return { date: { year: 0 }, isAnaphoric: true, anchorOffsetDays: /\b(?:came|comes|occurred|happened|took place|followed)(?: just| only)? $/.test(text.slice(0, m.index)) ? -1 : 1 };
        case "the next day":
        case "the following day":
          return { date: { year: 0 }, isAnaphoric: true, anchorOffsetDays: 1 };
        case "earlier in the day":
        case "later in the day":
          return { date: { year: 0 }, isAnaphoric: true, anchorOffsetDays: 0 };
        case "earlier in the month":
          return published?.month === undefined ? undefined : plain({ year: published.year, month: published.month });
        case "earlier in the week":
        case "later in the week":
        case "last week":
        case "this week":
        case "earlier this week": {
          const d = relativeDays(published, w === "last week" ? -7 : -2);
          return d === undefined ? undefined : plain(d.month === undefined ? { year: d.year } : { year: d.year, month: d.month });
        }
        case "last month":
          return published?.month === undefined ? undefined : plain(addMonths(published, -1));
        case "this month":
        case "earlier this month":
          return published?.month === undefined ? undefined : plain({ year: published.year, month: published.month });
        case "earlier this year":
        case "this year":
        case "the current year":
          return published === undefined ? undefined : plain({ year: published.year });
        case "last year":
        case "the previous year":
          return published === undefined ? undefined : plain({ year: published.year - 1 });
      }
      return undefined;
    }
    case "ago": {
      const n = numberWords[m[1]!] ?? Number(m[1]);
      const unit = m[2]!;
      if (published === undefined) return undefined;
      if (unit.startsWith("day")) return plain(relativeDays(published, -n));
      if (unit.startsWith("week")) {
        const d = relativeDays(published, -7 * n);
        return d === undefined ? undefined : plain(d.month === undefined ? { year: d.year } : { year: d.year, month: d.month });
      }
      if (published.month === undefined) return plain({ year: published.year });
      return plain(addMonths(published, -n));
    }
  }
  void text;
  return undefined;
}
