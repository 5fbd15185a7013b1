/** Decoding bytes to text, and telling text from binary, for every converter. */

const decoder = new TextDecoder("utf-8", { fatal: true });

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

/** Decodes UTF-8 (with or without BOM); refuses binary content and other encodings with a reason. */
export function decodeText(bytes: Uint8Array): DecodeResult {
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192));
  if (sample.includes(0)) return { ok: false, reason: "binary file (contains NUL bytes)" };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, reason: "not valid UTF-8 text (binary or another encoding)" };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let control = 0;
  const limit = Math.min(text.length, 8192);
  for (let index = 0; index < limit; index++) {
    const code = text.charCodeAt(index);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) control++;
  }
  if (limit > 0 && control / limit > 0.02) return { ok: false, reason: "binary file (control characters)" };
  return { ok: true, text };
}

/** Plain text tidied the same way for every kind: unified line ends, no-break spaces as spaces, trimmed lines. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** True when nothing but whitespace remains. */
export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}
