import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFile } from "../../sources/index.ts";
import { startTestApi, type TestApi } from "../test-api.ts";

let api: TestApi;
let sourceA: number;
let sourceB: number;
const analyst = { "x-armtrace-user": "analyst.one" };

function bannuAttack(overrides: Record<string, unknown> = {}) {
  return {
    event: {
      type: "attack",
      date: "2025-03-04",
      country: "PK",
      admin1: "Khyber Pakhtunkhwa",
      admin2: "Bannu",
      location: "Bannu Cantonment",
      latitude: 32.99,
      longitude: 70.6,
      geoPrecision: "exact",
      actors: { perpetrators: ["TTP"], targets: ["Pakistan Army"], associated: [] },
      killed: { security_forces: 5, civilians: 1, militants: null, unknown: null },
      weapons: ["vbied", "small_arms"],
      notes: "Suicide car bomb at the cantonment gate followed by a gun attack.",
      ...overrides,
    },
    sources: [{ sourceId: sourceA, killed: { security_forces: 5, civilians: 1 } }],
  };
}

async function create(body: unknown) {
  const response = await api.app.inject({ method: "POST", url: "/events", headers: analyst, payload: body as object });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function eventCount(): Promise<number> {
  const row = api.database.sqlite!.prepare("SELECT count(*) AS n FROM events").get() as { n: number };
  return row.n;
}

beforeAll(async () => {
  api = await startTestApi();
  const report = (name: string, text: string) => ({ path: `${name}.txt`, bytes: new TextEncoder().encode(text) });
  const a = await ingestFile(report("a", "ISPR said five soldiers and a civilian were martyred in Bannu on Tuesday."), api.sources, { maxFileBytes: 1e6 });
  const b = await ingestFile(report("b", "Police in Bannu said seven people died when a car bomb exploded near the cantonment."), api.sources, { maxFileBytes: 1e6 });
  sourceA = a.stored[0]!;
  sourceB = b.stored[0]!;
});
afterAll(async () => {
  await api.close();
});

describe("event routes: writes", () => {
  it("creates an event recording who made it", async () => {
    const event = await create(bannuAttack());
    expect(event).toMatchObject({ version: 1, reviewState: "candidate", type: "attack", createdBy: "analyst.one", updatedBy: "analyst.one" });
    expect(event.fatalities).toMatchObject({ best: 6, rule: "single_source" });
    expect(event.sources[0]).toMatchObject({ sourceId: sourceA, addedBy: "analyst.one" });
  });

  it("refuses a write without the X-Armtrace-User header with a 401 problem", async () => {
    const before = await eventCount();
    const response = await api.app.inject({ method: "POST", url: "/events", payload: bannuAttack() });
    expect(response.statusCode).toBe(401);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ code: "UNAUTHORIZED", status: 401 });
    expect(await eventCount()).toBe(before);
  });

  it("edits with optimistic concurrency: a stale expectedVersion gets a 409 problem and loses nothing", async () => {
    const event = await create(bannuAttack({ date: "2025-03-10" }));
    const first = await api.app.inject({
      method: "PATCH",
      url: `/events/${event.id}`,
      headers: { "x-armtrace-user": "reviewer.a" },
      payload: { expectedVersion: 1, changes: { location: "Bannu city" }, reason: "the city, per police" },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, location: "Bannu city", updatedBy: "reviewer.a" });

    const second = await api.app.inject({
      method: "PATCH",
      url: `/events/${event.id}`,
      headers: { "x-armtrace-user": "reviewer.b" },
      payload: { expectedVersion: 1, changes: { notes: "overwritten?" } },
    });
    expect(second.statusCode).toBe(409);
    expect(second.headers["content-type"]).toContain("application/problem+json");
    expect(second.json()).toMatchObject({ code: "VERSION_CONFLICT", status: 409, title: "Version conflict", instance: `/events/${event.id}` });
    expect(second.json().detail).toContain("version 2");

    const current = (await api.app.inject({ method: "GET", url: `/events/${event.id}` })).json();
    expect(current).toMatchObject({ version: 2, location: "Bannu city" });
    expect(current.notes).not.toBe("overwritten?");

    const history = (await api.app.inject({ method: "GET", url: `/events/${event.id}/history` })).json();
    expect(history.versions.map((version: { version: number; change: string; changedBy: string }) => [version.version, version.change, version.changedBy])).toEqual([
      [1, "create", "analyst.one"],
      [2, "update", "reviewer.a"],
    ]);
    expect(history.versions[1].reason).toBe("the city, per police");
    expect(history.versions[0].snapshot.location).toBe("Bannu Cantonment");
  });

  it("reviews: confirms, and refuses a rejection without a reason", async () => {
    const event = await create(bannuAttack({ date: "2025-04-01" }));
    const confirmed = await api.app.inject({ method: "POST", url: `/events/${event.id}/review`, headers: analyst, payload: { state: "confirmed", expectedVersion: 1 } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ reviewState: "confirmed", version: 2 });
    const rejected = await api.app.inject({ method: "POST", url: `/events/${event.id}/review`, headers: analyst, payload: { state: "rejected" } });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json()).toMatchObject({ code: "INVALID_INPUT" });
    expect(rejected.json().errors).toContainEqual({ field: "reason", message: "rejecting an event needs a reason" });
  });

  it("proposes duplicates, merges them, undoes the merge, and keeps a pair apart", async () => {
    const first = await create(bannuAttack({ date: "2025-05-05" }));
    const second = await create({ ...bannuAttack({ date: "2025-05-05", killed: { security_forces: 7 } }), sources: [{ sourceId: sourceB, killed: { unknown: 7 } }] });
    const proposals = await api.app.inject({ method: "GET", url: `/events/duplicates?eventId=${first.id}` });
    expect(proposals.statusCode, proposals.body).toBe(200);
    expect(proposals.json()).toContainEqual(expect.objectContaining({ firstId: first.id, secondId: second.id }));

    const merged = await api.app.inject({ method: "POST", url: "/events/merges", headers: analyst, payload: { survivorId: first.id, absorbedId: second.id, reason: "same attack" } });
    expect(merged.statusCode, merged.body).toBe(201);
    expect(merged.json().survivor.sources).toHaveLength(2);
    expect(merged.json().absorbed.mergedInto).toBe(first.id);

    const hidden = (await api.app.inject({ method: "GET", url: "/events?dateFrom=2025-05-05&dateTo=2025-05-05" })).json();
    expect(hidden.events.map((event: { id: number }) => event.id)).toEqual([first.id]);

    const unmerged = await api.app.inject({ method: "POST", url: `/events/${second.id}/unmerge`, headers: analyst, payload: { reason: "different gates" } });
    expect(unmerged.statusCode, unmerged.body).toBe(200);
    expect(unmerged.json().restored).toMatchObject({ id: second.id, mergedInto: null });
    expect(unmerged.json().survivor.sources).toHaveLength(1);

    const apart = await api.app.inject({ method: "POST", url: "/events/duplicates/kept-apart", headers: analyst, payload: { firstId: first.id, secondId: second.id } });
    expect(apart.statusCode, apart.body).toBe(204);
    const again = (await api.app.inject({ method: "GET", url: `/events/duplicates?eventId=${first.id}` })).json();
    expect(again).not.toContainEqual(expect.objectContaining({ firstId: first.id, secondId: second.id }));
  });

  it("sets a source's Admiralty grade", async () => {
    const response = await api.app.inject({ method: "PUT", url: `/sources/${sourceA}/reliability`, headers: analyst, payload: { grade: "B2" } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ sourceId: sourceA, grade: { source: "B", information: 2 } });
    const read = await api.app.inject({ method: "GET", url: `/sources/${sourceA}/reliability` });
    expect(read.json()).toEqual({ sourceId: sourceA, grade: { source: "B", information: 2 } });
    expect((await api.app.inject({ method: "GET", url: "/sources/99999/reliability" })).statusCode).toBe(404);
    const bad = await api.app.inject({ method: "PUT", url: `/sources/${sourceA}/reliability`, headers: analyst, payload: { grade: "Z9" } });
    expect(bad.statusCode).toBe(400);
    const missing = await api.app.inject({ method: "PUT", url: "/sources/99999/reliability", headers: analyst, payload: { grade: "A1" } });
    expect(missing.statusCode).toBe(404);
  });
});

