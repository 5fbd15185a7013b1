import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-api.ts";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "../../../test-fixtures/interchange", name), "utf8");
const importer = { "x-armtrace-user": "importer" };
let api: TestApi;

function eventCount(): number {
  return (api.database.sqlite!.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n;
}

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe("event interchange routes", () => {
  it("imports an ACLED file, then updates instead of duplicating on re-import", async () => {
    const first = await api.app.inject({ method: "POST", url: "/events/import?format=acled", headers: { ...importer, "content-type": "text/csv" }, payload: fixture("acled-small.csv") });
    expect(first.statusCode, first.body).toBe(200);
    const report = first.json();
    expect(report).toMatchObject({ format: "acled", skipped: [] });
    expect(report.created).toBeGreaterThan(0);
    const count = eventCount();
    const again = await api.app.inject({ method: "POST", url: "/events/import?format=acled", headers: { ...importer, "content-type": "text/csv" }, payload: fixture("acled-small.csv") });
    expect(again.json()).toMatchObject({ created: 0 });
    expect(eventCount()).toBe(count);
    const history = (await api.app.inject({ method: "GET", url: "/events?limit=1" })).json();
    expect(history.events[0].createdBy).toBe("importer");
  });

  it("refuses a file with bad lines as a whole, listing each line, unless skipInvalid", async () => {
    const before = eventCount();
    const refused = await api.app.inject({ method: "POST", url: "/events/import?format=acled", headers: { ...importer, "content-type": "text/csv" }, payload: fixture("acled-bad.csv") });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.json().code).toBe("INVALID_INPUT");
    expect(refused.json().errors.length).toBeGreaterThan(0);
    expect(refused.json().errors[0].field).toMatch(/^line \d+$/);
    expect(eventCount()).toBe(before);

    const skipping = await api.app.inject({ method: "POST", url: "/events/import?format=acled&skipInvalid=true", headers: { ...importer, "content-type": "text/csv" }, payload: fixture("acled-bad.csv") });
    expect(skipping.statusCode, skipping.body).toBe(200);
    expect(skipping.json().skipped.length).toBe(refused.json().errors.length);
    expect(eventCount()).toBeGreaterThan(before);
  });

  it("refuses an import without a format, a user or a readable media type", async () => {
    const noFormat = await api.app.inject({ method: "POST", url: "/events/import", headers: { ...importer, "content-type": "text/csv" }, payload: fixture("acled-small.csv") });
    expect(noFormat.statusCode).toBe(400);
    const noUser = await api.app.inject({ method: "POST", url: "/events/import?format=acled", headers: { "content-type": "text/csv" }, payload: fixture("acled-small.csv") });
    expect(noUser.statusCode).toBe(401);
    const wrongType = await api.app.inject({ method: "POST", url: "/events/import?format=acled", headers: { ...importer, "content-type": "image/png" }, payload: "x" });
    expect(wrongType.statusCode).toBe(415);
  });

  it("exports ACLED CSV, GeoJSON and JSON Lines, and JSON Lines round-trips", async () => {
    const acled = await api.app.inject({ method: "GET", url: "/events/export?format=acled" });
    expect(acled.statusCode).toBe(200);
    expect(acled.headers["content-type"]).toContain("text/csv");
    expect(acled.body.split("\n")[0]).toMatch(/^event_id_cnty,event_date,year,time_precision,/);

    const geojson = await api.app.inject({ method: "GET", url: "/events/export?format=geojson&country=PK" });
    expect(geojson.headers["content-type"]).toContain("application/geo+json");
    const collection = geojson.json();
    expect(collection.type).toBe("FeatureCollection");
    expect(collection.features.length).toBeGreaterThan(0);

    const jsonl = await api.app.inject({ method: "GET", url: "/events/export?format=jsonl" });
    expect(jsonl.headers["content-type"]).toContain("application/x-ndjson");
    const lines = jsonl.body.trim().split("\n");
    expect(lines.length).toBe(eventCount());
    const reimport = await api.app.inject({ method: "POST", url: "/events/import?format=jsonl", headers: { ...importer, "content-type": "application/x-ndjson" }, payload: jsonl.body });
    expect(reimport.statusCode, reimport.body).toBe(200);
    expect(reimport.json()).toMatchObject({ created: 0, updated: 0, unchanged: lines.length });

    const badFormat = await api.app.inject({ method: "GET", url: "/events/export?format=xlsx" });
    expect(badFormat.statusCode).toBe(400);
  });

  it("removes the events an ACLED deletions list names, and reports ids it did not find", async () => {
    const deletions = fixture("acled-deletions.csv");
    const listed = deletions.trim().split("\n").slice(1).map((line) => line.split(",")[0]!);
    const present = (await api.app.inject({ method: "GET", url: `/events?acledEventId=${listed[0]}` })).json().total;
    const response = await api.app.inject({ method: "POST", url: "/events/deletions", headers: { ...importer, "content-type": "text/csv" }, payload: deletions });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().deleted).toBe(present);
    expect(response.json().deletionsNotFound).toContain("PAK99999");
    expect((await api.app.inject({ method: "GET", url: `/events?acledEventId=${listed[0]}` })).json().total).toBe(0);
  });

  it("documents file bodies in the OpenAPI document", async () => {
    const document = (await api.app.inject({ method: "GET", url: "/openapi.json" })).json();
    const body = document.paths["/events/import"].post.requestBody;
    expect(Object.keys(body.content)).toContain("text/csv");
  });
});
