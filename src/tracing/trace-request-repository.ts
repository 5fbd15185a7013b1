/** What the trace-request use cases need from storage; storage's TraceCaseStore implements it. */
import type { Seizure, SeizedItem } from "./seizure.ts";
import type { AddresseeKind, RequestStatus, TraceAnswer, TraceRequest } from "./trace-request.ts";

export interface TraceRequestRepository {
  createRequest(request: {
    addresseeKind: AddresseeKind;
    addressee: string;
    seizureId: number | null;
    itemIds: number[];
    reference: string | null;
    legalBasis: string;
    intendedUse: string;
    circumstances: string | null;
    deadline: string | null;
  }): Promise<TraceRequest>;
  /** Throws NOT_FOUND for an unknown id. */
  getRequest(id: number): Promise<TraceRequest>;
  updateStatus(id: number, status: RequestStatus, at: string, deadline?: string | null): Promise<TraceRequest>;
  saveAnswer(id: number, answer: TraceAnswer, at: string): Promise<TraceRequest>;
  getSeizure(id: number): Promise<Seizure>;
  getItems(ids: number[]): Promise<SeizedItem[]>;
}
