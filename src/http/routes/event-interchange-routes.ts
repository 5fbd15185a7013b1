import type { FastifyInstance } from "fastify";
import { PassThrough } from "node:stream";
import { once } from "node:events";
import { acledColumns, eventTypes, exportEvents, exportFormats, importEvents, importFormats, reviewStates, type EventFilter, type ExportFormat, type ImportFormat } from "../../events/index.ts";
import type { RouteContext } from "../route-context.ts";
import { reasonProperty, userHeaderSchema } from "../json-schema.ts";
import { problemResponses } from "../problem-responses.ts";
import { requestAuthor } from "../request-author.ts";

const exportMediaTypes: Record<ExportFormat, { type: string; extension: string }> = {
  acled: { type: "text/csv; charset=utf-8", extension: "csv" },
  jsonl: { type: "application/x-ndjson; charset=utf-8", extension: "jsonl" },
  geojson: { type: "application/geo+json; charset=utf-8", extension: "geojson" },
};

/** Media types an import body may have; the `format` parameter, not the media type, says how to read it. */
const importMediaTypes = ["text/csv", "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "text/plain", "application/octet-stream"];

/** An ACLED file with no rows: a deletions list alone is applied as an import that adds nothing. */
const acledHeaderOnly = `${acledColumns.join(",")}\n`;

const isoDay = { type: "string", pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$" } as const;

interface ExportQuery extends Pick<EventFilter, "dateFrom" | "dateTo" | "country" | "admin1" | "admin2" | "type" | "reviewState"> {
  format: ExportFormat;
}

const importReportSchema = {
  type: "object",
  properties: {
    format: { type: "string", enum: [...importFormats] },
    rowsRead: { type: "integer" },
    created: { type: "integer" },
    updated: { type: "integer" },
    unchanged: { type: "integer" },
    deleted: { type: "integer" },
    deletionsNotFound: { type: "array", items: { type: "string" } },
    outOfScope: { type: "object", additionalProperties: { type: "integer" }, description: "Rows of kinds armtrace does not record, by kind" },
    skipped: {
      type: "array",
      items: { type: "object", properties: { line: { type: "integer" }, problems: { type: "array", items: { type: "string" } } }, required: ["line", "problems"] },
    },
  },
  required: ["format", "rowsRead", "created", "updated", "unchanged", "skipped"],
} as const;

/**
 * Interchange: export ACLED CSV, JSON Lines or GeoJSON (streamed, so a large database never sits in memory),
 * and import ACLED, GTD or our JSON Lines in one transaction (all or nothing unless skipInvalid).
 */
export function registerEventInterchangeRoutes(app: FastifyInstance, { events: deps }: RouteContext, options: { maxImportBytes: number }): void {
  app.get<{ Querystring: ExportQuery }>(
    "/events/export",
    {
      schema: {
        tags: ["events"],
        summary: "Export events as ACLED CSV (31 columns), JSON Lines (lossless) or GeoJSON",
        querystring: {
          type: "object",
          properties: {
            format: { type: "string", enum: [...exportFormats] },
            dateFrom: isoDay,
            dateTo: isoDay,
            country: { type: "string", pattern: "^[A-Z]{2}$" },
            admin1: { type: "string", minLength: 1, maxLength: 200 },
            admin2: { type: "string", minLength: 1, maxLength: 200 },
            type: { type: "string", enum: [...eventTypes] },
            reviewState: { type: "string", enum: [...reviewStates] },
          },
          required: ["format"],
          additionalProperties: false,
        },
        response: { 200: { description: "The file, streamed", type: "string" }, ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const body = new PassThrough();
      const write = async (text: string) => {
        if (!body.write(text)) await once(body, "drain");
      };
      exportEvents(deps, { format, filter }, write).then(
        () => body.end(),
        (error: unknown) => {
          request.log.error({ err: error }, "export failed after the response started");
          body.destroy(error as Error);
        },
      );
      return reply
        .type(exportMediaTypes[format].type)
        .header("content-disposition", `attachment; filename="armtrace-events.${exportMediaTypes[format].extension}"`)
        .send(body);
    },
  );

  app.register(async (scope) => {
    scope.addContentTypeParser(importMediaTypes, { parseAs: "buffer", bodyLimit: options.maxImportBytes }, (_request, body, done) => done(null, body));
    scope.post<{ Querystring: { format: ImportFormat; skipInvalid: boolean; reason?: string }; Body: Buffer }>(
      "/events/import",
      {
        bodyLimit: options.maxImportBytes,
        config: { fileBody: "The file: ACLED or GTD CSV, or armtrace JSON Lines" },
        schema: {
          tags: ["events"],
          summary: "Import an ACLED CSV, GTD CSV or armtrace JSON Lines file sent as the request body",
          description:
            "One transaction: a file with bad lines is refused whole with every bad line listed (400), unless " +
            "skipInvalid=true, which imports the rest and lists the skipped lines in the report. Re-importing an " +
            "updated ACLED file updates events by event_id_cnty instead of duplicating them.",
          headers: userHeaderSchema,
          querystring: {
            type: "object",
            properties: { format: { type: "string", enum: [...importFormats] }, skipInvalid: { type: "boolean", default: false }, ...reasonProperty },
            required: ["format"],
            additionalProperties: false,
          },
          consumes: importMediaTypes,
          response: { 200: importReportSchema, ...problemResponses(400, 401, 413, 415) },
        },
      },
      async (request) =>
        importEvents(
          deps,
          { format: request.query.format, content: request.body, skipInvalid: request.query.skipInvalid },
          requestAuthor(request, request.query.reason),
        ),
    );

    scope.post<{ Querystring: { reason?: string }; Body: Buffer }>(
      "/events/deletions",
      {
        bodyLimit: options.maxImportBytes,
        config: { fileBody: "An ACLED deletions list: CSV with an event_id_cnty column, or one id per line" },
        schema: {
          tags: ["events"],
          summary: "Remove the events an ACLED deletions list names (by event_id_cnty), in one transaction",
          headers: userHeaderSchema,
          querystring: { type: "object", properties: { ...reasonProperty }, additionalProperties: false },
          consumes: importMediaTypes,
          response: { 200: importReportSchema, ...problemResponses(400, 401, 413, 415) },
        },
      },
      async (request) =>
        importEvents(deps, { format: "acled", content: acledHeaderOnly, deletions: request.body }, requestAuthor(request, request.query.reason)),
    );
  });
}
