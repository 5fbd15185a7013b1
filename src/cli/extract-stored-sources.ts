import type { CliContext } from "./cli-context.ts";
import { cliUser } from "./cli-user.ts";

/**
 * Extracts stored sources and saves incidents and claims as review candidates; prints one line per source
 * and a total. A source already extracted is reported and left as it is.
 */
export async function extractStoredSources(context: CliContext, sourceIds: number[], dbOption: string | undefined): Promise<void> {
  const services = await context.services(dbOption);
  let events = 0;
  let claims = 0;
  for (const id of sourceIds) {
    const { outcome } = await services.extractSource(id, cliUser());
    const { run } = outcome;
    if (outcome.status === "already-extracted") {
      process.stderr.write(`armtrace: source ${id} was already extracted on ${run.ranAt} (events ${run.eventIds.join(", ") || "none"}); left as it is\n`);
      continue;
    }
    events += run.eventIds.length;
    claims += run.claimCount;
    process.stdout.write(`source ${id}: ${run.eventIds.length} candidate event(s)${run.eventIds.length ? ` (${run.eventIds.join(", ")})` : ""}, ${run.claimCount} claim(s)\n`);
  }
  process.stdout.write(`extracted ${events} candidate event(s) and ${claims} claim(s) from ${sourceIds.length} source(s); review them with \`armtrace events list --state candidate\`\n`);
}
