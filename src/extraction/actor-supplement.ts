/**
 * Actor names extraction needs that the shipped registry (src/codebook/data/actors.json) does not list yet,
 * kept here until the registry has them: each maps words of a report to a canonical name as the extraction
 * contract compares it. Matched on the normalised text of an incident's sentences.
 */
export interface SupplementActor {
  pattern: RegExp;
  name: string;
  kind: "state" | "group";
  /** Only for incidents in these countries (any when absent). */
  countries?: readonly string[];
}

export const supplementActors: readonly SupplementActor[] = [
  { pattern: /\b(?:pakistan )?customs(?: department| officials| authorities| staff)?\b/, name: "Pakistan Customs", kind: "state", countries: ["PK"] },
  { pattern: /\b(?:the )?islamic state(?: group| militants| fighters)?\b(?! (?:khorasan|pakistan|in khorasan|of khorasan))|\bis-k\b|\bisis\b/, name: "Islamic State Khorasan Province", kind: "group", countries: ["AF", "PK"] },
];
