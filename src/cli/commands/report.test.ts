import { Command } from "commander";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../config.ts";
import { createEvent } from "../../events/create-event.ts";
import { reviewEvent } from "../../events/review-event.ts";
import { openTestEvents, type TestEvents } from "../../events/testing/open-test-events.ts";
import { createCliContext } from "../cli-context.ts";
import { registerReportCommand } from "./report.ts";

let t: TestEvents;
beforeEach(async () => {
  t = await openTestEvents();
  const author = { actor: "analyst" };
  const event = createEvent(
    t.deps,
    {
      event: { type: "attack", date: "2024-05-04", country: "PK", admin1: "Balochistan", admin2: "Quetta", latitude: 30.18, longitude: 67.0, killed: { civilians: 3, unknown: 1 }, injured: { civilians: 5 } },
      sources: [{ citation: "Dawn" }],
    },
    author,
  );
  reviewEvent(t.deps, { id: event.id, state: "confirmed" }, author);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.cleanup();
});

/** Runs `armtrace --db <test db> report …` and returns what it printed. */
async function run(args: string[]): Promise<string> {
  const context = createCliContext(loadConfig({}));
  const program = new Command("armtrace").option("--db <path>").exitOverride();
  registerReportCommand(program, context);
  let output = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    output += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    await program.parseAsync(["node", "armtrace", "--db", t.database.path, "report", ...args]);
  } finally {
    await context.close();
  }
  return output;
}

describe("armtrace report", () => {
  it("prints the JSON interface outside checks rely on", async () => {
    const report = JSON.parse(await run(["--from", "2024-01-01", "--to", "2024-12-31", "--format", "json"]));
    expect(report.totals).toMatchObject({
      incidents: 1,
      killed: { security_forces: 0, civilians: 3, militants: 0, unknown: 1, total: 4 },
      injured: { security_forces: 0, civilians: 5, militants: 0, unknown: 0, total: 5 },
    });
    expect(report.by_admin1).toEqual([expect.objectContaining({ country: "PK", admin1: "Balochistan", incidents: 1, killed: 4, injured: 5 })]);
    expect(Array.isArray(report.claims)).toBe(true);
  });

  it("writes the HTML report to --out", async () => {
    const out = join(t.folder, "report.html");
    await run(["--from", "2024-01-01", "--to", "2024-12-31", "--format", "html", "--out", out]);
    const html = readFileSync(out, "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("<svg");
  });

  it("refuses an inverted period with INVALID_INPUT", async () => {
    await expect(run(["--from", "2024-12-31", "--to", "2024-01-01", "--format", "json"])).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
