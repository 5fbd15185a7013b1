/**
 * Extraction of one document: HTML to text, sentences, frames, incidents and claims. Pure: the caller
 * reads files and passes the codebook in.
 */
import { analyzeSentence, type SentenceFrame } from "./analyze-sentence.ts";
import { assembleIncidents, finishEvents, isCounterClaim } from "./assemble-events.ts";
import { extractClaims, finishClaims, tollClaims } from "./extract-claims.ts";
import { scannersFor, type ExtractionCodebook } from "./extraction-codebook.ts";
import type { ExtractedClaim, ExtractedDocument, ExtractedEvent } from "./extraction-types.ts";
import { htmlToText, looksLikeHtml } from "./html-to-text.ts";
import { normalizeForMatching } from "./normalize-text.ts";
import { findDates, formatDate, parsePublished, type DateMention } from "./resolve-date.ts";
import { iterateSentences } from "./segment-sentences.ts";

export interface ExtractDocumentOptions {
  /** The file name or label reported back in `file`. */
  file: string;
  /** Publication date (YYYY, YYYY-MM or YYYY-MM-DD) used to resolve relative dates. */
  published?: string | null;
  codebook: ExtractionCodebook;
  /** Force HTML handling on or off; by default it is detected. */
  isHtml?: boolean;
}

/** The country most places named so far lie in (to choose between same-named places). */
function leadingCountry(votes: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let most = 0;
  for (const [country, count] of votes) if (count > most) [best, most] = [country, count];
  return best;
}

/** Text per assembly window (see extractDocument). */
const windowChars = 60_000;

/** Clause boundaries inside one sentence that may separate two incidents ("in March …, while in May …"). */
const clauseBoundary = /(?:,|;)\s+(?:while|whereas|and|but)\s+(?=(?:in|on|last|earlier|later)\s)|;\s+/g;

/** The clauses of a sentence; one that is the whole sentence brings the dates already found in it. */
function clauses(normalized: string, start: number, end: number, published: ReturnType<typeof parsePublished>): Array<[number, number, DateMention[]?]> {
  const text = normalized.slice(start, end);
  const dates = findDates(text, published);
  if (dates.filter((d) => !d.isReportDate).length < 2) return [[start, end, dates]];
  const cuts: number[] = [];
  clauseBoundary.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = clauseBoundary.exec(text)) !== null) cuts.push(m.index);
  if (cuts.length === 0) return [[start, end, dates]];
  const spans: Array<[number, number, DateMention[]?]> = [];
  let from = 0;
  for (const cut of cuts) {
    const left = text.slice(from, cut);
    const right = text.slice(cut);
    if (findDates(left, published).some((d) => !d.isReportDate) && findDates(right, published).some((d) => !d.isReportDate)) {
      spans.push([start + from, start + cut]);
      from = cut + 1;
      while (from < text.length && /[\s,;]/.test(text[from]!)) from++;
    }
  }
  spans.push(from === 0 ? [start, end, dates] : [start + from, end]);
  return spans;
}

