/** Public surface of weapons tracing: serials, matching, records, seizures, trace requests, findings. */
export { UNKNOWN, MAX_NUMBER_DIGITS, normalizeSerial, parseSerial, parseSerialText, parseSerialSpec, parseStem, stemOf, formatSerial, describeEntry } from "./serial.ts";
export type { ParsedSerial, NormalizedSerial, SerialEntry, SerialSpecResult } from "./serial.ts";
export { normalizeManufacturer, normalizeModel } from "./maker-model.ts";
export { createMemorySerialIndex, describeIndexed, firstNumberWithDigits, fragmentInEntry, fragmentPlacements } from "./serial-index.ts";
export type { IndexedSerial, SerialIndex } from "./serial-index.ts";
export { CONFUSABLE_GROUPS, matchSerial, readSerial } from "./match-serial.ts";
export type { MatchCandidate, MatchOptions, MatchQuery } from "./match-serial.ts";
export { RECORD_COLUMNS, DuplicateTracker, canonicalColumn, checkRecordRow, parseRecordDate, recordIdentity, recordRef } from "./trace-record.ts";
export type { RecordDraft, RecordKind, RecordProblem, RecordProblemCode, RecordRow } from "./trace-record.ts";
export { formatImportSummary, importRecords } from "./import-records.ts";
export type { ImportRowProblem, ImportSummary, RecordSink } from "./import-records.ts";
export { LEGIBILITY, MARKING_KINDS, custodyStepSchema, itemInputSchema, markingInputSchema, seizureInputSchema } from "./seizure.ts";
export type { CustodyStep, ItemInput, Legibility, Marking, MarkingInput, MarkingKind, SeizedItem, Seizure, SeizureInput } from "./seizure.ts";
export { recordSeizure } from "./record-seizure.ts";
export type { SeizureDependencies, SeizureDraft } from "./record-seizure.ts";
export {
  ADDRESSEE_KINDS, REQUEST_STATUSES, addDays, answerSchema, createRequestSchema, escapeHtml, isOverdue, nextStatus, renderRequestHtml, renderRequestText,
} from "./trace-request.ts";
export type { AddresseeKind, AnswerInput, CreateRequestInput, RequestAction, RequestDocument, RequestStatus, TraceAnswer, TraceRequest } from "./trace-request.ts";
export type { NewTraceRequest, TraceRequestRepository } from "./trace-request-repository.ts";
export { createTraceRequest } from "./create-trace-request.ts";
export { advanceTraceRequest } from "./advance-trace-request.ts";
export type { AdvanceOptions } from "./advance-trace-request.ts";
export { answerTraceRequest } from "./answer-trace-request.ts";
export { formatFindings, summarizeFindings } from "./findings.ts";
export type { CountedKey, FindingRow, Findings, Flow } from "./findings.ts";
