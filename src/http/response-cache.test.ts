import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "../events/index.ts";
import { openDatabase } from "../storage/database.ts";
import { EventStore } from "../storage/event-store.ts";
import { startTestApi, type TestApi } from "./test-api.ts";

let api: TestApi;
const user = { "x-armtrace-user": "cache.test" };
const attack = (notes: string) => ({ event: { type: "attack" as const, date: "2025-01-02", country: "PK", admin1: "Balochistan", notes } });

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe("response cache", () => {
  it("serves a repeated query from memory until a write through the API changes the data", async () => {
    const first = await api.app.inject({ method: "GET", url: "/events?admin1=Balochistan" });
    expect(first.json().total).toBe(0);
    const second = await api.app.inject({ method: "GET", url: "/events?admin1=Balochistan" });
    expect(second.headers["x-cache"]).toBe("hit");
    expect(second.body).toBe(first.body);

    const created = await api.app.inject({ method: "POST", url: "/events", headers: user, payload: attack("first") });
    expect(created.statusCode).toBe(201);
    const after = await api.app.inject({ method: "GET", url: "/events?admin1=Balochistan" });
    expect(after.headers["x-cache"]).toBeUndefined();
    expect(after.json().total).toBe(1);
  });

  it("sees writes made by another connection to the same file (a CLI import while serving)", async () => {
    const before = (await api.app.inject({ method: "GET", url: "/events?admin1=Balochistan" })).json().total;
    await api.app.inject({ method: "GET", url: "/events?admin1=Balochistan" });
    const other = await openDatabase({ path: api.database.path });
    createEvent({ events: new EventStore(other), now: () => new Date().toISOString() }, attack("from elsewhere"), { actor: "cli" });
    await other.close();
    const after = await api.app.inject({ method: "GET", url: "/events?admin1=Balochistan" });
    expect(after.json().total).toBe(before + 1);
  });

  it("answers If-None-Match with 304 while nothing changed, and 200 after a change", async () => {
    const first = await api.app.inject({ method: "GET", url: "/events?limit=5" });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const unchanged = await api.app.inject({ method: "GET", url: "/events?limit=5", headers: { "if-none-match": etag } });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe("");
    await api.app.inject({ method: "POST", url: "/events", headers: user, payload: attack("second") });
    const changed = await api.app.inject({ method: "GET", url: "/events?limit=5", headers: { "if-none-match": etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("never caches problems", async () => {
    const bad = await api.app.inject({ method: "GET", url: "/events?limit=0" });
    expect(bad.statusCode).toBe(400);
    const again = await api.app.inject({ method: "GET", url: "/events?limit=0" });
    expect(again.statusCode).toBe(400);
    expect(again.headers["x-cache"]).toBeUndefined();
    expect(again.headers["content-type"]).toContain("application/problem+json");
  });
});
