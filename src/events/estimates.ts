import type { Estimate, ReliabilityGrade } from "./event.ts";

/** One source's total for an event, with the source's grade when an analyst has set it. */
export interface SourceFigure {
  total: number | null;
  grade: ReliabilityGrade | null;
}

/**
 * UCDP-style low / best / high over the sources' totals. `low` is the lowest and `high` the highest figure
 * any source gives. `best` is chosen by this rule, named in `rule`:
 *  1. an analyst's figure (`reviewer`) when `reviewerBest` is given — it widens low/high if it lies outside;
 *  2. with one figure, that figure (`single_source`);
 *  3. else the figure of the best-graded sources (Admiralty source letter first, then information number);
 *     when they disagree, their lower median (`most_reliable_source`) — a militant claim graded E5 never
 *     outweighs an official or independent count graded B2;
 *  4. with no grades at all, the lower median of every figure (`median_of_sources`).
 * The lower median keeps `best` an actually reported figure and leans conservative, as UCDP does.
 */
export function estimateFromSources(figures: readonly SourceFigure[], reviewerBest?: number | null): Estimate {
  const known = figures.filter((figure): figure is { total: number; grade: ReliabilityGrade | null } => figure.total !== null);
  const totals = known.map((figure) => figure.total);
  let low = totals.length > 0 ? Math.min(...totals) : null;
  let high = totals.length > 0 ? Math.max(...totals) : null;
  if (reviewerBest !== undefined && reviewerBest !== null) {
    low = low === null ? reviewerBest : Math.min(low, reviewerBest);
    high = high === null ? reviewerBest : Math.max(high, reviewerBest);
    return { low, best: reviewerBest, high, rule: "reviewer" };
  }
  if (known.length === 0) return { low: null, best: null, high: null, rule: "none" };
  if (known.length === 1) return { low, best: totals[0] ?? null, high, rule: "single_source" };
  const graded = known.filter((figure) => figure.grade !== null);
  if (graded.length > 0) {
    const topRank = Math.min(...graded.map((figure) => gradeRank(figure.grade)));
    const top = graded.filter((figure) => gradeRank(figure.grade) === topRank).map((figure) => figure.total);
    return { low, best: lowerMedian(top), high, rule: "most_reliable_source" };
  }
  return { low, best: lowerMedian(totals), high, rule: "median_of_sources" };
}

/** 0 for A1 (best) … 35 for F6 (worst). */
export function gradeRank(grade: ReliabilityGrade | null): number {
  if (grade === null) return 36;
  return ("ABCDEF".indexOf(grade.source)) * 6 + (grade.information - 1);
}

function lowerMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}
