/**
 * Paragraphs and sentences with offsets. Paragraphs are line-delimited (news text puts headlines, datelines
 * and paragraphs on their own lines); sentences inside a paragraph are wink-nlp's, found without it where a
 * line leaves no doubt (see splitWindow), which is most lines and most of the cost. Work is done one
 * bounded window at a time, so memory stays flat on very large inputs.
 */
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

export interface Sentence {
  start: number;
  end: number;
  /** Index of the paragraph (line block) the sentence belongs to. */
  paragraph: number;
  /** True for the first sentence of its paragraph. */
  isParagraphStart: boolean;
}

type WinkInstance = ReturnType<typeof winkNLP>;
let nlp: WinkInstance | undefined;
const getNlp = (): WinkInstance => (nlp ??= winkNLP(model, ["sbd"]));

/** Longest stretch handed to the sentence splitter at once. */
const maxWindow = 20_000;

/** Splits `text` into sentences (offsets into `text`). */
export function segmentSentences(text: string): Sentence[] {
  return [...iterateSentences(text)];
}

/**
 * The sentences of `text`, one at a time, so very large inputs never hold them all. The splitter reads
 * windows of several lines at once (one call per window is much cheaper than one per line); sentences it
 * runs across a line break are cut there, since a line break always ends a headline or paragraph.
 */
export function* iterateSentences(text: string): Generator<Sentence> {
  let paragraph = 0;
  let lineStarted = true;
  for (const [windowStart, windowEnd] of windows(text)) {
    const chunk = text.slice(windowStart, windowEnd);
    for (const [s, e] of splitWindow(chunk)) {
      // Cut at line breaks inside the sentence; count paragraphs by the breaks passed.
      let from = s;
      const pieces: Array<[number, number]> = [];
      for (let i = s; i < e; i++) {
        if (chunk.charCodeAt(i) === 10 || chunk.charCodeAt(i) === 13) {
          if (i > from) pieces.push([from, i]);
          from = i + 1;
        }
      }
      if (e > from) pieces.push([from, e]);
      for (const [a, b] of pieces) {
        let start = a;
        let end = b;
        while (start < end && /\s/.test(chunk[start] ?? "")) start++;
        while (end > start && /\s/.test(chunk[end - 1] ?? "")) end--;
        if (end <= start) continue;
        const absolute = windowStart + start;
        const isParagraphStart = absolute === 0 || text.charCodeAt(absolute - 1) === 10 || text.charCodeAt(absolute - 1) === 13 || lineStarted;
        if (isParagraphStart && absolute > 0) paragraph++;
        lineStarted = false;
        yield { start: absolute, end: windowStart + end, paragraph, isParagraphStart };
      }
    }
    lineStarted = windowEnd > 0 && (text.charCodeAt(windowEnd - 1) === 10 || text.charCodeAt(windowEnd - 1) === 13);
  }
}

/** Cuts text into windows that end at a line break, else at a sentence-looking boundary. */
function* windows(text: string): Generator<[number, number]> {
  let start = 0;
  while (text.length - start > maxWindow) {
    let cut = text.lastIndexOf("\n", start + maxWindow);
    if (cut <= start) cut = text.lastIndexOf(". ", start + maxWindow);
    if (cut <= start) cut = text.lastIndexOf(" ", start + maxWindow);
    cut = cut <= start ? start + maxWindow : cut + 1;
    yield [start, cut];
    start = cut;
  }
  yield [start, text.length];
}

/**
 * Sentence spans of one window. Lines whose every full stop is plainly settled (a decimal point, the last
 * character of the line, or the end of a word wink-nlp has been seen to end a sentence with, before a
 * capitalised word) are split here; the other lines go to wink-nlp together, in one call. A line break always
 * ends a sentence, so this gives the spans wink-nlp would give over the whole window, at a fraction of the
 * cost: most lines of news text need no more than this.
 */
