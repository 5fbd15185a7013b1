import { XMLParser, XMLValidator } from "fast-xml-parser";
import { htmlToText, looksLikeHtml } from "../html-to-text.ts";
import { normalizePublished } from "../published-date.ts";
import type { SourceDraft } from "../source.ts";
import { decodeText, isBlank, tidyText } from "./decode-text.ts";
import { failed, type ConversionResult, type IncomingFile } from "./converter.ts";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === "item" || name === "entry" || name === "link",
});

type XmlNode = Record<string, unknown>;

function textOf(value: unknown): string | null {
  if (value == null) return null;
  if (typeof value === "string" || typeof value === "number") return String(value).trim() || null;
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === "object") return textOf((value as XmlNode)["#text"]);
  return null;
}

function linkOf(value: unknown): string | null {
  const links = Array.isArray(value) ? value : value == null ? [] : [value];
  for (const link of links) {
    if (typeof link === "string" && link.trim()) return link.trim();
    if (link && typeof link === "object") {
      const node = link as XmlNode;
      const rel = node["@rel"];
      if (typeof node["@href"] === "string" && (rel === undefined || rel === "alternate")) return node["@href"] as string;
      const text = textOf(node);
      if (text) return text;
    }
  }
  return null;
}

function plain(markup: string | null): string {
  if (!markup) return "";
  return looksLikeHtml(markup) || /<\w+[^>]*>/.test(markup) ? htmlToText(markup).text : tidyText(markup);
}

/** The verbatim XML of each <item>/<entry>, in document order, so every feed item keeps its own evidence. */
function rawItems(xml: string, tag: "item" | "entry"): string[] {
  const pattern = new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`, "g");
  return xml.match(pattern) ?? [];
}

/** RSS 2.0 and Atom feed files: one source per item, with the feed's title as outlet. */
export function convertFeedFile(file: IncomingFile): ConversionResult {
  const decoded = decodeText(file.bytes);
  if (!decoded.ok) return failed(decoded.reason);
  if (isBlank(decoded.text)) return failed("empty file");
  const validation = XMLValidator.validate(decoded.text);
  if (validation !== true) return failed(`malformed XML at line ${validation.err.line}: ${validation.err.msg}`);
  const document = parser.parse(decoded.text) as XmlNode;
  const rss = document.rss as XmlNode | undefined;
  const channel = (rss?.channel ?? (document["rdf:RDF"] as XmlNode | undefined)?.channel) as XmlNode | undefined;
  const atom = document.feed as XmlNode | undefined;
  const isAtom = Boolean(atom);
  if (!channel && !atom) return failed("not an RSS or Atom feed (no <rss><channel> or <feed>)");
  const outlet = textOf(isAtom ? atom!.title : channel!.title);
  const items = ((isAtom ? atom!.entry : channel!.item ?? (document["rdf:RDF"] as XmlNode | undefined)?.item) ?? []) as XmlNode[];
  const raws = rawItems(decoded.text, isAtom ? "entry" : "item");
  const results: SourceDraft[] = [];
  const errors: string[] = [];
  if (items.length === 0) return failed("feed has no items");
  items.forEach((item, index) => {
    const body = plain(
      textOf(item["content:encoded"]) ?? textOf(item.content) ?? textOf(item.description) ?? textOf(item.summary),
    );
    const title = textOf(item.title);
    const text = tidyText([title ? plain(title) : "", body].filter(Boolean).join("\n\n"));
    if (isBlank(body)) {
      errors.push(`item ${index + 1}${title ? ` ("${title.slice(0, 60)}")` : ""}: no text`);
      return;
    }
    results.push({
      kind: "feed-item",
      origin: `${file.path}#item-${index + 1}`,
      url: linkOf(item.link) ?? textOf(item.guid) ?? textOf(item.id),
      title: title ? plain(title) : null,
      outlet,
      published: normalizePublished(textOf(item.pubDate) ?? textOf(item.published) ?? textOf(item["dc:date"]) ?? textOf(item.updated)),
      mediaType: isAtom ? "application/atom+xml" : "application/rss+xml",
      raw: new TextEncoder().encode(raws[index] ?? JSON.stringify(item)),
      text,
    });
  });
  return { results, errors };
}
