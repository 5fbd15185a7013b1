import type { FastifyInstance } from "fastify";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultActorRegistry } from "../../actors/index.ts";
import { defaultGazetteer } from "../../codebook/gazetteer.ts";
import { defaultWeaponTaxonomy } from "../../codebook/weapon-taxonomy.ts";
import { createTraceCaseStore } from "../../storage/tracing-case-store.ts";
import { readRecordCsv } from "../../storage/tracing-csv.ts";
import { createTraceRecordStore } from "../../storage/tracing-record-store.ts";
import {
  advanceTraceRequest,
  answerSchema,
  answerTraceRequest,
  createRequestSchema,
  createTraceRequest,
  importRecords,
  isOverdue,
  matchSerial,
  recordSeizure,
  renderRequestHtml,
  renderRequestText,
  REQUEST_STATUSES,
  seizureInputSchema,
  summarizeFindings,
  type AnswerInput,
  type CreateRequestInput,
  type RequestStatus,
  type SeizureDependencies,
  type SeizureInput,
  type TraceRequest,
} from "../../tracing/index.ts";
import { bodySchemaOf, idParamsSchema, userHeaderSchema } from "../json-schema.ts";
import { problemResponses } from "../problem-responses.ts";
import { requestAuthor } from "../request-author.ts";
import type { RouteContext } from "../route-context.ts";

/** Objects whose every field is returned as stored (the tracing types are still growing). */
const open = (description: string, properties: Record<string, unknown> = {}) => ({ type: "object", description, properties, additionalProperties: true }) as const;
const seizureSchema = open("A seizure with its items, markings, custody and event links", { id: { type: "integer" } });
const requestSchema = open("A trace request with its status, deadline, items and answer", {
  id: { type: "integer" },
  status: { type: "string", enum: [...REQUEST_STATUSES] },
  isOverdue: { type: "boolean" },
});
const candidateSchema = {
  type: "object",
  properties: {
    serial: { type: "string" },
    manufacturer: { type: ["string", "null"] },
    model: { type: ["string", "null"] },
    record_ref: { type: "string", description: "file:line of the record" },
    score: { type: "number", description: "0–1, 1 = exact on manufacturer, model and serial" },
    reasons: { type: "array", items: { type: "string" } },
  },
  required: ["serial", "manufacturer", "model", "record_ref", "score", "reasons"],
} as const;
const day = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" } as const;
const csvTypes = ["text/csv", "text/plain", "application/octet-stream"];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A request as the API shows it: with its overdue flag as of today. */
function present(request: TraceRequest) {
  return { ...request, isOverdue: isOverdue(request, today()) };
}

/**
 * Weapons tracing (issue 6): record lists, serial matching, seizures, trace requests through their
 * lifecycle with the printable request, and findings. Writes carry X-Armtrace-User like every write.
 */
