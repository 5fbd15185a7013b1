/**
 * The folded form of an actor name that actor filters match on: lower case, no diacritics or dots, hyphens
 * and brackets as spaces (the registry's normalisation, so "Tehreek-e-Taliban" and "tehreek e taliban" meet).
 */
export function actorKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’‘`´.]/g, "")
    .replace(/[-‐‑‒–—_/()]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
