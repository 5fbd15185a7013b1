/**
 * Attributed statistical claims: figures that count attacks, deaths, injuries, weapons, money or change over
 * a period ("1,524 violence-related deaths … in 2023, according to … CRSS", "a 79 per cent increase"),
 * with their qualifier ("over", "nearly"), the period they cover and who states them.
 */
import { findCasualties, qualifierBefore, type CasualtyMention } from "./casualty-grammar.ts";
import type { ClaimMetric, ExtractedClaim } from "./extraction-types.ts";
import type { SentenceFrame } from "./analyze-sentence.ts";
import { parseNumberAt } from "./parse-number.ts";
import type { PartialDate } from "./resolve-date.ts";
import type { Token } from "./tokenize.ts";

const metricNouns: Array<[RegExp, ClaimMetric]> = [
  [/^(attacks?|incidents?|operations?|strikes?|assaults?|bombings?|blasts?|explosions?|raids?)$/, "attacks"],
  [/^(deaths?|fatalities|fatality|lives|killings?|dead|killed|casualties)$/, "killed"],
  [/^(injuries|injured|wounded|hurt)$/, "injured"],
  [/^(weapons|firearms|rifles|guns|arms|pistols)$/, "weapons"],
  [/^(aircraft|aircrafts|planes|helicopters|airplanes)$/, "aircraft"],
  [/^(vehicles|humvees|trucks)$/, "vehicles"],
  [/^(munitions|bombs|shells|missiles|rockets)$/, "munitions"],
];
const skippable = new Set(["terror", "terrorist", "militant", "violent", "violence", "related", "-", "reported", "suicide", "separate", "such", "major", "more", "total", "counter", "terrorism", "security", "air", "to", "ground", "people", "civilian", "new", "recorded", "fresh", "deadly", "cross", "border", "of", "military", "armoured", "armored", "small", "and", "light", "combat", "additional", "other"]);
const rise = /\b(increase|increased|increases|rise|rose|risen|rising|up|jump|jumped|surge|surged|spike|spiked|higher|grew|growth|climb|climbed|soared|uptick)\b/;
const fall = /\b(decline|declined|declines|drop|dropped|drops|fall|fell|fallen|decrease|decreased|down|lower|reduction|reduced|dip|dipped|plunged|less)\b/;
const share = /\b(accounting for|accounted for|account for|of the total|share|of all|of total|were recorded in|was recorded in|occurred in|took place in)\b/;

interface PeriodMention {
  value: string;
  at: number;
}

function periodsIn(text: string, published: PartialDate | undefined): PeriodMention[] {
  const out: PeriodMention[] = [];
  const pubYear = published?.year;
  const push = (value: string | undefined, at: number): void => {
    if (value !== undefined) out.push({ value, at });
  };
  const yearOf = (w: string | undefined): number | undefined => (w === undefined ? pubYear : /^\d{4}$/.test(w) ? Number(w) : w === "last year" ? (pubYear === undefined ? undefined : pubYear - 1) : pubYear);
  let m: RegExpExecArray | null;
  const halves = /\b(first|second) (?:half|six months)(?: of)?(?: (?:the )?(current year|this year|last year|(?:19|20)\d\d))?/g;
  while ((m = halves.exec(text)) !== null) {
    const y = yearOf(m[2]);
    if (y !== undefined) push(m[1] === "first" ? `${y}-01/${y}-06` : `${y}-07/${y}-12`, m.index);
  }
  const quarters = /\b(first|second|third|fourth) quarter(?: of)?(?: (?:the )?((?:19|20)\d\d|this year|current year))?/g;
  while ((m = quarters.exec(text)) !== null) {
    const y = yearOf(m[2]);
    const q = ["first", "second", "third", "fourth"].indexOf(m[1]!);
    if (y !== undefined) push(`${y}-${String(q * 3 + 1).padStart(2, "0")}/${y}-${String(q * 3 + 3).padStart(2, "0")}`, m.index);
  }
  const since = /\bsince ((?:19|20)\d\d)\b/g;
  while ((m = since.exec(text)) !== null) if (pubYear !== undefined) push(`${m[1]}/${pubYear}`, m.index);
  const inYear = /\b(?:in|during|of|for) ((?:19|20)\d\d)\b/g;
  while ((m = inYear.exec(text)) !== null) if (!out.some((p) => Math.abs(p.at - m!.index) < 25)) push(m[1]!, m.index);
  const thisYear = /\b(this year|the current year|so far this year|current year)\b/g;
  while ((m = thisYear.exec(text)) !== null) if (pubYear !== undefined && !out.some((p) => Math.abs(p.at - m!.index) < 30)) push(String(pubYear), m.index);
  const lastYear = /\blast year\b/g;
  while ((m = lastYear.exec(text)) !== null) if (pubYear !== undefined && !out.some((p) => Math.abs(p.at - m!.index) < 30)) push(String(pubYear - 1), m.index);
  const lastMonth = /\blast month\b/g;
  while ((m = lastMonth.exec(text)) !== null) {
    if (published?.month !== undefined) {
      const total = published.year * 12 + published.month - 2;
      push(`${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`, m.index);
    }
  }
  const monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
  const inMonth = /\b(?:in|during|of|for) (january|february|march|april|may|june|july|august|september|october|november|december)(?: ((?:19|20)\d\d))?\b/g;
  while ((m = inMonth.exec(text)) !== null) {
    const month = monthNames.indexOf(m[1]!) + 1;
    let y = m[2] !== undefined ? Number(m[2]) : pubYear;
    if (y === undefined) continue;
    if (m[2] === undefined && published?.month !== undefined && month > published.month) y -= 1;
    if (!out.some((p) => Math.abs(p.at - m!.index) < 5)) push(`${y}-${String(month).padStart(2, "0")}`, m.index);
  }
  const thisMonth = /\b(this (?:week|month)|so far this month)\b/g;
  while ((m = thisMonth.exec(text)) !== null) if (published?.month !== undefined) push(`${published.year}-${String(published.month).padStart(2, "0")}`, m.index);
  return out.sort((a, b) => a.at - b.at);
}

