/**
 * What extraction needs from the codebook — the gazetteer, the actor registry and the weapons taxonomy —
 * and the scanners built over their names, once per codebook.
 */
import type { ActorRegistry } from "../actors/actor-registry.ts";
import type { ActorEntry, PlaceEntry, WeaponCategory, WeaponEntry } from "../codebook/codebook-types.ts";
import type { Gazetteer } from "../codebook/gazetteer.ts";
import type { WeaponTaxonomy } from "../codebook/weapon-taxonomy.ts";
import { PhraseScanner } from "./phrase-scanner.ts";

/** The reference data extraction reads; pass the defaults or users' edited copies. */
export interface ExtractionCodebook {
  gazetteer: Pick<Gazetteer, "names" | "admin1For" | "admin2For">;
  actors: Pick<ActorRegistry, "aliases" | "resolve" | "affiliatesOf" | "get">;
  weapons: Pick<WeaponTaxonomy, "terms">;
}

export interface CodebookScanners {
  places: PhraseScanner<PlaceEntry>;
  actors: PhraseScanner<string>;
  weapons: PhraseScanner<WeaponCategory>;
}

const cache = new WeakMap<ExtractionCodebook, CodebookScanners>();

/** Scanners over the codebook's names, built on first use and kept for the codebook's lifetime. */
export function scannersFor(codebook: ExtractionCodebook): CodebookScanners {
  let scanners = cache.get(codebook);
  if (scanners === undefined) {
    const actorAliases: Array<[string, string]> = [];
    for (const [alias] of codebook.actors.aliases()) actorAliases.push([alias, alias]);
    const weaponTerms: Array<[string, WeaponCategory]> = [];
    for (const [term, entry] of codebook.weapons.terms()) weaponTerms.push([term, (entry as WeaponEntry).category]);
    scanners = {
      places: new PhraseScanner<PlaceEntry>(codebook.gazetteer.names()),
      actors: new PhraseScanner<string>(actorAliases),
      weapons: new PhraseScanner<WeaponCategory>(weaponTerms),
    };
    cache.set(codebook, scanners);
  }
  return scanners;
}

export type { ActorEntry, PlaceEntry };
