import { availableParallelism } from "node:os";
import { z } from "zod";

/** Settings read from the environment once, validated, and passed down; nothing else reads process.env. */
const configSchema = z.object({
  ARMTRACE_DB: z.string().min(1).default("./armtrace.db"),
  ARMTRACE_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  ARMTRACE_HOST: z.string().min(1).default("127.0.0.1"),
  ARMTRACE_SERVE_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  ARMTRACE_MAX_FILE_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  ARMTRACE_DATABASE_URL: z.string().optional(),
  CI: z.string().optional(),
});

export interface Config {
  databasePath: string;
  port: number;
  host: string;
  /** Processes `armtrace serve` runs (each a SQLite connection and an event loop): default, the cores available. */
  serveWorkers: number;
  maxFileBytes: number;
  /** A postgres:// URL selects PostgreSQL instead of the embedded SQLite file. */
  databaseUrl: string | undefined;
  isCi: boolean;
}

/** Parses the environment; throws one error listing every bad value at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join("; ")}`);
  }
  const value = parsed.data;
  return {
    databasePath: value.ARMTRACE_DB,
    port: value.ARMTRACE_PORT,
    host: value.ARMTRACE_HOST,
    serveWorkers: value.ARMTRACE_SERVE_WORKERS ?? availableParallelism(),
    maxFileBytes: value.ARMTRACE_MAX_FILE_BYTES,
    databaseUrl: value.ARMTRACE_DATABASE_URL,
    isCi: value.CI !== undefined && value.CI !== "" && value.CI !== "false",
  };
}
