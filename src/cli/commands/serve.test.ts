import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
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

  it("serves from several worker processes that see each other's writes, and stops them all", async () => {
    const folder = mkdtempSync(join(tmpdir(), "armtrace-serve-"));
    folders.push(folder);
    const child = spawn(process.execPath, ["bin/armtrace.mjs", "--db", join(folder, "served.db"), "serve", "--port", "0", "--workers", "2"], {
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
    expect(output).toContain("2 worker processes");
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const list = "/events?admin1=Balochistan";
      // Each request on a new connection: the cluster hands connections to the workers in turn.
      const before = await Promise.all(Array.from({ length: 6 }, () => request(url, "GET", list)));
      expect(new Set(before.map((response) => response.worker)).size).toBe(2);
      expect(before.every((response) => response.status === 200 && (response.json as { total: number }).total === 0)).toBe(true);

      const event = { event: { type: "attack", date: "2025-01-02", country: "PK", admin1: "Balochistan", notes: "written through one worker" } };
      const created = await request(url, "POST", "/events", event);
      expect(created.status).toBe(201);

      // Every worker, each of which cached the empty list above, now answers with the new event.
      const after = await Promise.all(Array.from({ length: 6 }, () => request(url, "GET", list)));
      expect(new Set(after.map((response) => response.worker)).size).toBe(2);
      for (const response of after) {
        expect(response.status).toBe(200);
        expect((response.json as { total: number; events: Array<{ notes: string }> }).events.map((listed) => listed.notes)).toEqual(["written through one worker"]);
      }
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output).toContain("stopping");
  }, 120_000);

  it("refuses a worker count that is not a whole number from 1 to 64", async () => {
    const folder = mkdtempSync(join(tmpdir(), "armtrace-serve-"));
    folders.push(folder);
    const child = spawn(process.execPath, ["bin/armtrace.mjs", "serve", "--db", join(folder, "x.db"), "--port", "0", "--workers", "0"], {
      cwd: join(import.meta.dirname, "../../.."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += chunk));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (status) => resolve(status)));
    expect(code).toBe(2);
    expect(errors).toContain("--workers must be a whole number from 1 to 64");
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

/** One request on a connection of its own (no keep-alive), with the worker that answered it. */
function request(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; worker: string | undefined; json: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = httpRequest(
      `${base}${path}`,
      {
        method,
        agent: false,
        headers: payload === undefined ? {} : { "content-type": "application/json", "x-armtrace-user": "serve.test" },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, worker: response.headers["x-armtrace-worker"] as string | undefined, json: JSON.parse(text) }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(payload);
  });
}
