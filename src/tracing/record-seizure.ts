/**
 * The record-seizure use case: validates the input, resolves the place against the gazetteer, the
 * possessor against the actor registry and each item's category from the weapon taxonomy, then stores it.
 * Names that do not resolve are kept as written and reported as warnings, never dropped.
 */
import { ArmtraceError } from "../errors.ts";
import type { WeaponCategory } from "../codebook/codebook-types.ts";
import { normalizeManufacturer, normalizeModel } from "./maker-model.ts";
import { seizureInputSchema, type Marking, type SeizedItem, type Seizure, type SeizureInput } from "./seizure.ts";
import { normalizeSerial } from "./serial.ts";

/** A marking as the draft carries it: absent texts as null. */
type MarkingDraft = { [K in keyof Marking]-?: undefined extends Marking[K] ? Exclude<Marking[K], undefined> | null : Marking[K] };

/** A seizure ready to store: validated, resolved, keys computed; the stored Seizure less what storage assigns. */
export type SeizureDraft = Omit<Seizure, "id" | "items"> & {
  items: Array<Omit<SeizedItem, "id" | "seizureId" | "markings"> & { manufacturerKey: string; modelKey: string; markings: MarkingDraft[] }>;
};

export interface SeizureDependencies {
  resolvePlace(name: string): { id: string; name: string } | undefined;
  resolveActor(name: string): string | undefined;
  categorize(term: string): WeaponCategory | undefined;
  /** Event ids among `ids` that do not exist. */
  missingEvents(ids: number[]): Promise<number[]>;
  save(draft: SeizureDraft): Promise<Seizure>;
}

export async function recordSeizure(input: SeizureInput, deps: SeizureDependencies): Promise<{ seizure: Seizure; warnings: string[] }> {
  const parsed = seizureInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new ArmtraceError("INVALID_INPUT", `invalid seizure: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "seizure"}: ${issue.message}`).join("; ")}`);
  }
  const value = parsed.data;
  const warnings: string[] = [];
  let placeId: string | null = null;
  let placeName: string | null = value.place ?? null;
  if (value.place !== undefined) {
    const place = deps.resolvePlace(value.place);
    if (place === undefined) warnings.push(`place "${value.place}" is not in the gazetteer; kept as written`);
    else {
      placeId = place.id;
      placeName = place.name;
    }
  }
  let possessor: string | null = value.possessor ?? null;
  if (value.possessor !== undefined) {
    const actor = deps.resolveActor(value.possessor);
    if (actor === undefined) warnings.push(`possessor "${value.possessor}" is not a known actor; kept as written`);
    else possessor = actor;
  }
  const missing = await deps.missingEvents(value.eventIds);
  if (missing.length > 0) throw new ArmtraceError("EVENT_NOT_FOUND", `no event ${missing.join(", ")} to link the seizure to`);
  const draft: SeizureDraft = {
    seizedOn: value.seizedOn ?? null,
    placeId,
    placeName,
    agency: value.agency ?? null,
    caseRef: value.caseRef ?? null,
    circumstances: value.circumstances ?? null,
    possessor,
    custody: value.custody.map((step) => ({ holder: step.holder, receivedOn: step.receivedOn ?? null, note: step.note ?? null })),
    eventIds: value.eventIds,
    items: value.items.map((item, index) => {
      const term = item.category ?? item.model;
      let category: WeaponCategory | null = null;
      if (term !== undefined) {
        category = deps.categorize(term) ?? null;
        if (category === null) warnings.push(`item ${index + 1}: "${term}" is not in the weapon taxonomy; category left empty`);
      }
      const serialNormalized = item.serial === undefined ? null : normalizeSerial(item.serial).text;
      return {
        category,
        manufacturer: item.manufacturer ?? null,
        manufacturerKey: normalizeManufacturer(item.manufacturer),
        model: item.model ?? null,
        modelKey: normalizeModel(item.model, item.manufacturer),
        calibre: item.calibre ?? null,
        serial: item.serial ?? null,
        serialNormalized,
        countryOfManufacture: item.countryOfManufacture ?? null,
        year: item.year ?? null,
        isSuspectedCopy: item.isSuspectedCopy,
        copyNote: item.copyNote ?? null,
        markings: item.markings.map((marking) => ({
          kind: marking.kind,
          location: marking.location ?? null,
          text: marking.text ?? null,
          legibility: marking.legibility,
          isObliterated: marking.isObliterated,
          photoRefs: marking.photoRefs,
        })),
      };
    }),
  };
  return { seizure: await deps.save(draft), warnings };
}
