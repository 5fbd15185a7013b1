/**
 * The event-type codebook: armtrace's five event types, their ACLED and GTD equivalents, and the rules that
 * code one incident for ACLED (event/sub-event type, inter and interaction codes) and GTD (attack and weapon
 * type). The ACLED/GTD reference taxonomy itself is shipped in data/acled-taxonomy.json.
 */
import acledData from "./data/acled-taxonomy.json" with { type: "json" };
import eventTypeData from "./data/event-types.json" with { type: "json" };
import type { ActorEntry, ActorKind, CodebookFile, EventTypeEntry, EventTypeId, WeaponCategory } from "./codebook-types.ts";

/** An ACLED sub-event type with its disorder type. */
export interface AcledSubEventType {
  name: string;
  disorderType: string;
  definition: string;
}

/** An ACLED event type with its sub-event types. */
export interface AcledEventType extends AcledSubEventType {
  subEventTypes: AcledSubEventType[];
}

/** The ACLED and GTD reference taxonomy shipped in data/acled-taxonomy.json. */
export interface AcledTaxonomy extends CodebookFile<AcledEventType> {
  interCodes: Array<{ code: number; name: string; description: string }>;
  interactionRule: string;
  timePrecision: Array<{ code: number; meaning: string }>;
  geoPrecision: Array<{ code: number; meaning: string }>;
  rules: string[];
  /** ACLED's 31 export columns, in order. */
  columns: string[];
  gtd: {
    attackTypes: Array<{ code: number; name: string }>;
    weaponTypes: Array<{ code: number; name: string; formerNames?: string[] }>;
  };
}

/** Facts about one incident that decide its ACLED and GTD coding. Every field is optional. */
export interface EventCodingHints {
  /** Weapon categories named for the incident. */
  weapons?: readonly WeaponCategory[];
  /** The attacker blew himself up (with or without a vest or vehicle). */
  isSuicide?: boolean;
  /** The people attacked were civilians rather than an armed force. */
  targetsCivilians?: boolean;
  /** People were kidnapped or taken hostage. */
  isAbduction?: boolean;
  /** A vehicle, aircraft or vessel was hijacked. */
  isHijacking?: boolean;
  /** A named person was singled out and killed (targeted killing). */
  isTargetedKilling?: boolean;
  /** The target was a building or infrastructure rather than people. */
  isFacilityAttack?: boolean;
  /** Whether anyone fought or was hurt; `false` for an operation that only detained or seized. */
  hasViolence?: boolean;
  /** People were arrested. */
  hasArrests?: boolean;
  /** Which side took control of a place as a result. */
  territoryTaken?: "state" | "non_state";
}

/** An ACLED coding for one incident. */
export interface AcledCoding {
  disorderType: string;
  eventType: string;
  subEventType: string;
  /** ACLED's civilian_targeting column: true when civilians were the main target. */
  civilianTargeting: boolean;
}

/** A GTD coding: attacktype1_txt (null where GTD would not record the incident) and weaptype1_txt. */
export interface GtdCoding {
  attackType: string | null;
  weaponType: string;
}

/** The date from which ACLED codes the Taliban as Afghanistan's state forces. */
export const talibanStateFrom = "2021-08-15";

/** The shipped ACLED/GTD reference taxonomy (6 event types, 25 sub-event types, inter codes, precisions). */
export function acledTaxonomy(): AcledTaxonomy {
  return acledData as unknown as AcledTaxonomy;
}

/** The five armtrace event types with their definitions and ACLED/GTD mappings. */
export function eventTypes(): readonly EventTypeEntry[] {
  return (eventTypeData as unknown as CodebookFile<EventTypeEntry>).entries;
}

/** One event type's codebook entry; undefined for an id outside the five. */
export function getEventType(id: string): EventTypeEntry | undefined {
  return eventTypes().find((entry) => entry.id === id);
}

const subEventIndex = new Map<string, { eventType: string; disorderType: string }>();
for (const eventType of acledTaxonomy().entries) {
  for (const sub of eventType.subEventTypes) {
    subEventIndex.set(sub.name, { eventType: eventType.name, disorderType: sub.disorderType });
  }
}

function coding(subEventType: string, civilianTargeting: boolean): AcledCoding {
  const parent = subEventIndex.get(subEventType);
  if (parent === undefined) throw new Error(`Sub-event type "${subEventType}" is missing from acled-taxonomy.json`);
  return { disorderType: parent.disorderType, eventType: parent.eventType, subEventType, civilianTargeting };
}

