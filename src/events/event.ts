import type { EventTypeId, WeaponCategory } from "../codebook/codebook-types.ts";

/**
 * The curated incident: one concrete act of violence (or seizure) with its place, time, actors and tolls,
 * linked to every source that reports it. Field meanings follow ../shared/EXTRACTION.md; the ACLED and GTD
 * codings are kept beside our own so interchange is lossless where the formats allow.
 */

/** Our five incident types (EXTRACTION.md): attack, security_operation, armed_clash, airstrike, weapons_seizure. */
export type EventType = EventTypeId;
export const eventTypes = ["attack", "security_operation", "armed_clash", "airstrike", "weapons_seizure"] as const satisfies readonly EventType[];

/** How much of `date` the sources support: `2025-10-11` (day), `2025-10` (month) or `2025` (year). */
export type DatePrecision = "day" | "month" | "year";
export const datePrecisions = ["day", "month", "year"] as const satisfies readonly DatePrecision[];

/**
 * How exactly the coordinates place the incident, on ACLED's scale: `exact` (1: the town or village named),
 * `near` (2: a nearby place or part of a district), `region` (3: only a larger region; its capital is used).
 */
export type GeoPrecision = "exact" | "near" | "region";
export const geoPrecisions = ["exact", "near", "region"] as const satisfies readonly GeoPrecision[];

/** Review workflow: extraction creates candidates; an analyst confirms or rejects them. */
export type ReviewState = "candidate" | "confirmed" | "rejected";
export const reviewStates = ["candidate", "confirmed", "rejected"] as const satisfies readonly ReviewState[];

/** The four casualty categories of EXTRACTION.md. */
export type CasualtyCategory = "security_forces" | "civilians" | "militants" | "unknown";
export const casualtyCategories = ["security_forces", "civilians", "militants", "unknown"] as const satisfies readonly CasualtyCategory[];

/** A toll by category; `null` where no source says, `0` only where a source says none. */
export type CasualtyCounts = Record<CasualtyCategory, number | null>;

/** Actors by role, as canonical names from the actor registry (unknown names are kept as written). */
export interface EventActors {
  /** Who carried it out; for operations and strikes the state force; for armed clashes both sides. */
  perpetrators: string[];
  /** The group or force acted against, where named. */
  targets: string[];
  /** Actors acting alongside either side (ACLED's associated actors). */
  associated: string[];
}

/**
 * Which rule produced an estimate's `best` figure (see docs/events.md, "Low, best and high"):
 * `single_source` one figure only; `most_reliable_source` the figure of the best-graded source(s), their
 * lower median when they differ; `median_of_sources` the lower median when no source is graded;
 * `reviewer` set by an analyst; `none` no figure at all.
 */
export type BestRule = "single_source" | "most_reliable_source" | "median_of_sources" | "reviewer" | "none";
export const bestRules = ["single_source", "most_reliable_source", "median_of_sources", "reviewer", "none"] as const satisfies readonly BestRule[];

/** UCDP-style range over what the sources report: the lowest, the best and the highest total. */
export interface Estimate {
  low: number | null;
  best: number | null;
  high: number | null;
  rule: BestRule;
}

/** ACLED's coding of the event (codes as in ACLED's codebook); derived from our fields or kept from an import. */
export interface AcledCoding {
  /** ACLED's `event_id_cnty` when the event came from (or was sent to) ACLED, e.g. "PAK12345". */
  eventIdCnty: string | null;
  disorderType: string;
  eventType: string;
  subEventType: string;
  /** ACLED actor-type codes 1–8 of actor1 / actor2 (1 state forces, 2 rebel groups, … 7 civilians, 8 external). */
  inter1: number | null;
  inter2: number | null;
  civilianTargeting: boolean;
  /** Raw ACLED values with no field of their own here, kept so a re-export gives back what came in. */
  /** ACLED's event_date (YYYY-MM-DD): for time_precision 2 and 3 the day ACLED picked inside the span. */
  eventDate: string | null;
  timePrecision: 1 | 2 | 3 | null;
  region: string | null;
  admin3: string | null;
  sourceScale: string | null;
  tags: string | null;
  timestamp: number | null;
  actor1: string | null;
  actor2: string | null;
  assocActor1: string | null;
  assocActor2: string | null;
}

