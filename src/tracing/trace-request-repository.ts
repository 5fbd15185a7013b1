/** What the trace-request use cases need from storage; storage's TraceCaseStore implements it. */
import type { Seizure, SeizedItem } from "./seizure.ts";
import type { AddresseeKind, RequestStatus, TraceAnswer, TraceRequest } from "./trace-request.ts";

/** A trace request as a use case hands it to storage, before it has an id or a status. */
export interface NewTraceRequest {
  addresseeKind: AddresseeKind;
  addressee: string;
  seizureId: number | null;
  itemIds: number[];
  reference: string | null;
  legalBasis: string;
  intendedUse: string;
  circumstances: string | null;
  deadline: string | null;
}

export interface TraceRequestRepository {
  createRequest(request: NewTraceRequest): Promise<TraceRequest>;
  /** Throws NOT_FOUND for an unknown id. */
  getRequest(id: number): Promise<TraceRequest>;
  updateStatus(id: number, status: RequestStatus, at: string, deadline?: string | null): Promise<TraceRequest>;
  saveAnswer(id: number, answer: TraceAnswer, at: string): Promise<TraceRequest>;
  getSeizure(id: number): Promise<Seizure>;
  getItems(ids: number[]): Promise<SeizedItem[]>;
}
