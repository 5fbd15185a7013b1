import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { readCsvRecords, type CsvRecord } from "./csv-records.ts";

const fixtures = join(import.meta.dirname, "..", "..", "..", "test-fixtures", "interchange");

async function read(chunks: Array<string | Uint8Array>): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const batch of readCsvRecords(chunks)) records.push(...batch);
  return records;
}

/** What csv-parse (the straightforward reader) makes of valid CSV: the fields of each record. */
function reference(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
}

function fieldsOf(records: CsvRecord[]): string[][] {
  return records.map((record) => ("fields" in record ? record.fields : [`PROBLEM ${record.problem}`]));
}

/** Awkward but valid CSV: quotes, doubled quotes, commas and line breaks inside fields, empty fields, non-ASCII. */
function awkwardCsv(lineBreak: string): string {
  const rows: string[][] = [["id", "note", "place", "n"]];
  const notes = ['plain', 'with, comma', 'with "quotes"', "two\nlines", "", "Ünïcode – dash", '"', ",", "ends with cr\r\nlf", "   "];
  for (let index = 0; index < 60; index += 1) rows.push([`R${index}`, notes[index % notes.length]!, index % 4 === 0 ? "" : `Place ${index}`, String(index)]);
  return stringify(rows, { record_delimiter: lineBreak === "\n" ? "unix" : "windows" });
}

describe("readCsvRecords", () => {
  it("reads what csv-parse reads, whatever the chunk boundaries, with the line each record starts on", async () => {
    for (const text of [awkwardCsv("\n"), awkwardCsv("\r\n"), `\ufeff${awkwardCsv("\n")}\n\n`, readFileSync(join(fixtures, "acled-small.csv"), "utf8")]) {
      const expected = reference(text);
      for (const size of [1, 2, 3, 7, 64, 1000, text.length]) {
        const chunks: string[] = [];
        for (let start = 0; start < text.length; start += size) chunks.push(text.slice(start, start + size));
        expect(fieldsOf(await read(chunks))).toEqual(expected);
      }
      // Bytes split inside multi-byte characters decode the same.
      const bytes = new TextEncoder().encode(text);
      expect(fieldsOf(await read([bytes.slice(0, 101), bytes.slice(101, 333), bytes.slice(333)]))).toEqual(expected);
    }
    const records = await read(['a,b\n1,"x\ny"\n\n3,4\r\n5,"6"']);
    expect(records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "x\ny"] },
      { line: 5, fields: ["3", "4"] },
      { line: 6, fields: ["5", "6"] },
    ]);
  });

  it("reads a generated ACLED file the same as csv-parse", async () => {
    const text = readFileSync(join(fixtures, "acled-updated.csv"), "utf8") + readFileSync(join(fixtures, "acled-bad.csv"), "utf8").split("\n").slice(1).join("\n");
    expect(fieldsOf(await read([text]))).toEqual(reference(text));
  });

  it("reads files that end lines with a lone carriage return", async () => {
    expect(await read(["a,b\r1,2\r", '3,"x"\r'])).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
      { line: 3, fields: ["3", "x"] },
    ]);
  });

  it("reports broken quoting on the record's line and goes on with the next line; a stray quote in an unquoted field is text", async () => {
    const records = await read(['a,b\n1,ab"c\n2,"q"z\n3,4\n4,"never closed\n5,6\n']);
    expect(records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", 'ab"c'] },
      { line: 3, problem: "text after the closing quote of a quoted field" },
      { line: 4, fields: ["3", "4"] },
      { line: 5, problem: "a quoted field is never closed" },
    ]);
  });
});
