/** Drafts a trace request for seized items, checked against what the ITI and ISACS 05.31 require. */
import { ArmtraceError } from "../errors.ts";
import type { TraceRequestRepository } from "./trace-request-repository.ts";
import { createRequestSchema, type CreateRequestInput, type TraceRequest } from "./trace-request.ts";

export async function createTraceRequest(input: CreateRequestInput, repository: TraceRequestRepository): Promise<TraceRequest> {
  const parsed = createRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw new ArmtraceError("INVALID_INPUT", `invalid trace request: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "request"}: ${issue.message}`).join("; ")}`);
  }
  const value = parsed.data;
  return repository.createRequest({
    addresseeKind: value.addresseeKind,
    addressee: value.addressee,
    seizureId: value.seizureId ?? null,
    itemIds: value.itemIds,
    reference: value.reference ?? null,
    legalBasis: value.legalBasis,
    intendedUse: value.intendedUse,
    circumstances: value.circumstances ?? null,
    deadline: value.deadline ?? null,
  });
}
