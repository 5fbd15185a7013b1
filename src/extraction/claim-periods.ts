/**
 * The periods statistical claims cover, as reports write them: years ("in 2023", "for the whole of 2024"),
 * months ("in December 2024", "since July"), halves and quarters ("the first six months of 2023", "the
 * third quarter"), ranges ("between July and September"), trailing windows ("over the past 12 months"),
 * relative words resolved against the publication date ("this year", "last month") and words that refer
 * to the period the report is about ("during the month", "the same period last year", "last quarter").
 * Each mention also says what it does in the sentence: the period a figure covers, the baseline it is
 * compared with, or only when something was said or happened (a report date, a "when" clause).
 */
import type { PartialDate } from "./resolve-date.ts";

/** A stretch of months, as month indexes (year × 12 + month − 1), at year or month precision. */
export interface PeriodSpan {
  from: number;
  to: number;
  precision: "year" | "month";
}

export type PeriodRole = "covered" | "baseline" | "report" | "event" | "superlative";

export interface PeriodMention {
  /** Offsets in the sentence's normalised text. */
  start: number;
  end: number;
  /** null: a period the text gives but that has no calendar reading ("in two years"). */
  span: PeriodSpan | null;
  role: PeriodRole;
  /** Only "so far", "in recent days": a weak reading (the publication month) used when nothing else is said. */
  isWeak: boolean;
}

const monthIndex: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12, sept: 9, jan: 1, feb: 2, aug: 8, oct: 10, nov: 11, dec: 12,
};
const countWords: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  eighteen: 18, twenty: 20, thirty: 30, a: 1,
};
const M = "(january|february|march|april|may|june|july|august|september|october|november|december|sept)";
const Y = "((?:19|20)\\d\\d)";
const N = "(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty|thirty|several|few|a)";

/** Formats a span as EXTRACTION.md writes periods: "2024", "2022/2025", "2024-12", "2023-01/2023-06". */
export function formatPeriod(span: PeriodSpan | null): string | null {
  if (span === null) return null;
  const y = (m: number): string => String(Math.floor(m / 12));
  const ym = (m: number): string => `${y(m)}-${String((m % 12) + 1).padStart(2, "0")}`;
  if (span.precision === "year") return span.from === span.to || y(span.from) === y(span.to) ? y(span.from) : `${y(span.from)}/${y(span.to)}`;
  return span.from === span.to ? ym(span.from) : `${ym(span.from)}/${ym(span.to)}`;
}

const yearSpan = (year: number): PeriodSpan => ({ from: year * 12, to: year * 12 + 11, precision: "year" });
const monthSpan = (from: number, to = from): PeriodSpan => ({ from, to, precision: "month" });

/** The same stretch `months` earlier (negative) or later. */
export function shiftSpan(span: PeriodSpan, months: number): PeriodSpan {
  return { from: span.from + months, to: span.to + months, precision: span.precision };
}

/** The stretch of the same length just before. */
export function previousSpan(span: PeriodSpan): PeriodSpan {
  return shiftSpan(span, -(span.to - span.from + 1));
}

export interface PeriodContext {
  published: PartialDate | undefined;
  /** The period the document is reporting on, as established by earlier sentences. */
  reference: PeriodSpan | null;
}

const publishedMonth = (p: PartialDate | undefined): number | undefined => (p?.month === undefined ? undefined : p.year * 12 + p.month - 1);
const isQuarter = (s: PeriodSpan): boolean => s.precision === "month" && s.to - s.from === 2 && s.from % 3 === 0;

/** The most recent occurrence of a month (1–12) not after the publication month. */
function recentMonth(month: number, context: PeriodContext): number | undefined {
  const pub = context.published;
  if (pub === undefined) return context.reference === null ? undefined : Math.floor(context.reference.to / 12) * 12 + month - 1;
  const year = pub.month !== undefined && month > pub.month ? pub.year - 1 : pub.year;
  return year * 12 + month - 1;
}