export function registerTracingRoutes(app: FastifyInstance, { database }: RouteContext, options: { maxImportBytes: number }): void {
  const records = createTraceRecordStore(database);
  const cases = createTraceCaseStore(database);
  const gazetteer = defaultGazetteer();
  const actors = defaultActorRegistry();
  const weapons = defaultWeaponTaxonomy();
  const seizureDependencies: SeizureDependencies = {
    resolvePlace: (name) => {
      const place = gazetteer.resolve(name);
      return place === undefined ? undefined : { id: place.id, name: place.name };
    },
    resolveActor: (name) => actors.resolve(name)?.name,
    categorize: (term) => weapons.categorize(term),
    missingEvents: (ids) => cases.missingEvents(ids),
    save: (draft) => cases.saveSeizure(draft),
  };

  app.register(async (scope) => {
    scope.addContentTypeParser(csvTypes, { parseAs: "buffer", bodyLimit: options.maxImportBytes }, (_request, body, done) => done(null, body));
    scope.post<{ Querystring: { name?: string }; Body: Buffer }>(
      "/tracing/records/import",
      {
        bodyLimit: options.maxImportBytes,
        config: { fileBody: "The record list as CSV: manufacturer, model, serial (or FROM–TO range), optional calibre, holder, exporter, importer, end_user, reference, shipped, received" },
        schema: {
          tags: ["tracing"],
          summary: "Import a stockpile or transfer list (CSV: manufacturer, model, serial or FROM–TO range, …); every row kept with its problems",
          headers: userHeaderSchema,
          querystring: {
            type: "object",
            properties: { name: { type: "string", minLength: 1, maxLength: 200, pattern: "^[^/\\\\]+$", description: "Name the rows' record_ref points to (default upload.csv)" } },
            additionalProperties: false,
          },
          consumes: csvTypes,
          response: { 200: open("Import summary: rows, records stored, serials covered, problems row by row"), ...problemResponses(400, 401, 413, 415) },
        },
      },
      async (request) => {
        requestAuthor(request);
        const name = request.query.name ?? "upload.csv";
        // The CSV reader streams from a file; the upload is written to a private temp folder for it.
        const folder = mkdtempSync(join(tmpdir(), "armtrace-upload-"));
        try {
          const path = join(folder, "records.csv");
          writeFileSync(path, request.body);
          const csv = await readRecordCsv(path);
          const { result, batchId } = await records.withImport(name, (sink) => importRecords(name, csv.rows, sink));
          return { batchId, ignoredColumns: csv.ignoredColumns, ...result };
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      },
    );
  });

  app.get<{ Querystring: { serial: string; manufacturer?: string; model?: string; partial: boolean; maxEdits: number; limit: number } }>(
    "/tracing/match",
    {
      schema: {
        tags: ["tracing"],
        summary: "Rank stored records against a serial read off a seized weapon (? * _ unreadable; ...TAIL a fragment)",
        querystring: {
          type: "object",
          properties: {
            serial: { type: "string", minLength: 1, maxLength: 100 },
            manufacturer: { type: "string", minLength: 1, maxLength: 200 },
            model: { type: "string", minLength: 1, maxLength: 200 },
            partial: { type: "boolean", default: false },
            maxEdits: { type: "integer", minimum: 0, maximum: 4, default: 2 },
            limit: { type: "integer", minimum: 1, maximum: 200, default: 20 },
          },
          required: ["serial"],
          additionalProperties: false,
        },
        response: { 200: { type: "array", items: candidateSchema }, ...problemResponses(400) },
      },
    },
    async (request) => {
      const { serial, manufacturer, model, partial, maxEdits, limit } = request.query;
      return matchSerial({ serial, manufacturer, model, isPartial: partial }, records.serialIndex(), { maxEdits, limit });
    },
  );

  app.post<{ Body: SeizureInput }>(
    "/tracing/seizures",
    {
      schema: {
        tags: ["tracing"],
        summary: "Record a seizure: date, place (gazetteer), agency, case, possessor (actor), custody, items and markings, events",
        headers: userHeaderSchema,
        body: bodySchemaOf(seizureInputSchema),
        response: {
          201: { type: "object", properties: { seizure: seizureSchema, warnings: { type: "array", items: { type: "string" } } }, required: ["seizure", "warnings"] },
          ...problemResponses(400, 401, 404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      requestAuthor(request);
      return reply.code(201).send(await recordSeizure(request.body, seizureDependencies));
    },
  );

  app.get<{ Querystring: { limit: number; offset: number } }>(
    "/tracing/seizures",
    {
      schema: {
        tags: ["tracing"],
        summary: "Seizures with their items",
        querystring: {
          type: "object",
          properties: { limit: { type: "integer", minimum: 1, maximum: 1000, default: 100 }, offset: { type: "integer", minimum: 0, default: 0 } },
          additionalProperties: false,
        },
        response: { 200: { type: "array", items: seizureSchema }, ...problemResponses(400) },
      },
    },
    async (request) => cases.listSeizures(request.query),
  );

  app.get<{ Params: { id: number } }>(
    "/tracing/seizures/:id",
    { schema: { tags: ["tracing"], summary: "One seizure", params: idParamsSchema, response: { 200: seizureSchema, ...problemResponses(400, 404) } } },
    async (request) => cases.getSeizure(request.params.id),
  );

  app.post<{ Body: CreateRequestInput }>(
    "/tracing/requests",
    {
      schema: {
        tags: ["tracing"],
        summary: "Draft a trace request to a state, manufacturer or exporter for seized items",
        headers: userHeaderSchema,
        body: bodySchemaOf(createRequestSchema),
        response: { 201: requestSchema, ...problemResponses(400, 401, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      requestAuthor(request);
      return reply.code(201).send(present(await createTraceRequest(request.body, cases)));
    },
  );

  app.get<{ Querystring: { status?: RequestStatus; overdue?: boolean } }>(
    "/tracing/requests",
    {
      schema: {
        tags: ["tracing"],
        summary: "Trace requests, optionally by status or only overdue ones",
        querystring: {
          type: "object",
          properties: { status: { type: "string", enum: [...REQUEST_STATUSES] }, overdue: { type: "boolean" } },
          additionalProperties: false,
        },
        response: { 200: { type: "array", items: requestSchema }, ...problemResponses(400) },
      },
    },
    async (request) => {
      const list = (await cases.listRequests({ status: request.query.status })).map(present);
      return request.query.overdue === true ? list.filter((item) => item.isOverdue) : list;
    },
  );

  app.get<{ Params: { id: number }; Querystring: { format: "json" | "html" | "text" } }>(
    "/tracing/requests/:id",
    {
      schema: {
        tags: ["tracing"],
        summary: "One trace request as JSON, or the printable request (html, text) with what the ITI and ISACS 05.31 ask",
        params: idParamsSchema,
        querystring: {
          type: "object",
          properties: { format: { type: "string", enum: ["json", "html", "text"], default: "json" } },
          additionalProperties: false,
        },
        response: { 200: requestSchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const traceRequest = await cases.getRequest(request.params.id);
      if (request.query.format === "json") return present(traceRequest);
      const seizure = traceRequest.seizureId === null ? null : await cases.getSeizure(traceRequest.seizureId);
      const document = { request: traceRequest, seizure, items: await cases.getItems(traceRequest.itemIds), today: today() };
      if (request.query.format === "text") return reply.type("text/plain; charset=utf-8").send(renderRequestText(document));
      return reply
        .type("text/html; charset=utf-8")
        .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .send(renderRequestHtml(document));
    },
  );

  for (const action of ["send", "acknowledge", "close"] as const) {
    app.post<{ Params: { id: number }; Body: { on?: string; deadline?: string; respondWithinDays?: number } }>(
      `/tracing/requests/:id/${action}`,
      {
        // Every field is optional, so a request with no body at all means {}.
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: {
          tags: ["tracing"],
          summary: action === "send" ? "Mark a draft as sent, optionally with a reply deadline" : `Mark a request as ${action === "close" ? "closed" : "acknowledged"}`,
          params: idParamsSchema,
          headers: userHeaderSchema,
          body: {
            type: "object",
            properties: {
              on: { ...day, description: "When (default today)" },
              ...(action === "send"
                ? { deadline: { ...day, description: "Reply requested by" }, respondWithinDays: { type: "integer", minimum: 1, maximum: 3650 } }
                : {}),
            },
            additionalProperties: false,
          },
          response: { 200: requestSchema, ...problemResponses(400, 401, 404, 409, 413, 415) },
        },
      },
      async (request) => {
        requestAuthor(request);
        const { on, deadline, respondWithinDays } = request.body;
        return present(await advanceTraceRequest(request.params.id, action, { at: on ?? today(), deadline, respondWithinDays }, cases));
      },
    );
  }

  app.post<{ Params: { id: number }; Body: AnswerInput }>(
    "/tracing/requests/:id/answer",
    {
      schema: {
        tags: ["tracing"],
        summary: "Record the answer: custody steps, last legal holder, diversion point (place, time)",
        params: idParamsSchema,
        headers: userHeaderSchema,
        body: bodySchemaOf(answerSchema),
        response: { 200: requestSchema, ...problemResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      requestAuthor(request);
      return present(await answerTraceRequest(request.params.id, request.body, new Date().toISOString(), cases));
    },
  );

  app.get(
    "/tracing/findings",
    {
      schema: {
        tags: ["tracing"],
        summary: "Seized items by origin, last legal holder and diversion point; flows from origin to place of seizure",
        response: { 200: open("Findings: seizedItems, tracedItems, byOrigin, byLastLegalHolder, byDiversionPoint, flows"), ...problemResponses() },
      },
    },
    async () => summarizeFindings(await cases.findingRows()),
  );
}
