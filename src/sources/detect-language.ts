import { franc } from "franc-min";

const ISO_639_1: Record<string, string> = {
  eng: "en", urd: "ur", pes: "fa", prs: "fa", pbu: "ps", pbt: "ps", arb: "ar", hin: "hi", ben: "bn",
  pan: "pa", rus: "ru", zho: "zh", cmn: "zh", fra: "fr", deu: "de", spa: "es", tur: "tr", uzn: "uz", tgk: "tg",
};
const ENGLISH_FUNCTION_WORDS = new Set([
  "the", "and", "of", "in", "a", "an", "to", "was", "were", "is", "are", "on", "at", "by", "for", "with", "said", "from", "that", "had", "has",
]);

/**
 * ISO 639-1 code of the text's language (the 3-letter code where no 2-letter one is mapped), or null if
 * unsure. English function words decide short English texts, where trigram statistics are unreliable.
 */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, 3000);
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 4) return null;
  const english = words.filter((word) => ENGLISH_FUNCTION_WORDS.has(word)).length;
  if (english / words.length >= 0.12) return "en";
  const code = franc(sample.slice(0, 800), { minLength: 40 });
  if (code === "und") return null;
  return ISO_639_1[code] ?? code;
}
