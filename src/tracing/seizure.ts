/**
 * Seizures and the weapons in them: what was found, where (gazetteer), by whom, from whom (actor), the
 * chain of custody since, the incident events it came from, and each item's markings. Inputs are checked
 * here, once, for the CLI and HTTP alike.
 */
import { z } from "zod";
import type { WeaponCategory } from "../codebook/codebook-types.ts";

export const MARKING_KINDS = ["manufacturer", "import", "proof", "government", "other"] as const;
export type MarkingKind = (typeof MARKING_KINDS)[number];
export const LEGIBILITY = ["clear", "partial", "illegible"] as const;
export type Legibility = (typeof LEGIBILITY)[number];

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/u, "a date as YYYY, YYYY-MM or YYYY-MM-DD");
const optionalText = z.string().trim().min(1).optional();

export const markingInputSchema = z.object({
  kind: z.enum(MARKING_KINDS),
  /** Where on the weapon: "left side of receiver", "barrel", "magazine well". */
  location: optionalText,
  text: optionalText,
  legibility: z.enum(LEGIBILITY).default("clear"),
  isObliterated: z.boolean().default(false),
  photoRefs: z.array(z.string().trim().min(1)).default([]),
});
export type MarkingInput = z.input<typeof markingInputSchema>;
export type Marking = z.output<typeof markingInputSchema>;

export const itemInputSchema = z.object({
  category: z.string().optional(),
  manufacturer: optionalText,
  model: optionalText,
  calibre: optionalText,
  /** The frame or receiver serial first; other component serials go in markings. */
  serial: optionalText,
  countryOfManufacture: optionalText,
  year: z.number().int().min(1800).max(2100).optional(),
  /** Craft-produced or counterfeit with false marks. */
  isSuspectedCopy: z.boolean().default(false),
  copyNote: optionalText,
  markings: z.array(markingInputSchema).default([]),
});
export type ItemInput = z.input<typeof itemInputSchema>;

export const custodyStepSchema = z.object({
  holder: z.string().trim().min(1),
  receivedOn: isoDate.optional(),
  note: optionalText,
});

export const seizureInputSchema = z.object({
  seizedOn: isoDate.optional(),
  place: optionalText,
  agency: optionalText,
  caseRef: optionalText,
  circumstances: optionalText,
  possessor: optionalText,
  custody: z.array(custodyStepSchema).default([]),
  eventIds: z.array(z.number().int().positive()).default([]),
  items: z.array(itemInputSchema).min(1, "a seizure needs at least one item"),
});
export type SeizureInput = z.input<typeof seizureInputSchema>;

/** An item as stored, with its normalised keys and category. */
export interface SeizedItem {
  id: number;
  seizureId: number | null;
  category: WeaponCategory | null;
  manufacturer: string | null;
  model: string | null;
  calibre: string | null;
  serial: string | null;
  serialNormalized: string | null;
  countryOfManufacture: string | null;
  year: number | null;
  isSuspectedCopy: boolean;
  copyNote: string | null;
  markings: Marking[];
}

export interface CustodyStep {
  holder: string;
  receivedOn: string | null;
  note: string | null;
}

/** A seizure as stored. */
export interface Seizure {
  id: number;
  seizedOn: string | null;
  placeId: string | null;
  placeName: string | null;
  agency: string | null;
  caseRef: string | null;
  circumstances: string | null;
  possessor: string | null;
  custody: CustodyStep[];
  eventIds: number[];
  items: SeizedItem[];
}