function splitWindow(chunk: string): Array<[number, number]> {
  // Lines: [start, end) and where the breaks after them end; the plain ones split at once.
  const lines: Array<{ start: number; end: number; next: number; plain: Array<[number, number]> | undefined }> = [];
  let lineStart = 0;
  while (lineStart < chunk.length) {
    let lineEnd = lineStart;
    while (lineEnd < chunk.length && !isLineBreak(chunk.charCodeAt(lineEnd))) lineEnd++;
    let next = lineEnd;
    while (next < chunk.length && isLineBreak(chunk.charCodeAt(next))) next++;
    if (lineEnd > lineStart) {
      const plain: Array<[number, number]> = [];
      lines.push({ start: lineStart, end: lineEnd, next, plain: splitPlainLine(chunk, lineStart, lineEnd, plain) ? plain : undefined });
    }
    lineStart = next;
  }
  // A line wink-nlp reads that opens with punctuation (".)", a quote) may close the sentence of the line
  // before, so that line is read by wink-nlp too.
  for (let k = lines.length - 1; k > 0; k--) {
    if (lines[k]!.plain === undefined && !isAlphanumeric(chunk.charCodeAt(lines[k]!.start))) lines[k - 1]!.plain = undefined;
  }
  const spans: Array<[number, number]> = [];
  /** Lines left to wink-nlp: [start, end) in the chunk, and where each starts in `batch`. */
  const linesForWink: Array<{ start: number; end: number; at: number }> = [];
  let batch = "";
  for (const line of lines) {
    if (line.plain !== undefined) spans.push(...line.plain);
    else {
      // The line with the breaks after it as written: wink-nlp reads "\r\n" and "\n" differently.
      linesForWink.push({ start: line.start, end: line.end, at: batch.length });
      batch += chunk.slice(line.start, line.next);
    }
  }
  if (linesForWink.length === 0) return spans;
  const winkSpans = splitWithWink(batch, true);
  // A sentence wink-nlp writes out differently from the text: read the window as a whole instead, as before.
  if (winkSpans === undefined) return splitWithWink(chunk, false) ?? [];
  // Back from batch offsets to chunk offsets, cutting at the batch's line breaks.
  let line = 0;
  for (const [s, e] of winkSpans) {
    while (line < linesForWink.length && linesForWink[line]!.at + (linesForWink[line]!.end - linesForWink[line]!.start) <= s) line++;
    for (let k = line; k < linesForWink.length && linesForWink[k]!.at < e; k++) {
      const { start, end, at } = linesForWink[k]!;
      const from = Math.max(s, at);
      const to = Math.min(e, at + (end - start));
      if (to > from) pushTrimmed(chunk, start + (from - at), start + (to - at), spans);
    }
  }
  return spans.sort((x, y) => x[0] - y[0]);
}

/** Adds [s, e) to `spans` without its surrounding whitespace, unless nothing is left. */
function pushTrimmed(chunk: string, s: number, e: number, spans: Array<[number, number]>): void {
  while (s < e && /\s/.test(chunk[s] ?? "")) s++;
  while (e > s && /\s/.test(chunk[e - 1] ?? "")) e--;
  if (e > s) spans.push([s, e]);
}

/**
 * Splits one line of printable ASCII, curly quotes and dashes at its full stops when every stop is plainly settled; returns false,
 * adding nothing, when the line needs wink-nlp (other characters, '?', '!', a stop after an abbreviation or
 * before a quote, a number…).
 */
