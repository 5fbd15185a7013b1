import cluster from "node:cluster";
import type { Command } from "commander";
import type { AddressInfo } from "node:net";
import { ArmtraceError } from "../../errors.ts";
import { buildServer } from "../../http/build-server.ts";
import type { CliContext } from "../cli-context.ts";
import { runServeWorkers, serveAsWorker, stopRequested, urlOf } from "./serve-workers.ts";

export interface ServeOptions {
  db?: string;
  port?: string;
  host?: string;
  /** Processes to serve from (default $ARMTRACE_SERVE_WORKERS or the cores available); 1 serves in this process. */
  workers?: string;
  /** False answers every request from the database (`--no-cache`). */
  cache?: boolean;
}

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new ArmtraceError("INVALID_INPUT", `--port must be a whole number from 0 to 65535, not "${value}"`);
  return port;
}

function parseWorkers(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const workers = Number(value);
  if (!/^\d+$/.test(value) || workers < 1 || workers > 64) throw new ArmtraceError("INVALID_INPUT", `--workers must be a whole number from 1 to 64, not "${value}"`);
  return workers;
}

/**
 * Starts the API on the database and serves until SIGINT or SIGTERM, then stops taking requests, lets the
 * ones in flight finish and returns (the caller closes the database). `signal` lets tests stop it. With more
 * than one worker, this process applies the migrations and runs the workers (serve-workers.ts): better-sqlite3
 * answers one query at a time per process, so one process uses one core.
 */
export async function runServe(context: CliContext, options: ServeOptions, signal?: AbortSignal): Promise<void> {
  const port = parsePort(options.port, context.config.port);
  const host = options.host ?? context.config.host;
  const isCaching = options.cache !== false;
  if (cluster.isWorker) return serveAsWorker(context, { db: options.db, port, host, isCaching }, signal);
  const database = await context.database(options.db);
  // An in-memory database lives in one process: other processes could not see it.
  const workers = database.path === ":memory:" ? 1 : parseWorkers(options.workers, context.config.serveWorkers);
  if (workers > 1) return runServeWorkers({ databasePath: database.path, port, host, workers, isCaching }, signal);

  const app = await buildServer({ database, logger: { level: "warn" }, maxImportBytes: context.config.maxFileBytes, isCaching });
  await app.listen({ port, host });
  process.stdout.write(`armtrace API listening on ${urlOf(app.server.address() as AddressInfo)} (database ${database.path}); docs at ${urlOf(app.server.address() as AddressInfo)}/docs\n`);
  await stopRequested(signal);
  process.stdout.write("armtrace API stopping\n");
  await app.close();
}

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command("serve")
    .description("start the REST API (OpenAPI document at /openapi.json, browsable docs at /docs)")
    .option("--port <n>", "TCP port (default 4000, or $ARMTRACE_PORT)")
    .option("--host <h>", "address to listen on (default 127.0.0.1, or $ARMTRACE_HOST)")
    .option("--workers <n>", "processes serving requests, 1-64 (default: the cores available, or $ARMTRACE_SERVE_WORKERS)")
    .option("--no-cache", "answer every request from the database (no response cache)")
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals() as ServeOptions;
      await runServe(context, options);
    });
}
