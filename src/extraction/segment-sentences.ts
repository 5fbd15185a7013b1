/**
 * Paragraphs and sentences with offsets. Paragraphs are line-delimited (news text puts headlines, datelines
 * and paragraphs on their own lines); sentences inside a paragraph come from wink-nlp. Work is done one
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

function splitWindow(chunk: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (chunk.trim() === "") return spans;
  const doc = getNlp().readDoc(chunk);
  let cursor = 0;
  doc.sentences().each((sentence: { out(): string }) => {
    const value = sentence.out();
    const found = chunk.indexOf(value, cursor);
    if (found < 0) return;
    let end = found + value.length;
    spans.push([found, end]);
    cursor = end;
  });
  if (spans.length === 0) spans.push([chunk.length - chunk.trimStart().length, chunk.trimEnd().length]);
  // Trim surrounding whitespace.
  return spans
    .map(([s, e]): [number, number] => {
      while (s < e && /\s/.test(chunk[s] ?? "")) s++;
      while (e > s && /\s/.test(chunk[e - 1] ?? "")) e--;
      return [s, e];
    })
    .filter(([s, e]) => e > s);
}
