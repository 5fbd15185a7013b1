import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { ArmtraceDatabase } from "../storage/database.ts";
import { problemSchema, sendProblem, toProblem } from "./problem.ts";
import { registerResponseCache } from "./response-cache.ts";
import { createRouteContext } from "./route-context.ts";
import { registerEventInterchangeRoutes } from "./routes/event-interchange-routes.ts";
import { registerEventRoutes } from "./routes/event-routes.ts";
import { registerExtractionRoutes } from "./routes/extraction-routes.ts";
import { registerReportRoutes } from "./routes/report-routes.ts";
import { registerTracingRoutes } from "./routes/tracing-routes.ts";
import { registerHealthRoutes } from "./routes/health-routes.ts";
import { registerSourceRoutes } from "./routes/source-routes.ts";

export interface BuildServerOptions {
  database: ArmtraceDatabase;
  /** Fastify logger setting: false (default, quiet for tests), true, or pino options. */
  logger?: FastifyServerOptions["logger"];
  /** Largest accepted request body in bytes (default 1 MiB); larger ones get a 413 problem. */
  bodyLimit?: number;
  /** Largest accepted import file in bytes (default 50 MiB, as $ARMTRACE_MAX_FILE_BYTES). */
  maxImportBytes?: number;
  /** Keep responses of read routes until the database changes (default true); see response-cache.ts. */
  isCaching?: boolean;
  /** Headers sent with every response (a multi-process `serve` names the worker that answered). */
  responseHeaders?: Record<string, string>;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** For routes that read their body as a file (imports): what to say about it in the OpenAPI document. */
    fileBody?: string;
  }
}

/** One route the API serves and documents. */
export interface ApiRoute {
  method: string;
  url: string;
}

const apiRoutes = new WeakMap<FastifyInstance, ApiRoute[]>();

/** Every route of a server built by buildServer, except the documentation's own. */
export function listApiRoutes(app: FastifyInstance): readonly ApiRoute[] {
  return apiRoutes.get(app) ?? [];
}

/** Version of the API document; bump on incompatible changes. */
export const apiVersion = "0.1.0";

// ajv-formats is CommonJS; under NodeNext its default export may arrive as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/**
 * Two validators: query strings, paths and headers arrive as text and are coerced to the declared types;
 * bodies are JSON and must already have the right types ("12" for a number is refused, not converted), and
 * fields nobody declared are refused rather than silently removed.
 */
function createValidatorCompiler() {
  const base = { useDefaults: true, removeAdditional: false, allErrors: true, strict: false } as const;
  const coercing = new Ajv({ ...base, coerceTypes: "array" });
  const exact = new Ajv({ ...base, coerceTypes: false });
  addFormats(coercing);
  addFormats(exact);
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    (httpPart === "body" ? exact : coercing).compile(schema);
}

/**
 * Builds the armtrace HTTP API on an open database without listening: `serve` calls listen, tests call
 * inject. Every route validates its input and output against a schema and fails with a problem document.
 */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.setValidatorCompiler(createValidatorCompiler());
  const routes: ApiRoute[] = [];
  apiRoutes.set(app, routes);
  app.addHook("onRoute", (route) => {
    const isDocumentation = route.url.startsWith("/docs") || (route.schema as { hide?: boolean } | undefined)?.hide === true;
    if (isDocumentation) return;
    for (const method of [route.method].flat()) if (method !== "HEAD") routes.push({ method, url: route.url });
  });
  const responseHeaders = options.responseHeaders;
  if (responseHeaders !== undefined) app.addHook("onRequest", async (_request, reply) => void reply.headers(responseHeaders));
  app.addSchema(problemSchema);
  // Bodies are JSON unless a route says otherwise; plain text is not silently accepted as a string body.
  app.removeContentTypeParser("text/plain");

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, "request failed");
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    return sendProblem(reply, {
      type: "urn:armtrace:problem:not-found",
      title: "Not found",
      status: 404,
      detail: `no route ${request.method} ${request.url.split("?")[0]}`,
      code: "NOT_FOUND",
      instance: request.url,
    });
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "armtrace API",
        version: apiVersion,
        description:
          "Sourced data on militant violence and illicit small-arms flows. Errors are application/problem+json. " +
          "Writes name who makes them in the X-Armtrace-User header.",
      },
      tags: [
        { name: "health", description: "Liveness" },
        { name: "sources", description: "Source documents kept verbatim" },
        { name: "events", description: "Curated incidents, review, merge and interchange" },
        { name: "reports", description: "Period reports" },
        { name: "tracing", description: "Weapons records, seizures, matching and trace requests" },
      ],
    },
    // File bodies are not validated as JSON, so they have no body schema; document them anyway.
    transform: ({ schema, url, route }) => {
      const fileBody = (route.config as { fileBody?: string } | undefined)?.fileBody;
      return fileBody === undefined ? { schema, url } : { schema: { ...schema, body: { type: "string", description: fileBody } }, url };
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => String(json.$id ?? `def-${index}`) },
  });
  await app.register(swaggerUi, { routePrefix: "/docs", uiConfig: { docExpansion: "list", deepLinking: true } });

  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  if (options.isCaching !== false) registerResponseCache(app, options.database);
  const context = createRouteContext(options.database);
  registerHealthRoutes(app, context);
  registerSourceRoutes(app, context);
  registerEventRoutes(app, context);
  registerExtractionRoutes(app, context);
  registerEventInterchangeRoutes(app, context, { maxImportBytes: options.maxImportBytes ?? 50 * 1024 * 1024 });
  registerReportRoutes(app, context);
  registerTracingRoutes(app, context, { maxImportBytes: options.maxImportBytes ?? 50 * 1024 * 1024 });
  return app;
}

