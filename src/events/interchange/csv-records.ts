/**
 * CSV records for the interchange imports, built for files of millions of rows and for listing every bad line.
 * This module only frames records: it finds where each one starts and ends (a line break outside quotes, known
 * by the parity of the quotes since the record began) and the line it starts on. Fields are read by
 * papaparse, a chunk of records at once; when a chunk holds a broken record, its records are read one by one,
 * so the broken one is a problem on its own line and reading goes on with the next. Like papaparse, a quote
 * inside an unquoted field is kept as text.
 */
import Papa from "papaparse";

/** One record: its fields and the line it starts on (line 1 is the first line of the file). */
export interface CsvFields {
  line: number;
  fields: string[];
}

/** A record that could not be read, by the line it starts on. */
export interface CsvProblem {
  line: number;
  problem: string;
}

export type CsvRecord = CsvFields | CsvProblem;

/**
 * Reads CSV text arriving in chunks. Delimiter `,`, quote `"` (doubled inside a quoted field), records end at
 * `\n`, `\r\n` or (in a file that uses them) a lone `\r`. A byte-order mark is dropped, empty lines are skipped,
 * records may have any number of fields (the caller checks the width).
 */
export async function* readCsvRecords(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): AsyncGenerator<CsvRecord[]> {
  const reader = new CsvReader();
  const decoder = new TextDecoder();
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    const records = reader.push(text);
    if (records.length > 0) yield records;
  }
  const rest = decoder.decode();
  const records = [...(rest === "" ? [] : reader.push(rest)), ...reader.end()];
  if (records.length > 0) yield records;
}

const LINE_FEED = 10;
const COMMA = 44;
const CARRIAGE_RETURN = 13;

/** The incremental reader behind readCsvRecords: push text, take the complete records, end for the last one. */
export class CsvReader {
  private pending = "";
  /** Line number of the first line in `pending`. */
  private line = 1;
  private isStart = true;
  /** The record delimiter, taken from the first line break as csv-parse does: "\n" or "\r\n" (lone "\r" is read as "\n"). */
  private lineBreak = "\n";
  private usesLoneCarriageReturn = false;

  push(text: string): CsvRecord[] {
    let chunk = text;
    if (this.isStart) {
      chunk = this.pending + chunk;
      this.pending = "";
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      const firstBreak = chunk.search(/[\r\n]/);
      // Decide once the first line break is known (a "\r" at the end of a chunk may be half of "\r\n").
      if (firstBreak < 0 || (chunk.charCodeAt(firstBreak) === CARRIAGE_RETURN && firstBreak + 1 >= chunk.length)) {
        this.pending = chunk;
        return [];
      }
      this.isStart = false;
      this.usesLoneCarriageReturn = chunk.charCodeAt(firstBreak) === CARRIAGE_RETURN && chunk.charCodeAt(firstBreak + 1) !== LINE_FEED;
      this.lineBreak = chunk.charCodeAt(firstBreak) === CARRIAGE_RETURN && !this.usesLoneCarriageReturn ? "\r\n" : "\n";
    }
    if (this.usesLoneCarriageReturn) chunk = chunk.replace(/\r/g, "\n");
    this.pending += chunk;
    return this.read(false);
  }

  end(): CsvRecord[] {
    if (this.isStart) {
      this.isStart = false;
      if (this.pending.charCodeAt(0) === 0xfeff) this.pending = this.pending.slice(1);
      if (this.pending.charCodeAt(this.pending.length - 1) === CARRIAGE_RETURN) this.pending = `${this.pending.slice(0, -1)}\n`;
    }
    return this.read(true);
  }

