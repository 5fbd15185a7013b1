import { parse, type HTMLElement } from "node-html-parser";
import { tidyText } from "./converters/decode-text.ts";

/** Page furniture that is never part of a report: removed before the text is taken. */
const DROPPED_ELEMENTS = [
  "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "select",
  "nav", "header", "footer", "aside", "menu",
];
const DROPPED_CLASS_HINTS =
  /(^|[\s_-])(nav|navbar|menu|topbar|top-bar|ticker|breaking|share|social|related|read-more|readmore|more-stories|most-read|popular|recommended|comments?|cookie|advert|ads?|promo|newsletter|subscribe|breadcrumbs?|sidebar|footer|header|popup|modal|trending)([\s_-]|$)/i;
const BLOCK_ELEMENTS = new Set([
  "p", "div", "section", "article", "main", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
  "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt", "dl", "hr", "figcaption", "address",
]);

export interface HtmlDocument {
  title: string | null;
  url: string | null;
  outlet: string | null;
  published: string | null;
  text: string;
}

function metaContent(root: HTMLElement, selectors: string[]): string | null {
  for (const selector of selectors) {
    const element = root.querySelector(selector);
    const value = element?.getAttribute("content") ?? element?.getAttribute("href") ?? element?.getAttribute("datetime");
    if (value && value.trim()) return value.trim();
  }
  return null;
}

function collectText(node: HTMLElement, parts: string[]): void {
  for (const child of node.childNodes) {
    if (child.nodeType === 3) {
      parts.push(child.text);
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as HTMLElement;
    const tag = element.tagName?.toLowerCase() ?? "";
    const isBlock = BLOCK_ELEMENTS.has(tag);
    if (isBlock) parts.push("\n");
    collectText(element, parts);
    if (isBlock) parts.push("\n");
  }
}

/**
 * The readable text of an HTML page and its metadata. Scripts, styles and navigation are dropped, never run;
 * entities are decoded; block elements become line breaks. The article body is preferred when marked.
 */
export function htmlToText(html: string): HtmlDocument {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  const title =
    metaContent(root, ['meta[property="og:title"]', 'meta[name="twitter:title"]']) ??
    (root.querySelector("title")?.text.trim() || null);
  const url = metaContent(root, ['link[rel="canonical"]', 'meta[property="og:url"]']);
  const outlet = metaContent(root, ['meta[property="og:site_name"]', 'meta[name="application-name"]']);
  const published = metaContent(root, [
    'meta[property="article:published_time"]', 'meta[name="pubdate"]', 'meta[name="date"]',
    'meta[itemprop="datePublished"]', "time[datetime]",
  ]);
  for (const selector of DROPPED_ELEMENTS) for (const element of root.querySelectorAll(selector)) element.remove();
  for (const element of root.querySelectorAll("[class], [id], [role]")) {
    const role = element.getAttribute("role") ?? "";
    const hint = `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`;
    const tag = element.tagName?.toLowerCase();
    if (tag === "body" || tag === "html" || tag === "article" || tag === "main") continue;
    if (/^(navigation|banner|contentinfo|complementary|menu)$/i.test(role) || DROPPED_CLASS_HINTS.test(hint)) element.remove();
  }
  const body = root.querySelector("article") ?? root.querySelector("main") ?? root.querySelector("body") ?? root;
  const parts: string[] = [];
  collectText(body, parts);
  const text = tidyText(
    parts
      .join("")
      .replace(/[ \t\u00a0]+/g, " ")
      .split("\n")
      .map((line) => line.trim())
      .join("\n"),
  );
  return { title: title ? tidyText(title) : null, url, outlet, published, text };
}

/** True when the text looks like an HTML document or fragment rather than plain prose. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html") || /<(body|article|p|div|head)[\s>]/.test(head);
}
