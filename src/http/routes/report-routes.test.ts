import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-api.ts";

let api: TestApi;
const analyst = { "x-armtrace-user": "analyst" };

async function confirmedEvent(event: Record<string, unknown>) {
  const created = await api.app.inject({ method: "POST", url: "/events", headers: analyst, payload: { event, reviewState: "confirmed" } });
  expect(created.statusCode, created.body).toBe(201);
}

beforeAll(async () => {
  api = await startTestApi();
  await confirmedEvent({ type: "attack", date: "2024-02-03", country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "Bannu", killed: { security_forces: 4, civilians: 2 }, injured: { civilians: 5 } });
  await confirmedEvent({ type: "attack", date: "2024-03-09", country: "PK", admin1: "Balochistan", admin2: "Quetta", killed: { civilians: 3 } });
});
afterAll(async () => {
  await api.close();
});

describe("report routes", () => {
  it("returns the period report as JSON with totals and provinces", async () => {
    const response = await api.app.inject({ method: "GET", url: "/reports?from=2024-01-01&to=2024-12-31" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toContain("application/json");
    const report = response.json();
    expect(report.totals.incidents).toBe(2);
    expect(report.totals.killed.total).toBe(9);
    expect(report.by_admin1).toEqual(expect.arrayContaining([expect.objectContaining({ admin1: "Balochistan", incidents: 1 })]));
  });

  it("narrows to a province and renders CSV and HTML (scripts forbidden)", async () => {
    const json = (await api.app.inject({ method: "GET", url: "/reports?from=2024-01-01&to=2024-12-31&country=PK&admin1=Balochistan" })).json();
    expect(json.totals.incidents).toBe(1);
    const csv = await api.app.inject({ method: "GET", url: "/reports?from=2024-01-01&to=2024-12-31&format=csv" });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const html = await api.app.inject({ method: "GET", url: "/reports?from=2024-01-01&to=2024-12-31&format=html" });
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(html.body).toContain("<svg");
  });

  it("answers inverted, impossible or empty periods and unknown places with a 4xx problem that says why", async () => {
    for (const [url, status] of [
      ["/reports?from=2024-12-31&to=2024-01-01", 400],
      ["/reports?from=2024-02-30&to=2024-03-01", 400],
      ["/reports?from=2019-01-01&to=2019-12-31", 404],
      ["/reports?from=2024-01-01&to=2024-12-31&admin1=Atlantis", 400],
      ["/reports?from=2024-01-01", 400],
      ["/reports?from=2024-01-01&to=2024-12-31&format=docx", 400],
    ] as const) {
      const response = await api.app.inject({ method: "GET", url });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(status);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().detail.length).toBeGreaterThan(10);
    }
  });
});
