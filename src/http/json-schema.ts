import { z } from "zod";

/** A JSON Schema object as Fastify, Ajv and @fastify/swagger take it. */
export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema (draft-07) of a zod schema, so HTTP validates with the same schema the use case declares.
 * `input` describes what a client may send (defaults optional); `output` what the server returns.
 */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output" = "input"): JsonSchema {
  const converted = z.toJSONSchema(schema, { target: "draft-07", io, unrepresentable: "any" }) as JsonSchema;
  delete converted.$schema;
  return converted;
}

/**
 * The same schema with `additionalProperties: false` on every object that does not say otherwise, so a
 * request body with a field nobody declared is refused instead of silently dropped.
 */
export function closedObjects(schema: JsonSchema): JsonSchema {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== "object") return node;
    const copy: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      copy[key] = key === "enum" || key === "const" || key === "default" || key === "examples" ? value : visit(value);
    }
    if (copy.type === "object" && copy.additionalProperties === undefined && copy.properties !== undefined) {
      copy.additionalProperties = false;
    }
    return copy;
  };
  return visit(schema) as JsonSchema;
}

/** A request-body schema from zod: closed objects, input view. */
export function bodySchemaOf(schema: z.ZodType): JsonSchema {
  return closedObjects(jsonSchemaOf(schema, "input"));
}

/** Common JSON Schema pieces for query strings. */
export const paginationQueryProperties = {
  limit: { type: "integer", minimum: 1, maximum: 500, default: 50, description: "Page size (1–500)" },
  offset: { type: "integer", minimum: 0, maximum: 10_000_000, default: 0, description: "Rows to skip" },
} as const;

/** An id in a path: a positive integer. */
export const idParamsSchema = {
  type: "object",
  properties: { id: { type: "integer", minimum: 1 } },
  required: ["id"],
  additionalProperties: false,
} as const;

/** The `X-Armtrace-User` header every write carries: who made the change (accounts come later). */
export const userHeaderSchema = {
  type: "object",
  properties: {
    "x-armtrace-user": {
      type: "string",
      minLength: 1,
      maxLength: 100,
      pattern: "^[^\\u0000-\\u001f\\u007f]+$",
      description: "Name of the analyst making the change; recorded in the event's history",
    },
  },
  required: ["x-armtrace-user"],
} as const;

/** A copy of an object schema without the named properties (the ones a route takes from its path). */
export function withoutProperties(schema: JsonSchema, ...names: string[]): JsonSchema {
  const properties = { ...(schema.properties as Record<string, unknown>) };
  for (const name of names) delete properties[name];
  const required = Array.isArray(schema.required) ? (schema.required as string[]).filter((name) => !names.includes(name)) : undefined;
  return { ...schema, properties, ...(required ? { required } : {}) };
}

/** A copy of an object schema with more properties. */
export function withProperties(schema: JsonSchema, extra: Record<string, unknown>): JsonSchema {
  return { ...schema, properties: { ...(schema.properties as Record<string, unknown>), ...extra } };
}

/** The optional `reason` a write may carry into the event's history. */
export const reasonProperty = { reason: { type: "string", minLength: 1, maxLength: 5000, description: "Why; kept in the history" } } as const;
