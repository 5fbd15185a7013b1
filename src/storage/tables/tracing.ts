import type { Generated } from "kysely";

/** One imported (or entered) stockpile or transfer record; serials live in trace_serials. */
export interface TraceRecordsTable {
  id: Generated<number>;
  kind: string;
  manufacturer: string | null;
  manufacturer_key: string;
  model: string | null;
  model_key: string;
  calibre: string | null;
  /** The serial cell as written in the source (single, list or range), kept verbatim. */
  serial_text: string;
  holder: string | null;
  exporter: string | null;
  importer: string | null;
  end_user: string | null;
  reference: string | null;
  shipped: string | null;
  received: string | null;
  status: string | null;
  source_file: string | null;
  source_line: number | null;
  batch_id: number | null;
  /** JSON array of {code, message}: what was wrong with the row; the row is kept regardless. */
  problems_json: string;
  created_at: string;
}

/** One serial or one range of a record; a single serial has start_num = end_num and size_class 0. */
export interface TraceSerialsTable {
  stem: string;
  /** ceil(log2(end - start + 1)): bounds how far before a number a covering range can start. */
  size_class: number;
  start_num: number;
  end_num: number;
  record_id: number;
  seq: number;
}

/** Every (stem, size_class) present, with a count, so lookups skip stems and classes that do not exist. */
export interface TraceSerialStemsTable {
  stem: string;
  size_class: number;
  entry_count: number;
}

export interface TraceImportBatchesTable {
  id: Generated<number>;
  file: string;
  imported_at: string;
  row_count: number;
  problem_row_count: number;
}

export interface TraceSeizuresTable {
  id: Generated<number>;
  seized_on: string | null;
  place_id: string | null;
  place_name: string | null;
  agency: string | null;
  case_ref: string | null;
  circumstances: string | null;
  possessor_actor: string | null;
  created_at: string;
}

export interface TraceCustodyStepsTable {
  seizure_id: number;
  seq: number;
  holder: string;
  received_on: string | null;
  note: string | null;
}

export interface TraceSeizureEventsTable {
  seizure_id: number;
  event_id: number;
}

export interface TraceItemsTable {
  id: Generated<number>;
  seizure_id: number | null;
  category: string | null;
  manufacturer: string | null;
  manufacturer_key: string;
  model: string | null;
  model_key: string;
  calibre: string | null;
  serial: string | null;
  serial_norm: string | null;
  country_of_manufacture: string | null;
  year: number | null;
  is_suspected_copy: number;
  copy_note: string | null;
  created_at: string;
}

export interface TraceMarkingsTable {
  id: Generated<number>;
  item_id: number;
  kind: string;
  location: string | null;
  text: string | null;
  legibility: string;
  is_obliterated: number;
  photo_refs_json: string;
}

export interface TraceRequestsTable {
  id: Generated<number>;
  status: string;
  addressee_kind: string;
  addressee: string;
  reference: string | null;
  seizure_id: number | null;
  legal_basis: string;
  intended_use: string;
  circumstances: string | null;
  deadline: string | null;
  created_at: string;
  sent_at: string | null;
  acknowledged_at: string | null;
  answered_at: string | null;
  closed_at: string | null;
}

export interface TraceRequestItemsTable {
  request_id: number;
  item_id: number;
}

export interface TraceAnswersTable {
  request_id: number;
  answered_on: string;
  origin_country: string | null;
  last_legal_holder: string | null;
  diversion_place: string | null;
  diversion_time: string | null;
  notes: string | null;
  recorded_at: string;
}

export interface TraceAnswerStepsTable {
  request_id: number;
  seq: number;
  holder: string;
  role: string | null;
  place: string | null;
  from_date: string | null;
  to_date: string | null;
  document: string | null;
}

export interface TracingTables {
  trace_records: TraceRecordsTable;
  trace_serials: TraceSerialsTable;
  trace_serial_stems: TraceSerialStemsTable;
  trace_import_batches: TraceImportBatchesTable;
  trace_seizures: TraceSeizuresTable;
  trace_custody_steps: TraceCustodyStepsTable;
  trace_seizure_events: TraceSeizureEventsTable;
  trace_items: TraceItemsTable;
  trace_markings: TraceMarkingsTable;
  trace_requests: TraceRequestsTable;
  trace_request_items: TraceRequestItemsTable;
  trace_answers: TraceAnswersTable;
  trace_answer_steps: TraceAnswerStepsTable;
}
