import type { FastifyInstance } from "fastify";
import { defaultExtractionCodebook, extractDocument } from "../../extraction/index.ts";
import type { RouteContext } from "../route-context.ts";
import { idParamsSchema, userHeaderSchema } from "../json-schema.ts";
import { problemResponses } from "../problem-responses.ts";
import { requestAuthor } from "../request-author.ts";

const claimMetrics = ["killed", "injured", "attacks", "weapons", "aircraft", "vehicles", "munitions", "value_usd", "percent_change", "share_percent"];
const span = { type: "object", properties: { start: { type: "integer" }, end: { type: "integer" } }, required: ["start", "end"] } as const;
const counts = {
  type: "object",
  properties: Object.fromEntries(["security_forces", "civilians", "militants", "unknown"].map((category) => [category, { type: ["integer", "null"] }])),
} as const;
const nullableString = { type: ["string", "null"] } as const;

/** The extraction contract's document (EXTRACTION.md), as the API returns it. */
const extractedDocumentSchema = {
  type: "object",
  properties: {
    file: { type: "string" },
    published: nullableString,
    text: { type: "string" },
    events: {
      type: "array",
      items: {
        type: "object",
        properties: {
          type: { type: "string" }, date: nullableString, date_end: nullableString, country: nullableString, admin1: nullableString, admin2: nullableString,
          perpetrators: { type: "array", items: { type: "string" } }, targets: { type: "array", items: { type: "string" } },
          killed: counts, injured: counts, weapons: { type: "array", items: { type: "string" } }, evidence: { type: "array", items: span },
        },
      },
    },
    claims: {
      type: "array",
      items: {
        type: "object",
        properties: {
          metric: { type: "string" }, value: { type: "number" }, qualifier: { type: "string" }, period: nullableString, scope: nullableString,
          attributed_to: nullableString, evidence: { type: "array", items: span },
        },
      },
    },
  },
  required: ["file", "published", "text", "events", "claims"],
} as const;

const storedClaimSchema = {
  type: "object",
  properties: {
    id: { type: "integer" }, sourceId: { type: "integer" }, metric: { type: "string" }, value: { type: "number" }, qualifier: { type: "string" },
    period: nullableString, scope: nullableString, attributedTo: nullableString, evidence: { anyOf: [span, { type: "null" }] },
    evidenceText: nullableString, reviewState: { type: "string" }, createdAt: { type: "string" }, createdBy: { type: "string" },
  },
  required: ["id", "sourceId", "metric", "value", "qualifier", "period", "scope", "attributedTo", "evidence", "evidenceText", "reviewState"],
} as const;

/** Extraction over HTTP: try the extractor on a text, extract a stored source into review candidates, list claims. */
export function registerExtractionRoutes(app: FastifyInstance, services: RouteContext): void {
  app.post<{ Body: { text: string; published?: string | null; file?: string } }>(
    "/extract",
    {
      schema: {
        tags: ["extraction"],
        summary: "Extract incidents and claims from a text (plain or HTML) without storing anything",
        body: {
          type: "object",
          properties: {
            text: { type: "string", maxLength: 1_000_000 },
            published: { anyOf: [{ type: "string", pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$" }, { type: "null" }] },
            file: { type: "string", maxLength: 500 },
          },
          required: ["text"],
          additionalProperties: false,
        },
        response: { 200: extractedDocumentSchema, ...problemResponses(400, 413, 415) },
      },
    },
    async (request) =>
      extractDocument(request.body.text, { file: request.body.file ?? "request", published: request.body.published ?? null, codebook: defaultExtractionCodebook() }),
  );

  app.post<{ Params: { id: number } }>(
    "/sources/:id/extract",
    {
      schema: {
        tags: ["extraction"],
        summary: "Extract a stored source and save its incidents and claims as review candidates (once per source)",
        params: idParamsSchema,
        headers: userHeaderSchema,
        response: {
          200: {
            type: "object",
            properties: {
              sourceId: { type: "integer" },
              status: { type: "string", enum: ["saved", "already-extracted"] },
              eventIds: { type: "array", items: { type: "integer" } },
              claimCount: { type: "integer" },
              extractor: { type: "string" },
              ranAt: { type: "string" },
              ranBy: { type: "string" },
            },
            required: ["sourceId", "status", "eventIds", "claimCount", "extractor", "ranAt", "ranBy"],
          },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const { outcome } = await services.extractSource(request.params.id, requestAuthor(request).actor);
      return { status: outcome.status, ...outcome.run };
    },
  );

  app.get<{ Querystring: { sourceId?: number; metric?: string } }>(
    "/claims",
    {
      schema: {
        tags: ["extraction"],
        summary: "Attributed claims found in sources, with the words that state them",
        querystring: {
          type: "object",
          properties: { sourceId: { type: "integer", minimum: 1 }, metric: { type: "string", enum: claimMetrics } },
          additionalProperties: false,
        },
        response: { 200: { type: "object", properties: { items: { type: "array", items: storedClaimSchema } }, required: ["items"] }, ...problemResponses(400) },
      },
    },
    async (request) => ({
      items: services.candidates.listClaims({ sourceId: request.query.sourceId, metric: request.query.metric as never }),
    }),
  );
}
