/**
 * HTML → plain text for extraction: drops scripts, styles and page furniture (nav, header, footer, aside,
 * forms), keeps block structure as line breaks, and decodes entities. Plain text passes through untouched.
 */
import { parse, type HTMLElement, type Node } from "node-html-parser";

const droppedTags = new Set([
  "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg",
  "button", "select", "option", "head", "menu", "figure", "figcaption",
]);
const blockTags = new Set([
  "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
  "blockquote", "pre", "main", "dd", "dt", "dl", "hr", "td", "th", "body", "html",
]);

/** True when the input looks like an HTML document or fragment rather than plain text. */
export function looksLikeHtml(input: string): boolean {
  const head = input.slice(0, 4096).toLowerCase();
  if (/<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]/.test(head)) return true;
  const tags = head.match(/<\/?(p|div|span|a|br|script|style|article|section|h[1-6]|li|ul|table|meta|link)[\s>/]/g);
  return tags !== null && tags.length >= 3;
}

/** Extracts readable text from HTML; block elements become paragraph breaks. */
export function htmlToText(html: string): string {
  const root = parse(html.replace(/<!doctype[^>]*>/gi, "").replace(/<\?xml[^>]*\?>/gi, ""), { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      parts.push(node.text);
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as HTMLElement;
    const tag = element.rawTagName?.toLowerCase() ?? "";
    if (droppedTags.has(tag)) return;
    const isBlock = blockTags.has(tag);
    if (isBlock) parts.push("\n");
    for (const child of element.childNodes) walk(child);
    if (isBlock) parts.push("\n");
  };
  walk(root);
  return parts
    .join("")
    .replace(/[ \t\f\v\u00a0]+/g, (m) => (m.includes("\u00a0") && m.length === 1 ? " " : " "))
    .replace(/ *\n[\s]*/g, (m) => (m.split("\n").length > 2 ? "\n\n" : "\n"))
    .trim();
}
