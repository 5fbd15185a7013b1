/**
 * Attributed statistical claims: figures that count attacks, deaths, injuries, weapons, money or change over
 * a period ("1,524 violence-related deaths … in 2023, according to … CRSS", "a 79 per cent increase",
 * "accounting for 58 percent of deaths", "the fourth journalist killed this year"), with their qualifier
 * ("over", "nearly"), the period they cover and who states them.
 *
 * The grammar reads each sentence's figures: a number with its counting noun ("82 militant attacks",
 * "2,546 violence-linked fatalities", "2.3 million rounds"), a counted group of people with what happened
 * to them ("95 people lost their lives, including 43 security personnel"), percentages (a change when
 * something rose or fell, else a share), dollar amounts, partitives ("208 of the attacks"), ellipses ("while
 * Balochistan saw 17", "up from 589 in 2024") and ordinals ("the third such attack"). A figure is a claim
 * when its sentence is statistical (a period, a source, a total, a share, or the run of such sentences it
 * continues) and the figure is not the toll of one incident (a day date, "a bombing", "Friday's clashes").
 * Periods and sources are carried across sentences: "the report said", "during the month", "he said".
 */
import type { SentenceFrame } from "./analyze-sentence.ts";
import { findAttribution, newAttributionState, readAbbreviations, type AttributionState } from "./claim-attribution.ts";
import { findPeriods, formatPeriod, previousSpan, type PeriodMention, type PeriodSpan } from "./claim-periods.ts";
import { qualifierBefore, type CasualtyMention } from "./casualty-grammar.ts";
import { casualtyHeads } from "./casualty-lexicon.ts";
import type { ClaimMetric, ClaimQualifier, ExtractedClaim } from "./extraction-types.ts";
import { parseNumberAt } from "./parse-number.ts";
import type { PartialDate } from "./resolve-date.ts";
import type { Token } from "./tokenize.ts";

const countingNouns = new Map<string, ClaimMetric>([
  ...["attack", "attacks", "incident", "incidents", "operation", "operations", "ibos", "ibo", "strikes", "airstrikes", "bombings", "blasts", "explosions", "raids", "ambushes", "assaults", "acts", "encounters"].map((w): [string, ClaimMetric] => [w, "attacks"]),
  ...["deaths", "fatalities", "fatality", "lives", "killings", "dead", "death"].map((w): [string, ClaimMetric] => [w, "killed"]),
  ...["injuries", "injured", "wounded", "injury"].map((w): [string, ClaimMetric] => [w, "injured"]),
  ...["weapons", "firearms", "rifles", "guns", "pistols", "arms", "kalashnikovs"].map((w): [string, ClaimMetric] => [w, "weapons"]),
  ...["aircraft", "aircrafts", "planes", "helicopters", "airplanes", "aeroplanes", "jets"].map((w): [string, ClaimMetric] => [w, "aircraft"]),
  ...["vehicles", "humvees", "trucks", "tanks"].map((w): [string, ClaimMetric] => [w, "vehicles"]),
  ...["munitions", "rounds", "cartridges", "bullets", "shells", "missiles", "rockets", "bombs", "grenades", "mines", "landmines"].map((w): [string, ClaimMetric] => [w, "munitions"]),
]);
const extraPeople = new Set(["pakistanis", "afghans", "targets", "nationals", "members", "individuals", "persons", "people", "others", "cops", "servicemen", "fighters", "commanders", "bombers", "khwarij", "khawarij", "journalists", "workers", "worshippers"]);
const isPeopleNoun = (w: string): boolean => extraPeople.has(w) || (casualtyHeads.has(w) && !countingNouns.has(w));
/** Words that end the noun phrase after a number. */
const nounStops = new Set(["was", "were", "is", "are", "had", "have", "has", "been", "be", "in", "on", "at", "during", "since", "by", "from", "to", "for", "with", "and", "or", "while", "who", "which", "that", "as", "across", "inside", "against", "after", "before", "than", "per", "percent", "pc", "%", "this", "last", "each", "a", "an", "the", "out", "of", "remained", "were", "over", "under", "between", "into", "through", "but", "its", "their", "his", "her"]);
const unitWords = new Set(["km", "kilometres", "kilometers", "kg", "kilogrammes", "kilograms", "kilogram", "tonnes", "tons", "metres", "meters", "miles", "years", "year", "old", "months", "month", "days", "day", "weeks", "week", "hours", "hour", "minutes", "am", "pm", "o'clock", "decades", "rupees", "rs", "afghanis", "times", "x", "acres", "feet", "litres", "per"]);
const monthWords = /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;

const killLeft = /^(killed|killing|kill|kills|claiming|claimed|claim|martyred|martyring|eliminated|eliminating|neutralised|neutralized|neutralising|neutralizing|losing|lost)$/;
const injureLeft = /^(injuring|injured|wounding|wounded|injure|injures|wounds|hurting)$/;
const killRight = /^(killed|martyred|died|dead|perished|lost|laid|embraced|neutralised|neutralized|eliminated|slain|shahadat|fatalities|deaths)$/;
const injureRight = /^(injured|wounded|hurt|injuries)$/;
const leftSkip = new Set(["at", "least", "more", "than", "over", "nearly", "about", "around", "some", "as", "many", "up", "to", "almost", "roughly", "approximately", "another", "the", "lives", "of", "deaths", "a", "total", "an", "estimated", "no", "fewer", "less", "upwards", "in", "excess", "close", "under", "all"]);

