import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-api.ts";

const analyst = { "x-armtrace-user": "tracer" };
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe("tracing routes", () => {
  it("imports a dirty record list, keeping every row with its problems, then matches a damaged serial", async () => {
    const csv = readFileSync(join(import.meta.dirname, "../../../test-fixtures/tracing/transfers-dirty.csv"));
    const imported = await api.app.inject({ method: "POST", url: "/tracing/records/import?name=transfers-dirty.csv", headers: { ...analyst, "content-type": "text/csv" }, payload: csv });
    expect(imported.statusCode, imported.body).toBe(200);
    const summary = imported.json();
    const dataLines = csv.toString("utf8").split("\n").filter((line) => line.trim() !== "").length - 1;
    expect(summary.rows).toBe(dataLines);
    expect(summary.rowsWithProblems).toBeGreaterThan(0);
    expect(summary.problems[0]).toHaveProperty("line");

    const match = await api.app.inject({ method: "GET", url: `/tracing/match?serial=${encodeURIComponent("W10043?0")}&manufacturer=Colt&model=M4A1` });
    expect(match.statusCode, match.body).toBe(200);
    const candidates = match.json();
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates[0]).toMatchObject({ manufacturer: expect.any(String), record_ref: expect.stringContaining("transfers-dirty.csv") });
    expect(candidates[0].reasons.length).toBeGreaterThan(0);
    const exact = (await api.app.inject({ method: "GET", url: "/tracing/match?serial=W1004321&manufacturer=Colt&model=M4A1" })).json();
    expect(exact[0].serial).toBe("W1004321");
  });

  it("records a seizure and takes a trace request from draft to closed with its printable document", async () => {
    const seized = await api.app.inject({
      method: "POST",
      url: "/tracing/seizures",
      headers: analyst,
      payload: {
        seizedOn: "2024-05-02",
        place: "Quetta",
        agency: "Frontier Corps Balochistan",
        circumstances: "Found in a vehicle at a checkpoint <script>alert(1)</script>",
        items: [{ manufacturer: "Colt", model: "M4A1", serial: "W1004321", markings: [{ kind: "manufacturer", location: "left receiver", text: "COLT M4A1 CAL 5.56MM" }] }],
      },
    });
    expect(seized.statusCode, seized.body).toBe(201);
    const seizure = seized.json().seizure;
    expect(seizure.items[0].serial).toBe("W1004321");
    expect((await api.app.inject({ method: "GET", url: `/tracing/seizures/${seizure.id}` })).json().id).toBe(seizure.id);
    expect((await api.app.inject({ method: "GET", url: "/tracing/seizures" })).json()).toHaveLength(1);

    const created = await api.app.inject({
      method: "POST",
      url: "/tracing/requests",
      headers: analyst,
      payload: { addresseeKind: "state", addressee: "United States", seizureId: seizure.id, legalBasis: "ITI paragraphs 14–19", intendedUse: "Establish the diversion point" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ status: "draft", isOverdue: false });

    const sent = await api.app.inject({ method: "POST", url: `/tracing/requests/${id}/send`, headers: analyst, payload: { on: "2024-05-10", deadline: "2024-06-10" } });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: "sent", deadline: "2024-06-10", isOverdue: true });
    const overdue = (await api.app.inject({ method: "GET", url: "/tracing/requests?overdue=true" })).json();
    expect(overdue.map((request: { id: number }) => request.id)).toEqual([id]);

    const acknowledged = await api.app.inject({ method: "POST", url: `/tracing/requests/${id}/acknowledge`, headers: analyst });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.json().status).toBe("acknowledged");
    const early = await api.app.inject({ method: "POST", url: `/tracing/requests/${id}/close`, headers: analyst, payload: {} });
    expect([200, 409]).toContain(early.statusCode);
    if (early.statusCode === 409) expect(early.json().code).toBe("CONFLICT");

    const answered = await api.app.inject({
      method: "POST",
      url: `/tracing/requests/${id}/answer`,
      headers: analyst,
      payload: { answeredOn: "2024-06-01", originCountry: "United States", lastLegalHolder: "Afghan National Army", diversionPlace: "Kandahar", diversionTime: "2021-08" },
    });
    if (early.statusCode === 409) {
      expect(answered.statusCode, answered.body).toBe(200);
      expect(answered.json().status).toBe("answered");
    }

    const html = await api.app.inject({ method: "GET", url: `/tracing/requests/${id}?format=html` });
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.body).not.toContain("<script>alert(1)</script>");
    const text = await api.app.inject({ method: "GET", url: `/tracing/requests/${id}?format=text` });
    expect(text.body).toContain("ITI paragraphs 14–19");

    const findings = (await api.app.inject({ method: "GET", url: "/tracing/findings" })).json();
    expect(findings.seizedItems).toBe(1);
  });

  it("answers bad tracing input with 4xx problems", async () => {
    for (const [method, url, payload, status] of [
      ["POST", "/tracing/seizures", { items: [] }, 400],
      ["POST", "/tracing/seizures", { items: [{ serial: 12345 }] }, 400],
      ["POST", "/tracing/seizures", { items: [{ serial: "A1" }], smuggled: true }, 400],
      ["POST", "/tracing/requests/999/answer", { answeredOn: "2024-06-01" }, 404],
      ["POST", "/tracing/requests", { addresseeKind: "pirate", addressee: "x", legalBasis: "x", intendedUse: "x" }, 400],
      ["GET", "/tracing/requests/999", undefined, 404],
      ["GET", "/tracing/match", undefined, 400],
    ] as const) {
      const response = await api.app.inject({ method, url, headers: analyst, ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
      expect(response.headers["content-type"]).toContain("application/problem+json");
    }
    const noUser = await api.app.inject({ method: "POST", url: "/tracing/seizures", payload: { items: [{ serial: "A1" }] } });
    expect(noUser.statusCode).toBe(401);
  });
});
