/**
 * HTML → plain text for extraction. One implementation serves the whole product: the source library's, so a
 * page extracted from a file and the same page ingested and extracted from the database give the same text
 * and the same evidence offsets.
 */
import { htmlToText as readHtmlPage, looksLikeHtml } from "../sources/index.ts";

export { looksLikeHtml };

/** The readable text of an HTML page: scripts, styles and page furniture dropped, blocks as line breaks. */
export function htmlToText(html: string): string {
  return readHtmlPage(html).text;
}
