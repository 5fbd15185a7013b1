import type { FastifyInstance } from "fastify";
import {
  createEvent,
  createEventInputSchema,
  getEvent,
  getEventHistory,
  keepEventsApart,
  keepEventsApartInputSchema,
  listEvents,
  listEventsInputSchema,
  mergeEvents,
  mergeEventsInputSchema,
  proposeDuplicates,
  proposeDuplicatesInputSchema,
  reviewEvent,
  reviewEventInputSchema,
  unmergeEvents,
  unmergeEventsInputSchema,
  updateEvent,
  updateEventInputSchema,
  type CreateEventInput,
  type KeepEventsApartInput,
  type ListEventsInput,
  type MergeEventsInput,
  type ProposeDuplicatesInput,
  type ReviewEventInput,
  type UpdateEventInput,
} from "../../events/index.ts";
import type { RouteContext } from "../route-context.ts";
import { bodySchemaOf, idParamsSchema, reasonProperty, userHeaderSchema, withoutProperties, withProperties } from "../json-schema.ts";
import { problemResponses } from "../problem-responses.ts";
import { requestAuthor } from "../request-author.ts";
import { duplicateProposalSchema, eventHistorySchema, eventPageSchema, eventSchema } from "../schemas/event-schemas.ts";

type WithReason<T> = T & { reason?: string };

const mergeResultSchema = {
  type: "object",
  properties: { survivor: eventSchema, absorbed: eventSchema, mergeId: { type: "integer" } },
  required: ["survivor", "absorbed", "mergeId"],
} as const;

const unmergeResultSchema = {
  type: "object",
  properties: { survivor: eventSchema, restored: eventSchema },
  required: ["survivor", "restored"],
} as const;

/** The list filters as the use case declares them, with pages capped at 500 events over HTTP (exports stream the rest). */
const listQuerySchema = (() => {
  const schema = bodySchemaOf(listEventsInputSchema);
  const limit = (schema.properties as Record<string, Record<string, unknown>>).limit;
  return withProperties(schema, { limit: { ...limit, maximum: 500, description: "Events per page (1–500)" } });
})();

/** Events: query, show, history, and every write (create, edit, review, merge, unmerge) with who made it. */
export function registerEventRoutes(app: FastifyInstance, { events: deps }: RouteContext): void {
  const writeHeaders = userHeaderSchema;

  app.get<{ Querystring: ListEventsInput }>(
    "/events",
    {
      config: { isCacheable: true },
      schema: {
        tags: ["events"],
        summary: "Query events: date range, place, type, actor (any alias), casualty ranges, review state, source, full text; sort; page",
        querystring: listQuerySchema,
        response: { 200: eventPageSchema, ...problemResponses(400) },
      },
    },
    async (request) => listEvents(deps, request.query),
  );

  app.post<{ Body: WithReason<CreateEventInput> }>(
    "/events",
    {
      schema: {
        tags: ["events"],
        summary: "Create an event (review state candidate unless given)",
        headers: writeHeaders,
        body: withProperties(bodySchemaOf(createEventInputSchema), reasonProperty),
        response: { 201: eventSchema, ...problemResponses(400, 401, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body;
      return reply.code(201).send(createEvent(deps, input, requestAuthor(request, reason)));
    },
  );

  app.get<{ Params: { id: number } }>(
    "/events/:id",
    {
      config: { isCacheable: true },
      schema: { tags: ["events"], summary: "One event at its current version", params: idParamsSchema, response: { 200: eventSchema, ...problemResponses(400, 404) } },
    },
    async (request) => getEvent(deps, request.params.id),
  );

  app.patch<{ Params: { id: number }; Body: WithReason<Omit<UpdateEventInput, "id">> }>(
    "/events/:id",
    {
      schema: {
        tags: ["events"],
        summary: "Edit an event; refused with 409 when it changed since expectedVersion",
        params: idParamsSchema,
        headers: writeHeaders,
        body: withProperties(withoutProperties(bodySchemaOf(updateEventInputSchema), "id"), reasonProperty),
        response: { 200: eventSchema, ...problemResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { reason, ...changes } = request.body;
      return updateEvent(deps, { ...changes, id: request.params.id }, requestAuthor(request, reason));
    },
  );

  app.get<{ Params: { id: number } }>(
    "/events/:id/history",
    {
      schema: {
        tags: ["events"],
        summary: "Every version of an event, oldest first, with who changed it, when and why; and its merges",
        params: idParamsSchema,
        response: { 200: eventHistorySchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => getEventHistory(deps, request.params.id),
  );

  app.post<{ Params: { id: number }; Body: Omit<ReviewEventInput, "id"> }>(
    "/events/:id/review",
    {
      schema: {
        tags: ["events"],
        summary: "Move an event to candidate, confirmed or rejected (rejecting needs a reason)",
        params: idParamsSchema,
        headers: writeHeaders,
        body: withoutProperties(bodySchemaOf(reviewEventInputSchema), "id"),
        response: { 200: eventSchema, ...problemResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request) => reviewEvent(deps, { ...request.body, id: request.params.id }, requestAuthor(request)),
  );

  app.post<{ Body: MergeEventsInput }>(
    "/events/merges",
    {
      schema: {
        tags: ["events"],
        summary: "Merge two reports of one incident; the absorbed event is hidden and can be restored",
        headers: writeHeaders,
        body: bodySchemaOf(mergeEventsInputSchema),
        response: { 201: mergeResultSchema, ...problemResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => reply.code(201).send(mergeEvents(deps, request.body, requestAuthor(request))),
  );

  app.post<{ Params: { id: number }; Body: { reason?: string } }>(
    "/events/:id/unmerge",
    {
      schema: {
        tags: ["events"],
        summary: "Undo the merge that absorbed this event",
        params: idParamsSchema,
        headers: writeHeaders,
        body: withoutProperties(bodySchemaOf(unmergeEventsInputSchema), "absorbedId"),
        response: { 200: unmergeResultSchema, ...problemResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request) => unmergeEvents(deps, { ...request.body, absorbedId: request.params.id }, requestAuthor(request)),
  );

  app.get<{ Querystring: ProposeDuplicatesInput }>(
    "/events/duplicates",
    {
      schema: {
        tags: ["events"],
        summary: "Likely duplicates across sources (same type, near date and place, compatible figures), best first",
        querystring: bodySchemaOf(proposeDuplicatesInputSchema),
        response: { 200: { type: "array", items: duplicateProposalSchema }, ...problemResponses(400) },
      },
    },
    async (request) => proposeDuplicates(deps, request.query),
  );

  app.post<{ Body: KeepEventsApartInput }>(
    "/events/duplicates/kept-apart",
    {
      schema: {
        tags: ["events"],
        summary: "Record that a proposed pair are different incidents; they are not proposed again",
        headers: writeHeaders,
        body: bodySchemaOf(keepEventsApartInputSchema),
        response: { 204: { type: "null", description: "Recorded" }, ...problemResponses(400, 401, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      keepEventsApart(deps, request.body, requestAuthor(request));
      return reply.code(204).send();
    },
  );
}

