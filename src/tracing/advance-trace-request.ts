/**
 * Moves a trace request along its lifecycle (send, acknowledge, close). Sending may set the reply
 * deadline; a request in the wrong state gets a CONFLICT saying which states allow the step.
 */
import { ArmtraceError } from "../errors.ts";
import type { TraceRequestRepository } from "./trace-request-repository.ts";
import { addDays, nextStatus, type TraceRequest } from "./trace-request.ts";

export interface AdvanceOptions {
  /** When it happened (ISO date or timestamp); defaults to now. */
  at: string;
  /** Reply deadline (YYYY-MM-DD) set on sending. */
  deadline?: string;
  /** Reply deadline as days after sending, when no explicit deadline is given. */
  respondWithinDays?: number;
}

export async function advanceTraceRequest(
  id: number,
  action: "send" | "acknowledge" | "close",
  options: AdvanceOptions,
  repository: TraceRequestRepository,
): Promise<TraceRequest> {
  const request = await repository.getRequest(id);
  const status = nextStatus(request, action);
  if (options.deadline !== undefined && !/^\d{4}-\d{2}-\d{2}$/u.test(options.deadline)) {
    throw new ArmtraceError("INVALID_INPUT", `deadline "${options.deadline}" is not a date as YYYY-MM-DD`);
  }
  let deadline: string | undefined;
  if (action === "send") {
    deadline = options.deadline ?? (options.respondWithinDays !== undefined ? addDays(options.at.slice(0, 10), options.respondWithinDays) : undefined);
  }
  return repository.updateStatus(id, status, options.at, deadline);
}
