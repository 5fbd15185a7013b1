import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFile } from "../../sources/index.ts";
import { createSourceStore } from "../../storage/source-store.ts";
import { startTestApi, type TestApi } from "../test-api.ts";

let api: TestApi;
let storedIds: number[] = [];

const report = (title: string, body: string) =>
  new TextEncoder().encode(`<html><head><title>${title}</title></head><body><p>${body}</p></body></html>`);

beforeAll(async () => {
  api = await startTestApi();
  const library = createSourceStore(api.database);
  const files = [
    { path: "quetta.html", bytes: report("Blast in Quetta", "A remote-controlled bomb struck a police van in Quetta on Tuesday, killing four officers.") },
    { path: "bannu.html", bytes: report("Attack on Bannu checkpost", "Militants attacked a checkpost in Bannu district; two soldiers were martyred.<script>alert(1)</script>") },
  ];
  for (const file of files) {
    const result = await ingestFile(file, library, { maxFileBytes: 1_000_000 });
    storedIds.push(...result.stored);
  }
  storedIds = storedIds.sort((a, b) => a - b);
});
afterAll(async () => {
  await api.close();
});

describe("source routes", () => {
  it("lists sources a page at a time with the total", async () => {
    const response = await api.app.inject({ method: "GET", url: "/sources?limit=1" });
    expect(response.statusCode).toBe(200);
    const page = response.json();
    expect(page.total).toBe(2);
    expect(page.limit).toBe(1);
    expect(page.offset).toBe(0);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ id: storedIds[0], title: "Blast in Quetta", kind: "html" });
    expect(page.items[0].text).toBeUndefined();
    const second = await api.app.inject({ method: "GET", url: "/sources?limit=1&offset=1" });
    expect(second.json().items[0].id).toBe(storedIds[1]);
  });

  it("shows one source with its text", async () => {
    const response = await api.app.inject({ method: "GET", url: `/sources/${storedIds[0]}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: storedIds[0], title: "Blast in Quetta" });
    expect(response.json().text).toContain("police van in Quetta");
    expect(response.json().raw).toBeUndefined();
  });

  it("serves the verbatim bytes only as an opaque download", async () => {
    const response = await api.app.inject({ method: "GET", url: `/sources/${storedIds[1]}/raw` });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/octet-stream");
    expect(response.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.body).toContain("<script>alert(1)</script>");
  });

  it("answers an unknown source with a 404 problem and a malformed id with a 400 problem", async () => {
    const missing = await api.app.inject({ method: "GET", url: "/sources/999999" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("application/problem+json");
    expect(missing.json()).toMatchObject({ code: "SOURCE_NOT_FOUND", status: 404, detail: "no source with id 999999", instance: "/sources/999999" });
    const malformed = await api.app.inject({ method: "GET", url: "/sources/abc" });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toContainEqual({ field: "params/id", message: "must be integer" });
  });

  it("searches the text and ranks the hits", async () => {
    const response = await api.app.inject({ method: "GET", url: "/sources/search?q=police%20van" });
    expect(response.statusCode).toBe(200);
    const hits = response.json();
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ id: storedIds[0], title: "Blast in Quetta" });
    expect(hits[0].snippet).toContain("[police");
  });

  it("treats injection strings in a search as plain words and changes nothing", async () => {
    for (const q of ["'; DROP TABLE sources;--", "\" OR 1=1 --", "NEAR(a b) AND * ^", "<script>alert(1)</script>"]) {
      const response = await api.app.inject({ method: "GET", url: `/sources/search?q=${encodeURIComponent(q)}` });
      expect([200, 400]).toContain(response.statusCode);
      if (response.statusCode === 400) expect(response.json().code).toBe("INVALID_INPUT");
    }
    const after = await api.app.inject({ method: "GET", url: "/sources" });
    expect(after.json().total).toBe(2);
  });

  it("refuses unknown query parameters and out-of-range pages", async () => {
    const unknown = await api.app.inject({ method: "GET", url: "/sources?limit=5&evil=1" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toContainEqual({ field: "querystring/evil", message: "is not a known field" });
    const tooMany = await api.app.inject({ method: "GET", url: "/sources?limit=100000" });
    expect(tooMany.statusCode).toBe(400);
    const missing = await api.app.inject({ method: "GET", url: "/sources/search" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toContainEqual({ field: "querystring/q", message: "is required" });
  });
});
