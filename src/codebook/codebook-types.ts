/**
 * Shapes of the reference data armtrace ships (event types, actors, places, weapons). The data lives in
 * src/codebook/data/*.json, each file with its `source` and `licence`; users may edit copies of it later.
 */

export type EventTypeId = "attack" | "security_operation" | "armed_clash" | "airstrike" | "weapons_seizure";

export interface EventTypeEntry {
  id: EventTypeId;
  label: string;
  definition: string;
  /** ACLED event type and the sub-event types this maps to (first is the default). */
  acled: { eventType: string; subEventTypes: string[] };
  /** GTD attacktype1_txt values this maps to (empty for non-terrorism types). */
  gtdAttackTypes: string[];
  /** Other ACLED event types the type can fall under, depending on weapons and targets. */
  alternativeAcled?: Array<{ eventType: string; subEventTypes: string[] }>;
  /** How to choose among the mappings, for coders and reviewers. */
  codingNote?: string;
}

export type ActorKind =
  | "militant_group"
  | "separatist_group"
  | "sectarian_group"
  | "state_force"
  | "de_facto_authority"
  | "foreign_force"
  | "criminal_network"
  | "militia";

export interface ActorEntry {
  /** Canonical name, as EXTRACTION.md spells it where it lists the actor. */
  name: string;
  kind: ActorKind;
  /** Every alias and spelling a report may use (matched case-insensitively, punctuation-tolerant). */
  aliases: string[];
  /** Canonical names of parent organisations or alliances (e.g. Majeed Brigade → Balochistan Liberation Army). */
  affiliations: string[];
  countries: string[];
  activeFrom: number | null;
  activeTo: number | null;
  notes?: string;
  /**
   * Aliases that name this actor only in some contexts ("Taliban", "police", "Afghan forces"). They may be
   * shared with other actors; a resolver picks among them by the country and date of the report.
   */
  contextAliases?: ActorContextAlias[];
  /** ACLED inter code (1–8) when the kind's default does not fit (e.g. 8 for a multinational mission). */
  acledInter?: number;
}

/** One context-dependent alias: it names the actor when the country and date conditions hold. */
export interface ActorContextAlias {
  alias: string;
  /** ISO 3166-1 alpha-2 codes of where the event happened for this reading to apply. */
  countries?: string[];
  /** ISO date (YYYY[-MM[-DD]]): the reading applies on or after this date. */
  from?: string;
  /** ISO date: the reading applies before this date. */
  before?: string;
  /** Higher wins when the context cannot decide between readings (default 0). */
  priority?: number;
  /** How a human would decide, shown to reviewers. */
  note?: string;
}

export type PlaceLevel = "country" | "admin1" | "admin2" | "locality";

export interface PlaceEntry {
  /** Stable id, e.g. "PK-KP-north-waziristan". */
  id: string;
  name: string;
  level: PlaceLevel;
  country: "PK" | "AF";
  /** Province (admin1) common English name; for admin1 entries, the same as name. */
  admin1: string | null;
  /** District (admin2) for admin2 and locality entries. */
  admin2: string | null;
  lat: number;
  lon: number;
  /** Alternative spellings and former names ("D.I. Khan", "NWFP", "Kandahār"). */
  aliases: string[];
  /** Set when the name is also a common word or a person's name and needs context to count as a place. */
  isAmbiguous?: boolean;
  /** Aliases that, like an ambiguous name, need context to count as this place ("Lakki", "Nawa", "Mazar"). */
  ambiguousAliases?: string[];
  /** A district since split or merged (e.g. South Waziristan before 2022); kept so older reports resolve. */
  isFormer?: boolean;
  /** For a district carved out of another: the district it was part of before `createdIn` (same province). */
  splitFrom?: string;
  /** Year a district was created; reports from earlier years name its predecessor (`splitFrom`). */
  createdIn?: number;
  /** A named area that is not an administrative unit (Waziristan, former FATA, Makran); admin2 is null. */
  isRegion?: boolean;
  /** Inhabitants, where known (towns seeded from GeoNames). */
  population?: number;
}

export type WeaponCategory =
  | "small_arms"
  | "light_weapons"
  | "ied"
  | "suicide_vest"
  | "vbied"
  | "rocket"
  | "mortar"
  | "grenade"
  | "drone"
  | "night_vision"
  | "ammunition"
  | "explosives";

export interface WeaponEntry {
  /** Canonical model or class name ("AK-47", "M4A1 carbine", "RPG-7"). */
  name: string;
  category: WeaponCategory;
  aliases: string[];
  calibre?: string;
  manufacturers?: string[];
  /** Set on a class or generic word ("rifle", "IED", "drone") rather than a specific model. */
  isGeneric?: boolean;
}

/** Envelope of every codebook data file. */
export interface CodebookFile<T> {
  source: string;
  licence: string;
  entries: T[];
}
