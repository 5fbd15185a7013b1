import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { errorCodes, isArmtraceError, type ErrorCode } from "../errors.ts";

/** An RFC 9457 problem document: the one shape every error response of the API takes. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance: string;
  /** For validation problems: each failing field (JSON pointer into the request part) and what is wrong. */
  errors?: Array<{ field: string; message: string }>;
}

export const problemContentType = "application/problem+json";

const titles: Partial<Record<ErrorCode, string>> = {
  INVALID_INPUT: "Invalid input",
  UNREADABLE_FILE: "Unreadable file",
  UNSUPPORTED_FORMAT: "Unsupported format",
  PAYLOAD_TOO_LARGE: "Payload too large",
  NOT_FOUND: "Not found",
  SOURCE_NOT_FOUND: "Source not found",
  EVENT_NOT_FOUND: "Event not found",
  CONFLICT: "Conflict",
  VERSION_CONFLICT: "Version conflict",
  UNAUTHORIZED: "Unauthorized",
  FORBIDDEN: "Forbidden",
  MIGRATION_MISMATCH: "Internal error",
  DEPENDENCY_MISSING: "Not implemented",
  INTERNAL: "Internal error",
};

/** A short human title for a code; codes added later get one derived from their name. */
function titleOf(code: ErrorCode): string {
  const known = titles[code];
  if (known) return known;
  const words = code.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The stable `type` URI of a code: `urn:armtrace:problem:version-conflict`. */
export function problemType(code: ErrorCode): string {
  return `urn:armtrace:problem:${code.toLowerCase().replaceAll("_", "-")}`;
}

/** Codes for Fastify's own 4xx errors (bad JSON, body too large, wrong media type, …). */
function codeForFrameworkStatus(status: number): ErrorCode {
  if (status === 404) return "NOT_FOUND";
  if (status === 413) return "PAYLOAD_TOO_LARGE";
  if (status === 415) return "UNSUPPORTED_FORMAT";
  if (status === 401) return "UNAUTHORIZED";
  if (status === 403) return "FORBIDDEN";
  if (status === 409) return "CONFLICT";
  return "INVALID_INPUT";
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

function describeValidation(context: string | undefined, issues: readonly ValidationIssue[]) {
  const part = context ?? "body";
  const described = issues.map((issue) => {
    let field = `${part}${issue.instancePath ?? ""}`;
    let message = issue.message ?? "is invalid";
    if (issue.keyword === "additionalProperties" && typeof issue.params?.additionalProperty === "string") {
      field = `${field}/${issue.params.additionalProperty}`;
      message = "is not a known field";
    } else if (issue.keyword === "required" && typeof issue.params?.missingProperty === "string") {
      field = `${field}/${issue.params.missingProperty}`;
      message = "is required";
    }
    return { field, message, keyword: issue.keyword };
  });
  // "must be integer", "must be null", "must match a schema in anyOf" at one field read as one message.
  const alternatives = new Set(described.filter((issue) => issue.keyword === "anyOf" || issue.keyword === "oneOf").map((issue) => issue.field));
  const merged = new Map<string, { field: string; message: string }>();
  for (const issue of described) {
    if (alternatives.has(issue.field)) {
      if (issue.keyword === "anyOf" || issue.keyword === "oneOf") continue;
      const existing = merged.get(issue.field);
      const option = issue.message.replace(/^must be /, "");
      merged.set(issue.field, { field: issue.field, message: existing ? `${existing.message} or ${option}` : `must be ${option}` });
    } else {
      merged.set(`${issue.field}\u0000${issue.message}`, { field: issue.field, message: issue.message });
    }
  }
  return [...merged.values()];
}

/**
 * Turns anything thrown while handling a request into a problem document. ArmtraceErrors keep their code and
 * message (they are written for users); framework 4xx errors keep theirs; everything else becomes a generic
 * 500 whose detail names only the request id, so internals never leave the server.
 */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  const instance = request.url;
  if (isArmtraceError(error)) {
    const status = errorCodes[error.code].http;
    // DEPENDENCY_MISSING says what to install: written for users, so it is shown; other 5xx are not.
    if (status >= 500 && error.code !== "DEPENDENCY_MISSING") return internalProblem(error.code, status, request);
    const problem: Problem = { type: problemType(error.code), title: titleOf(error.code), status, detail: error.message, code: error.code, instance };
    const fieldErrors = fieldErrorsOf(error.details);
    if (fieldErrors) problem.errors = fieldErrors;
    return problem;
  }
  const fastifyError = error as Partial<FastifyError> & { validationContext?: string };
  if (Array.isArray(fastifyError.validation)) {
    const isUserHeader = fastifyError.validationContext === "headers";
    const code: ErrorCode = isUserHeader ? "UNAUTHORIZED" : "INVALID_INPUT";
    const errors = describeValidation(fastifyError.validationContext, fastifyError.validation as ValidationIssue[]);
    const detail = isUserHeader
      ? "writes must name who makes them in the X-Armtrace-User header"
      : `the request does not match its schema: ${errors.map((issue) => `${issue.field} ${issue.message}`).join("; ")}`;
    return { type: problemType(code), title: titleOf(code), status: errorCodes[code].http, detail, code, instance, errors };
  }
  const status = typeof fastifyError.statusCode === "number" ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = codeForFrameworkStatus(status);
    return { type: problemType(code), title: titleOf(code), status, detail: fastifyError.message ?? titleOf(code), code, instance };
  }
  return internalProblem("INTERNAL", 500, request);
}

