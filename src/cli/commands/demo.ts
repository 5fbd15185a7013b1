import type { Command } from "commander";
import { join } from "node:path";
import type { CliContext } from "../cli-context.ts";
import { extractStoredSources } from "../extract-stored-sources.ts";
import { runIngest } from "./ingest.ts";
import { runServe } from "./serve.ts";

/** The team-written sample reports shipped with armtrace (never news text from elsewhere). */
export const SAMPLE_REPORTS = join(import.meta.dirname, "..", "..", "..", "samples", "reports");

/**
 * The first-run experience: ingest the sample reports into the embedded database, extract their incidents and
 * claims as review candidates, then start the API so a new user sees data at once.
 */
export function registerDemoCommand(program: Command, context: CliContext): void {
  program
    .command("demo")
    .description("ingest and extract the bundled sample reports, then start the API (npm start)")
    .option("--port <n>", "TCP port for the API (default 4000)")
    .option("--host <h>", "address to listen on (default 127.0.0.1)")
    .option("--no-serve", "stop after ingesting instead of starting the API")
    .action(async (options: { port?: string; host?: string; serve: boolean }, command: Command) => {
      const db = command.optsWithGlobals().db as string | undefined;
      process.stdout.write(`armtrace demo: ingesting the sample reports in ${SAMPLE_REPORTS}\n`);
      const summary = await runIngest(context, [SAMPLE_REPORTS], db);
      await extractStoredSources(context, summary.stored, db);
      process.stdout.write('\nTry: npx armtrace search "Kurram"   ·   npx armtrace events list   ·   npx armtrace report --from 2025-01-01 --to 2025-12-31 --include-candidates --out report.html\n');
      if (options.serve) await runServe(context, { db, port: options.port, host: options.host });
    });
}
