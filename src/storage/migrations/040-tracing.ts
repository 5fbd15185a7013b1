import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * Weapons tracing: records (stockpiles, transfers) with serials and ranges kept as ranges, seizures with
 * items, markings and custody, trace requests with their answers. trace_serials is clustered on
 * (stem, size_class, start_num): an exact serial is one probe, and a range covering a number is found by
 * probing each size class present for ranges starting within 2^class before it.
 */
export const migration040Tracing: Migration = {
  id: "040-tracing",
  async up(db, dialect) {
    const autoId = dialect === "postgres" ? "integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
    const bigint = dialect === "postgres" ? "bigint" : "INTEGER";
    const withoutRowid = dialect === "sqlite" ? sql.raw(" WITHOUT ROWID") : sql.raw("");
    const run = (statement: string) => sql.raw(statement).execute(db);
    await run(`CREATE TABLE trace_import_batches (
      id ${autoId}, file TEXT NOT NULL, imported_at TEXT NOT NULL, row_count INTEGER NOT NULL, problem_row_count INTEGER NOT NULL)`);
    await run(`CREATE TABLE trace_records (
      id ${autoId},
      kind TEXT NOT NULL CHECK (kind IN ('transfer', 'holding')),
      manufacturer TEXT, manufacturer_key TEXT NOT NULL, model TEXT, model_key TEXT NOT NULL, calibre TEXT,
      serial_text TEXT NOT NULL,
      holder TEXT, exporter TEXT, importer TEXT, end_user TEXT, reference TEXT,
      shipped TEXT, received TEXT, status TEXT,
      source_file TEXT, source_line INTEGER, batch_id INTEGER REFERENCES trace_import_batches(id),
      problems_json TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL)`);
    await run(`CREATE INDEX trace_records_batch_idx ON trace_records (batch_id)`);
    await run(`CREATE INDEX trace_records_reference_idx ON trace_records (reference)`);
    await sql`CREATE TABLE trace_serials (
      stem TEXT NOT NULL, size_class INTEGER NOT NULL, start_num ${sql.raw(bigint)} NOT NULL, end_num ${sql.raw(bigint)} NOT NULL,
      record_id INTEGER NOT NULL, seq INTEGER NOT NULL,
      PRIMARY KEY (stem, size_class, start_num, record_id, seq))${withoutRowid}`.execute(db);
    await run(`CREATE TABLE trace_serial_stems (
      stem TEXT NOT NULL, size_class INTEGER NOT NULL, entry_count ${bigint} NOT NULL, PRIMARY KEY (stem, size_class))`);

    await run(`CREATE TABLE trace_seizures (
      id ${autoId}, seized_on TEXT, place_id TEXT, place_name TEXT, agency TEXT, case_ref TEXT, circumstances TEXT,
      possessor_actor TEXT, created_at TEXT NOT NULL)`);
    await run(`CREATE TABLE trace_custody_steps (
      seizure_id INTEGER NOT NULL REFERENCES trace_seizures(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
      holder TEXT NOT NULL, received_on TEXT, note TEXT, PRIMARY KEY (seizure_id, seq))`);
    await run(`CREATE TABLE trace_seizure_events (
      seizure_id INTEGER NOT NULL REFERENCES trace_seizures(id) ON DELETE CASCADE, event_id INTEGER NOT NULL,
      PRIMARY KEY (seizure_id, event_id))`);
    await run(`CREATE TABLE trace_items (
      id ${autoId}, seizure_id INTEGER REFERENCES trace_seizures(id), category TEXT,
      manufacturer TEXT, manufacturer_key TEXT NOT NULL, model TEXT, model_key TEXT NOT NULL, calibre TEXT,
      serial TEXT, serial_norm TEXT, country_of_manufacture TEXT, year INTEGER,
      is_suspected_copy INTEGER NOT NULL DEFAULT 0, copy_note TEXT, created_at TEXT NOT NULL)`);
    await run(`CREATE INDEX trace_items_seizure_idx ON trace_items (seizure_id)`);
    await run(`CREATE INDEX trace_items_serial_idx ON trace_items (serial_norm)`);
    await run(`CREATE TABLE trace_markings (
      id ${autoId}, item_id INTEGER NOT NULL REFERENCES trace_items(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('manufacturer', 'import', 'proof', 'government', 'other')),
      location TEXT, text TEXT,
      legibility TEXT NOT NULL CHECK (legibility IN ('clear', 'partial', 'illegible')),
      is_obliterated INTEGER NOT NULL DEFAULT 0, photo_refs_json TEXT NOT NULL DEFAULT '[]')`);
    await run(`CREATE INDEX trace_markings_item_idx ON trace_markings (item_id)`);

    await run(`CREATE TABLE trace_requests (
      id ${autoId},
      status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'acknowledged', 'answered', 'closed')),
      addressee_kind TEXT NOT NULL CHECK (addressee_kind IN ('state', 'manufacturer', 'exporter')),
      addressee TEXT NOT NULL, reference TEXT, seizure_id INTEGER REFERENCES trace_seizures(id),
      legal_basis TEXT NOT NULL, intended_use TEXT NOT NULL, circumstances TEXT, deadline TEXT,
      created_at TEXT NOT NULL, sent_at TEXT, acknowledged_at TEXT, answered_at TEXT, closed_at TEXT)`);
    await run(`CREATE INDEX trace_requests_status_idx ON trace_requests (status, deadline)`);
    await run(`CREATE TABLE trace_request_items (
      request_id INTEGER NOT NULL REFERENCES trace_requests(id) ON DELETE CASCADE,
      item_id INTEGER NOT NULL REFERENCES trace_items(id), PRIMARY KEY (request_id, item_id))`);
    await run(`CREATE INDEX trace_request_items_item_idx ON trace_request_items (item_id)`);
    await run(`CREATE TABLE trace_answers (
      request_id INTEGER PRIMARY KEY REFERENCES trace_requests(id) ON DELETE CASCADE,
      answered_on TEXT NOT NULL, origin_country TEXT, last_legal_holder TEXT, diversion_place TEXT, diversion_time TEXT,
      notes TEXT, recorded_at TEXT NOT NULL)`);
    await run(`CREATE TABLE trace_answer_steps (
      request_id INTEGER NOT NULL REFERENCES trace_answers(request_id) ON DELETE CASCADE, seq INTEGER NOT NULL,
      holder TEXT NOT NULL, role TEXT, place TEXT, from_date TEXT, to_date TEXT, document TEXT,
      PRIMARY KEY (request_id, seq))`);
  },
};
