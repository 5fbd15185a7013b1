import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listApiRoutes } from "./build-server.ts";
import { startTestApi, type TestApi } from "./test-api.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe("buildServer", () => {
  it("answers /health with the database it reads", async () => {
    const response = await api.app.inject({ method: "GET", url: "/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "ok", database: "sqlite" });
    expect(response.json().migrations).toBeGreaterThan(0);
  });

  it("publishes an OpenAPI 3 document with a path for every route", async () => {
    const response = await api.app.inject({ method: "GET", url: "/openapi.json" });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe("armtrace API");
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths as Record<string, object>)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const routes = listApiRoutes(api.app).map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, "{$1}")}`);
    expect(routes).toEqual(expect.arrayContaining(["GET /health", "GET /sources", "GET /sources/search", "GET /sources/{id}"]));
    for (const route of routes) expect(documented).toContain(route);
    expect(document.components.schemas.Problem).toBeDefined();
    const references: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (key === "$ref") references.push(String(value));
          else collect(value);
        }
      }
    };
    collect(document);
    const resolve = (reference: string) => reference.slice(2).split("/").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
    expect(references.filter((reference) => !reference.startsWith("#/") || resolve(reference) === undefined)).toEqual([]);
    for (const operations of Object.values(document.paths as Record<string, Record<string, { responses?: object }>>)) {
      for (const operation of Object.values(operations)) expect(Object.keys(operation.responses ?? {}).length).toBeGreaterThan(0);
    }
  });

  it("serves browsable docs at /docs", async () => {
    const response = await api.app.inject({ method: "GET", url: "/docs/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
  });

  it("answers an unknown route with a 404 problem", async () => {
    const response = await api.app.inject({ method: "GET", url: "/nothing/here?x=1" });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toEqual({
      type: "urn:armtrace:problem:not-found",
      title: "Not found",
      status: 404,
      detail: "no route GET /nothing/here",
      code: "NOT_FOUND",
      instance: "/nothing/here?x=1",
    });
  });

  it("refuses a query of the wrong type with a 400 problem naming the field", async () => {
    const response = await api.app.inject({ method: "GET", url: "/sources?limit=lots" });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const problem = response.json();
    expect(problem).toMatchObject({ status: 400, code: "INVALID_INPUT", title: "Invalid input" });
    expect(problem.errors).toContainEqual({ field: "querystring/limit", message: "must be integer" });
  });

  it("answers an unexpected failure with a generic 500 problem that leaks nothing", async () => {
    const broken = await startTestApi();
    await broken.database.close();
    const response = await broken.app.inject({ method: "GET", url: "/events?limit=5" });
    expect(response.statusCode).toBe(500);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const problem = response.json();
    expect(problem).toMatchObject({ status: 500, code: "INTERNAL", title: "Internal error", type: "urn:armtrace:problem:internal" });
    expect(problem.detail).toMatch(/^an unexpected error occurred; it was logged as request /);
    expect(response.body).not.toMatch(/sqlite|database|connection|\.ts\b|\n\s+at /i);
    await broken.close().catch(() => undefined);
  });
});
