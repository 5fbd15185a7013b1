/**
 * Records the answer to a trace request: custody steps, last legal holder and diversion point. An answer
 * for an unknown request is NOT_FOUND; for a request not yet sent, or already answered, a CONFLICT.
 */
import { ArmtraceError } from "../errors.ts";
import type { TraceRequestRepository } from "./trace-request-repository.ts";
import { answerSchema, nextStatus, type AnswerInput, type TraceRequest } from "./trace-request.ts";

export async function answerTraceRequest(id: number, input: AnswerInput, at: string, repository: TraceRequestRepository): Promise<TraceRequest> {
  const request = await repository.getRequest(id);
  nextStatus(request, "answer");
  const parsed = answerSchema.safeParse(input);
  if (!parsed.success) {
    throw new ArmtraceError("INVALID_INPUT", `invalid answer to trace request ${id}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "answer"}: ${issue.message}`).join("; ")}`);
  }
  return repository.saveAnswer(id, parsed.data, at);
}
