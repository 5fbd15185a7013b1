import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/** Sources kept verbatim with their plain text, metadata, dedupe keys and a full-text index. */
export const migration001Sources: Migration = {
  id: "001-sources",
  async up(db, dialect) {
    await db.schema
      .createTable("sources")
      .addColumn("id", "integer", (col) => (dialect === "postgres" ? col.generatedAlwaysAsIdentity().primaryKey() : col.primaryKey().autoIncrement()))
      .addColumn("content_hash", "text", (col) => col.notNull().unique())
      .addColumn("kind", "text", (col) => col.notNull())
      .addColumn("origin", "text", (col) => col.notNull())
      .addColumn("url", "text")
      .addColumn("title", "text")
      .addColumn("outlet", "text")
      .addColumn("published", "text")
      .addColumn("language", "text")
      .addColumn("media_type", "text", (col) => col.notNull())
      .addColumn("raw", dialect === "postgres" ? "bytea" : "blob", (col) => col.notNull())
      .addColumn("text", "text", (col) => col.notNull())
      .addColumn("word_count", "integer", (col) => col.notNull())
      .addColumn("minhash", dialect === "postgres" ? "bytea" : "blob", (col) => col.notNull())
      .addColumn("near_duplicate_of", "integer", (col) => col.references("sources.id"))
      .addColumn("near_duplicate_similarity", "real")
      .addColumn("ingested_at", "text", (col) => col.notNull())
      .execute();
    await db.schema.createIndex("sources_published_idx").on("sources").column("published").execute();
    await db.schema.createIndex("sources_near_duplicate_idx").on("sources").column("near_duplicate_of").execute();
    // MinHash LSH bands: texts that share a band key are candidates for near-duplicates.
    // One B-tree keyed (band, value, source): the lookup and the write touch nothing else.
    await db.schema
      .createTable("source_minhash_bands")
      .addColumn("band", "integer", (col) => col.notNull())
      .addColumn("value", "integer", (col) => col.notNull())
      .addColumn("source_id", "integer", (col) => col.notNull().references("sources.id").onDelete("cascade"))
      .addPrimaryKeyConstraint("source_minhash_bands_pk", ["band", "value", "source_id"])
      .$call((builder) => (dialect === "sqlite" ? builder.modifyEnd(sql`WITHOUT ROWID`) : builder))
      .execute();
    if (dialect === "sqlite") {
      await sql`CREATE VIRTUAL TABLE sources_fts USING fts5(title, text, content='sources', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
      // ORDER BY rank then ranks by BM25 with the title weighing four times the body.
      await sql`INSERT INTO sources_fts(sources_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')`.execute(db);
      await sql`CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
        INSERT INTO sources_fts(rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END`.execute(db);
      await sql`CREATE TRIGGER sources_fts_delete AFTER DELETE ON sources BEGIN
        INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.id, coalesce(old.title, ''), old.text); END`.execute(db);
      await sql`CREATE TRIGGER sources_fts_update AFTER UPDATE OF title, text ON sources BEGIN
        INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.id, coalesce(old.title, ''), old.text);
        INSERT INTO sources_fts(rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END`.execute(db);
    } else {
      await sql`ALTER TABLE sources ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED`.execute(db);
      await sql`CREATE INDEX sources_search_idx ON sources USING gin (search_vector)`.execute(db);
    }
  },
};