describe("event routes: reads", () => {
  it("lists with filters, sort and pages", async () => {
    await create(bannuAttack({ date: "2024-01-15", type: "armed_clash", admin1: "Balochistan", admin2: "Kech", location: "Turbat", latitude: 26, longitude: 63.05, actors: { perpetrators: ["Balochistan Liberation Army"], targets: [], associated: [] }, killed: { militants: 12 } }));
    const all = (await api.app.inject({ method: "GET", url: "/events?limit=2&sort=date" })).json();
    expect(all.limit).toBe(2);
    expect(all.events).toHaveLength(2);
    expect(all.total).toBeGreaterThan(2);
    expect(all.events[0].date).toBe("2024-01-15");

    const balochistan = (await api.app.inject({ method: "GET", url: "/events?admin1=Balochistan&type=armed_clash" })).json();
    expect(balochistan.total).toBe(1);
    const byAlias = (await api.app.inject({ method: "GET", url: "/events?actor=BLA" })).json();
    expect(byAlias.events.map((event: { location: string }) => event.location)).toContain("Turbat");
    const deadly = (await api.app.inject({ method: "GET", url: "/events?fatalitiesMin=10" })).json();
    expect(deadly.events.every((event: { fatalities: { best: number } }) => event.fatalities.best >= 10)).toBe(true);
    const text = (await api.app.inject({ method: "GET", url: "/events?text=cantonment%20gate" })).json();
    expect(text.total).toBeGreaterThan(0);
    const bySource = (await api.app.inject({ method: "GET", url: `/events?sourceId=${sourceB}` })).json();
    expect(bySource.total).toBeGreaterThan(0);
  });

  it("says whether a total is exact, counts exactly on request, and documents both", async () => {
    const exact = (await api.app.inject({ method: "GET", url: "/events?limit=1&count=exact" })).json();
    const capped = (await api.app.inject({ method: "GET", url: "/events?limit=1" })).json();
    expect(exact.totalIsLowerBound).toBe(false);
    expect(capped).toEqual(exact); // a few events: under the cap, the capped count is exact
    expect(exact.total).toBe((await api.app.inject({ method: "GET", url: "/events?limit=500" })).json().events.length);
    expect((await api.app.inject({ method: "GET", url: "/events?count=roughly" })).statusCode).toBe(400);
    const openapi = (await api.app.inject({ method: "GET", url: "/openapi.json" })).json();
    const list = openapi.paths["/events"].get;
    expect(list.parameters.map((parameter: { name: string }) => parameter.name)).toContain("count");
    expect(list.responses["200"].content["application/json"].schema.required).toContain("totalIsLowerBound");
  });

  it("answers a missing event with a 404 problem", async () => {
    for (const url of ["/events/987654", "/events/987654/history"]) {
      const response = await api.app.inject({ method: "GET", url });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: "EVENT_NOT_FOUND", status: 404, instance: url });
    }
  });
});

