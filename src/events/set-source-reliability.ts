import { z } from "zod";
import { ArmtraceError } from "../errors.ts";
import type { ChangeAuthor, ReliabilityGrade } from "./event.ts";
import type { EventDependencies } from "./event-dependencies.ts";
import { parseInput } from "./event-input.ts";

/** An Admiralty grade written as two characters, e.g. "B2"; null clears it. */
export const setSourceReliabilityInputSchema = z
  .object({
    sourceId: z.number().int().positive(),
    grade: z
      .string()
      .regex(/^[A-F][1-6]$/, "an Admiralty grade: source A–F then information 1–6, e.g. B2")
      .nullable(),
  })
  .strict();
export type SetSourceReliabilityInput = z.input<typeof setSourceReliabilityInputSchema>;

/** Sets the analyst's grade of a source; events' best figures use it the next time they are recomputed. */
export async function setSourceReliability(deps: EventDependencies, input: SetSourceReliabilityInput, author: ChangeAuthor): Promise<ReliabilityGrade | null> {
  const parsed = parseInput(setSourceReliabilityInputSchema, input, "reliability grade");
  if (deps.sourceReliability === undefined) throw new ArmtraceError("DEPENDENCY_MISSING", "no source reliability store configured");
  const grade = parsed.grade === null ? null : parseGrade(parsed.grade);
  await deps.sourceReliability.setGrade(parsed.sourceId, grade, author, deps.now());
  return grade;
}

/** "B2" → { source: "B", information: 2 }. */
export function parseGrade(text: string): ReliabilityGrade {
  return { source: text[0] as ReliabilityGrade["source"], information: Number(text[1]) as ReliabilityGrade["information"] };
}

/** { source: "B", information: 2 } → "B2". */
export function formatGrade(grade: ReliabilityGrade): string {
  return `${grade.source}${grade.information}`;
}