const rise = /^(increase|increased|increases|increasing|rise|rose|risen|rising|rises|up|jump|jumped|jumps|surge|surged|surges|spike|spiked|higher|grew|growth|climb|climbed|climbing|climbs|soared|uptick|hike|more)$/;
const fall = /^(decline|declined|declines|declining|drop|dropped|drops|dropping|fall|fell|fallen|falling|falls|decrease|decreased|decreasing|down|lower|reduction|reduced|dip|dipped|dips|plunged|plunge|less|fewer|slump|slumped)$/;
const shareCue = /\b(accounting for|accounted for|account for|accounts for|share|of the total|of all|of total)\b/;
const domainWords = /\b(attacks?|incidents?|violence|violent|fatalit|deaths?|casualt|killed|killings?|injur|wounded|terror|militan|operations?|strikes?|bombings?|blasts?|weapons|insurgen|lives|victims)/;
/** Percentages about money, the economy or votes are not conflict statistics, whatever else the sentence says. */
const otherDomain = /\b(budget|allocation|allocated|funding|spending|gdp|inflation|exports?|imports?|revenue|taxes|tax|economy|economic|prices?|turnout|votes?|literacy|enrolment|enrollment|population|tariffs?|remittances)\b/;
const moneyDomain = /\b(equipment|weapons|arms|military|assets|aircraft|vehicles|munitions|ammunition|defen[cs]e|security assistance)\b/;
const sourceCue = /\b(report|reports|data|figures|statistics|survey|study|think tank|recorded|documented|tally|monitor|database)\b/;
const newIncidentCue = /\b(in the latest|in another|in a separate|separately,|earlier,|earlier (?:on|today)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|today|last night|overnight)\b/;
const singularIncident = /\b(?:a|an|the|this|that|one)\s+(?:(?!(?:year|month|week|while|and|of|in|on|at|for|with|from|to|by|as|which|that|was|were|is|are|has|had|have|number)\b)[a-z'-]+\s+){0,3}(?:attack|bombing|blast|explosion|strike|airstrike|ambush|assault|raid|operation|encounter|shooting|incident|clash|drop|bomb|gunfight|firefight|battle|combat|exchange of fire|bomber|attacker|gunman)\b|\bthe fighting\b/;
/** Metrics that a single seizure reports as its haul, and the verbs of a seizure. */
const haulMetrics = new Set<ClaimMetric>(["weapons", "munitions", "vehicles"]);
const haulVerb = /\b(?:recover(?:ed|ing|y)|seiz(?:ed|ing|ure)|confiscat(?:ed|ing|ion)|impounded|intercepted|captured|unearthed|found|cache)\b/;
/** One incident named by what it did: "a suicide bombing in Islamabad that killed 12", "a bus … was bombed". */
const incidentClause = /\b(?:attack|bombing|blast|explosion|strike|ambush|assault|raid|shooting)\b(?:\s+[a-z'-]+){0,5}\s+(?:that|which)\s+(?:killed|left|claimed|wounded|injured)\b|\bwas (?:bombed|attacked|ambushed|targeted|struck|hit|blown up|stormed)\b|\bclaimed responsibility\b|^(?:(?:january|february|march|april|may|june|july|august|september|october|november|december) )?(?:19|20)\d\d:/;
const statedBefore = /\b(?:said|says|told|announced|stated|released|published|issued|reported|confirmed|added|disclosed|revealed|noted|informed)(?:\s+(?!that\b)[a-z'-]+){0,3}\s*(?:on\s*)?$/;
const dayPossessive = /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)'s\b/;
const ordinals = new Map<string, number>(Object.entries({ second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, twentieth: 20 }));
const attackSingular = /^(attack|incident|bombing|blast|explosion|strike|assault|ambush|raid|killing)$/;
/** Words a written-out number can start with (digits are tokens of their own). */
const numberWords = new Set(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "dozen", "hundred"]);
const mayStartNumber = (t: Token): boolean => t.isNumber || numberWords.has(t.norm) || (t.norm === "a" || t.norm === "an");
const stockMetrics = new Set<ClaimMetric>(["weapons", "aircraft", "vehicles", "munitions", "value_usd"]);

interface Figure {
  metric: ClaimMetric;
  value: number;
  qualifier: ClaimQualifier;
  /** Offset in the sentence's normalised text. */
  at: number;
  /** Inside a comparison: "up from 589", "from 36 to 59", "last quarter's figure of 43". */
  isBaseline: boolean;
  /** A count of people or attacks, which may be one incident's toll. */
  isToll: boolean;
  isOrdinal: boolean;
  /** Offsets (in the sentence's normalised text) of the counted people ("security personnel"), if any. */
  people?: [number, number];
}

/** What the grammar knows about a claim it read (toll claims from event assembly have none). */
interface ClaimNotes {
  /** Read from a headline (first paragraph, no closing punctuation), which the body usually repeats. */
  isHeadline: boolean;
}

interface DocumentState {
  reference: PeriodSpan | null;
  attribution: AttributionState;
  lastMetric: ClaimMetric | undefined;
  previousHadClaims: boolean;
  /** Claims whose period a later sentence may give ("… compared to the previous quarter. … during the third quarter of 2020."). */
  pending: ExtractedClaim[];
  /** The source the last claims were attributed to. */
  lastSource: string | null;
  notes: WeakMap<ExtractedClaim, ClaimNotes>;
}

const states = new WeakMap<object, DocumentState>();

function stateOf(carry: object, original: string): DocumentState {
  let state = states.get(carry);
  if (state === undefined) {
    const attribution = newAttributionState();
    attribution.abbreviations = readAbbreviations(original);
    state = { reference: null, attribution, lastMetric: undefined, previousHadClaims: false, pending: [], lastSource: null, notes: new WeakMap() };
    states.set(carry, state);
  }
  return state;
}

/** The counting noun or people noun after a number (skipping modifiers and hyphenated compounds). */
function readNoun(tokens: readonly Token[], from: number): { metric?: ClaimMetric; isPeople?: boolean; isCasualties?: boolean; end: number } {
  for (let k = from; k < tokens.length && k < from + 7; k++) {
    const w = tokens[k]!.norm;
    if (w === "-") {
      k++;
      continue;
    }
    if (w === "small" && tokens[k + 1]?.norm === "arms") return { metric: "weapons", end: k + 2 };
    if (w === "rounds" && tokens[k + 1]?.norm === "of") return { metric: "munitions", end: k + 3 };
    const metric = countingNouns.get(w);
    if (metric !== undefined) {
      if ((w === "dead" || w === "injured" || w === "wounded") && k !== from) return { end: k };
      return { metric, end: k + 1 };
    }
    if (w === "casualties" || w === "casualty") return { end: k + 1, isCasualties: true };
    if (isPeopleNoun(w)) {
      // "82 militant attacks", "140 terrorist incidents": a modifier, not the head.
      const following = tokens[k + 1]?.norm === "-" ? tokens[k + 2]?.norm : tokens[k + 1]?.norm;
      if (following !== undefined && (countingNouns.has(following) || following === "casualties" || following === "related" || following === "linked")) continue;
      return { isPeople: true, end: k + 1 };
    }
    if (tokens[k]!.isNumber || !tokens[k]!.isWord || nounStops.has(w) || unitWords.has(w) || monthWords.test(w)) return { end: k };
  }
  return { end: from };
}

/** What happened to a counted group of people: the verb just before it, or the outcome words after it. */
/** The verb just before a counted group ("killing 236 militants", "the deaths of 180 individuals"); null when mixed ("killed or injured"). */
function leftOutcome(tokens: readonly Token[], numberFrom: number): "killed" | "injured" | null | undefined {
  let k = numberFrom - 1;
  while (k >= 0 && leftSkip.has(tokens[k]!.norm)) {
    if (tokens[k]!.norm === "of" && (tokens[k - 1]?.norm === "deaths" || tokens[k - 1]?.norm === "lives" || tokens[k - 1]?.norm === "killing")) return "killed";
    if (tokens[k]!.norm === "of" && tokens[k - 1]?.norm === "bodies") return null;
    k--;
  }
  const left = tokens[k]?.norm;
  if (left === undefined) return undefined;
  const isKill = killLeft.test(left);
  const isInjure = injureLeft.test(left);
  if ((isKill || isInjure) && tokens[k - 1]?.norm === "or") return null;
  if (isKill) return "killed";
  if (isInjure) return "injured";
  return undefined;
}

/** "… 101 people, including 47 soldiers": a count in the parts of a total, unless a new clause has begun ("…, while 123 were injured"). */
function isAfterIncluding(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 12; k--) {
    const w = tokens[k]!.norm;
    if (w === "including" || w === "whom") return true;
    if (w === "while" || w === "whereas" || w === "but" || w === ";" || w === "said" || w === "says") return false;
  }
  return false;
}

function peopleOutcome(tokens: readonly Token[], nounEnd: number): "killed" | "injured" | undefined {
  for (let j = nounEnd, steps = 0; j < tokens.length && steps < 14; j++, steps++) {
    const w = tokens[j]!.norm;
    if (w === "(") {
      while (j < tokens.length && tokens[j]!.norm !== ")") j++;
      continue;
    }
    if (w === "," && /^(including|mostly|mainly|among)$/.test(tokens[j + 1]?.norm ?? "")) {
      j += 2;
      while (j < tokens.length && tokens[j]!.norm !== "," && tokens[j]!.norm !== ".") j++;
      continue;
    }
    if (w === "." || w === ";" || w === ":" || tokens[j]!.isNumber || w === "while" || w === "but") return undefined;
    if (w === "arrested" || w === "detained" || w === "apprehended" || w === "recovered" || w === "rescued" || w === "displaced" || w === "kidnapped" || w === "abducted") return undefined;
    if (w === "or" && (killRight.test(tokens[j + 1]?.norm ?? "") || injureRight.test(tokens[j + 1]?.norm ?? ""))) return undefined;
    if (killRight.test(w)) {
      if (w === "lost" && !/^(their|his|her|lives)$/.test(tokens[j + 1]?.norm ?? "")) continue;
      if (w === "laid" && tokens[j + 1]?.norm !== "down") continue;
      return "killed";
    }
    if (injureRight.test(w)) return "injured";
    if (w === "to" && tokens[j + 1]?.norm === "be" && tokens[j + 2] !== undefined && killRight.test(tokens[j + 2]!.norm)) return "killed";
  }
  return undefined;
}

/** Direction of a percentage at token i (number) … to (after the percent word): +1, −1, 0 (a share) or undefined. */
function percentReading(tokens: readonly Token[], i: number, to: number, text: string, sentenceStart: number): { kind: "change" | "share"; sign: number } | undefined {
  const after1 = tokens[to]?.norm ?? "";
  const after2 = tokens[to + 1]?.norm ?? "";
  if (after1 === "of" || after1 === "share") return { kind: "share", sign: 1 };
  if (rise.test(after1) && after1 !== "more" && after1 !== "up") return { kind: "change", sign: 1 };
  if (fall.test(after1) && after1 !== "down" && after1 !== "less" && after1 !== "fewer") return { kind: "change", sign: -1 };
  if ((after1 === "more" || after1 === "higher") && after2 === "than") return { kind: "change", sign: 1 };
  if ((after1 === "less" || after1 === "fewer" || after1 === "lower") && after2 === "than") return { kind: "change", sign: -1 };
  // Look left past qualifiers: "increased by nearly 36", "a rise of 28", "up 29", "share dropped to 24".
  let k = i - 1;
  while (k >= 0 && /^(at|least|more|than|over|nearly|about|around|some|almost|roughly|approximately|a|an|staggering|whopping|massive|marginal|sharp|significant|striking|modest|slight|estimated|only|just|mere|further|another|overall|the)$/.test(tokens[k]!.norm)) k--;
  const left = tokens[k]?.norm ?? "";
  const left2 = tokens[k - 1]?.norm ?? "";
  if (left === "to" && (rise.test(left2) || fall.test(left2))) return { kind: "share", sign: 1 };
  if (left === "by" || left === "of") {
    if (rise.test(left2)) return { kind: "change", sign: 1 };
    if (fall.test(left2)) return { kind: "change", sign: -1 };
  }
  if (rise.test(left)) return { kind: "change", sign: 1 };
  if (fall.test(left)) return { kind: "change", sign: -1 };
  if (/^(accounting|accounted|account|accounts|constituted|comprised|represented|made)$/.test(left2) || (left === "for" && /^(accounting|accounted|account|accounts)$/.test(left2))) return { kind: "share", sign: 1 };
  // "a marginal drop in violence incidents (5 per cent)": the change word before the parenthesis.
  if (left === "(") {
    for (let j = k - 1; j >= 0 && j > k - 7; j--) {
      const w = tokens[j]!.norm;
      if (rise.test(w)) return { kind: "change", sign: 1 };
      if (fall.test(w)) return { kind: "change", sign: -1 };
    }
  }
  const clauseBefore = text.slice(Math.max(0, tokens[i]!.start - sentenceStart - 40), tokens[i]!.start - sentenceStart).split(/[,;]/).pop() ?? "";
  if (shareCue.test(clauseBefore)) return { kind: "share", sign: 1 };
  return undefined;
}

export interface ClaimContext {
  published: PartialDate | undefined;
  original: string;
}

/** Where one sentence breaks into clauses and comma segments, found once and then looked up by offset. */
interface SentenceLayout {
  /** Index of the clause (";", ", ", "while", "but" …) an offset falls in. */
  clauseIndex(at: number): number;
  /** The comma-delimited stretch around an offset. */
  segment(at: number): [number, number];
  /** The clause around an offset, commas inside it kept ("Khyber Pakhtunkhwa and Balochistan, with …"). */
  clause(at: number): [number, number];
}

function positionsOf(text: string, re: RegExp): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push(m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** Number of sorted positions below `at`. */
function countBelow(sorted: readonly number[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function layoutOf(text: string): SentenceLayout {
  let clauseBreaks: number[] | undefined;
  let opens: number[] | undefined;
  let closes: number[] | undefined;
  let clauseOpens: number[] | undefined;
  let clauseCloses: number[] | undefined;
  const around = (left: number[], right: number[], at: number): [number, number] => {
    const before = countBelow(left, at);
    const from = before === 0 ? 0 : left[before - 1]! + 1;
    const after = countBelow(right, at);
    const to = after < right.length ? right[after]! : text.length;
    return [from, to];
  };
  return {
    clauseIndex: (at) => countBelow((clauseBreaks ??= positionsOf(text, /[;:—]|,\s|\s(?:while|whereas|but)\s/g)), at),
    segment: (at) => around((opens ??= positionsOf(text, /[,;:—(]/g)), (closes ??= positionsOf(text, /[,;:—)]/g)), at),
    clause: (at) => around((clauseOpens ??= positionsOf(text, /[;:—(]|,(?=\s(?:while|whereas|but)\b)/g)), (clauseCloses ??= positionsOf(text, /[;:—)]|,(?=\s(?:while|whereas|but)\b)/g)), at),
  };
}

/** The figures one sentence states. */
function readFigures(frame: SentenceFrame, state: DocumentState, hasCoveredPeriod: () => boolean): Figure[] {
  const tokens = frame.tokens;
  const text = frame.text;
  const figures: Figure[] = [];
  const offset = (k: number): number => (tokens[k]?.start ?? frame.start) - frame.start;
  let lastCount: ClaimMetric | undefined;
  let lastNoun: ClaimMetric | undefined;
  let lastPeopleOutcome: "killed" | "injured" | undefined;
  let sentenceDefault: ClaimMetric | undefined;
  // "Of the fatalities, 516 were militants …", "Of the 167 aircraft …, 46 were flown …".
  if ((tokens[0]?.norm === "of" || tokens[0]?.norm === "out") && (tokens[1]?.norm === "the" || tokens[2]?.norm === "the")) {
    for (let k = 2; k < tokens.length && k < 9 && tokens[k]!.norm !== ","; k++) {
      const w = tokens[k]!.norm;
      const metric = countingNouns.get(w) ?? (/^(killed|dead|martyred)$/.test(w) ? "killed" : /^(injured|wounded)$/.test(w) ? "injured" : undefined);
      if (metric !== undefined) {
        sentenceDefault = metric;
        if (countingNouns.has(w)) break;
      }
    }
  }
  // The casualty grammar's reading of the sentence (counted groups with an outcome, parts of totals).
  const mentionAt = (k: number): CasualtyMention | undefined => frame.casualties.find((m) => m.from <= k && k < m.to && m.value !== null);
  const push = (figure: Figure): void => {
    figures.push(figure);
    if (figure.metric !== "percent_change" && figure.metric !== "share_percent" && figure.metric !== "value_usd") lastCount = figure.metric;
  };
  const qualifierAt = (k: number): ClaimQualifier => {
    if (tokens[k - 1]?.norm === "as" && tokens[k - 2]?.norm === "many" && tokens[k - 3]?.norm === "as") return "exact";
    return qualifierBefore(tokens, k).qualifier;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const nounMetric = countingNouns.get(t.norm);
    if (nounMetric !== undefined && !/^(dead|injured|wounded|attack|incident|operation|death|injury|fatality)$/.test(t.norm)) lastNoun = nounMetric;
    // Ordinals: "the fourth journalist killed this year", "the third such militant attack".
    const ordinal = ordinals.get(t.norm);
    if (ordinal !== undefined && tokens[i - 1]?.norm === "the") {
      let k = i + 1;
      const hasSuch = tokens[k]?.norm === "such";
      if (hasSuch) k++;
      let reading: ClaimMetric | undefined;
      const attackAt = tokens.slice(k, k + 4).findIndex((x) => attackSingular.test(x.norm));
      if (attackAt >= 0) reading = "attacks";
      for (let j = k; reading === undefined && j < tokens.length && j < k + 4; j++) {
        const w = tokens[j]!.norm;
        if (isPeopleNoun(w) || casualtyHeads.has(w) || /^(member|journalist|worker|elder|leader|policeman|soldier|officer|teacher|scholar|lawyer|official|student|person)$/.test(w)) {
          for (let m = j + 1; m < tokens.length && m < j + 9; m++) {
            const x = tokens[m]!.norm;
            if (x === "killed" || x === "martyred" || x === "murdered" || x === "assassinated" || x === "shot") {
              reading = "killed";
              break;
            }
            if (x === "." || x === "," || x === ";") break;
          }
          break;
        }
      }
      if (reading !== undefined && (hasSuch || hasCoveredPeriod())) figures.push({ metric: reading, value: ordinal, qualifier: "exact", at: offset(i), isBaseline: false, isToll: false, isOrdinal: true });
      continue;
    }
    if (!mayStartNumber(t)) continue;
    const number = parseNumberAt(tokens, i);
    if (number === undefined || number.value === null || number.isArticle || number.isVague) continue;
    const value = number.value;
    const next = tokens[number.to]?.norm;
    const next2 = tokens[number.to + 1]?.norm;
    const before = tokens[i - 1]?.norm;
    const skipTo = (): void => {
      i = number.to - 1;
    };
    if (t.isNumber && /^(19|20)\d\d$/.test(t.norm)) {
      skipTo();
      continue;
    }
    if ((before !== undefined && monthWords.test(before)) || (next !== undefined && monthWords.test(next)) || before === "/" || next === "/" || (before === ":" && tokens[i - 2]?.isNumber === true) || (next === ":" && tokens[number.to + 1]?.isNumber === true) || (next === "-" && next2 !== undefined && (unitWords.has(next2) || monthWords.test(next2)))) {
      skipTo();
      continue;
    }
    // Percentages.
    if (next === "%" || next === "percent" || next === "pc" || next === "percentage" || (next === "per" && next2 === "cent")) {
      const to = next === "per" ? number.to + 2 : number.to + 1;
      const reading = percentReading(tokens, i, to, text, frame.start);
      const qualifier = qualifierAt(i);
      let kind = reading?.kind;
      let sign = reading?.sign ?? 1;
      if (reading === undefined) {
        // "a 10pc and 15pc decline", "a 58pc increase in fatalities and 88pc in injuries": shared with a neighbour.
        const following = tokens[to]?.norm === "and" ? parseNumberAt(tokens, to + 1) : undefined;
        const followingPercent = following !== undefined && /^(%|percent|pc|per)$/.test(tokens[following.to]?.norm ?? "") ? percentReading(tokens, following.from, tokens[following.to]!.norm === "per" ? following.to + 2 : following.to + 1, text, frame.start) : undefined;
        const previous = [...figures].reverse().find((f) => f.metric === "percent_change" || f.metric === "share_percent");
        if (followingPercent !== undefined) {
          kind = followingPercent.kind;
          sign = followingPercent.sign;
        } else if (previous !== undefined && before === "and" && offset(i) - previous.at < 80) {
          kind = previous.metric === "percent_change" ? "change" : "share";
          sign = previous.metric === "percent_change" && previous.value < 0 ? -1 : 1;
        } else kind = "share";
      }
      push({ metric: kind === "change" ? "percent_change" : "share_percent", value: sign * value, qualifier, at: offset(i), isBaseline: false, isToll: false, isOrdinal: false });
      i = to - 1;
      continue;
    }
    // Dollar amounts.
    if (before === "$" || next === "dollars" || next === "usd" || before === "usd" || (next === "us" && tokens[number.to + 1]?.norm === "dollars")) {
      const at = before === "$" ? (tokens[i - 2]?.norm === "us" ? i - 2 : i - 1) : i;
      if (moneyDomain.test(text)) push({ metric: "value_usd", value, qualifier: qualifierAt(at), at: offset(i), isBaseline: false, isToll: false, isOrdinal: false });
      skipTo();
      continue;
    }
    if (next !== undefined && unitWords.has(next)) {
      skipTo();
      continue;
    }
    const qualifier = qualifierAt(i);
    const isBaseline =
      (before === "from" && (tokens[number.to]?.norm === "to" || tokens.slice(Math.max(0, i - 10), i - 1).some((x) => x !== undefined && (rise.test(x.norm) || fall.test(x.norm))))) ||
      (before === "of" && tokens[i - 2]?.norm === "figure") ||
      (before === "than" && !/^(more|less|fewer|over|under)$/.test(tokens[i - 2]?.norm ?? "")) ||
      (before === "with" && tokens[i - 2]?.norm === "compared");
    // Partitive: "208 of the attacks", "58 of the martyred policemen", "over 200 of the terrorists killed".
    if (next === "of" && next2 !== undefined && /^(the|these|those|all)$/.test(next2)) {
      const noun = readNoun(tokens, number.to + 2);
      const participle = tokens[number.to + 2]?.norm;
      if (noun.metric !== undefined) push({ metric: noun.metric, value, qualifier, at: offset(i), isBaseline, isToll: true, isOrdinal: false });
      else if (noun.isPeople && ((participle !== undefined && /^(martyred|killed|slain|dead)$/.test(participle)) || /^(killed|martyred|slain|dead)$/.test(tokens[noun.end]?.norm ?? ""))) push({ metric: "killed", value, qualifier, at: offset(i), isBaseline, isToll: true, isOrdinal: false });
      skipTo();
      continue;
    }
    const noun = readNoun(tokens, number.to);
    if (noun.isCasualties) {
      i = noun.end;
      continue;
    }
    // "336 killed and 716 injured".
    if (next !== undefined && /^(killed|martyred|dead|injured|wounded|hurt)$/.test(next) && !(before !== undefined && /^(the|of)$/.test(before))) {
      const outcome = /^(killed|martyred|dead)$/.test(next) ? "killed" : "injured";
      lastPeopleOutcome = outcome;
      push({ metric: outcome, value, qualifier, at: offset(i), isBaseline, isToll: true, isOrdinal: false });
      skipTo();
      continue;
    }
    if (noun.metric !== undefined) {
      push({ metric: noun.metric, value, qualifier, at: offset(i), isBaseline, isToll: true, isOrdinal: false });
      i = Math.max(number.to, noun.end) - 1;
      continue;
    }
    const mention = noun.isPeople || next === undefined || !/^(,|\.|;|\)|in|during|to|and|while)$/.test(next) ? mentionAt(i) : undefined;
    if (noun.isPeople || mention !== undefined) {
      const isPart = (mention !== undefined && mention.partOf !== null) || isAfterIncluding(tokens, i);
      const parentOutcome = isPart ? lastPeopleOutcome : undefined;
      const left = leftOutcome(tokens, i);
      let outcome = left === null ? undefined : left ?? parentOutcome ?? peopleOutcome(tokens, noun.isPeople ? noun.end : number.to);
      if (outcome === undefined && mention !== undefined && (noun.isPeople || !mention.isBare) && mention.outcome !== "casualties") outcome = mention.outcome;
      if (left === null) {
        i = Math.max(number.to, noun.end) - 1;
        continue;
      }
      if (outcome !== undefined) lastPeopleOutcome = outcome;
      if (outcome !== undefined && (noun.isPeople || !(mention?.isBare ?? true) || (tokens[number.to] !== undefined && /^(were|was|have|had|has|killed|martyred|injured|wounded|others|more|people|lost)$/.test(tokens[number.to]!.norm)))) {
        const people: [number, number] | undefined = noun.isPeople && noun.end > number.to ? [offset(number.to), (tokens[noun.end - 1]?.end ?? frame.start) - frame.start] : undefined;
        push({ metric: outcome, value, qualifier, at: offset(i), isBaseline, isToll: true, isOrdinal: false, people });
        i = Math.max(number.to, noun.end) - 1;
        continue;
      }
      if (noun.isPeople) {
        i = Math.max(number.to, noun.end) - 1;
        continue;
      }
    }
    // "killing 286 people and injuring 442": the verb before a bare number says what it counts.
    if (next === undefined || /^(,|\.|;|and|while|in|during|\))$/.test(next)) {
      const left = leftOutcome(tokens, i);
      if (left !== undefined && left !== null && /^(killing|injuring|wounding|killed|injured|wounded|martyring)$/.test(tokens[i - 1]?.norm ?? "")) {
        lastPeopleOutcome = left;
        push({ metric: left, value, qualifier, at: offset(i), isBaseline, isToll: true, isOrdinal: false });
        skipTo();
        continue;
      }
    }
    // Ellipses: "while Balochistan saw 17", "up from 589 in 2024", "from 36 to 59", "(23)", "46 were flown".
    const isBare = next === undefined || /^(\.|,|\)|;|in|during|to|and|while|the|a|last|this|—|-)$/.test(next);
    const cueBefore = before !== undefined && /^(from|to|saw|behind|of|\(|against|versus|vs|than|recorded|reported|had|with|at)$/.test(before);
    let metric: ClaimMetric | undefined;
    const tollBefore = tokens.slice(Math.max(0, i - 14), i).findIndex((x) => x.norm === "toll");
    if (sentenceDefault !== undefined && next !== undefined && /^(were|was|had|have|remained|are|is)$/.test(next)) metric = sentenceDefault;
    else if (tollBefore >= 0 && isBare && /^(reached|to|at|is|was|of|hit|crossed|touched)$/.test(before ?? "")) metric = "killed";
    else if (isBare && cueBefore && (before !== "(" || next === ")")) {
      // Across sentences only a pair ("from 36 to 59") or a bracketed figure keeps the metric of the figures before.
      const isPair = (before === "from" && next === "to") || (before === "to" && tokens[i - 2]?.isNumber === true && tokens[i - 3]?.norm === "from");
      metric = lastCount ?? lastNoun ?? (isPair || before === "(" ? state.lastMetric : undefined);
    }
    if (metric !== undefined && value >= 1) push({ metric, value, qualifier, at: offset(i), isBaseline, isToll: true, isOrdinal: false });
    skipTo();
  }
  return figures;
}

/** An incident or other non-statistical figures end a run of statistics: its period and waiting claims stay behind. */
function endRun(state: DocumentState): void {
  state.previousHadClaims = false;
  state.pending = [];
  state.reference = null;
}

/** Claims stated in one sentence; `carry` holds what the document has established so far. */
export function extractClaims(frame: SentenceFrame, context: ClaimContext, carry: { period: string | null; attributedTo: string | null }): ExtractedClaim[] {
  const state = stateOf(carry, context.original);
  const text = frame.text;
  const original = context.original.slice(frame.start, frame.end);
  const mentionsSource = /\b(according|said|says|told|noted|stated|added|reported|recorded|documented|report|data|figures)\b/.test(text);
  const isPlace = (name: string): boolean => frame.places.some((p) => p.name.toLowerCase() === name.toLowerCase());
  const attributed = mentionsSource ? findAttribution(original, state.attribution, isPlace) : null;
  if (!frame.tokens.some((t) => t.isNumber || ordinals.get(t.norm) !== undefined || numberWords.has(t.norm))) {
    state.previousHadClaims = state.previousHadClaims && !newIncidentCue.test(text) && attributed === null;
    return [];
  }
  let periods: PeriodMention[] | undefined;
  const periodsRead = (): PeriodMention[] => (periods ??= findPeriods(text, { published: context.published, reference: state.reference }));
  const figures = readFigures(frame, state, () => periodsRead().some((p) => p.role === "covered" && p.span !== null));
  if (figures.length === 0) {
    if (newIncidentCue.test(text) || frame.dates.some((d) => !d.isReportDate && d.date.day !== undefined)) endRun(state);
    return [];
  }
  const covered = periodsRead().filter((p) => p.role === "covered");
  // A day the figures were stated on ("told the Senate on Tuesday", "released on Wednesday") is no incident's.
  const incidentDays = frame.dates.filter((d) => !d.isReportDate && d.date.day !== undefined && !statedBefore.test(text.slice(Math.max(0, d.start - 40), d.start)) && !periodsRead().some((p) => d.start < p.end && d.stop > p.start));
  const hasDayDate = incidentDays.length > 0 || dayPossessive.test(text);
  const coveredPeriod = covered.some((p) => p.span !== null);
  const isConflictDomain = domainWords.test(text) && !otherDomain.test(text);
  const hasChange = figures.some((f) => (f.metric === "percent_change" || f.metric === "share_percent") && isConflictDomain);
  const hasMoney = figures.some((f) => f.metric === "value_usd");
  // A district or town named without a period: one incident's place ("… killed in three operations in North Waziristan").
  const namesPlace = frame.places.some((p) => !p.isIncidental && (p.entry.level === "admin2" || p.entry.level === "locality"));
  const isPlaced = namesPlace && covered.length === 0 && !sourceCue.test(text);
  const continuesRun = state.previousHadClaims && !hasDayDate && !newIncidentCue.test(text) && !isPlaced;
  const isStatistical = figures.some((f) => f.isOrdinal) || frame.isAggregate || covered.length > 0 || hasChange || hasMoney || sourceCue.test(text) || continuesRun;
  if (!isStatistical) {
    endRun(state);
    return [];
  }
  const isNewSource = attributed !== null && state.lastSource !== null && attributed !== state.lastSource && /\baccording to\b/.test(text) && attributed === state.attribution.source;
  if (isNewSource && covered.length === 0) state.reference = null;
  // Unattributed figures take the source of the run they continue ("At least 91 people were injured."), not of any earlier statement.
  const attributedTo = attributed ?? (state.previousHadClaims ? state.lastSource ?? state.attribution.source : null);

  // Over a stretch of time ("since 2021", "between July and September") a singular noun names a conflict, not one incident.
  const spansTime = covered.some((p) => p.span !== null && !p.isWeak && (p.span.precision === "month" ? p.span.to > p.span.from : Math.floor(p.span.to / 12) > Math.floor(p.span.from / 12)));
  const isOneIncident = (singularIncident.test(text) && !spansTime) || incidentClause.test(text);
  const layout = layoutOf(text);
  const claims: ExtractedClaim[] = [];
  let usedSpan: PeriodSpan | null | undefined;
  for (const figure of figures) {
    // A model name is not a count: "M4 rifles", "AK-47s", "RPG-7".
    if (/[a-z]-?$/.test(text.slice(Math.max(0, figure.at - 2), figure.at))) continue;
    if (figure.metric === "percent_change" || figure.metric === "share_percent") {
      if (!isConflictDomain) continue;
    } else if (figure.isToll && !figure.isOrdinal) {
      const [from, to] = layout.segment(figure.at);
      const segment = text.slice(from, to);
      const dayInSegment = incidentDays.some((d) => d.start >= from - 1 && d.start < to) || dayPossessive.test(segment);
      if (dayInSegment || (hasDayDate && !coveredPeriod) || isOneIncident || isPlaced) continue;
      // One seizure's haul ("police in Kurram district recovered 12 rifles") belongs to that weapons_seizure
      // event, not to the statistics; totals over a stretch of time ("over the past 12 months") stay claims.
      if (haulMetrics.has(figure.metric) && haulVerb.test(text) && namesPlace && !spansTime) continue;
    }
    const period = bindPeriod(figure, periodsRead(), layout, state);
    if (period.span !== undefined && !figure.isBaseline) usedSpan ??= period.mention?.span;
    const claim: ExtractedClaim = {
      metric: figure.metric,
      value: figure.value,
      qualifier: figure.qualifier,
      period: period.span === undefined ? null : formatPeriod(period.span),
      scope: scopeOf(figure, frame, original, layout),
      attributed_to: attributedTo,
      evidence: [{ start: frame.start, end: frame.end }],
    };
    state.notes.set(claim, { isHeadline: frame.paragraph === 0 && !/[.!?"'”’)]\s*$/.test(text) });
    // Waiting for a period from the next statistical sentences of the same run (a few at most).
    if (period.span === undefined && !stockMetrics.has(figure.metric) && !figure.isOrdinal && state.pending.length < 40) state.pending.push(claim);
    claims.push(claim);
  }
  if (claims.length === 0) {
    endRun(state);
    return [];
  }
  if (usedSpan !== undefined && usedSpan !== null) {
    state.reference = usedSpan;
    for (const claim of state.pending) if (claim.period === null && !claims.includes(claim)) claim.period = formatPeriod(usedSpan);
    state.pending = state.pending.filter((c) => c.period === null && claims.includes(c));
  }
  const lastCount = [...figures].reverse().find((f) => f.metric !== "percent_change" && f.metric !== "share_percent" && f.metric !== "value_usd");
  if (lastCount !== undefined) state.lastMetric = lastCount.metric;
  if (attributed !== null) state.lastSource = attributed;
  else if (state.lastSource === null) state.lastSource = attributedTo;
  state.previousHadClaims = true;
  carry.period = formatPeriod(state.reference);
  carry.attributedTo = state.lastSource;
  return claims;
}

/** Who or where a figure counts: the people counted ("security personnel"), else the provinces or countries its clause names. */
function scopeOf(figure: Figure, frame: SentenceFrame, original: string, layout: SentenceLayout): string | null {
  if (figure.people !== undefined) {
    const words = original.slice(figure.people[0], figure.people[1]).trim().replace(/\s+/g, " ");
    if (!/^(people|persons|individuals|others|more)$/i.test(words)) return words;
  }
  const segment = layout.clause(figure.at);
  const names: string[] = [];
  for (const place of frame.places) {
    if (place.isDateline || place.isIncidental || (place.entry.level !== "admin1" && place.entry.level !== "country")) continue;
    const at = (frame.tokens[place.from]?.start ?? frame.start) - frame.start;
    const name = place.entry.level === "admin1" ? (place.entry.admin1 ?? place.entry.name) : place.entry.name;
    if (at >= segment[0] && at < segment[1] && !names.includes(name)) names.push(name);
  }
  return names.length === 0 ? null : names.join(" and ");
}

/** The period a figure covers: its own mention, the baseline it is compared with, or the one carried. */
function bindPeriod(figure: Figure, periods: readonly PeriodMention[], layout: SentenceLayout, state: DocumentState): { span: PeriodSpan | null | undefined; mention?: PeriodMention } {
  const nearest = (list: readonly PeriodMention[]): PeriodMention | undefined => {
    const clause = layout.clauseIndex(figure.at);
    let best: PeriodMention | undefined;
    let bestScore = Infinity;
    for (const p of list) {
      const distance = p.start >= figure.at ? p.start - figure.at : figure.at - p.end;
      const score = distance + (layout.clauseIndex(p.start) === clause ? 0 : 60);
      if (score < bestScore) [best, bestScore] = [p, score];
    }
    return best;
  };
  if (figure.isBaseline) {
    const baselines = periods.filter((p) => p.role === "baseline" || (p.role === "covered" && p.start > figure.at && p.start - figure.at < 16));
    const right = baselines.find((p) => p.start > figure.at && p.start - figure.at < 16);
    const chosen = right ?? nearest(baselines);
    if (chosen !== undefined) return { span: chosen.span };
    const main = nearest(periods.filter((p) => p.role === "covered" && p.span !== null)) ?? undefined;
    const reference = main?.span ?? state.reference;
    return { span: reference === null || reference === undefined ? undefined : previousSpan(reference) };
  }
  const strong = periods.filter((p) => p.role === "covered" && !p.isWeak);
  const own = nearest(strong);
  if (own !== undefined) return { span: own.span, mention: own };
  if (stockMetrics.has(figure.metric)) return { span: null };
  if (state.reference !== null && !figure.isOrdinal) return { span: state.reference };
  const weak = nearest(periods.filter((p) => p.role === "covered" && p.isWeak));
  if (weak !== undefined) return { span: weak.span, mention: weak };
  if (periods.some((p) => p.span === null && p.role === "covered")) return { span: null };
  return { span: undefined };
}

/**
 * A toll that covers several incidents, as claims ("at least 47 civilians were killed in the strikes");
 * a toll tied to one incident (a day, a place, "the fighting") is left to the events.
 */
export function tollClaims(frame: SentenceFrame, mentions: readonly CasualtyMention[], period: string | null, original: string): ExtractedClaim[] {
  const text = frame.text;
  if (frame.dates.some((d) => !d.isReportDate && d.date.day !== undefined) || dayPossessive.test(text)) return [];
  if (frame.places.some((p) => !p.isIncidental && p.entry.level !== "country")) return [];
  if (singularIncident.test(text)) return [];
  const state = newAttributionState();
  state.abbreviations = readAbbreviations(original.slice(frame.start, frame.end));
  const attributedTo = findAttribution(original.slice(frame.start, frame.end), state);
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

/**
 * The document's claims once every sentence is read: one claim per figure and period (a headline repeats
 * the body, which wins), in text order.
 */
export function finishClaims(claims: readonly ExtractedClaim[], carry: object): ExtractedClaim[] {
  const state = states.get(carry);
  const kept = new Map<string, ExtractedClaim>();
  const order: string[] = [];
  for (const claim of claims) {
    const key = `${claim.metric}:${claim.value}:${claim.period}`;
    const existing = kept.get(key);
    if (existing === undefined) {
      kept.set(key, claim);
      order.push(key);
      continue;
    }
    const sameSentence = existing.evidence[0]?.start === claim.evidence[0]?.start;
    if (sameSentence && !(state?.notes.has(existing) ?? false)) continue;
    if (state?.notes.get(existing)?.isHeadline === true) kept.set(key, { ...claim, attributed_to: claim.attributed_to ?? existing.attributed_to });
    else if (existing.attributed_to === null && claim.attributed_to !== null) existing.attributed_to = claim.attributed_to;
  }
  // A toll claim the sentence grammar also read (same figure, same sentence) is kept once.
  const result: ExtractedClaim[] = [];
  for (const key of order) {
    const claim = kept.get(key)!;
    if (!(state?.notes.has(claim) ?? true) && result.some((c) => c.metric === claim.metric && c.value === claim.value && c.evidence[0]?.start === claim.evidence[0]?.start)) continue;
    result.push(claim);
  }
  return result;
}
