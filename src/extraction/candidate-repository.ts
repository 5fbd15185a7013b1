import type { ClaimMetric, ClaimQualifier, EvidenceSpan, ExtractedClaim } from "./extraction-types.ts";

/** An attributed claim as stored: tied to its source and the words that state it, awaiting review. */
export interface StoredClaim {
  id: number;
  sourceId: number;
  metric: ClaimMetric;
  value: number;
  qualifier: ClaimQualifier;
  period: string | null;
  scope: string | null;
  attributedTo: string | null;
  evidence: EvidenceSpan | null;
  evidenceText: string | null;
  reviewState: string;
  createdAt: string;
  createdBy: string;
}

/** The record that a source has been read by the extractor, and what that produced. */
export interface ExtractionRun {
  sourceId: number;
  extractor: string;
  ranAt: string;
  ranBy: string;
  eventIds: number[];
  claimCount: number;
}

/** Storage of extraction results (SQLite today, PostgreSQL later); synchronous, like the event store. */
export interface CandidateRepository {
  runFor(sourceId: number): ExtractionRun | undefined;
  recordRun(run: ExtractionRun): void;
  /** Stores claims found in `text` (the source's plain text, which evidence offsets refer to); returns their ids. */
  addClaims(sourceId: number, claims: ExtractedClaim[], text: string, author: string, at: string): number[];
  listClaims(filter?: { sourceId?: number; metric?: ClaimMetric }): StoredClaim[];
  /** Runs `work` in one transaction that also covers event writes on the same database. */
  transaction<T>(work: () => T): T;
}
