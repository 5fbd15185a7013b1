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

/** The sentences of `text`, one at a time, so very large inputs never hold them all. */
export function* iterateSentences(text: string): Generator<Sentence> {
  let paragraph = 0;
  const linePattern = /[^\n\r]+/g;
  let line: RegExpExecArray | null;
  while ((line = linePattern.exec(text)) !== null) {
    const lineStart = line.index;
    const lineText = line[0];
    if (lineText.trim() === "") continue;
    let first = true;
    for (const [windowStart, windowEnd] of windows(lineText)) {
      for (const [s, e] of splitWindow(lineText.slice(windowStart, windowEnd))) {
        yield { start: lineStart + windowStart + s, end: lineStart + windowStart + e, paragraph, isParagraphStart: first };
        first = false;
      }
    }
    paragraph++;
  }
}

/** Cuts a long line into windows that end at a sentence-looking boundary. */
function* windows(line: string): Generator<[number, number]> {
  let start = 0;
  while (line.length - start > maxWindow) {
    let cut = line.lastIndexOf(". ", start + maxWindow);
    if (cut <= start) cut = line.lastIndexOf(" ", start + maxWindow);
    cut = cut <= start ? start + maxWindow : cut + 1;
    yield [start, cut];
    start = cut;
  }
  yield [start, line.length];
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