/** The ACLED event type, sub-event type and disorder type for an incident of the given type. */
export function acledFor(type: EventTypeId, hints: EventCodingHints = {}): AcledCoding {
  const weapons = new Set(hints.weapons ?? []);
  const civilians = hints.targetsCivilians === true;
  switch (type) {
    case "attack":
      if (hints.isSuicide === true || weapons.has("suicide_vest")) return coding("Suicide bomb", civilians);
      if (weapons.has("drone")) return coding("Air/drone strike", civilians);
      if (weapons.has("ied") || weapons.has("vbied") || weapons.has("explosives")) {
        return coding("Remote explosive/landmine/IED", civilians);
      }
      if (weapons.has("grenade")) return coding("Grenade", civilians);
      if (weapons.has("rocket") || weapons.has("mortar")) return coding("Shelling/artillery/missile attack", civilians);
      if (hints.isAbduction === true || hints.isHijacking === true) {
        return civilians || hints.targetsCivilians === undefined
          ? coding("Abduction/forced disappearance", true)
          : coding("Armed clash", false);
      }
      if (civilians) return coding("Attack", true);
      if (hints.territoryTaken === "non_state") return coding("Non-state actor overtakes territory", false);
      return coding("Armed clash", false);
    case "security_operation":
      if (hints.hasViolence === false || (hints.hasViolence === undefined && hints.hasArrests === true)) {
        return coding("Arrests", false);
      }
      if (weapons.has("drone")) return coding("Air/drone strike", civilians);
      if (hints.territoryTaken === "state") return coding("Government regains territory", false);
      return coding("Armed clash", false);
    case "armed_clash":
      if (hints.territoryTaken === "non_state") return coding("Non-state actor overtakes territory", false);
      if (hints.territoryTaken === "state") return coding("Government regains territory", false);
      return coding("Armed clash", false);
    case "airstrike":
      return coding("Air/drone strike", civilians);
    case "weapons_seizure":
      return coding("Disrupted weapons use", false);
  }
}

const explosiveCategories: ReadonlySet<WeaponCategory> = new Set<WeaponCategory>([
  "suicide_vest",
  "vbied",
  "ied",
  "explosives",
  "grenade",
  "rocket",
  "mortar",
  "drone",
]);

/** GTD weaptype1_txt for a set of weapon categories: explosives before firearms, "Unknown" when none. */
export function gtdWeaponType(weapons: readonly WeaponCategory[] = []): string {
  if (weapons.some((weapon) => explosiveCategories.has(weapon))) return "Explosives";
  if (weapons.some((weapon) => weapon === "small_arms" || weapon === "light_weapons")) return "Firearms";
  return "Unknown";
}

/** The GTD attack and weapon types for an incident; attackType is null for types GTD does not record. */
export function gtdFor(type: EventTypeId, hints: EventCodingHints = {}): GtdCoding {
  const weapons = hints.weapons ?? [];
  const weaponType = gtdWeaponType(weapons);
  if (type !== "attack") return { attackType: null, weaponType };
  if (hints.isHijacking === true) return { attackType: "Hijacking", weaponType };
  if (hints.isAbduction === true) return { attackType: "Hostage Taking (Kidnapping)", weaponType };
  if (hints.isSuicide === true || weaponType === "Explosives") return { attackType: "Bombing/Explosion", weaponType };
  if (hints.isTargetedKilling === true) return { attackType: "Assassination", weaponType };
  if (hints.isFacilityAttack === true) return { attackType: "Facility/Infrastructure Attack", weaponType };
  if (weaponType === "Firearms") return { attackType: "Armed Assault", weaponType };
  return { attackType: "Unknown", weaponType };
}

const interByKind: Record<ActorKind, number> = {
  state_force: 1,
  de_facto_authority: 1,
  militant_group: 2,
  separatist_group: 2,
  sectarian_group: 3,
  militia: 3,
  criminal_network: 3,
  foreign_force: 1,
};

/**
 * ACLED inter code (1–8) of an actor kind or entry. An entry's own `acledInter` wins, except that a de facto
 * authority counts as a rebel group (2) for dates before it took the state (the Taliban before 2021-08-15).
 */
export function acledInterCode(actor: ActorKind | ActorEntry, context: { date?: string | null } = {}): number {
  const kind = typeof actor === "string" ? actor : actor.kind;
  if (kind === "de_facto_authority" && context.date && context.date.slice(0, 10) < talibanStateFrom.slice(0, context.date.length)) {
    return 2;
  }
  if (typeof actor !== "string" && actor.acledInter !== undefined) return actor.acledInter;
  return interByKind[kind];
}

/** ACLED interaction code: the two inter codes, lower first (12); a lone actor gives its code and 0 (20). */
export function acledInteraction(inter1: number, inter2?: number | null): number {
  if (inter2 === undefined || inter2 === null || inter2 === 0) return inter1 * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}