const attribution = /\b(?:according to|report (?:issued|released|published|compiled|prepared) by|data (?:compiled|released) by|issued by|released by|published by|by (?:the )?think[- ]tank)\s+(?:(?:a|an|the)\s+)?(?:[a-z\-]+\s+){0,4}?(?:(?:report|data|figures|study|survey)\s+(?:(?:issued|released|published|compiled|presented|prepared)\s+)?(?:by|of)\s+(?:the\s+)?)?((?:[A-Z][\w\-’'.]*|of|for|and|the|on)(?:\s+(?:[A-Z][\w\-’'.]*|of|for|and|on|the|\([A-Z]+\)))*)/;
const saidBy = /((?:[A-Z][\w\-’'.]*)(?:\s+[A-Z][\w\-’'.]*){0,5})\s+(?:said|says|noted|told|stated|added|claimed)\b/;

function findAttribution(original: string): string | null {
  const m = attribution.exec(original);
  if (m !== null && m[1] !== undefined) {
    const name = m[1].replace(/\s*\([A-Z]+\)$/, "").replace(/\s+(of|for|and|the|on)$/i, "").trim();
    if (name.length > 2 && /[A-Z]/.test(name[0] ?? "")) return name.replace(/^(The)\s+/, "");
  }
  const s = saidBy.exec(original);
  if (s !== null && s[1] !== undefined && !/^(He|She|They|It|The|This|That)$/.test(s[1])) return s[1];
  return null;
}

function metricAfter(tokens: readonly Token[], from: number): ClaimMetric | undefined {
  for (let k = from; k < tokens.length && k < from + 5; k++) {
    const w = tokens[k]!.norm;
    for (const [re, metric] of metricNouns) if (re.test(w)) return metric;
    if (!skippable.has(w) && !/^(pakistani|afghan|us|u|s|american)$/.test(w)) return undefined;
  }
  return undefined;
}

export interface ClaimContext {
  published: PartialDate | undefined;
  original: string;
}