  /** Frames the complete records in `pending` (all of it when `isLast`) and reads their fields. */
  private read(isLast: boolean): CsvRecord[] {
    const text = this.pending;
    const lineBreak = this.lineBreak;
    const frames: Frame[] = [];
    const problems: CsvProblem[] = [];
    let start = 0;
    let line = this.line;
    while (start < text.length) {
      const end = recordEnd(text, start, lineBreak);
      if (end === undefined) {
        if (!isLast) break;
        problems.push({ line, problem: "a quoted field is never closed" });
        start = text.length;
        break;
      }
      const lineEnd = end < 0 ? text.length : end;
      if (end < 0 && !isLast) break;
      // A stray "\r" before "\n" in a "\n" file ends the line, as csv-parse reads it.
      const bodyEnd = lineBreak === "\n" && lineEnd > start && text.charCodeAt(lineEnd - 1) === CARRIAGE_RETURN ? lineEnd - 1 : lineEnd;
      frames.push({ start, end: bodyEnd, lineEnd, line });
      line += countLineFeeds(text, start, lineEnd) + 1;
      start = lineEnd + lineBreak.length;
    }
    this.pending = start >= text.length ? "" : text.slice(start);
    this.line = line;
    return [...readFrames(text, frames, lineBreak), ...problems];
  }
}

/** One framed record: its text is text[start, end), its line break (if any) starts at lineEnd. */
interface Frame {
  start: number;
  end: number;
  lineEnd: number;
  line: number;
}

/**
 * The fields of the framed records: one papaparse pass over all of them, which yields one row per frame when
 * nothing is wrong; else each frame alone, so a broken one becomes a problem on its own line.
 */
function readFrames(text: string, frames: readonly Frame[], lineBreak: string): CsvRecord[] {
  if (frames.length === 0) return [];
  const isClean = frames.every((frame) => frame.end === frame.lineEnd);
  if (isClean) {
    const parsed = Papa.parse<string[]>(text.slice(frames[0]!.start, frames[frames.length - 1]!.end), parseOptions(lineBreak));
    if (parsed.errors.length === 0 && parsed.data.length === frames.length) {
      const records: CsvRecord[] = [];
      frames.forEach((frame, index) => {
        if (frame.end > frame.start) records.push({ line: frame.line, fields: parsed.data[index]! });
      });
      return records;
    }
  }
  return frames.filter((frame) => frame.end > frame.start).map((frame) => readRecord(text.slice(frame.start, frame.end), frame.line, lineBreak));
}

function parseOptions(lineBreak: string): Papa.ParseConfig {
  return { delimiter: ",", newline: lineBreak as "\n" | "\r\n", quoteChar: '"', skipEmptyLines: false };
}

/**
 * The index of the line break that ends the record starting at `start`: the first one outside a quoted field
 * (a quote that starts a field opens it; the next quote closes it, or with its twin stands for a quote). -1 when the text ends outside quotes without a line break; undefined when it ends inside quotes.
 */
function recordEnd(text: string, start: number, lineBreak: string): number | undefined {
  let lineFeed = text.indexOf(lineBreak, start);
  let quote = text.indexOf('"', start);
  if (quote < 0 || (lineFeed >= 0 && quote > lineFeed)) return lineFeed;
  let isQuoted = false;
  let at = start;
  for (;;) {
    if (quote >= 0 && (lineFeed < 0 || quote < lineFeed)) {
      // Outside quotes, only a quote that starts a field opens one; a stray one inside a field is text.
      if (isQuoted || quote === start || text.charCodeAt(quote - 1) === COMMA) isQuoted = !isQuoted;
      at = quote + 1;
      quote = text.indexOf('"', at);
      continue;
    }
    if (lineFeed < 0) return isQuoted ? undefined : -1;
    if (!isQuoted) return lineFeed;
    at = lineFeed + 1;
    lineFeed = text.indexOf(lineBreak, at);
  }
}

/** The fields of one framed record (its text without the line break). */
function readRecord(body: string, line: number, lineBreak: string): CsvRecord {
  const parsed = Papa.parse<string[]>(body, parseOptions(lineBreak));
  const [error] = parsed.errors;
  if (error !== undefined) return { line, problem: problemOf(error) };
  if (parsed.data.length !== 1) return { line, problem: "the record breaks into several records" };
  return { line, fields: parsed.data[0]! };
}

function problemOf(error: Papa.ParseError): string {
  if (error.code === "InvalidQuotes") return "text after the closing quote of a quoted field";
  if (error.code === "MissingQuotes") return "a quoted field is never closed";
  return error.message;
}

/** The number of line feeds in text[from, to). */
function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  let at = text.indexOf("\n", from);
  while (at >= 0 && at < to) {
    count += 1;
    at = text.indexOf("\n", at + 1);
  }
  return count;
}