function internalProblem(code: ErrorCode, status: number, request: FastifyRequest): Problem {
  const isNotImplemented = status === 501;
  return {
    type: problemType(code),
    title: titleOf(code),
    status,
    detail: isNotImplemented
      ? "this feature needs a component that is not installed on the server"
      : `an unexpected error occurred; it was logged as request ${request.id}`,
    code,
    instance: request.url,
  };
}

/**
 * Field-level problems carried in an ArmtraceError's details: `{problems: ["path: message", …]}` as the use
 * cases' input parsing gives them, `{rejected: [{line, problems}]}` from imports, or `[{field|path|line, message}]`.
 */
function fieldErrorsOf(details: unknown): Problem["errors"] | undefined {
  const record = details && typeof details === "object" ? (details as { problems?: unknown; rejected?: unknown }) : undefined;
  const items = Array.isArray(details) ? details : Array.isArray(record?.problems) ? record.problems : Array.isArray(record?.rejected) ? record.rejected : undefined;
  if (!items) return undefined;
  const errors = items.flatMap((item) => {
    if (typeof item === "string") {
      const separator = item.indexOf(": ");
      return [separator > 0 ? { field: item.slice(0, separator), message: item.slice(separator + 2) } : { field: "", message: item }];
    }
    if (item && typeof item === "object" && "line" in item && Array.isArray((item as { problems?: unknown }).problems)) {
      const line = item as { line: number; problems: unknown[] };
      return [{ field: `line ${line.line}`, message: line.problems.map(String).join("; ") }];
    }
    if (item && typeof item === "object" && "message" in item) {
      const record = item as { field?: unknown; path?: unknown; line?: unknown; message: unknown };
      const field = typeof record.field === "string" ? record.field : Array.isArray(record.path) ? record.path.join(".") : typeof record.line === "number" ? `line ${record.line}` : "";
      return [{ field, message: String(record.message) }];
    }
    return [];
  });
  return errors.length > 0 ? errors : undefined;
}

/** Sends a problem document with its status and media type. */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(problemContentType).send(problem);
}

/** JSON Schema of a problem document, registered once as `Problem` and referenced by every route. */
export const problemSchema = {
  $id: "Problem",
  type: "object",
  description: "An RFC 9457 problem document (media type application/problem+json).",
  properties: {
    type: { type: "string", description: "Stable URI of the kind of problem, urn:armtrace:problem:<code>" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    code: { type: "string", enum: Object.keys(errorCodes) },
    instance: { type: "string", description: "The request path that failed" },
    errors: {
      type: "array",
      items: {
        type: "object",
        properties: { field: { type: "string" }, message: { type: "string" } },
        required: ["field", "message"],
      },
    },
  },
  required: ["type", "title", "status", "detail", "code", "instance"],
} as const;
