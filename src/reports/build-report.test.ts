import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultGazetteer } from "../codebook/gazetteer.ts";
import { isArmtraceError } from "../errors.ts";
import { createEvent, type CreateEventInput } from "../events/create-event.ts";
import { reviewEvent } from "../events/review-event.ts";
import { openTestEvents, type TestEvents } from "../events/testing/open-test-events.ts";
import { ReportStore } from "../storage/report-store.ts";
import { buildReport } from "./build-report.ts";
import { createDistrictLocator } from "./locate-district.ts";
import { parseReportOptions, type RawReportOptions } from "./parse-report-options.ts";
import { isChromiumAvailable, renderPdf } from "./render-pdf.ts";
import { renderReportCsv, renderReportJson } from "./render-report-data.ts";
import { renderReportHtml } from "./render-report-html.ts";

let t: TestEvents;
let sources: number[];
beforeEach(async () => {
  t = await openTestEvents();
  sources = [t.addSource("Dawn"), t.addSource("Express Tribune"), t.addSource("ISPR press release")];
  seed();
});
afterEach(async () => {
  await t.cleanup();
});

const author = { actor: "analyst", reason: "report test" };
type EventFields = CreateEventInput["event"];

function add(fields: Partial<EventFields> & Pick<EventFields, "type" | "date">, sourceIndexes: number[], state: "confirmed" | "candidate" = "confirmed"): number {
  const event = createEvent(
    t.deps,
    {
      event: { country: "PK", ...fields },
      sources: sourceIndexes.map((index) => ({ sourceId: sources[index]! })),
    },
    author,
  );
  if (state === "confirmed") reviewEvent(t.deps, { id: event.id, state: "confirmed" }, author);
  return event.id;
}

const ids: Record<string, number> = {};
function seed(): void {
  ids.bannu = add(
    {
      type: "attack",
      date: "2024-01-10",
      admin1: "Khyber Pakhtunkhwa",
      admin2: "Bannu",
      location: "<script>alert('x')</script> checkpost",
      latitude: 32.99,
      longitude: 70.6,
      actors: { perpetrators: ["Tehrik-i-Taliban Pakistan"], targets: [], associated: [] },
      killed: { security_forces: 5, civilians: 2 },
      injured: { civilians: 3 },
    },
    [0],
  );
  ids.quetta = add(
    {
      type: "attack",
      date: "2024-02-15",
      admin1: "Balochistan",
      admin2: "Quetta",
      latitude: 30.18,
      longitude: 67.0,
      actors: { perpetrators: ["Balochistan Liberation Army"], targets: [], associated: [] },
      killed: { civilians: 10 },
      injured: { civilians: 20 },
    },
    [1, 2],
  );
  ids.waziristan = add(
    {
      type: "security_operation",
      date: "2024-03-05",
      admin1: "Khyber Pakhtunkhwa",
      admin2: "North Waziristan",
      latitude: 32.98,
      longitude: 70.1,
      actors: { perpetrators: ["Pakistan security forces"], targets: ["Tehrik-i-Taliban Pakistan"], associated: [] },
      killed: { security_forces: 1, militants: 8 },
    },
    [2],
  );
  ids.lahore = add({ type: "attack", date: "2024-03-20", admin1: "Punjab", admin2: "Lahore", latitude: 31.55, longitude: 74.34, killed: { unknown: 1 } }, [0]);
  ids.candidate = add({ type: "attack", date: "2024-02-01", admin1: "Khyber Pakhtunkhwa", admin2: "Peshawar", latitude: 34.0, longitude: 71.5, killed: { civilians: 50 } }, [0], "candidate");
  ids.previous = add({ type: "attack", date: "2023-12-01", admin1: "Khyber Pakhtunkhwa", admin2: "Bannu", latitude: 32.99, longitude: 70.6, killed: { security_forces: 4 } }, [0]);
  ids.jalalabad = add(
    {
      type: "airstrike",
      date: "2024-01-20",
      country: "AF",
      admin1: "Nangarhar",
      latitude: 34.43,
      longitude: 70.45,
      actors: { perpetrators: ["Pakistan security forces"], targets: [], associated: [] },
      killed: { militants: 6 },
    },
    [1],
  );
}

function options(overrides: Partial<RawReportOptions> = {}) {
  return parseReportOptions({ from: "2024-01-01", to: "2024-03-31", ...overrides });
}

async function report(overrides: Partial<RawReportOptions> = {}, useRollups = true) {
  return buildReport(new ReportStore(t.database, { useRollups }), options(overrides), { locateDistrict: createDistrictLocator() });
}

