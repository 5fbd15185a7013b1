import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("armtrace serve", () => {
  it("prints its URL, answers requests and stops cleanly on SIGTERM", async () => {
    const folder = mkdtempSync(join(tmpdir(), "armtrace-serve-"));
    folders.push(folder);
    const child = spawn(process.execPath, ["bin/armtrace.mjs", "--db", join(folder, "served.db"), "serve", "--port", "0"], {
      cwd: join(import.meta.dirname, "../../.."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk) => {
        output += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${errors}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });

    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("stopping");
  });

  it("refuses a port that is not a number", async () => {
    const folder = mkdtempSync(join(tmpdir(), "armtrace-serve-"));
    folders.push(folder);
    const child = spawn(process.execPath, ["bin/armtrace.mjs", "serve", "--db", join(folder, "x.db"), "--port", "eighty"], {
      cwd: join(import.meta.dirname, "../../.."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += chunk));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (status) => resolve(status)));
    expect(code).toBe(2);
    expect(errors).toContain("--port must be a whole number");
  });
});