/** Extracts the incidents and claims of one document (plain text or HTML). */
export function extractDocument(raw: string, options: ExtractDocumentOptions): ExtractedDocument {
  const input = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const isHtml = options.isHtml ?? looksLikeHtml(input);
  const text = isHtml ? htmlToText(input) : input;
  const published = parsePublished(options.published ?? null);
  const publishedText = formatDate(published ?? null);
  const document: ExtractedDocument = { file: options.file, published: publishedText, text, events: [], claims: [] };
  if (text.trim() === "") return document;

  const normalized = normalizeForMatching(text);
  const scanners = scannersFor(options.codebook);
  const frames: SentenceFrame[] = [];
  const claims: ExtractedClaim[] = [];
  const carry = { period: null as string | null, attributedTo: null as string | null };
  const countryVotes = new Map<string, number>();
  let previousAggregate = false;
  let index = 0;
  let clutterFrom = Number.POSITIVE_INFINITY;
  const endMarker = /^[ \t]*(?:you may (?:also )?(?:like|be interested in)|related (?:news|stories|articles|posts|coverage)|more (?:from|stories|news)|recommended(?: for you)?|trending(?: now)?|most (?:read|popular|viewed)|latest (?:news|stories)|other news|tags?:|read next)\b/im;
  const marker = endMarker.exec(text);
  if (marker !== null && marker.index > text.length * 0.3) clutterFrom = marker.index;
  const events: ExtractedEvent[] = [];
  /** Sentences (or clauses) that name an incident ("militants stormed …", "a roadside bomb"). */
  const incidentSpans: Array<[number, number]> = [];
  // Incidents are assembled one window of paragraphs at a time: reports never describe one incident
  // across tens of kilobytes, and memory and time stay bounded on very large inputs.
  let windowStart = 0;
  const flush = (): void => {
    let documentCountry: string | null = null;
    let best = 0;
    for (const [country, votes] of countryVotes) if (votes > best) [documentCountry, best] = [country, votes];
    const { drafts, unassigned } = assembleIncidents(frames, published);
    events.push(...finishEvents(drafts, options.codebook, published, documentCountry));
    for (const toll of unassigned) {
      const dated = toll.frame.dates.find((d) => !d.isReportDate);
      const period = formatDate(dated?.date ?? (published?.month !== undefined ? { year: published.year, month: published.month } : published ?? null));
      claims.push(...tollClaims(toll.frame, toll.mentions, period && period.length > 7 ? period.slice(0, 7) : period, text));
    }
    frames.length = 0;
  };
  for (const sentence of iterateSentences(text)) {
    if (sentence.start >= clutterFrom) break;
    if (sentence.isParagraphStart && sentence.start - windowStart > windowChars) {
      flush();
      windowStart = sentence.start;
    }
    for (const [start, end, dates] of clauses(normalized, sentence.start, sentence.end, published)) {
      const frame = analyzeSentence(text, normalized, start, end, { index: index++, paragraph: sentence.paragraph, isParagraphStart: sentence.isParagraphStart && start === sentence.start, preferredCountry: leadingCountry(countryVotes), dates }, scanners, published);
      for (const place of frame.places) {
        if (!place.isIncidental) countryVotes.set(place.entry.country, (countryVotes.get(place.entry.country) ?? 0) + 1);
      }
      const hasAnchor = frame.places.some((p) => !p.isIncidental && (p.entry.level === "admin2" || p.entry.level === "locality")) || frame.dates.some((d) => !d.isReportDate && d.date.day !== undefined);
      const countsSomething = frame.casualties.length > 0 || /\b\d[\d,.]* (?:\w+ ){0,2}(?:attacks|incidents|deaths|fatalities|injuries|operations)\b|\bsaw \d/.test(frame.text);
      if (!frame.isAggregate && previousAggregate && countsSomething && !hasAnchor && (frame.typeScores.get("attack") ?? 0) < 3) frame.isAggregate = true;
      // The other side's figures for an incident ("its spokesman said 34 soldiers had been killed") are no claim.
      if (Math.max(0, ...frame.typeScores.values()) >= 2) incidentSpans.push([frame.start, frame.end]);
      const isOtherSide = !frame.isAggregate && frame.casualties.length > 0 && isCounterClaim(frame.text);
      if (!isOtherSide) claims.push(...extractClaims(frame, { published, original: text }, carry));
      previousAggregate = frame.isAggregate;
      const isUseful =
        frame.isAggregate ||
        frame.typeScores.size > 0 ||
        frame.casualties.length > 0 ||
        frame.actors.length > 0 ||
        /\b(?:toll|no (?:one|casualt|fatalit|loss)|remained safe|unhurt|unharmed|(?:identified|named) as\b|^\W*(?:all )?the (?:injured|wounded|dead|deceased) \w+ (?:were|have been|had been)\b|\b(?:others?|the rest)\b[^.;]{0,30}?\b(?:who|were|was|included|injured|wounded|dead|killed|victims)\b|\bof the (?:dead|killed|injured|wounded|deceased|victims)\b|^\W*(?:two|three|four|five|six|seven|eight|nine|ten|one|\d+) (?:others? )?(?:were|was) )/.test(frame.text) ||
        frame.places.some((p) => p.isDateline || (!p.isIncidental && p.entry.level !== "country")) ||
        frame.dates.some((d) => !d.isReportDate);
      if (!isUseful) continue;
      frame.tokens = [];
      frames.push(frame);
    }
  }
  flush();
  document.events = events;
  // A toll stated by a sentence that names its incident is that event's figure, not also a statistic.
  const isEventToll = (claim: ExtractedClaim): boolean =>
    (claim.metric === "killed" || claim.metric === "injured") &&
    !(claim.period ?? "").includes("/") &&
    claim.evidence.every((c) => incidentSpans.some(([start, end]) => start <= c.start && c.end <= end)) &&
    events.some((event) => {
      const inside = claim.evidence.every((c) => event.evidence.some((e) => e.start <= c.start && c.end <= e.end));
      const counts = Object.values(claim.metric === "killed" ? event.killed : event.injured).filter((v): v is number => v !== null);
      return inside && (counts.includes(claim.value) || counts.reduce((a, b) => a + b, 0) === claim.value);
    });
  for (let i = claims.length - 1; i >= 0; i--) if (isEventToll(claims[i]!)) claims.splice(i, 1);
  // A figure repeated by the headline and the body is one claim.
  const kept: ExtractedClaim[] = [];
  const byFigure = new Map<string, ExtractedClaim[]>();
  for (const claim of finishClaims(claims, carry)) {
    const key = `${claim.metric}:${claim.value}`;
    const same = byFigure.get(key) ?? [];
    const twin = same.find((k) => k.period === claim.period || k.period === null || claim.period === null);
    if (twin === undefined) {
      kept.push(claim);
      same.push(claim);
      byFigure.set(key, same);
    } else if (twin.period === null && claim.period !== null) twin.period = claim.period;
  }
  document.claims = kept;
  return document;
}
