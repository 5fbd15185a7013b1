import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFile } from "../../sources/index.ts";
import { startTestApi, type TestApi } from "../test-api.ts";

let api: TestApi;
let sourceId: number;
const user = { "x-armtrace-user": "analyst.test" };
const REPORT =
  "QUETTA, March 4, 2025: Four policemen were martyred and seven people injured when a bomb exploded near a police van on Sariab Road on Tuesday, officials said. " +
  "According to a report by the Pakistan Institute for Conflict and Security Studies, militants carried out 74 attacks in Balochistan in February 2025.";

beforeAll(async () => {
  api = await startTestApi();
  const report = await ingestFile({ path: "quetta.txt", bytes: new TextEncoder().encode(REPORT) }, api.sources, { maxFileBytes: 1_000_000 });
  sourceId = report.stored[0]!;
});
afterAll(async () => {
  await api.close();
});

describe("extraction routes", () => {
  it("extracts a posted text by the contract without storing anything", async () => {
    const response = await api.app.inject({ method: "POST", url: "/extract", payload: { text: REPORT, published: "2025-03-05" } });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.text).toBe(REPORT);
    expect(document.events.length).toBeGreaterThan(0);
    expect(document.events[0]).toMatchObject({ type: "attack", admin1: "Balochistan" });
    expect(document.claims.map((claim: { metric: string; value: number }) => [claim.metric, claim.value])).toContainEqual(["attacks", 74]);
    const events = await api.app.inject({ method: "GET", url: "/events" });
    expect(events.json().total).toBe(0);
  });

  it("refuses a body with an unknown field or a malformed date", async () => {
    for (const payload of [{ text: "x", colour: "red" }, { text: "x", published: "yesterday" }, { published: "2025" }]) {
      const response = await api.app.inject({ method: "POST", url: "/extract", payload });
      expect(response.statusCode).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
    }
  });

  it("saves a stored source's incidents and claims as candidates once, and lists the claims", async () => {
    const anonymous = await api.app.inject({ method: "POST", url: `/sources/${sourceId}/extract` });
    expect(anonymous.statusCode).toBe(401);
    const first = await api.app.inject({ method: "POST", url: `/sources/${sourceId}/extract`, headers: user });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ sourceId, status: "saved", ranBy: "analyst.test" });
    const eventIds: number[] = first.json().eventIds;
    expect(eventIds.length).toBeGreaterThan(0);
    const event = await api.app.inject({ method: "GET", url: `/events/${eventIds[0]}` });
    expect(event.json()).toMatchObject({ reviewState: "candidate" });
    const again = await api.app.inject({ method: "POST", url: `/sources/${sourceId}/extract`, headers: user });
    expect(again.json()).toMatchObject({ status: "already-extracted", eventIds });
    const claims = await api.app.inject({ method: "GET", url: `/claims?sourceId=${sourceId}` });
    expect(claims.statusCode).toBe(200);
    const attacks = claims.json().items.find((claim: { metric: string }) => claim.metric === "attacks");
    expect(attacks).toMatchObject({ value: 74, sourceId, reviewState: "candidate" });
    expect(REPORT.slice(attacks.evidence.start, attacks.evidence.end)).toBe(attacks.evidenceText);
  });

  it("answers an unknown source with a 404 problem", async () => {
    const response = await api.app.inject({ method: "POST", url: "/sources/999/extract", headers: user });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: "SOURCE_NOT_FOUND" });
  });
});
