import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const PROJECT_ROOT = join(import.meta.dirname, "..");
export const SHARED = join(PROJECT_ROOT, "..", "shared");

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `armtrace` entry point as a user would, in a child process. */
export function runArmtrace(args: string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, "bin", "armtrace.mjs"), ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env: { ...process.env, CI: "true", ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
