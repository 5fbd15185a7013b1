/**
 * RFC 4180 CSV read for the interchange imports, built for files of millions of rows: lines without quotes
 * (nearly all of an ACLED file) are split natively, quoted fields go through a small state machine, and
 * records come out a chunk at a time. A record that cannot be read is a problem on its line, and reading
 * goes on with the next line, so an import can list every bad line.
 */

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
      if (chunk === "") return [];
      chunk = this.pending + chunk;
      this.pending = "";
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      const firstBreak = chunk.search(/[\r\n]/);
      // Decide once the first line break is known (a "\r" at the end of a chunk may be half of "\r\n").
      if (firstBreak < 0 || (chunk[firstBreak] === "\r" && firstBreak + 1 >= chunk.length)) {
        this.pending = chunk;
        return [];
      }
      this.isStart = false;
      this.usesLoneCarriageReturn = chunk[firstBreak] === "\r" && chunk[firstBreak + 1] !== "\n";
      this.lineBreak = chunk[firstBreak] === "\r" && !this.usesLoneCarriageReturn ? "\r\n" : "\n";
    }
    if (this.usesLoneCarriageReturn) chunk = chunk.replace(/\r/g, "\n");
    this.pending = this.pending === "" ? chunk : this.pending + chunk;
    return this.read(false);
  }

  end(): CsvRecord[] {
    if (this.isStart) {
      this.isStart = false;
      if (this.pending.charCodeAt(this.pending.length - 1) === 13) this.pending = `${this.pending.slice(0, -1)}\n`;
    }
    return this.read(true);
  }

  private read(isLast: boolean): CsvRecord[] {
    const text = this.pending;
    const lineBreak = this.lineBreak;
    const isCrLf = lineBreak.length === 2;
    const records: CsvRecord[] = [];
    let position = 0;
    let line = this.line;
    let nextQuote = text.indexOf('"');
    while (position < text.length) {
      let lineEnd = text.indexOf(lineBreak, position);
      if (lineEnd < 0) {
        if (!isLast) break;
        lineEnd = text.length;
      }
      if (nextQuote >= 0 && nextQuote < position) nextQuote = text.indexOf('"', position);
      if (nextQuote < 0 || nextQuote > lineEnd) {
        // The common case: a whole line without quotes.
        const end = !isCrLf && lineEnd > position && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
        if (end > position) records.push({ line, fields: text.slice(position, end).split(",") });
        line += isCrLf ? countLines(text, position, lineEnd) + 1 : 1;
        position = lineEnd + lineBreak.length;
        continue;
      }
      const quoted = readQuotedRecord(text, position, line, isLast, lineBreak);
      if (quoted === undefined) break;
      records.push(quoted.record);
      position = quoted.next;
      line = quoted.nextLine;
    }
    this.pending = position >= text.length ? "" : text.slice(position);
    this.line = line;
    return records;
  }
}

/**
 * Reads one record that contains a quote, starting at `start` (the start of a line). Undefined when the text
 * ends before the record does and more may come.
 */
function readQuotedRecord(text: string, start: number, line: number, isLast: boolean, lineBreak: string): { record: CsvRecord; next: number; nextLine: number } | undefined {
  const isCrLf = lineBreak.length === 2;
  const fields: string[] = [];
  let position = start;
  /** End of the current record line: the index of its line break, or the text's length. */
  let lineEnd = text.indexOf(lineBreak, position);
  if (lineEnd < 0) lineEnd = text.length;
  const finish = (record: CsvRecord) => {
    if (lineEnd >= text.length && !isLast) return undefined;
    return { record, next: lineEnd + lineBreak.length, nextLine: line + countLines(text, start, lineEnd) + 1 };
  };
  for (;;) {
    if (text.charCodeAt(position) === 34) {
      // A quoted field: up to the next quote that is not doubled.
      let value = "";
      let from = position + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0 || (close + 1 >= text.length && !isLast)) {
          if (!isLast) return undefined;
          return { record: { line, problem: "a quoted field is never closed" }, next: text.length, nextLine: line + countLines(text, start, text.length) + 1 };
        }
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === 34) {
          value += '"';
          from = close + 2;
          continue;
        }
        if (close > lineEnd) {
          lineEnd = text.indexOf(lineBreak, close);
          if (lineEnd < 0) lineEnd = text.length;
        }
        position = close + 1;
        break;
      }
      fields.push(value);
      const after = text.charCodeAt(position);
      if (after === 44) {
        position += 1;
        continue;
      }
      if (position === lineEnd || (!isCrLf && after === 13 && position + 1 === lineEnd)) return finish({ line, fields });
      return finish({ line, problem: `text after the closing quote of field ${fields.length}` });
    }
    // An unquoted field: up to the next comma or the end of the line; it may not hold a quote.
    if (lineEnd >= text.length && !isLast) return undefined;
    let end = text.indexOf(",", position);
    const isLastField = end < 0 || end > lineEnd;
    if (isLastField) end = !isCrLf && lineEnd > position && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    const value = text.slice(position, end);
    if (value.includes('"')) return finish({ line, problem: `a quote inside unquoted field ${fields.length + 1}` });
    fields.push(value);
    if (isLastField) return finish({ line, fields });
    position = end + 1;
  }
}

/** The number of "\n" in text[from, to). */
function countLines(text: string, from: number, to: number): number {
  let count = 0;
  let at = text.indexOf("\n", from);
  while (at >= 0 && at < to) {
    count += 1;
    at = text.indexOf("\n", at + 1);
  }
  return count;
}
