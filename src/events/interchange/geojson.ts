import type { Event } from "../event.ts";

/**
 * A GeoJSON Feature per event (RFC 7946: [longitude, latitude]); events without coordinates get a null
 * geometry. Properties carry the event without its coordinates, source links reduced to citations/ids.
 */
export function eventToFeature(event: Event): Record<string, unknown> {
  const { latitude, longitude, sources, ...properties } = event;
  return {
    type: "Feature",
    id: event.id,
    geometry: latitude === null || longitude === null ? null : { type: "Point", coordinates: [longitude, latitude] },
    properties: {
      ...properties,
      sources: sources.map((link) => ({ sourceId: link.sourceId, citation: link.citation, killed: link.killed, injured: link.injured })),
    },
  };
}

/** The opening and closing text of a FeatureCollection, so features can be streamed between them. */
export const featureCollectionStart = '{"type":"FeatureCollection","features":[\n';
export const featureCollectionEnd = "\n]}\n";
