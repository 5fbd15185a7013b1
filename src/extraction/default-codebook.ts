/** The codebook armtrace ships: default gazetteer, actor registry and weapons taxonomy. */
import { defaultActorRegistry } from "../actors/actor-registry.ts";
import { defaultGazetteer } from "../codebook/gazetteer.ts";
import { defaultWeaponTaxonomy } from "../codebook/weapon-taxonomy.ts";
import type { ExtractionCodebook } from "./extraction-codebook.ts";

let shipped: ExtractionCodebook | undefined;

/** The shipped codebook, built once. */
export function defaultExtractionCodebook(): ExtractionCodebook {
  shipped ??= { gazetteer: defaultGazetteer(), actors: defaultActorRegistry(), weapons: defaultWeaponTaxonomy() };
  return shipped;
}