/** Claims stated in one aggregate sentence; `carry` keeps period and attribution across sentences. */
export function extractClaims(frame: SentenceFrame, context: ClaimContext, carry: { period: string | null; attributedTo: string | null }): ExtractedClaim[] {
  const tokens = frame.tokens;
  const original = context.original.slice(frame.start, frame.end);
  const periods = periodsIn(frame.text, context.published);
  const hasNewSource = /\baccording to\b/.test(frame.text);
  const attributedTo = findAttribution(original) ?? (hasNewSource ? null : carry.attributedTo);
  if (attributedTo !== null) carry.attributedTo = attributedTo;
  const periodAt = (offset: number): string | null => {
    if (periods.length === 0) return hasNewSource ? null : carry.period;
    let best = periods[0]!;
    for (const p of periods) if (Math.abs(p.at - offset) < Math.abs(best.at - offset)) best = p;
    return best.value;
  };
  if (periods.length > 0) carry.period = periods[0]!.value;
  const claims: ExtractedClaim[] = [];
  const seen = new Set<string>();
  const add = (metric: ClaimMetric, value: number, qualifier: ExtractedClaim["qualifier"], tokenIndex: number): void => {
    const key = `${metric}:${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    const offset = (tokens[tokenIndex]?.start ?? frame.start) - frame.start;
    claims.push({ metric, value, qualifier, period: periodAt(offset), scope: null, attributed_to: attributedTo, evidence: [{ start: frame.start, end: frame.end }] });
  };
  let lastMetric: ClaimMetric | undefined;
  const casualtyAt = new Map<number, CasualtyMention>();
  for (const mention of findCasualties(tokens)) if (mention.value !== null) casualtyAt.set(mention.from, mention);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    for (const [re, metric] of metricNouns) if (re.test(t.norm)) lastMetric = metric;
    const mention = casualtyAt.get(i);
    if (mention !== undefined && mention.outcome !== "casualties") {
      const number = tokens.findIndex((x, k) => k >= mention.from && k < mention.to && (x.isNumber || parseNumberAt(tokens, k)?.value != null));
      add(mention.outcome, mention.value!, mention.qualifier, number < 0 ? i : number);
      i = mention.to - 1;
      continue;
    }
    const number = parseNumberAt(tokens, i);
    if (number === undefined || number.value === null || number.isArticle) continue;
    if (t.isNumber && /^(19|20)\d\d$/.test(t.norm) && !(tokens[i + 1] && metricAfter(tokens, i + 1))) continue;
    const before = tokens[i - 1]?.norm;
    if (before !== undefined && /^(january|february|march|april|may|june|july|august|september|october|november|december)$/.test(before)) continue;
    const { qualifier } = qualifierBefore(tokens, i);
    const next = tokens[number.to]?.norm;
    const next2 = tokens[number.to + 1]?.norm;
    const window = frame.text.slice(Math.max(0, t.start - frame.start - 60), t.end - frame.start + 60);
    if (next === "%" || next === "percent" || next === "pc" || (next === "per" && next2 === "cent")) {
      const after = frame.text.slice(t.end - frame.start, t.end - frame.start + 40);
      const beforeText = frame.text.slice(Math.max(0, t.start - frame.start - 40), t.start - frame.start);
      const changeText = after + " " + beforeText.split(/[,;]/).pop();
      if (share.test(after) || share.test(beforeText.slice(-25))) add("share_percent", number.value, qualifier, i);
      else if (fall.test(changeText)) add("percent_change", -number.value, qualifier, i);
      else if (rise.test(changeText)) add("percent_change", number.value, qualifier, i);
      else add("share_percent", number.value, qualifier, i);
      i = number.to - 1;
      continue;
    }
    if (before === "$" || next === "dollars" || next === "usd" || before === "usd" || before === "us$") {
      add("value_usd", number.value, qualifier, i);
      i = number.to - 1;
      continue;
    }
    let metric = metricAfter(tokens, number.to);
    if (metric === undefined && before === "(" && next === ")" && lastMetric !== undefined) metric = lastMetric;
    if (metric === undefined && lastMetric !== undefined && (next === undefined || next === "." || next === "," || next === ";" || next === "to" || next === "and") && !(t.isNumber && /^(19|20)\d\d$/.test(t.norm))) metric = lastMetric;
    void window;
    if (metric !== undefined) add(metric, number.value, qualifier, i);
    i = number.to - 1;
  }
  return claims;
}

/** A toll that covers several incidents, as claims ("at least 47 civilians were killed in the strikes"). */
export function tollClaims(frame: SentenceFrame, mentions: readonly CasualtyMention[], period: string | null, original: string): ExtractedClaim[] {
  const attributedTo = findAttribution(original.slice(frame.start, frame.end));
  return mentions
    .filter((m) => m.partOf === null && m.value !== null && m.outcome !== "casualties")
    .map((m) => ({
      metric: m.outcome === "injured" ? ("injured" as const) : ("killed" as const),
      value: m.value!,
      qualifier: m.qualifier,
      period,
      scope: null,
      attributed_to: attributedTo,
      evidence: [{ start: frame.start, end: frame.end }],
    }));
}
