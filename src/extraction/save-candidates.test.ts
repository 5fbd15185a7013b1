import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createServices, type Services } from "../app.ts";
import { getEvent } from "../events/index.ts";
import { fingerprintDraft, type SourceDraft } from "../sources/index.ts";
import { openDatabase, type ArmtraceDatabase } from "../storage/database.ts";

let folder: string;
let database: ArmtraceDatabase;
let services: Services;
beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), "armtrace-candidates-"));
  database = await openDatabase({ path: join(folder, "armtrace.db") });
  services = createServices(database);
});
afterEach(async () => {
  await database.close();
  rmSync(folder, { recursive: true, force: true });
});

const REPORT =
  "Three soldiers killed in Kech attack\n\n" +
  "TURBAT, May 10, 2025: Three soldiers were martyred and two others injured when militants attacked a checkpost in Kech district on Saturday, the military said.\n\n" +
  "According to a report by the Centre for Research and Security Studies, at least 502 people were killed in militant violence across Pakistan in 2024.";

async function storeReport(text = REPORT): Promise<number> {
  const draft: SourceDraft = { kind: "text", origin: "kech.txt", url: null, title: null, outlet: null, published: "2025-05-10", mediaType: "text/plain", raw: new TextEncoder().encode(text), text };
  const outcome = await services.sources.add(draft, fingerprintDraft(draft));
  if (outcome.status !== "stored") throw new Error("expected a new source");
  return outcome.id;
}

describe("saving extraction results as review candidates", () => {
  it("stores candidate events linked to the source with evidence offsets, and the claims", async () => {
    const sourceId = await storeReport();
    const { document, outcome } = await services.extractSource(sourceId, "analyst-a");
    expect(outcome.status).toBe("saved");
    expect(outcome.run.eventIds).toHaveLength(document.events.length);
    expect(document.events.length).toBeGreaterThan(0);
    const stored = await getEvent(services.events, outcome.run.eventIds[0]!);
    expect(stored.reviewState).toBe("candidate");
    expect(stored.type).toBe(document.events[0]!.type);
    const link = stored.sources.find((source) => source.sourceId === sourceId);
    expect(link?.evidence).toEqual(document.events[0]!.evidence);
    const quoted = link!.evidence.map((span) => document.text.slice(span.start, span.end)).join(" ");
    expect(quoted).toContain("soldiers were martyred");
    const claims = services.candidates.listClaims({ sourceId });
    expect(claims.map((claim) => [claim.metric, claim.value])).toEqual(document.claims.map((claim) => [claim.metric, claim.value]));
    for (const claim of claims) expect(claim.evidenceText).toBe(document.text.slice(claim.evidence!.start, claim.evidence!.end));
  });

  it("extracting the same source again stores nothing twice", async () => {
    const sourceId = await storeReport();
    const first = await services.extractSource(sourceId, "analyst-a");
    const second = await services.extractSource(sourceId, "analyst-b");
    expect(second.outcome.status).toBe("already-extracted");
    expect(second.outcome.run.eventIds).toEqual(first.outcome.run.eventIds);
    expect(services.candidates.listClaims({ sourceId })).toHaveLength(first.outcome.run.claimCount);
  });

  it("leaves nothing behind when saving fails halfway", async () => {
    const sourceId = await storeReport();
    database.sqlite!.exec("CREATE TRIGGER refuse_claims BEFORE INSERT ON claims BEGIN SELECT RAISE(ABORT, 'claims table is locked'); END");
    await expect(services.extractSource(sourceId, "analyst-a")).rejects.toThrow(/claims table is locked/);
    const counts = database.sqlite!.prepare("SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM extraction_runs) AS runs").get();
    expect(counts).toEqual({ events: 0, runs: 0 });
  });

  it("refuses an unknown source with a clear error", async () => {
    await expect(services.extractSource(404, "analyst-a")).rejects.toThrow("no source with id 404");
  });
});
