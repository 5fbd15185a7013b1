#!/usr/bin/env node
// Entry point of the `armtrace` command: runs the TypeScript CLI through tsx, no build step needed.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/main.ts");
process.exitCode = await runCli(process.argv);