/** The year a yearless half, quarter or range belongs to: the reference's, else the latest that has ended. */
function impliedYear(lastMonth: number, context: PeriodContext): number | undefined {
  if (context.reference !== null && Math.floor(context.reference.from / 12) === Math.floor(context.reference.to / 12)) return Math.floor(context.reference.to / 12);
  const pub = context.published;
  if (pub === undefined) return undefined;
  if (pub.month !== undefined && lastMonth > pub.month) return pub.year - 1;
  return pub.year;
}

/** Where an open interval ("since July") ends: the end of the period reported on, else the publication. */
function openEnd(context: PeriodContext, precision: "year" | "month"): number | undefined {
  const pub = publishedMonth(context.published) ?? (context.published === undefined ? undefined : context.published.year * 12 + 11);
  if (context.reference !== null && (pub === undefined || context.reference.to <= pub)) return context.reference.to;
  if (precision === "year" && context.published !== undefined) return context.published.year * 12;
  return pub;
}

function yearWord(word: string | undefined, context: PeriodContext): number | undefined {
  const pubYear = context.published?.year;
  if (word === undefined) return undefined;
  if (/^\d{4}$/.test(word)) return Number(word);
  if (/^(current year|this year|the current year|the year)$/.test(word)) return pubYear;
  if (/^(last year|the previous year|previous year|the last year|the past year)$/.test(word)) return pubYear === undefined ? undefined : pubYear - 1;
  return undefined;
}

/** Read against the period the sentence itself names ("… in 2023 from 14 a year earlier"). */
const relativeToSentence = "relative";

interface Pattern {
  re: RegExp;
  read: (m: RegExpExecArray, context: PeriodContext) => PeriodSpan | null | undefined | { shiftMonths: number; toYear?: number; fallback?: PeriodSpan } | typeof relativeToSentence;
  isWeak?: boolean;
  role?: PeriodRole;
}

const ordinal: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

