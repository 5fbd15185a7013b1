import { stringify } from "csv-stringify/sync";
import type { EventDependencies } from "./event-dependencies.ts";
import type { EventFilter } from "./event-query.ts";
import { acledColumns, eventToAcledRows } from "./interchange/acled-csv.ts";
import { eventToFeature, featureCollectionEnd, featureCollectionStart } from "./interchange/geojson.ts";
import { eventToJsonLine } from "./interchange/jsonl.ts";

export type ExportFormat = "acled" | "jsonl" | "geojson";
export const exportFormats: readonly ExportFormat[] = ["acled", "jsonl", "geojson"];

export interface ExportEventsInput {
  format: ExportFormat;
  /** Which events (default: every event not merged or deleted; JSON Lines also includes merged ones). */
  filter?: EventFilter;
}

/**
 * Streams events in an interchange format to `write`, a batch at a time, and returns how many events
 * (and, for ACLED, rows: multi-day events become one row per day) were written.
 */
export async function exportEvents(
  deps: EventDependencies,
  input: ExportEventsInput,
  write: (text: string) => void | Promise<void>,
): Promise<{ events: number; rows: number }> {
  const filter: EventFilter = { ...(input.format === "jsonl" ? { includeMerged: true } : {}), ...input.filter };
  let events = 0;
  let rows = 0;
  if (input.format === "acled") await write(stringify([acledColumns as string[]]));
  if (input.format === "geojson") await write(featureCollectionStart);
  for await (const batch of deps.events.stream(filter)) {
    let text = "";
    if (input.format === "acled") {
      const records = batch.flatMap((event) => eventToAcledRows(event, deps.actors));
      rows += records.length;
      text = stringify(records);
    } else if (input.format === "jsonl") {
      rows += batch.length;
      text = batch.map((event) => `${eventToJsonLine(event)}\n`).join("");
    } else {
      text = batch.map((event, index) => `${events + index > 0 ? ",\n" : ""}${JSON.stringify(eventToFeature(event))}`).join("");
      rows += batch.length;
    }
    events += batch.length;
    await write(text);
  }
  if (input.format === "geojson") await write(featureCollectionEnd);
  return { events, rows };
}
