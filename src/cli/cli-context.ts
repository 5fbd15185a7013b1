import { createServices, type Services } from "../app.ts";
import type { Config } from "../config.ts";
import { openDatabase, type ArmtraceDatabase } from "../storage/database.ts";

/** What every command gets: configuration, the database (opened on first use) and the exit status to return. */
export interface CliContext {
  config: Config;
  /** Opens the database named by --db, $ARMTRACE_DB or ./armtrace.db, once. */
  database(dbOption?: string): Promise<ArmtraceDatabase>;
  /** Every store and cross-module use case on that database (the composition root in src/app.ts). */
  services(dbOption?: string): Promise<Services>;
  exitStatus: number;
  /** True when progress bars and colour make sense (a terminal, not CI). */
  isInteractive: boolean;
  close(): Promise<void>;
}

export function createCliContext(config: Config): CliContext {
  let opened: Promise<ArmtraceDatabase> | undefined;
  let services: Promise<Services> | undefined;
  const context: CliContext = {
    config,
    exitStatus: 0,
    isInteractive: Boolean(process.stderr.isTTY) && !config.isCi,
    database(dbOption) {
      opened ??= openDatabase({ path: dbOption ?? config.databasePath });
      return opened;
    },
    services(dbOption) {
      services ??= context.database(dbOption).then(createServices);
      return services;
    },
    async close() {
      if (opened) await (await opened).close().catch(() => undefined);
    },
  };
  return context;
}