const patterns: Pattern[] = [
  // "between 1 January and 30 June 2024", "from July to September", "January-June 2024".
  {
    re: new RegExp(`\\b(?:between|from) (?:the )?(?:\\d{1,2}(?:st|nd|rd|th)? )?${M}(?: \\d{1,2}(?:st|nd|rd|th)?(?!\\d))?(?:,? ${Y})? (?:and|to|through|till|until|-) (?:\\d{1,2}(?:st|nd|rd|th)? )?${M}(?: \\d{1,2}(?:st|nd|rd|th)?(?!\\d))?(?:,? ${Y})?`, "g"),
    read: (m, c) => {
      const a = monthIndex[m[1]!]!;
      const b = monthIndex[m[3]!]!;
      const endYear = m[4] !== undefined ? Number(m[4]) : impliedYear(b, c);
      const startYear = m[2] !== undefined ? Number(m[2]) : endYear === undefined ? undefined : a <= b ? endYear : endYear - 1;
      if (endYear === undefined || startYear === undefined) return undefined;
      return monthSpan(startYear * 12 + a - 1, endYear * 12 + b - 1);
    },
  },
  {
    re: new RegExp(`\\b${M} ?- ?${M}(?:,? ${Y})?`, "g"),
    read: (m, c) => {
      const a = monthIndex[m[1]!]!;
      const b = monthIndex[m[2]!]!;
      const year = m[3] !== undefined ? Number(m[3]) : impliedYear(b, c);
      if (year === undefined) return undefined;
      return monthSpan((a <= b ? year : year - 1) * 12 + a - 1, year * 12 + b - 1);
    },
  },
  // "Q3 2025", "H1 2023".
  {
    re: new RegExp(`\\b([qh])([1-4])(?:[ -]?(?:of )?${Y})?\\b`, "g"),
    read: (m, c) => {
      const which = Number(m[2]);
      const length = m[1] === "h" ? 6 : 3;
      if (m[1] === "h" && which > 2) return undefined;
      const last = which * length;
      const year = m[3] !== undefined ? Number(m[3]) : impliedYear(last, c);
      return year === undefined ? undefined : monthSpan(year * 12 + last - length, year * 12 + last - 1);
    },
  },
  // "the first half of 2023", "the first six months of the year", "the third quarter".
  {
    re: new RegExp(`\\b(first|second|third|fourth) (half|six months|quarter|three months|nine months)(?:(?: of| in)(?: the)? (current year|this year|last year|previous year|year|${Y}))?(?: ${Y})?`, "g"),
    read: (m, c) => {
      const which = ordinal[m[1]!]!;
      const unit = m[2]!;
      const length = unit === "half" || unit === "six months" ? 6 : unit === "nine months" ? 9 : 3;
      const first = unit === "six months" || unit === "three months" || unit === "nine months" ? 1 : (which - 1) * length + 1;
      if (unit === "half" && which > 2) return undefined;
      const last = first + length - 1;
      const written = m[4] ?? m[5] ?? m[3];
      const year = written === undefined ? impliedYear(last, c) : written === "year" ? (c.reference !== null ? Math.floor(c.reference.to / 12) : c.published?.year) : yearWord(written, c);
      if (year === undefined) return undefined;
      return monthSpan(year * 12 + first - 1, year * 12 + last - 1);
    },
  },
  // "the first four months of the year", "the first 10 months of 2024".
  {
    re: new RegExp(`\\bfirst (two|four|five|seven|eight|ten|eleven|\\d{1,2}) months(?:(?: of| in)(?: the)? (current year|this year|last year|year|${Y}))?`, "g"),
    read: (m, c) => {
      const count = /^\d+$/.test(m[1]!) ? Number(m[1]) : countWords[m[1]!];
      if (count === undefined || count < 1 || count > 12) return undefined;
      const written = m[3] ?? m[2];
      const year = written === undefined ? impliedYear(count, c) : written === "year" ? (c.reference !== null ? Math.floor(c.reference.to / 12) : c.published?.year) : yearWord(written, c);
      return year === undefined ? undefined : monthSpan(year * 12, year * 12 + count - 1);
    },
  },
  // "the same period last year", "the corresponding period in 2022".
  {
    re: new RegExp(`\\b(?:the )?(?:same|corresponding) (?:period|quarter|months?|half)(?: (?:of|in))?(?: (last year|the previous year|previous year|a year (?:ago|earlier)|the year before|${Y}))?`, "g"),
    read: (m, c) => {
      if (c.reference === null) return m[2] !== undefined ? { shiftMonths: 0, toYear: Number(m[2]) } : m[1] !== undefined ? { shiftMonths: -12 } : relativeToSentence;
      if (m[2] !== undefined) return shiftSpan(c.reference, (Number(m[2]) - Math.floor(c.reference.from / 12)) * 12);
      if (m[1] !== undefined) return shiftSpan(c.reference, -12);
      return c.reference;
    },
  },
  // "since the start of the year", "since July", "since the signing of the February 29 agreement", "since 2022".
  {
    re: /\bsince the (?:start|beginning) of (?:the|this) year\b/g,
    read: (_m, c) => {
      const end = openEnd(c, "month");
      return end === undefined ? undefined : monthSpan(Math.floor(end / 12) * 12, end);
    },
  },
  {
    re: new RegExp(`\\bsince (?:the )?(?:[a-z'-]+ ){0,7}?(?:(?:early|mid|late) )?${M}(?: \\d{1,2}(?:st|nd|rd|th)?(?!\\d))?(?:,? ${Y})?(?! \\d)`, "g"),
    read: (m, c) => {
      const month = monthIndex[m[1]!]!;
      const from = m[2] !== undefined ? Number(m[2]) * 12 + month - 1 : recentMonth(month, c);
      const end = openEnd(c, "month");
      if (from === undefined || end === undefined || end < from) return undefined;
      return monthSpan(from, end);
    },
  },
  {
    re: new RegExp(`\\bsince (?:the (?:start|beginning|end) of |the (?:[a-z'-]+ ){1,7}?(?:in )?)?(?:early |mid-?|late )?${Y}\\b`, "g"),
    read: (m, c) => {
      const end = openEnd(c, "year");
      if (end === undefined) return undefined;
      return { from: Number(m[1]) * 12, to: Math.floor(end / 12) * 12, precision: "year" };
    },
  },
  // "over the past 12 months", "in the last two years", "over the past solar year", "in the past week".
  {
    re: new RegExp(`\\b(?:over|in|during|within|for|across) (?:the )?(?:(?:past|last) (?:${N} )?|(?:previous|preceding) ${N} )(?:solar |calendar |fiscal )?(years?|months?|weeks?|days?|decades?)\\b`, "g"),
    read: (m, c) => {
      const unit = m[3]!;
      const written = m[1] ?? m[2];
      const count = written === undefined ? 1 : /^\d+$/.test(written) ? Number(written) : countWords[written];
      if (count === undefined) return null;
      const pub = publishedMonth(c.published);
      if (/^(week|day)/.test(unit)) return pub === undefined ? undefined : monthSpan(pub);
      if (unit.startsWith("decade")) return c.published === undefined ? undefined : { from: (c.published.year - 10 * count) * 12, to: c.published.year * 12, precision: "year" };
      const months = unit.startsWith("year") ? 12 * count : count;
      if (pub === undefined) return c.published === undefined || !unit.startsWith("year") ? undefined : { from: (c.published.year - count) * 12, to: c.published.year * 12, precision: "year" };
      return monthSpan(pub - months, pub);
    },
  },
  // "the highest in six years", "in a decade": not a period of the figure.
  {
    re: new RegExp(`\\b(?:in|since) (?:almost |nearly |over |more than )?(?:a|${N}|\\d+) (?:years|decades?)\\b`, "g"),
    read: () => null,
  },
  // "in December 2024", "a March 2022 report" (a report date).
  {
    re: new RegExp(`\\b(?:(?:early|mid|late|the end of|end of|the beginning of) )?${M},? ${Y}\\b`, "g"),
    read: (m) => monthSpan(Number(m[2]) * 12 + monthIndex[m[1]!]! - 1),
  },
  // "in 2023", "for the whole of 2024", "during 2022", "the year 2021".
  {
    re: new RegExp(`\\b(?:in|during|for|throughout|through|of|across|over|by|the year|until)(?: the)?(?: (?:whole|entire|calendar|fiscal) (?:year )?(?:of )?| year | all of )?(?: )?${Y}\\b(?!-)`, "g"),
    read: (m) => yearSpan(Number(m[1])),
  },
  // "in June", "compared with November".
  {
    re: new RegExp(`\\b(?:in|during|for|of|until|by|throughout|with|to|than|over|from) (?:the month of |early |mid-?|late )?${M}\\b(?! \\d)`, "g"),
    read: (m, c) => {
      const month = recentMonth(monthIndex[m[1]!]!, c);
      return month === undefined ? undefined : monthSpan(month);
    },
  },
  // Relative words.
  {
    re: /\b(?:so far )?(?:this|the current|the present|current) (?:calendar )?year\b|\byear to date\b/g,
    read: (_m, c) => (c.published === undefined ? undefined : yearSpan(c.published.year)),
  },
  {
    re: /\b(?:last|the previous|previous|the preceding|the past) year\b|\bthe year before\b|\ba year (?:earlier|ago|before)\b/g,
    read: (m, c) => {
      if (/^(?:last|the past)/.test(m[0])) return c.published === undefined ? undefined : yearSpan(c.published.year - 1);
      if (c.reference === null || c.reference.precision !== "year") return { shiftMonths: -12 };
      return yearSpan(Math.floor(c.reference.from / 12) - 1);
    },
  },
  {
    re: /\b(?:so far )?(?:this|the current) month\b/g,
    read: (_m, c) => {
      const pub = publishedMonth(c.published);
      return pub === undefined ? undefined : monthSpan(pub);
    },
  },
  {
    re: /\b(?:last|the previous|previous|the preceding|the past) month\b/g,
    read: (_m, c) => {
      if (c.reference !== null && c.reference.precision === "month" && c.reference.from === c.reference.to && !/^last/.test(_m[0])) return previousSpan(c.reference);
      const pub = publishedMonth(c.published);
      return pub === undefined ? undefined : monthSpan(pub - 1);
    },
  },
  {
    re: /\b(?:this|the current|the past|last) week\b/g,
    read: (_m, c) => {
      const pub = publishedMonth(c.published);
      return pub === undefined ? undefined : monthSpan(pub);
    },
  },
  {
    re: /\b(?:this|the current) quarter\b|\bthe quarter(?: under review)?\b/g,
    read: (_m, c) => {
      if (c.reference !== null && isQuarter(c.reference)) return c.reference;
      const pub = publishedMonth(c.published);
      return pub === undefined ? undefined : monthSpan(pub - (pub % 3), pub - (pub % 3) + 2);
    },
  },
  {
    re: /\b(?:last|the previous|previous|the preceding|the last) quarter\b/g,
    read: (_m, c) => {
      if (c.reference !== null && isQuarter(c.reference)) return previousSpan(c.reference);
      const pub = publishedMonth(c.published);
      return { shiftMonths: -3, fallback: pub === undefined ? undefined : monthSpan(pub - (pub % 3) - 3, pub - (pub % 3) - 1) };
    },
  },
  {
    re: /\b(?:during|in|over|for|throughout|of) the (?:whole |entire )?(month|year|period(?: under review)?|reporting period|review period)\b(?! of| \d)/g,
    read: (m, c) => {
      const unit = m[1]!;
      if (unit === "month") {
        if (c.reference !== null && c.reference.precision === "month" && c.reference.from === c.reference.to) return c.reference;
        const pub = publishedMonth(c.published);
        return pub === undefined ? undefined : monthSpan(pub);
      }
      if (unit === "year") {
        if (c.reference !== null && Math.floor(c.reference.from / 12) === Math.floor(c.reference.to / 12)) return yearSpan(Math.floor(c.reference.from / 12));
        return c.published === undefined ? undefined : yearSpan(c.published.year);
      }
      return c.reference ?? undefined;
    },
  },
  // "in the four days of armed conflict", "in recent days", "so far": the month of publication, weakly.
  {
    re: new RegExp(`\\b(?:in|over|during|within) (?:the )?(?:recent|last|past|${N}) days\\b|\\b(?:${N}) days of (?:armed )?(?:conflict|fighting|clashes|violence)\\b|\\bso far\\b`, "g"),
    read: (_m, c) => {
      const pub = publishedMonth(c.published);
      return pub === undefined ? undefined : monthSpan(pub);
    },
    isWeak: true,
  },
];