function splitPlainLine(chunk: string, start: number, end: number, spans: Array<[number, number]>): boolean {
  const cuts: number[] = [];
  for (let i = start; i < end; i++) {
    const code = chunk.charCodeAt(i);
    if (code < 0x20 || code === 0x21 || code === 0x3f || (code > 0x7e && !isTypographic(code))) return false;
    if (code !== 0x2e) continue;
    if (i === end - 1) continue;
    const before = chunk.charCodeAt(i - 1);
    const after = chunk.charCodeAt(i + 1);
    if (isDigit(before) && isDigit(after) && isPlainNumberBefore(chunk, start, i)) continue;
    if (after !== 0x20 || i + 2 >= end || !isUpper(chunk.charCodeAt(i + 2))) return false;
    let wordStart = i;
    while (wordStart > start && isAlphanumeric(chunk.charCodeAt(wordStart - 1))) wordStart--;
    if (i - wordStart < 2 || (wordStart > start && chunk.charCodeAt(wordStart - 1) !== 0x20)) return false;
    if (!endsSentence(chunk.slice(wordStart, i))) return false;
    cuts.push(i + 1);
  }
  let from = start;
  for (const cut of cuts) {
    pushTrimmed(chunk, from, cut, spans);
    from = cut;
  }
  pushTrimmed(chunk, from, end, spans);
  return true;
}

/** Whether the word ending at `i` is digits and commas only ("1,200" in "1,200.5", not "Rs5" in "Rs5.6"). */
function isPlainNumberBefore(chunk: string, start: number, i: number): boolean {
  let j = i - 1;
  while (j >= start && (isDigit(chunk.charCodeAt(j)) || chunk.charCodeAt(j) === 0x2c)) j--;
  return j < start || chunk.charCodeAt(j) === 0x20;
}

/** Curly quotes and dashes, as news sites print them. */
const isTypographic = (code: number): boolean => code === 0x2018 || code === 0x2019 || code === 0x201c || code === 0x201d || code === 0x2013 || code === 0x2014;
const isLineBreak = (code: number): boolean => code === 10 || code === 13;
const isAlphanumeric = (code: number): boolean => isLetter(code) || isDigit(code);
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isUpper = (code: number): boolean => code >= 0x41 && code <= 0x5a;
const isLetter = (code: number): boolean => isUpper(code) || (code >= 0x61 && code <= 0x7a);

/** Whether wink-nlp ends a sentence at "word. The", asked once per word and remembered. */
const verdicts = new Map<string, boolean>();
const maxVerdicts = 50_000;

function endsSentence(word: string): boolean {
  let verdict = verdicts.get(word);
  if (verdict === undefined) {
    // An abbreviation ("Rs.", "Gen.") is one token with its stop, and whether it ends a sentence depends on
    // what follows: only a word whose stop stands alone, and ends the probe's first sentence, is settled.
    const probe = `It was ${word}. The end.`;
    const doc = getNlp().readDoc(probe);
    const tokens: string[] = doc.tokens().out();
    const sentences: string[] = doc.sentences().out();
    verdict = tokens.includes(word) && tokens.includes(".") && !tokens.includes(`${word}.`) && sentences.length === 2 && sentences[0] === `It was ${word}.`;
    if (verdicts.size >= maxVerdicts) verdicts.clear();
    verdicts.set(word, verdict);
  }
  return verdict;
}

/**
 * wink-nlp's sentences of `chunk`, trimmed. A sentence it writes out differently from the text cannot be
 * placed: when `isStrict`, the answer is then undefined; otherwise that sentence is left out.
 */
function splitWithWink(chunk: string, isStrict: boolean): Array<[number, number]> | undefined {
  const spans: Array<[number, number]> = [];
  if (chunk.trim() === "") return spans;
  const doc = getNlp().readDoc(chunk);
  let cursor = 0;
  let isLost = false;
  doc.sentences().each((sentence: { out(): string }) => {
    const value = sentence.out();
    const found = chunk.indexOf(value, cursor);
    if (found < 0) {
      isLost = true;
      return;
    }
    const end = found + value.length;
    spans.push([found, end]);
    cursor = end;
  });
  if (isLost && isStrict) return undefined;
  if (spans.length === 0) spans.push([chunk.length - chunk.trimStart().length, chunk.trimEnd().length]);
  const trimmed: Array<[number, number]> = [];
  for (const [s, e] of spans) pushTrimmed(chunk, s, e, trimmed);
  return trimmed;
}
