import { htmlToText } from "../html-to-text.ts";
import { normalizePublished } from "../published-date.ts";
import { decodeText, isBlank } from "./decode-text.ts";
import { failed, type ConversionResult, type IncomingFile } from "./converter.ts";

/** .html pages: the readable text plus title, canonical URL, site name and publication date from the head. */
export function convertHtmlFile(file: IncomingFile): ConversionResult {
  const decoded = decodeText(file.bytes);
  if (!decoded.ok) return failed(decoded.reason);
  if (isBlank(decoded.text)) return failed("empty file");
  const page = htmlToText(decoded.text);
  if (isBlank(page.text)) return failed("HTML page has no readable text");
  return {
    results: [
      {
        kind: "html",
        origin: file.path,
        url: page.url,
        title: page.title,
        outlet: page.outlet,
        published: normalizePublished(page.published),
        mediaType: "text/html",
        raw: file.bytes,
        text: page.text,
      },
    ],
    errors: [],
  };
}
