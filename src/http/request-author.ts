import type { FastifyRequest } from "fastify";
import type { ChangeAuthor } from "../events/index.ts";
import { ArmtraceError } from "../errors.ts";

/**
 * Who makes a write: the `X-Armtrace-User` header (accounts and roles come with a later issue and will
 * replace this one function), and why: an optional `reason` the body carries.
 */
export function requestAuthor(request: FastifyRequest, reason?: string | null): ChangeAuthor {
  const header = request.headers["x-armtrace-user"];
  const actor = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!actor) throw new ArmtraceError("UNAUTHORIZED", "writes must name who makes them in the X-Armtrace-User header");
  return { actor, reason: reason ?? null };
}
