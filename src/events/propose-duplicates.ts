import { z } from "zod";
import type { Event } from "./event.ts";
import { daysBetween } from "./event-dates.ts";
import type { EventDependencies } from "./event-dependencies.ts";
import { parseInput } from "./event-input.ts";

/** A likely duplicate: two events from different sources that look like one incident. */
export interface DuplicateProposal {
  firstId: number;
  secondId: number;
  /** 0–1; higher is more likely the same incident. */
  score: number;
  /** Why, in words an analyst can check ("same day; same district (Bannu); figures agree (6)"). */
  reasons: string[];
}

export const proposeDuplicatesInputSchema = z
  .object({
    eventId: z.coerce.number().int().positive().optional(),
    dateFrom: z.string().regex(/^\d{4}(-\d{2}){0,2}$/).optional(),
    dateTo: z.string().regex(/^\d{4}(-\d{2}){0,2}$/).optional(),
    minScore: z.coerce.number().min(0).max(1).default(0.5),
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
  })
  .strict();
export type ProposeDuplicatesInput = z.input<typeof proposeDuplicatesInputSchema>;

/** Maximum distance for two events to count as the same place when their districts differ or are unknown. */
export const nearbyKilometres = 25;

/**
 * Proposes likely duplicates across sources: same type and country, day-precision dates at most one day
 * apart, the same district or within 25 km, compatible figures, and no stored source in common (one
 * article reporting two incidents is not a duplicate). Pairs an analyst kept apart are not proposed again.
 */
export async function proposeDuplicates(deps: EventDependencies, input: ProposeDuplicatesInput = {}): Promise<DuplicateProposal[]> {
  const parsed = parseInput(proposeDuplicatesInputSchema, input, "duplicate search");
  const pairs = await deps.events.nearPairs({
    days: 1,
    limit: parsed.limit * 20,
    ...(parsed.eventId !== undefined ? { eventId: parsed.eventId } : {}),
    ...(parsed.dateFrom !== undefined ? { dateFrom: parsed.dateFrom } : {}),
    ...(parsed.dateTo !== undefined ? { dateTo: parsed.dateTo } : {}),
  });
  const proposals: DuplicateProposal[] = [];
  for (const { first, second } of pairs) {
    const proposal = scoreDuplicate(first, second);
    if (proposal !== undefined && proposal.score >= parsed.minScore) proposals.push(proposal);
  }
  proposals.sort((a, b) => b.score - a.score || a.firstId - b.firstId || a.secondId - b.secondId);
  return proposals.slice(0, parsed.limit);
}

/** Scores a pair, or returns undefined when they cannot be one incident (different place, incompatible tolls). */
export function scoreDuplicate(first: Event, second: Event): DuplicateProposal | undefined {
  if (first.type !== second.type || first.country !== second.country) return undefined;
  if (first.date === null || second.date === null || first.datePrecision !== "day" || second.datePrecision !== "day") return undefined;
  const sharedSources = first.sources.some((link) => link.sourceId !== null && second.sources.some((other) => other.sourceId === link.sourceId));
  if (sharedSources) return undefined;
  const reasons: string[] = [];
  let score = 0;

  const days = Math.abs(daysBetween(first.date, second.date));
  if (days > 1) return undefined;
  score += days === 0 ? 0.4 : 0.25;
  reasons.push(days === 0 ? `same day (${first.date})` : `dates one day apart (${first.date}, ${second.date})`);

  const distance = distanceKm(first, second);
  const sameAdmin2 = first.admin2 !== null && second.admin2 !== null && first.admin2.toLowerCase() === second.admin2.toLowerCase();
  const sameLocation = first.location !== null && second.location !== null && first.location.toLowerCase() === second.location.toLowerCase();
  if (sameLocation && (sameAdmin2 || first.admin2 === null || second.admin2 === null)) {
    score += 0.3;
    reasons.push(`same place (${first.location})`);
  } else if (sameAdmin2) {
    score += 0.2;
    reasons.push(`same district (${first.admin2})`);
  } else if (distance !== undefined && distance <= nearbyKilometres) {
    score += 0.2 * (1 - distance / nearbyKilometres) + 0.05;
    reasons.push(`${distance.toFixed(1)} km apart`);
  } else if (first.admin2 === null && second.admin2 === null && distance === undefined && first.admin1 !== null && first.admin1 === second.admin1) {
    score += 0.05;
    reasons.push(`same province (${first.admin1}), district unknown`);
  } else {
    return undefined;
  }

  const a = first.fatalities.best;
  const b = second.fatalities.best;
  if (a !== null && b !== null) {
    if (a === b) {
      score += 0.2;
      reasons.push(`killed figures agree (${a})`);
    } else if (Math.abs(a - b) <= Math.max(3, 0.5 * Math.max(a, b))) {
      score += 0.1;
      reasons.push(`killed figures compatible (${a} vs ${b})`);
    } else {
      return undefined;
    }
  } else {
    score += 0.05;
    reasons.push("a killed figure is missing");
  }

  const actorsOf = (event: Event) => [...event.actors.perpetrators, ...event.actors.targets];
  const secondActors = new Set(actorsOf(second).map((name) => name.toLowerCase()));
  const common = [...new Set(actorsOf(first))].filter((name) => secondActors.has(name.toLowerCase()));
  if (common.length > 0) {
    score += 0.1;
    reasons.push(`actors in common (${common.join(", ")})`);
  }
  return { firstId: Math.min(first.id, second.id), secondId: Math.max(first.id, second.id), score: Math.round(Math.min(score, 1) * 100) / 100, reasons };
}

function distanceKm(first: Event, second: Event): number | undefined {
  if (first.latitude === null || first.longitude === null || second.latitude === null || second.longitude === null) return undefined;
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(second.latitude - first.latitude);
  const dLon = radians(second.longitude - first.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(first.latitude)) * Math.cos(radians(second.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