const speechBefore = /\b(?:said|says|say|told|announced|released|published|issued|reported|stated|noted|added|unveiled|revealed|disclosed|presented|submitted|shared)(?: (?:on|in|earlier|late|this|last|the|a|its|their|his|her|report|data|statement))*\s*$/;
const reportAfter = /^\s*(?:,\s*)?(?:report|survey|study|assessment|review|statement|briefing|press conference|data)\b/;
const eventBefore = /\b(?:when|after|before|following|until|till|ahead of)\b[^,;]{0,40}$/;
const comparisonBefore = /\b(?:compared (?:to|with)|as compared (?:to|with)|comparison (?:to|with)|as against|(?<!(?:more|less|fewer|no|over|under|higher|lower) )than|versus|vs\.?)\s+(?:[^,;]*?)$/;
const changeWords = /\b(?:rise|rose|risen|increase|increased|increasing|jump|jumped|surge|surged|up|down|decline|declined|drop|dropped|fall|fell|fallen|falling|decrease|decreased|dip|dipped|dips|climb|climbed|growth|higher|lower|more|fewer|less|spike|reduction)\b/;
const superlativeBefore = /\b(?:highest|lowest|deadliest|worst|biggest|largest|most|first time|least|best)\b[^,;]{0,30}$/;

function roleOf(text: string, start: number, end: number, matched: string): PeriodRole {
  const before = text.slice(Math.max(0, start - 60), start);
  const after = text.slice(end, end + 30);
  if (reportAfter.test(after) && !/^\s*,/.test(after)) return "report";
  if (speechBefore.test(before)) return "report";
  const clause = before.split(/[,;]|\bbut\b|\bwhile\b|\bwhereas\b/).pop() ?? "";
  if (superlativeBefore.test(clause) && /^since\b|years|decade/.test(matched)) return "superlative";
  if (comparisonBefore.test(clause)) return "baseline";
  const tail = clause.trimEnd();
  const recent = tail.split(/\s+/).slice(-8).join(" ");
  // "a 66 percent rise over", "a 22 per cent decline from", "up from 589 in", "over the previous year".
  const startsWithComparison = /^(?:over|from)\b/.test(matched);
  if ((/\b(?:over|from)(?:\s+the)?$/.test(tail) || startsWithComparison) && changeWords.test(recent)) return "baseline";
  if (/\bfrom\s+\d[\d,.]*(?:\s+[a-z-]+)?(?:\s+(?:in|during))?$/.test(tail)) return "baseline";
  if (eventBefore.test(clause)) return "event";
  // "Last month, the minister had said …": the date of the statement, not of the figures.
  if (start < 3) {
    const rest = text.slice(end, end + 110);
    if (/^,/.test(rest) && /\b(?:said|says|told|announced|stated|warned|claimed)\b/.test(rest.split(/\d/)[0] ?? "")) return "report";
  }
  return "covered";
}

