import { createHash } from "node:crypto";

/**
 * Fingerprints that decide whether two sources are the same document (exact hash of the normalised text)
 * or the same story re-published (MinHash over word 3-shingles with locality-sensitive banding: one wire
 * report on two sites, with a changed headline or an added sentence, still shares most of its shingles).
 */

/** Text with whitespace runs collapsed and trimmed, so line-wrapping differences do not defeat dedupe. */
export function normalizeForHash(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/** SHA-256 hex of the normalised text: equal for exact copies. */
export function contentHash(text: string): string {
  return createHash("sha256").update(normalizeForHash(text), "utf8").digest("hex");
}

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Murmur3's 32-bit finaliser: a cheap, well-mixed permutation of a 32-bit value. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const WORD = /[\p{L}\p{N}]+/gu;
const SHINGLE_SIZE = 3;
/** Number of MinHash values per text. */
export const MINHASH_SIZE = 64;
/** LSH banding: 16 bands of 4 values; texts with Jaccard similarity 0.7 share a band with probability > 0.99. */
export const MINHASH_BANDS = 16;
const ROWS_PER_BAND = MINHASH_SIZE / MINHASH_BANDS;
const SEEDS = Array.from({ length: MINHASH_SIZE }, (_, index) => mix(0x9e3779b9 + index * 0x632be5ab));

/** MinHash signature of the text's word 3-shingles (short texts: of their words). */
export function minhash(text: string): Uint32Array {
  const words = text.toLowerCase().match(WORD) ?? [];
  const signature = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  const shingleCount = Math.max(1, words.length - SHINGLE_SIZE + 1);
  for (let index = 0; index < shingleCount; index++) {
    const base = fnv1a32(words.slice(index, index + SHINGLE_SIZE).join(" "));
    for (let slot = 0; slot < MINHASH_SIZE; slot++) {
      const value = mix(base ^ SEEDS[slot]!);
      if (value < signature[slot]!) signature[slot] = value;
    }
  }
  return signature;
}

/** One 32-bit key per band (as a signed integer, to fit every SQL engine's INTEGER). */
export function minhashBands(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < MINHASH_BANDS; band++) {
    let hash = mix(band + 1);
    for (let row = 0; row < ROWS_PER_BAND; row++) hash = mix(hash ^ signature[band * ROWS_PER_BAND + row]!);
    keys.push(hash | 0);
  }
  return keys;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures (share of equal slots). */
export function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let slot = 0; slot < MINHASH_SIZE; slot++) if (a[slot] === b[slot]) equal++;
  return equal / MINHASH_SIZE;
}

/** Estimated similarity at or above which two texts count as the same story. */
export const NEAR_DUPLICATE_MIN_SIMILARITY = 0.6;

/** Signature as bytes for storage, and back. */
export function signatureToBytes(signature: Uint32Array): Uint8Array {
  return new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength).slice();
}
export function signatureFromBytes(bytes: Uint8Array): Uint32Array {
  return new Uint32Array(new Uint8Array(bytes).buffer, 0, MINHASH_SIZE);
}

/** Words in the text, counted the way search tokenises them. */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}
