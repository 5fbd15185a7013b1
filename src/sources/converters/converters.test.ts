import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { converterFor, type IncomingFile } from "./index.ts";

const fixtures = join(import.meta.dirname, "../../../test-fixtures/sources");
function fixture(name: string): IncomingFile {
  return { path: join(fixtures, name), bytes: new Uint8Array(readFileSync(join(fixtures, name))) };
}
function bytesFile(path: string, content: string | Uint8Array): IncomingFile {
  return { path, bytes: typeof content === "string" ? new TextEncoder().encode(content) : content };
}
async function convert(file: IncomingFile) {
  return converterFor(file)(file);
}

/** A minimal PDF 1.4 with one page of text, offsets computed so pdf.js reads it without repair. */
export function buildPdf(lines: string[], title: string): Uint8Array {
  const stream = ["BT /F1 12 Tf 72 720 Td 14 TL", ...lines.map((line) => `(${line.replace(/[()\\]/g, "\\$&")}) '`), "ET"].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Title (${title}) /CreationDate (D:20240612093000Z) >>`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

describe("converters: every input kind", () => {
  it("plain text keeps the text and takes a short first line as title", async () => {
    const { results, errors } = await convert(fixture("quetta-market-blast.txt"));
    expect(errors).toEqual([]);
    expect(results).toHaveLength(1);
    expect(results[0]!.kind).toBe("text");
    expect(results[0]!.title).toBe("Blast at Quetta vegetable market wounds 14");
    expect(results[0]!.text).toContain("wounding fourteen people, two of them policemen");
  });

  it("markdown is reduced to prose with its heading as title", async () => {
    const { results } = await convert(fixture("wana-operation.md"));
    expect(results[0]!.kind).toBe("markdown");
    expect(results[0]!.title).toBe("Security forces kill three militants near Wana");
    expect(results[0]!.text).toContain("killed three militants in an intelligence-based operation near Wana, South Waziristan");
    expect(results[0]!.text).not.toMatch(/\*\*|\]\(/);
  });

  it("HTML drops scripts, styles, navigation, share and related blocks and reads metadata from the head", async () => {
    const { results } = await convert(fixture("torkham-seizure.html"));
    const page = results[0]!;
    expect(page.title).toBe("Customs seize 40 rifles hidden in fruit truck at Torkham");
    expect(page.outlet).toBe("Frontier Ledger");
    expect(page.url).toBe("https://frontier-ledger.example/2025/03/torkham-rifles");
    expect(page.published).toBe("2025-03-14");
    expect(page.text).toContain("seized 40 assault rifles and 3,000 rounds");
    expect(page.text).toContain("arrested & handed over");
    for (const clutter of ["window.tracker", "alert(", "font-family", "Share on Facebook", "Related", "All rights reserved", "Home"]) {
      expect(page.text).not.toContain(clutter);
    }
    expect(new TextDecoder().decode(page.raw)).toContain("<script>alert"); // the evidence stays verbatim
  });

  it("RSS gives one source per item with link, date, outlet and the item's own XML as evidence", async () => {
    const { results, errors } = await convert(fixture("district-wire.rss"));
    expect(errors).toEqual([]);
    expect(results.map((item) => item.title)).toEqual(["Levies post attacked in Kalat", "Polio team escorted after threat in Bajaur"]);
    expect(results[0]!.url).toBe("https://district-wire.example/levies-post-kalat");
    expect(results[0]!.published).toBe("2025-02-04");
    expect(results[0]!.outlet).toBe("District Wire");
    expect(results[0]!.origin).toMatch(/district-wire\.rss#item-1$/);
    expect(results[0]!.text).toContain("killing two Levies personnel");
    expect(results[0]!.text).not.toContain("<p>");
    expect(new TextDecoder().decode(results[1]!.raw)).toMatch(/^<item>[\s\S]*polio-bajaur[\s\S]*<\/item>$/);
  });

  it("Atom entries keep the local publication day of an offset timestamp", async () => {
    const { results } = await convert(fixture("kabul-desk.atom"));
    expect(results).toHaveLength(1);
    expect(results[0]!.published).toBe("2025-06-01");
    expect(results[0]!.url).toBe("https://kabul-desk.example/dasht-e-barchi-explosion");
    expect(results[0]!.outlet).toBe("Kabul Desk");
  });

  it("JSON Lines gives one source per record", async () => {
    const { results, errors } = await convert(fixture("agency-desk.jsonl"));
    expect(errors).toEqual([]);
    expect(results.map((record) => [record.title, record.published, record.outlet])).toEqual([
      ["Two soldiers martyred in Kech", "2025-05-10", "Agency Desk"],
      ["Meeting on border trade", "2025-05-11", "Agency Desk"],
    ]);
  });

  it("PDF text and metadata are read", async () => {
    const pdf = buildPdf(["Quarterly security review", "Militants attacked a convoy in Kurram."], "Quarterly review");
    const { results, errors } = await convert(bytesFile("review.pdf", pdf));
    expect(errors).toEqual([]);
    expect(results[0]!.kind).toBe("pdf");
    expect(results[0]!.title).toBe("Quarterly review");
    expect(results[0]!.published).toBe("2024-06-12");
    expect(results[0]!.text).toContain("attacked a convoy in Kurram");
  });

  it("files without a known extension are sniffed", async () => {
    expect((await convert(bytesFile("download", "<?xml version='1.0'?><rss><channel><title>X</title><item><title>T</title><description>Body text here</description></item></channel></rss>"))).results[0]!.kind).toBe("feed-item");
    expect((await convert(bytesFile("page", "<!DOCTYPE html><html><body><p>Hello there</p></body></html>"))).results[0]!.kind).toBe("html");
    expect((await convert(bytesFile("note", "Just words."))).results[0]!.kind).toBe("text");
  });
});

describe("converters: bad input is reported as data, naming the reason", () => {
  const cases: Array<[string, IncomingFile, RegExp]> = [
    ["empty", bytesFile("empty.txt", ""), /empty/],
    ["whitespace only", bytesFile("blank.txt", " \n\t\n"), /empty/],
    ["binary", bytesFile("image.txt", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2])), /binary/],
    ["not UTF-8", bytesFile("latin.txt", new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe])), /UTF-8/],
    ["malformed XML", bytesFile("broken.rss", "<rss><channel><item><title>x</title></channel></rss>"), /malformed XML/],
    ["XML that is not a feed", bytesFile("other.xml", "<?xml version='1.0'?><catalog><book/></catalog>"), /not an RSS or Atom feed/],
    ["feed without items", bytesFile("none.rss", "<rss><channel><title>x</title></channel></rss>"), /no items/],
    ["fake PDF", bytesFile("fake.pdf", "hello, I am not a PDF"), /not a PDF/],
    ["truncated PDF", bytesFile("cut.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog"), /malformed PDF|no text layer/],
    ["HTML with only scripts", bytesFile("scripts.html", "<html><head><script>var a=1;</script></head><body><nav>Menu</nav></body></html>"), /no readable text/],
  ];
  it.each(cases)("%s", async (_name, file, reason) => {
    const { results, errors } = await convert(file);
    expect(results).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(reason);
  });

  it("a bad JSON Lines record costs only that line, named by number", async () => {
    const file = bytesFile(
      "mixed.jsonl",
      ['{"text":"First good record about a raid."}', "{not json", '{"title":"no text"}', '{"text":"Second good record.","published":"yesterday-ish"}', '{"text":"Third good record."}'].join("\n"),
    );
    const { results, errors } = await convert(file);
    expect(results.map((record) => record.origin)).toEqual(["mixed.jsonl#line-1", "mixed.jsonl#line-5"]);
    expect(errors).toEqual([
      expect.stringMatching(/^line 2: not valid JSON/),
      expect.stringMatching(/^line 3: text/),
      expect.stringMatching(/^line 4: published "yesterday-ish" is not a date/),
    ]);
  });
});
