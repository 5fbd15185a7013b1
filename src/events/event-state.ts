import type { CasualtyCounts, Estimate, EventSourceLink } from "./event.ts";
import { casualtyTotal } from "./event.ts";
import { estimateFromSources } from "./estimates.ts";
import type { EventState } from "./event-repository.ts";

/**
 * Recomputes an event's low/best/high from its source links (see estimateFromSources). An event with no
 * links is its own only figure. A best figure an analyst set stays, unless `keepReviewerBest` is false.
 */
export function withEstimates(state: EventState, keepReviewerBest = true): EventState {
  return {
    ...state,
    fatalities: estimate(state.sources, state.killed, (link) => link.killed, keepReviewerBest ? state.fatalities : undefined),
    injuries: estimate(state.sources, state.injured, (link) => link.injured, keepReviewerBest ? state.injuries : undefined),
  };
}

function estimate(
  links: readonly EventSourceLink[],
  own: CasualtyCounts,
  pick: (link: EventSourceLink) => CasualtyCounts,
  previous: Estimate | undefined,
): Estimate {
  const reviewerBest = previous?.rule === "reviewer" ? previous.best : undefined;
  if (links.length === 0) {
    const total = casualtyTotal(own);
    if (reviewerBest !== undefined) return estimateFromSources([{ total, grade: null }], reviewerBest);
    return { low: total, best: total, high: total, rule: total === null ? "none" : "single_source" };
  }
  return estimateFromSources(
    links.map((link) => ({ total: casualtyTotal(pick(link)), grade: link.reliability })),
    reviewerBest,
  );
}
