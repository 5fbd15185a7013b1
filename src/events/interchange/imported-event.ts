import type { ActorRegistry } from "../../actors/index.ts";
import type { EventState, PreservedIdentity } from "../event-repository.ts";

/** An event read from an interchange file, with the key a re-import finds it by. */
export interface ImportedEvent {
  key: { kind: "acled"; id: string } | { kind: "gtd"; id: string } | { kind: "armtrace"; id: number } | { kind: "none" };
  state: EventState;
  /** Our own JSON Lines: id, version and authorship as exported. */
  preserve?: PreservedIdentity;
}

/** What a converter makes of one row: an event, a list of problems, or a row outside armtrace's scope. */
export type RowOutcome =
  | { kind: "event"; event: ImportedEvent }
  | { kind: "invalid"; problems: string[] }
  | { kind: "out_of_scope"; reason: string };

/** What converters need besides the row. */
export interface ConvertContext {
  /** Timestamp and user recorded on the source links the import creates. */
  at: string;
  actor: string;
  registry?: ActorRegistry;
}

/** A converter from one format's header + row to events. `header` problems refuse the whole file. */
export interface RowConverter {
  /** Problems with the header row (missing required columns); empty when fine. */
  checkHeader(header: readonly string[]): string[];
  convert(row: readonly string[], context: ConvertContext): RowOutcome;
}

/** Index of each column name in a header row. */
export function columnIndex(header: readonly string[]): Map<string, number> {
  return new Map(header.map((name, index) => [name.trim().toLowerCase().replace(/^\ufeff/, ""), index]));
}

/** A header row read for a converter: where each column is, and the problem when required ones are missing. */
export function readHeader(names: readonly string[], required: readonly string[], format: string): { columns: Map<string, number>; problems: string[] } {
  const columns = columnIndex(names);
  const missing = required.filter((column) => !columns.has(column));
  return { columns, problems: missing.length > 0 ? [`missing ${format} column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`] : [] };
}
