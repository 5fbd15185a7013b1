import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/** Admiralty grade on sources: reliability of the source (A–F) and credibility of the information (1–6). */
export const migration021SourceReliability: Migration = {
  id: "021-source-reliability",
  async up(db) {
    await sql.raw(`ALTER TABLE sources ADD COLUMN reliability_source TEXT CHECK (reliability_source IN ('A','B','C','D','E','F'))`).execute(db);
    await sql.raw(`ALTER TABLE sources ADD COLUMN reliability_information INTEGER CHECK (reliability_information BETWEEN 1 AND 6)`).execute(db);
    await sql.raw(`ALTER TABLE sources ADD COLUMN reliability_set_by TEXT`).execute(db);
    await sql.raw(`ALTER TABLE sources ADD COLUMN reliability_set_at TEXT`).execute(db);
  },
};
