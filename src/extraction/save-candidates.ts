import type { Gazetteer } from "../codebook/gazetteer.ts";
import { createEvent, type EventDependencies } from "../events/index.ts";
import type { CandidateRepository, ExtractionRun } from "./candidate-repository.ts";
import type { ExtractedDocument, ExtractedEvent } from "./extraction-types.ts";

/** Name and version of the extractor, recorded with every run so results can be told apart later. */
export const EXTRACTOR_ID = "armtrace-grammar/1";

export interface SaveCandidatesDependencies {
  events: EventDependencies;
  candidates: CandidateRepository;
  gazetteer: Gazetteer;
}

export type SaveCandidatesOutcome =
  | { status: "saved"; run: ExtractionRun }
  | { status: "already-extracted"; run: ExtractionRun };

function evidenceQuote(text: string, event: ExtractedEvent): string {
  return event.evidence.map((span) => text.slice(span.start, span.end).trim()).join(" … ").slice(0, 2000);
}

/** Coordinates of the most precise place the extractor named: the district's, else the province's. */
function placeOf(gazetteer: Gazetteer, event: ExtractedEvent) {
  const hint = { country: event.country ?? undefined, admin1: event.admin1 ?? undefined };
  const district = event.admin2 ? gazetteer.resolve(event.admin2, hint) : undefined;
  if (district) return { latitude: district.lat, longitude: district.lon, geoPrecision: "near" as const };
  const province = event.admin1 ? gazetteer.resolve(event.admin1, { country: event.country ?? undefined }) : undefined;
  if (province) return { latitude: province.lat, longitude: province.lon, geoPrecision: "region" as const };
  return { latitude: null, longitude: null, geoPrecision: null };
}

/**
 * Saves what the extractor found in one stored source as review candidates: each incident becomes a
 * candidate event linked to the source with its own figures and evidence offsets, each claim a candidate
 * claim. All in one transaction; a source already extracted is left as it is (re-running stores nothing twice).
 */
export function saveCandidates(
  deps: SaveCandidatesDependencies,
  sourceId: number,
  document: ExtractedDocument,
  author: string,
): SaveCandidatesOutcome {
  return deps.candidates.transaction(() => {
    const previous = deps.candidates.runFor(sourceId);
    if (previous) return { status: "already-extracted", run: previous } as const;
    const at = deps.events.now();
    const eventIds = document.events.map((event) => {
      const quote = evidenceQuote(document.text, event);
      const created = createEvent(
        deps.events,
        {
          event: {
            type: event.type,
            date: event.date,
            dateEnd: event.date_end,
            country: event.country,
            admin1: event.admin1,
            admin2: event.admin2,
            ...placeOf(deps.gazetteer, event),
            actors: { perpetrators: event.perpetrators, targets: event.targets, associated: [] },
            killed: event.killed,
            injured: event.injured,
            weapons: event.weapons,
            notes: quote ? `Extracted from source ${sourceId}: “${quote}”` : null,
          },
          sources: [{ sourceId, killed: event.killed, injured: event.injured, evidence: event.evidence }],
          reviewState: "candidate",
        },
        { actor: author, reason: `extracted by ${EXTRACTOR_ID}` },
      );
      return created.id;
    });
    const claimIds = deps.candidates.addClaims(sourceId, document.claims, document.text, author, at);
    const run: ExtractionRun = { sourceId, extractor: EXTRACTOR_ID, ranAt: at, ranBy: author, eventIds, claimCount: claimIds.length };
    deps.candidates.recordRun(run);
    return { status: "saved", run } as const;
  });
}