describe("event routes: bad input gets a 4xx problem and changes nothing", () => {
  it("refuses wrong types, without coercing them", async () => {
    const before = await eventCount();
    for (const payload of [
      { ...bannuAttack(), event: { ...bannuAttack().event, type: 5 } },
      { ...bannuAttack(), event: { ...bannuAttack().event, killed: { civilians: "12" } } },
      { ...bannuAttack(), event: { ...bannuAttack().event, latitude: "32.9" } },
      { ...bannuAttack(), event: { ...bannuAttack().event, type: "picnic" } },
      { ...bannuAttack(), event: { ...bannuAttack().event, date: "2025-02-30" } },
      [bannuAttack()],
    ]) {
      const response = await api.app.inject({ method: "POST", url: "/events", headers: analyst, payload: payload as object });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().code).toBe("INVALID_INPUT");
    }
    const typed = await api.app.inject({ method: "POST", url: "/events", headers: analyst, payload: { ...bannuAttack(), event: { ...bannuAttack().event, killed: { civilians: "12" } } } });
    expect(typed.json().errors).toContainEqual({ field: "body/event/killed/civilians", message: "must be integer or null" });
    expect(await eventCount()).toBe(before);
  });

  it("refuses unknown fields at any depth", async () => {
    const before = await eventCount();
    const cases = [
      { payload: { ...bannuAttack(), isAdmin: true }, field: "body/isAdmin" },
      { payload: { ...bannuAttack(), event: { ...bannuAttack().event, severity: "high" } }, field: "body/event/severity" },
      { payload: { ...bannuAttack(), sources: [{ sourceId: sourceA, trust: 1 }] }, field: "body/sources/0/trust" },
    ];
    for (const { payload, field } of cases) {
      const response = await api.app.inject({ method: "POST", url: "/events", headers: analyst, payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toContainEqual({ field, message: "is not a known field" });
    }
    const patch = await api.app.inject({ method: "PATCH", url: "/events/1", headers: analyst, payload: { expectedVersion: 1, changes: { version: 99 } } });
    expect(patch.statusCode).toBe(400);
    const query = await api.app.inject({ method: "GET", url: "/events?orderBy=id" });
    expect(query.statusCode).toBe(400);
    const huge = await api.app.inject({ method: "GET", url: "/events?limit=5000" });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().errors).toContainEqual({ field: "querystring/limit", message: "must be <= 500" });
    expect(await eventCount()).toBe(before);
  });

  it("refuses a body over the limit with a 413 problem", async () => {
    const before = await eventCount();
    const payload = JSON.stringify(bannuAttack({ notes: "x".repeat(2 * 1024 * 1024) }));
    const response = await api.app.inject({ method: "POST", url: "/events", headers: { ...analyst, "content-type": "application/json" }, payload });
    expect(response.statusCode).toBe(413);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect(await eventCount()).toBe(before);
  });

  it("refuses malformed JSON and bodies that are not JSON", async () => {
    const broken = await api.app.inject({ method: "POST", url: "/events", headers: { ...analyst, "content-type": "application/json" }, payload: '{"event": {"type": "attack",' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe("INVALID_INPUT");
    const text = await api.app.inject({ method: "POST", url: "/events", headers: { ...analyst, "content-type": "text/plain" }, payload: "attack in Bannu" });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe("UNSUPPORTED_FORMAT");
    const proto = await api.app.inject({ method: "POST", url: "/events", headers: { ...analyst, "content-type": "application/json" }, payload: `{"__proto__": {"isAdmin": true}, ${JSON.stringify(bannuAttack()).slice(1)}` });
    expect(proto.statusCode).toBe(400);
  });

  it("stores injection strings inertly and leaves every table intact", async () => {
    const tablesBefore = api.database.sqlite!.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    const sourcesBefore = (await api.app.inject({ method: "GET", url: "/sources" })).json().total;
    const hostile = {
      notes: "'; DROP TABLE events;-- <script>alert('x')</script>",
      location: "<script>document.cookie</script>",
      admin2: "Robert'); DROP TABLE sources;--",
      actors: { perpetrators: ["\" OR 1=1 --"], targets: ["<img src=x onerror=alert(1)>"], associated: [] },
    };
    const event = await create(bannuAttack(hostile));
    const stored = (await api.app.inject({ method: "GET", url: `/events/${event.id}` })).json();
    expect(stored).toMatchObject(hostile);

    for (const url of [
      `/events?admin1=${encodeURIComponent("' OR '1'='1")}`,
      `/events?text=${encodeURIComponent("'; DROP TABLE events;--")}`,
      `/events?text=${encodeURIComponent('NEAR("a" "b") OR * AND -')}`,
      `/events?actor=${encodeURIComponent("x' UNION SELECT * FROM sources --")}`,
      `/events/duplicates?dateFrom=${encodeURIComponent("2025'--")}`,
    ]) {
      const response = await api.app.inject({ method: "GET", url });
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(500);
    }
    const byText = (await api.app.inject({ method: "GET", url: `/events?text=${encodeURIComponent("DROP TABLE events")}` })).json();
    expect(byText.events.map((found: { id: number }) => found.id)).toEqual([event.id]);

    const tablesAfter = api.database.sqlite!.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(tablesAfter).toEqual(tablesBefore);
    expect((await api.app.inject({ method: "GET", url: "/sources" })).json().total).toBe(sourcesBefore);
    const health = await api.app.inject({ method: "GET", url: "/health" });
    expect(health.statusCode).toBe(200);
  });
});