function addClaimsTable(): void {
  const sqlite = t.database.sqlite!;
  const insert = sqlite.prepare(
    `INSERT INTO claims (metric, value, qualifier, period, scope, attributed_to, source_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, '2026-01-01', 'test')`,
  );
  insert.run("killed", 40, "at_least", "2024", "Pakistan", "Centre for Research and Security Studies", sources[0]);
  insert.run("killed", 10, "exact", "2024", "Pakistani soldiers", "ISPR", sources[2]);
  insert.run("killed", 99, "exact", "2024", "Pakistan", null, sources[0]);
  insert.run("weapons", 300, "exact", "2024", "Pakistan", "Customs", sources[1]);
  insert.run("killed", 5, "exact", "2019", "Pakistan", "ISPR", sources[2]);
  insert.run("killed", 7, "exact", "2024", "Pakistan", "Rejected source", sources[2]);
  sqlite.prepare(`UPDATE claims SET review_state = 'rejected' WHERE attributed_to = 'Rejected source'`).run();
}

describe("buildReport on a small known dataset", () => {
  it("totals, categories, types and provinces count confirmed events only", async () => {
    const result = await report();
    expect(result.totals.incidents).toBe(5);
    expect(result.totals.killed).toEqual({ security_forces: 6, civilians: 12, militants: 14, unknown: 1, total: 33 });
    expect(result.totals.injured).toEqual({ security_forces: 0, civilians: 23, militants: 0, unknown: 0, total: 23 });
    expect(result.totals.incidents_by_type).toEqual({ attack: 3, security_operation: 1, armed_clash: 0, airstrike: 1, weapons_seizure: 0 });
    expect(result.by_admin1.map((row) => [row.country, row.admin1, row.incidents, row.killed, row.injured])).toEqual([
      ["PK", "Khyber Pakhtunkhwa", 2, 16, 3],
      ["PK", "Balochistan", 1, 10, 20],
      ["AF", "Nangarhar", 1, 6, 0],
      ["PK", "Punjab", 1, 1, 0],
    ]);
    expect(result.shares).toContainEqual({ label: "Khyber Pakhtunkhwa and Balochistan", metric: "killed", value: 26, total: 33, percent: 78.8 });
    expect(result.by_actor.find((row) => row.actor === "Pakistan security forces")).toEqual({ actor: "Pakistan security forces", role: "perpetrator", incidents: 2, killed: 15, injured: 0 });
    expect(result.monthly).toEqual([
      { month: "2024-01", incidents: 2, killed: 13, injured: 3 },
      { month: "2024-02", incidents: 1, killed: 10, injured: 20 },
      { month: "2024-03", incidents: 2, killed: 10, injured: 0 },
    ]);
    expect(result.deadliest[0]).toMatchObject({ event_id: ids.quetta, killed: 10, source_ids: [sources[1], sources[2]] });
    expect(result.sources).toEqual({ event_count: 5, source_count: 3, source_ids: [...sources].sort((a, b) => a - b), source_ids_truncated: false });
    expect(result.evidence?.map((event) => event.event_id).sort()).toEqual([ids.bannu, ids.quetta, ids.waziristan, ids.lahore, ids.jalalabad].sort());
    expect(result.report.notes[0]).toMatch(/Only confirmed events/);
    const bannu = result.by_admin2.find((row) => row.admin2 === "Bannu");
    expect(bannu?.latitude).not.toBeNull();
  });

  it("includes candidates only when asked, and says so", async () => {
    const result = await report({ includeCandidates: true });
    expect(result.totals.incidents).toBe(6);
    expect(result.totals.killed.total).toBe(83);
    expect(result.report.review_states).toEqual(["candidate", "confirmed"]);
    expect(result.report.notes[0]).toMatch(/include unreviewed candidate/);
  });

  it("compares with the previous period of the same length", async () => {
    const result = await report();
    expect(result.previous_period.from).toBe("2023-10-02");
    expect(result.previous_period.to).toBe("2023-12-31");
    expect(result.previous_period.change.incidents).toEqual({ previous: 1, current: 5, change: 4, percent_change: 400 });
    expect(result.previous_period.change.killed).toEqual({ previous: 4, current: 33, change: 29, percent_change: 725 });
    expect(result.previous_period.change.injured.percent_change).toBeNull();
  });

  it("counts incidents within the chosen distance of the Durand Line, as the gazetteer measures it", async () => {
    const gazetteer = defaultGazetteer();
    const located = [
      { lat: 32.99, lon: 70.6, killed: 7 },
      { lat: 30.18, lon: 67.0, killed: 10 },
      { lat: 32.98, lon: 70.1, killed: 9 },
      { lat: 31.55, lon: 74.34, killed: 1 },
      { lat: 34.43, lon: 70.45, killed: 6 },
    ];
    for (const km of [20, 50, 100, 300]) {
      const expected = located.filter((place) => gazetteer.distanceToBorderKm(place.lat, place.lon) <= km);
      const result = await report({ borderKm: km });
      expect(result.near_border.incidents, `${km} km`).toBe(expected.length);
      expect(result.near_border.killed.total, `${km} km`).toBe(expected.reduce((sum, place) => sum + place.killed, 0));
    }
    const near = await report({ borderKm: 50 });
    expect(near.near_border.incidents).toBeGreaterThan(0);
    expect(near.near_border.incidents).toBeLessThan(5);
  });

  it("filters by country, province and actor", async () => {
    const kp = await report({ country: "PK", admin1: "KP" });
    expect(kp.report.admin1).toEqual(["Khyber Pakhtunkhwa"]);
    expect(kp.totals.incidents).toBe(2);
    const bla = await report({ actor: "BLA" });
    expect(bla.report.actors).toEqual(["Balochistan Liberation Army"]);
    expect(bla.totals.killed.total).toBe(10);
  });

  it("sets every attributed claim beside the database's figure with the gap and sources", async () => {
    addClaimsTable();
    const result = await report();
    expect(result.claims.map((claim) => [claim.attributed_to, claim.metric, claim.value, claim.database_value, claim.gap])).toEqual([
      ["Centre for Research and Security Studies", "killed", 40, 27, 13],
      ["Customs", "weapons", 300, null, null],
      ["ISPR", "killed", 10, 6, 4],
    ]);
    const crss = result.claims[0]!;
    expect(crss.claim_source_ids).toEqual([sources[0]]);
    expect(crss.database_event_count).toBe(4);
    expect(crss.database_source_ids).toEqual([...sources].sort((a, b) => a - b));
    expect(crss.note).toMatch(/beyond the report's period/);
  });

  it("gives byte-identical JSON and CSV across runs, with or without the rollups", async () => {
    addClaimsTable();
    const first = await report();
    const second = await report();
    const fresh = await report({}, false);
    expect(renderReportJson(second)).toBe(renderReportJson(first));
    expect(renderReportCsv(second)).toBe(renderReportCsv(first));
    expect(renderReportJson(fresh)).toBe(renderReportJson(first));
    expect(renderReportCsv(first)).toMatch(/^section,country,admin1,admin2,actor,type,month,event_id,label,metric,value\r\n/);
    expect(renderReportCsv(first)).toContain("by_admin1,PK,Khyber Pakhtunkhwa,,,,,,,killed,16\r\n");
  });
});

describe("bad input", () => {
  const rejects = async (overrides: Partial<RawReportOptions>, code: string, message: RegExp) => {
    await expect(report(overrides)).rejects.toSatisfy((error: unknown) => isArmtraceError(error) && error.code === code && message.test(error.message));
  };
  it("refuses inverted and impossible dates", async () => {
    await rejects({ from: "2024-03-31", to: "2024-01-01" }, "INVALID_INPUT", /inverted/);
    await rejects({ from: "2023-02-30" }, "INVALID_INPUT", /not a real calendar date/);
    await rejects({ to: "31/03/2024" }, "INVALID_INPUT", /not a real calendar date/);
  });
  it("refuses unknown provinces, countries and actors", async () => {
    await rejects({ admin1: "Atlantis" }, "INVALID_INPUT", /unknown province "Atlantis"/);
    await rejects({ country: "PK", admin1: "Kandahar" }, "INVALID_INPUT", /not in PK/);
    await rejects({ country: "IN" }, "INVALID_INPUT", /unknown country/);
    await rejects({ actor: "The Illuminati" }, "INVALID_INPUT", /unknown actor/);
  });
  it("says an empty period holds no data instead of printing zeros", async () => {
    await rejects({ from: "2020-01-01", to: "2020-12-31" }, "NOT_FOUND", /no confirmed events between 2020-01-01 and 2020-12-31.*holds 6 confirmed events from 2023-12-01 to 2024-03-20/);
  });
});

describe("renderReportHtml", () => {
  it("is one self-contained file: inline SVG charts and map, no script, no external URL, untrusted text escaped", async () => {
    const html = renderReportHtml(await report());
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|@import|url\(/i);
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; checkpost");
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(5);
    expect(html).toContain('class="map"');
    expect(html).toMatch(/<circle[^>]*><title>Bannu, Khyber Pakhtunkhwa: 1 incidents<\/title>/);
  });

  it("prints to PDF through chromium when it is installed", async (context) => {
    if (!isChromiumAvailable()) {
      context.skip("chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); PDF output is not tested");
      return;
    }
    const pdf = await renderPdf(renderReportHtml(await report()));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(10_000);
  });
});