/** GTD's coding when the event came from the Global Terrorism Database. */
export interface GtdCoding {
  eventId: string | null;
  attackType: string | null;
  weaponType: string | null;
  targetType: string | null;
}

/** Character offsets into a source's text (`sources.text`) of a sentence stating the incident. */
export interface EvidenceSpan {
  start: number;
  end: number;
}

/** Admiralty grading of a source: reliability of the source A–F, credibility of the information 1–6. */
export interface ReliabilityGrade {
  source: "A" | "B" | "C" | "D" | "E" | "F";
  information: 1 | 2 | 3 | 4 | 5 | 6;
}

/** One source that reports the event, with that source's own figures and where it says so. */
export interface EventSourceLink {
  /** `sources.id` when the report is stored in this database, else null. */
  sourceId: number | null;
  /** Who reported it as written in an imported file (ACLED `source`, GTD `scite1`), when there is no stored source. */
  citation: string | null;
  killed: CasualtyCounts;
  injured: CasualtyCounts;
  evidence: EvidenceSpan[];
  /** The source's Admiralty grade (read from the source; not stored on the link). */
  reliability: ReliabilityGrade | null;
  /** The event this link came from when a merge brought it here; null for the event's own links. */
  mergedFromEventId: number | null;
  addedAt: string;
  addedBy: string;
}

/** The editable content of an event: everything except identity, version and bookkeeping. */
export interface EventContent {
  type: EventType;
  /** ISO 8601 at `datePrecision`, or null when unknown. */
  date: string | null;
  datePrecision: DatePrecision;
  /** Last day of a multi-day incident, same form as `date`; else null. */
  dateEnd: string | null;
  /** ISO 3166-1 alpha-2 (`PK`, `AF`). */
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  /** The town, village or place named (ACLED `location`). */
  location: string | null;
  latitude: number | null;
  longitude: number | null;
  geoPrecision: GeoPrecision | null;
  actors: EventActors;
  killed: CasualtyCounts;
  injured: CasualtyCounts;
  weapons: WeaponCategory[];
  notes: string | null;
  acled: AcledCoding | null;
  gtd: GtdCoding | null;
}

/** A stored event at its current version. */
export interface Event extends EventContent {
  id: number;
  reviewState: ReviewState;
  /** Starts at 1; every change adds one. Updates must name the version they edited. */
  version: number;
  /** Killed and injured totals as ranges over the linked sources. */
  fatalities: Estimate;
  injuries: Estimate;
  sources: EventSourceLink[];
  /** Set when this event was merged into another; merged events are hidden from lists. */
  mergedInto: number | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** What kind of change produced a version. */
export type EventChangeKind = "create" | "update" | "review" | "merge" | "unmerge" | "import" | "delete";

/** One row of an event's history: the full event as it stood after the change, and who made it and why. */
export interface EventVersion {
  eventId: number;
  version: number;
  change: EventChangeKind;
  changedBy: string;
  changedAt: string;
  reason: string | null;
  snapshot: Event;
}

/** A merge of `absorbedId` into `survivorId`, undone when `undoneAt` is set. */
export interface EventMerge {
  id: number;
  survivorId: number;
  absorbedId: number;
  mergedBy: string;
  mergedAt: string;
  reason: string | null;
  undoneBy: string | null;
  undoneAt: string | null;
  /** Versions the merge wrote: an unmerge restores the survivor exactly when it is still at this version. */
  survivorVersion: number | null;
  absorbedVersion: number | null;
}

/** Who is making a change and why: every write carries one. */
export interface ChangeAuthor {
  /** User name or system id (`extraction`, `import:acled`). */
  actor: string;
  reason?: string | null;
}

/** A toll with every category unknown. */
export function emptyCasualties(): CasualtyCounts {
  return { security_forces: null, civilians: null, militants: null, unknown: null };
}

/** Sum of the categories a source gives, or null when it gives none. */
export function casualtyTotal(counts: CasualtyCounts): number | null {
  let total: number | null = null;
  for (const category of casualtyCategories) {
    const value = counts[category];
    if (value !== null) total = (total ?? 0) + value;
  }
  return total;
}
