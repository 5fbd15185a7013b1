import type { Command } from "commander";
import type { AddressInfo } from "node:net";
import { ArmtraceError } from "../../errors.ts";
import { buildServer } from "../../http/build-server.ts";
import type { CliContext } from "../cli-context.ts";

export interface ServeOptions {
  db?: string;
  port?: string;
  host?: string;
}

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new ArmtraceError("INVALID_INPUT", `--port must be a whole number from 0 to 65535, not "${value}"`);
  return port;
}

/**
 * Starts the API on the database and serves until SIGINT or SIGTERM, then stops taking requests, lets the
 * ones in flight finish and returns (the caller closes the database). `signal` lets tests stop it.
 */
export async function runServe(context: CliContext, options: ServeOptions, signal?: AbortSignal): Promise<void> {
  const port = parsePort(options.port, context.config.port);
  const host = options.host ?? context.config.host;
  const database = await context.database(options.db);
  const app = await buildServer({ database, logger: { level: "warn" }, maxImportBytes: context.config.maxFileBytes });
  await app.listen({ port, host });
  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  process.stdout.write(`armtrace API listening on ${url} (database ${database.path}); docs at ${url}/docs\n`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      signal?.removeEventListener("abort", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    if (signal?.aborted) stop();
    signal?.addEventListener("abort", stop);
  });
  process.stdout.write("armtrace API stopping\n");
  await app.close();
}

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command("serve")
    .description("start the REST API (OpenAPI document at /openapi.json, browsable docs at /docs)")
    .option("--port <n>", "TCP port (default 4000, or $ARMTRACE_PORT)")
    .option("--host <h>", "address to listen on (default 127.0.0.1, or $ARMTRACE_HOST)")
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals() as ServeOptions;
      await runServe(context, options);
    });
}
