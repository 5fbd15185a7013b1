import type { FastifyInstance } from "fastify";
import { ArmtraceError } from "../../errors.ts";
import { setSourceReliability, setSourceReliabilityInputSchema } from "../../events/index.ts";
import type { RouteContext } from "../route-context.ts";
import { bodySchemaOf, idParamsSchema, paginationQueryProperties, userHeaderSchema, withoutProperties } from "../json-schema.ts";
import { requestAuthor } from "../request-author.ts";
import { orNull, reliabilityGradeSchema } from "../schemas/event-schemas.ts";
import { problemResponses } from "../problem-responses.ts";

const nullableString = { type: ["string", "null"] } as const;
const nullableInteger = { type: ["integer", "null"] } as const;

const sourceSchema = {
  type: "object",
  properties: {
    id: { type: "integer" },
    kind: { type: "string", enum: ["text", "markdown", "html", "pdf", "feed-item", "jsonl-record"] },
    origin: { type: "string" },
    url: nullableString,
    title: nullableString,
    outlet: nullableString,
    published: { ...nullableString, description: "YYYY-MM-DD, YYYY-MM or YYYY" },
    mediaType: { type: "string" },
    language: nullableString,
    wordCount: { type: "integer" },
    contentHash: { type: "string" },
    nearDuplicateOf: nullableInteger,
    nearDuplicateSimilarity: { type: ["number", "null"], description: "estimated share of shared word 3-shingles (0–1)" },
    grade: { type: ["string", "null"], description: "Admiralty grade set by an analyst, e.g. B2 (source A–F, information 1–6)" },
    ingestedAt: { type: "string" },
  },
  required: ["id", "kind", "origin", "url", "title", "outlet", "published", "mediaType", "wordCount", "contentHash", "ingestedAt"],
} as const;

const sourceWithTextSchema = {
  ...sourceSchema,
  properties: { ...sourceSchema.properties, text: { type: "string", description: "Plain text that search and extraction read" } },
  required: [...sourceSchema.required, "text"],
} as const;

const searchHitSchema = {
  type: "object",
  properties: {
    id: { type: "integer" },
    title: nullableString,
    origin: { type: "string" },
    url: nullableString,
    published: nullableString,
    snippet: { type: "string", description: "Matched words in [brackets]" },
    score: { type: "number", description: "Higher is more relevant" },
  },
  required: ["id", "title", "origin", "url", "published", "snippet", "score"],
} as const;

/** Sources: list, show (with text), the verbatim bytes, and full-text search. */
export function registerSourceRoutes(app: FastifyInstance, { sources, events }: RouteContext): void {
  app.get<{ Querystring: { limit: number; offset: number } }>(
    "/sources",
    {
      config: { isCacheable: true },
      schema: {
        tags: ["sources"],
        summary: "List sources by id",
        querystring: { type: "object", properties: paginationQueryProperties, additionalProperties: false },
        response: {
          200: {
            type: "object",
            properties: { items: { type: "array", items: sourceSchema }, total: { type: "integer" }, limit: { type: "integer" }, offset: { type: "integer" } },
            required: ["items", "total", "limit", "offset"],
          },
          ...problemResponses(400),
        },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const [items, total] = await Promise.all([sources.list({ limit, offset }), sources.count()]);
      return { items, total, limit, offset };
    },
  );

  app.get<{ Querystring: { q: string; limit: number } }>(
    "/sources/search",
    {
      schema: {
        tags: ["sources"],
        summary: "Full-text search; quoted phrases, trailing * for prefixes, OR between terms",
        querystring: {
          type: "object",
          properties: { q: { type: "string", minLength: 1, maxLength: 500 }, limit: { type: "integer", minimum: 1, maximum: 500, default: 20 } },
          required: ["q"],
          additionalProperties: false,
        },
        response: { 200: { type: "array", items: searchHitSchema }, ...problemResponses(400) },
      },
    },
    async (request) => sources.search(request.query.q, { limit: request.query.limit }),
  );

  app.get<{ Params: { id: number } }>(
    "/sources/:id",
    {
      schema: {
        tags: ["sources"],
        summary: "One source with its plain text",
        params: idParamsSchema,
        response: { 200: sourceWithTextSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => requireSource(await sources.get(request.params.id), request.params.id),
  );

  app.get<{ Params: { id: number } }>(
    "/sources/:id/raw",
    {
      schema: {
        tags: ["sources"],
        summary: "The source exactly as received, as a download (never rendered by the browser)",
        params: idParamsSchema,
        response: { 200: { description: "The verbatim bytes", type: "string", format: "binary" }, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const source = requireSource(await sources.get(request.params.id), request.params.id);
      // Stored HTML or PDF could carry scripts: serve it as an attachment of an opaque type, never inline.
      return reply
        .type("application/octet-stream")
        .header("content-disposition", `attachment; filename="source-${source.id}.bin"`)
        .header("x-content-type-options", "nosniff")
        .header("x-original-media-type", source.mediaType.replace(/[^\x20-\x7e]/g, ""))
        .send(Buffer.from(source.raw));
    },
  );

  app.get<{ Params: { id: number } }>(
    "/sources/:id/reliability",
    {
      schema: {
        tags: ["sources"],
        summary: "The Admiralty grade analysts gave a source (null when ungraded)",
        params: idParamsSchema,
        response: {
          200: { type: "object", properties: { sourceId: { type: "integer" }, grade: orNull(reliabilityGradeSchema) }, required: ["sourceId", "grade"] },
          ...problemResponses(400, 404),
        },
      },
    },
    async (request) => ({ sourceId: request.params.id, grade: await getSourceReliability(events, request.params.id) }),
  );

  app.put<{ Params: { id: number }; Body: { grade: string | null } }>(
    "/sources/:id/reliability",
    {
      schema: {
        tags: ["sources"],
        summary: "Set (or clear with null) the Admiralty grade of a source, e.g. B2",
        params: idParamsSchema,
        headers: userHeaderSchema,
        body: withoutProperties(bodySchemaOf(setSourceReliabilityInputSchema), "sourceId"),
        response: {
          200: {
            type: "object",
            properties: { sourceId: { type: "integer" }, grade: orNull(reliabilityGradeSchema) },
            required: ["sourceId", "grade"],
          },
          ...problemResponses(400, 401, 404, 413, 415),
        },
      },
    },
    async (request) => ({
      sourceId: request.params.id,
      grade: await setSourceReliability(events, { sourceId: request.params.id, grade: request.body.grade }, requestAuthor(request)),
    }),
  );
}

/** A source's grade through the events module's reliability store; SOURCE_NOT_FOUND for an unknown source. */
async function getSourceReliability(events: RouteContext["events"], sourceId: number) {
  const grade = await events.sourceReliability?.getGrade(sourceId);
  if (grade === undefined) throw new ArmtraceError("SOURCE_NOT_FOUND", `no source with id ${sourceId}`);
  return grade;
}

function requireSource<T>(source: T | undefined, id: number): T {
  if (source === undefined) throw new ArmtraceError("SOURCE_NOT_FOUND", `no source with id ${id}`);
  return source;
}
