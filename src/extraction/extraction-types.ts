/**
 * The extraction output contract (EXTRACTION.md v1): documents, incidents (events) and attributed
 * statistical claims, every one tied to character offsets in the plain text it was read from.
 */
import type { WeaponCategory } from "../codebook/codebook-types.ts";

export type ExtractedEventType = "attack" | "security_operation" | "armed_clash" | "airstrike" | "weapons_seizure";

export type CasualtyCategory = "security_forces" | "civilians" | "militants" | "unknown";
export const casualtyCategories: readonly CasualtyCategory[] = ["security_forces", "civilians", "militants", "unknown"];

/** Counts per category; `null` where the text does not say. */
export type CasualtyCounts = Record<CasualtyCategory, number | null>;

export interface EvidenceSpan {
  start: number;
  end: number;
}

export interface ExtractedEvent {
  type: ExtractedEventType;
  /** ISO date at the precision the text supports (YYYY, YYYY-MM, YYYY-MM-DD) or null. */
  date: string | null;
  date_end: string | null;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  perpetrators: string[];
  targets: string[];
  killed: CasualtyCounts;
  injured: CasualtyCounts;
  weapons: WeaponCategory[];
  evidence: EvidenceSpan[];
}

export type ClaimMetric =
  | "killed"
  | "injured"
  | "attacks"
  | "weapons"
  | "aircraft"
  | "vehicles"
  | "munitions"
  | "value_usd"
  | "percent_change"
  | "share_percent";

export type ClaimQualifier = "exact" | "at_least" | "approximately" | "at_most";

export interface ExtractedClaim {
  metric: ClaimMetric;
  value: number;
  qualifier: ClaimQualifier;
  period: string | null;
  scope: string | null;
  attributed_to: string | null;
  evidence: EvidenceSpan[];
}

export interface ExtractedDocument {
  file: string;
  published: string | null;
  text: string;
  events: ExtractedEvent[];
  claims: ExtractedClaim[];
}

/** An empty per-category count. */
export function emptyCounts(): CasualtyCounts {
  return { security_forces: null, civilians: null, militants: null, unknown: null };
}
