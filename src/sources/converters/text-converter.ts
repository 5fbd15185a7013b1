import { decodeText, isBlank, tidyText } from "./decode-text.ts";
import { failed, type ConversionResult, type IncomingFile } from "./converter.ts";

const MARKDOWN_EXTENSIONS = /\.(md|markdown)$/i;

/** Plain markdown → prose: headings, emphasis, links and images reduced to their words. */
function markdownToText(markdown: string): { text: string; title: string | null } {
  const title = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? null;
  const text = markdown
    .replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, "")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^>\s?/gm, "")
    .replace(/^\s*[-*+]\s+/gm, "")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1");
  return { text, title };
}

/** The first short line of a plain-text report, taken as its headline. */
function firstLineTitle(text: string): string | null {
  const line = text.split("\n").find((candidate) => candidate.trim().length > 0)?.trim();
  return line && line.length <= 140 && !/[.!?:"”’]$/.test(line) ? line : null;
}

/** .txt and .md files: one source each. */
export function convertTextFile(file: IncomingFile): ConversionResult {
  const decoded = decodeText(file.bytes);
  if (!decoded.ok) return failed(decoded.reason);
  if (isBlank(decoded.text)) return failed("empty file");
  const isMarkdown = MARKDOWN_EXTENSIONS.test(file.path);
  const converted = isMarkdown ? markdownToText(decoded.text) : { text: decoded.text, title: null };
  const text = tidyText(converted.text);
  if (isBlank(text)) return failed("no text after conversion");
  return {
    results: [
      {
        kind: isMarkdown ? "markdown" : "text",
        origin: file.path,
        url: null,
        title: converted.title ?? firstLineTitle(text),
        outlet: null,
        published: null,
        mediaType: isMarkdown ? "text/markdown" : "text/plain",
        raw: file.bytes,
        text,
      },
    ],
    errors: [],
  };
}