/** Every period mention in a sentence (normalised text), in text order. */
export function findPeriods(text: string, context: PeriodContext): PeriodMention[] {
  const found: PeriodMention[] = [];
  const relative: Array<{ start: number; end: number; shift: number; toYear?: number; fallback?: PeriodSpan; role: PeriodRole }> = [];
  const overlaps = (s: number, e: number): boolean => found.some((p) => s < p.end && e > p.start) || relative.some((p) => s < p.end && e > p.start);
  for (const pattern of patterns) {
    pattern.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.re.exec(text)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      const read = pattern.read(m, context);
      if (read === undefined) continue;
      const role = pattern.role ?? (read === null && /years|decade/.test(m[0]) && superlativeBefore.test(text.slice(Math.max(0, start - 40), start)) ? "superlative" : roleOf(text, start, end, m[0]));
      if (read === relativeToSentence || (read !== null && "shiftMonths" in read)) {
        relative.push({ start, end, shift: read === relativeToSentence ? 0 : read.shiftMonths, toYear: read === relativeToSentence ? undefined : read.toYear, fallback: read === relativeToSentence ? undefined : read.fallback, role });
        continue;
      }
      found.push({ start, end, span: read, role, isWeak: pattern.isWeak === true });
    }
  }
  // "compared with 41 in the same period last year", "from 14 a year earlier": against the period the sentence names.
  for (const r of relative) {
    const anchor = found.filter((p) => p.role === "covered" && p.span !== null).sort((a, b) => Math.abs(a.start - r.start) - Math.abs(b.start - r.start))[0];
    const base = anchor?.span ?? (r.fallback !== undefined ? null : context.reference);
    if ((base === null || base === undefined) && r.fallback !== undefined) {
      found.push({ start: r.start, end: r.end, span: r.fallback, role: r.role, isWeak: false });
      continue;
    }
    const shift = r.toYear !== undefined && base !== null && base !== undefined ? (r.toYear - Math.floor(base.from / 12)) * 12 : r.shift;
    let span: PeriodSpan | null = base === null || base === undefined ? null : shiftSpan(base, shift);
    if (span === null && r.shift === -12 && context.published !== undefined) span = yearSpan(context.published.year - 1);
    found.push({ start: r.start, end: r.end, span, role: r.role, isWeak: false });
  }
  return found.sort((a, b) => a.start - b.start);
}
