import { Command, CommanderError } from "commander";
import { loadConfig } from "../config.ts";
import { exitCodeFor } from "../errors.ts";
import { createCliContext, type CliContext } from "./cli-context.ts";
import { registerDemoCommand } from "./commands/demo.ts";
import { registerEvalCommand } from "./commands/eval.ts";
import { registerEventsCommand } from "./commands/events.ts";
import { registerExtractCommand } from "./commands/extract.ts";
import { registerIngestCommand } from "./commands/ingest.ts";
import { registerReportCommand } from "./commands/report.ts";
import { registerSearchCommand, registerSourcesCommand } from "./commands/sources.ts";
import { registerServeCommand } from "./commands/serve.ts";
import { registerTraceCommand } from "./commands/trace.ts";

/** Builds the `armtrace` command tree; each command lives in its own file under ./commands. */
export function buildProgram(context: CliContext): Command {
  const program = new Command("armtrace")
    .description("Sourced data on militant violence and illicit small-arms flows")
    .option("--db <path>", "SQLite database file (default ./armtrace.db, or $ARMTRACE_DB)")
    .showHelpAfterError()
    .exitOverride();
  const commandRegistrations: Array<(program: Command, context: CliContext) => void> = [
    registerIngestCommand,
    registerSourcesCommand,
    registerSearchCommand,
    registerExtractCommand,
    registerEvalCommand,
    registerEventsCommand,
    registerReportCommand,
    registerTraceCommand,
    registerServeCommand,
    registerDemoCommand,
  ];
  for (const register of commandRegistrations) register(program, context);
  return program;
}

/** Runs the CLI with the given argv and returns the exit status instead of exiting. */
export async function runCli(argv: string[]): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`armtrace: ${(error as Error).message}\n`);
    return 2;
  }
  const context = createCliContext(config);
  const program = buildProgram(context);
  try {
    await program.parseAsync(argv);
    return context.exitStatus;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`armtrace: ${(error as Error).message}\n`);
    return exitCodeFor(error);
  } finally {
    await context.close();
  }
}
