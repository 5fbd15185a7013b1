import type { CasualtyCounts, EventType, ReviewState } from "../event.ts";
import type { EventState } from "../event-repository.ts";
import { withEstimates } from "../event-state.ts";

/** Generated events for query tests: varied enough to reach every filter and every counting path. */

/** A reproducible pseudo-random sequence in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export const testPlaces = [
  { country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "Bannu", location: "Bannu" },
  { country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "North Waziristan", location: "Miran Shah" },
  { country: "PK", admin1: "Balochistan", admin2: "Quetta", location: "Quetta" },
  { country: "PK", admin1: "Balochistan", admin2: "Kech", location: "Turbat" },
  { country: "AF", admin1: "Nangarhar", admin2: "Jalalabad", location: "Jalalabad" },
  { country: "AF", admin1: "Kabul", admin2: null, location: null },
] as const;
export const testTypes: EventType[] = ["attack", "security_operation", "armed_clash", "airstrike", "weapons_seizure"];
export const testReviewStates: ReviewState[] = ["candidate", "confirmed", "rejected"];
export const testActors = ["Tehrik-i-Taliban Pakistan", "Balochistan Liberation Army", "Pakistan security forces", "Islamic State Khorasan Province", "Afghan Taliban"];
const words = ["suicide", "checkpost", "convoy", "market", "ambush", "raid"];

/** A plausible event: several places, precisions (some undated, some multi-day), 0–3 actors, a source link. */
export function generateEventState(random: () => number, sourceIds: number[]): EventState {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const place = pick(testPlaces);
  const year = 2019 + Math.floor(random() * 6);
  const month = String(1 + Math.floor(random() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
  const precision = random() < 0.75 ? "day" : random() < 0.7 ? "month" : "year";
  const date = random() < 0.04 ? null : precision === "day" ? `${year}-${month}-${day}` : precision === "month" ? `${year}-${month}` : `${year}`;
  const dateEnd = date !== null && precision === "day" && random() < 0.1 ? `${year}-${month}-${String(Math.min(28, Number(day) + 1 + Math.floor(random() * 20))).padStart(2, "0")}` : null;
  const toll = (): number | null => (random() < 0.2 ? null : Math.floor(-Math.log(1 - random()) * 4));
  const killed: CasualtyCounts = { security_forces: toll(), civilians: toll(), militants: null, unknown: null };
  const injured: CasualtyCounts = { security_forces: toll(), civilians: null, militants: null, unknown: null };
  const actorCount = Math.floor(random() * 4);
  const chosen = Array.from({ length: actorCount }, () => pick(testActors));
  return withEstimates({
    type: pick(testTypes),
    date,
    datePrecision: date === null ? "day" : precision,
    dateEnd,
    country: place.country,
    admin1: place.admin1,
    admin2: place.admin2,
    location: place.location,
    latitude: null,
    longitude: null,
    geoPrecision: null,
    actors: { perpetrators: chosen.slice(0, 1), targets: chosen.slice(1, 2), associated: chosen.slice(2) },
    killed,
    injured,
    weapons: [],
    notes: `${pick(words)} ${pick(words)} near ${place.location ?? place.admin1}`,
    acled: null,
    gtd: null,
    reviewState: pick(testReviewStates),
    sources: [
      {
        sourceId: sourceIds.length > 0 && random() < 0.3 ? pick(sourceIds) : null,
        citation: "report",
        killed,
        injured,
        evidence: [],
        reliability: null,
        mergedFromEventId: null,
        addedAt: "2026-01-01T00:00:00.000Z",
        addedBy: "seed",
      },
    ],
    mergedInto: null,
    fatalities: { low: null, best: null, high: null, rule: "none" },
    injuries: { low: null, best: null, high: null, rule: "none" },
  });
}

