/** Public surface of the extraction module: documents in, sourced incidents and claims out. */
export { extractDocument, type ExtractDocumentOptions } from "./extract-document.ts";
export type { ExtractionCodebook } from "./extraction-codebook.ts";
export { defaultExtractionCodebook } from "./default-codebook.ts";
export * from "./extraction-types.ts";
export { htmlToText, looksLikeHtml } from "./html-to-text.ts";
export { scoreExtraction, formatScore, type ExtractionScore, type GoldDocument } from "./score-extraction.ts";
