import { sql, type Kysely } from "kysely";
import { ArmtraceError } from "../errors.ts";
import { estimatedSimilarity, minhashBands, NEAR_DUPLICATE_MIN_SIMILARITY, signatureFromBytes, signatureToBytes } from "../sources/fingerprint.ts";
import type { ListSourcesOptions, SourceFingerprint, SourceLibrary } from "../sources/source-library.ts";
import { MIN_WORDS_FOR_NEAR_DUPLICATE, type SearchHit, type Source, type SourceDraft, type SourceWithRaw, type StoreOutcome } from "../sources/source.ts";
import type { ArmtraceDatabase } from "./database.ts";
import type { Database } from "./schema.ts";
import type { SourcesTable } from "./tables/sources.ts";

type SourceRow = Omit<SourcesTable, "id" | "raw" | "minhash"> & { id: number };

const SOURCE_COLUMNS = [
  "id", "content_hash", "kind", "origin", "url", "title", "outlet", "published", "language", "media_type", "text",
  "word_count", "near_duplicate_of", "near_duplicate_similarity", "ingested_at",
] as const;

function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    kind: row.kind as Source["kind"],
    origin: row.origin,
    url: row.url,
    title: row.title,
    outlet: row.outlet,
    published: row.published,
    mediaType: row.media_type,
    text: row.text,
    contentHash: row.content_hash,
    language: row.language,
    wordCount: row.word_count,
    nearDuplicateOf: row.near_duplicate_of,
    nearDuplicateSimilarity: row.near_duplicate_similarity,
    ingestedAt: row.ingested_at,
  };
}

const FTS_TOKEN = /"([^"]+)"|([\p{L}\p{N}][\p{L}\p{N}'’_-]*\*?)/gu;

/**
 * Turns what a user types into an FTS5 query that cannot be a syntax error: quoted phrases stay phrases,
 * every other word is quoted (so `-`, `:` or `AND` in it mean nothing special), a trailing `*` is a prefix
 * search, and a bare OR between terms is kept.
 */
export function toFtsQuery(input: string): string {
  const parts: string[] = [];
  for (const match of input.matchAll(FTS_TOKEN)) {
    const phrase = match[1];
    const word = match[2];
    if (phrase !== undefined) {
      const words = phrase.match(/[\p{L}\p{N}]+/gu);
      if (words) parts.push(`"${words.join(" ")}"`);
    } else if (word !== undefined) {
      if (word === "OR" && parts.length > 0) {
        parts.push("OR");
        continue;
      }
      const isPrefix = word.endsWith("*");
      const words = word.match(/[\p{L}\p{N}]+/gu) ?? [];
      if (words.length) parts.push(`"${words.join(" ")}"${isPrefix ? "*" : ""}`);
    }
  }
  while (parts[parts.length - 1] === "OR") parts.pop();
  if (parts.length === 0) throw new ArmtraceError("INVALID_INPUT", `search query "${input}" has no words to look for`);
  return parts.join(" ");
}

/** The source library on an armtrace database. */
export function createSourceStore(database: ArmtraceDatabase): SourceLibrary {
  const { db } = database;

  async function findNearDuplicate(executor: Kysely<Database>, fingerprint: SourceFingerprint): Promise<{ id: number; similarity: number } | null> {
    if (fingerprint.wordCount < MIN_WORDS_FOR_NEAR_DUPLICATE) return null;
    const bands = minhashBands(fingerprint.minhash);
    const candidates = await executor
      .selectFrom("source_minhash_bands as b")
      .innerJoin("sources as s", "s.id", "b.source_id")
      .select(["s.id", "s.minhash", "s.near_duplicate_of"])
      .distinct()
      .where((eb) => eb.or(bands.map((value, band) => eb.and([eb("b.band", "=", band), eb("b.value", "=", value)]))))
      .execute();
    let best: { id: number; similarity: number } | null = null;
    for (const candidate of candidates) {
      const similarity = estimatedSimilarity(signatureFromBytes(candidate.minhash), fingerprint.minhash);
      if (similarity < NEAR_DUPLICATE_MIN_SIMILARITY) continue;
      const original = candidate.near_duplicate_of ?? candidate.id;
      if (!best || similarity > best.similarity || (similarity === best.similarity && original < best.id)) best = { id: original, similarity };
    }
    return best;
  }

  return {
    async add(draft: SourceDraft, fingerprint: SourceFingerprint): Promise<StoreOutcome> {
      return db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom("sources").select("id").where("content_hash", "=", fingerprint.contentHash).executeTakeFirst();
        if (existing) return { status: "duplicate", id: existing.id } as const;
        const near = await findNearDuplicate(trx, fingerprint);
        const inserted = await trx
          .insertInto("sources")
          .values({
            content_hash: fingerprint.contentHash,
            kind: draft.kind,
            origin: draft.origin,
            url: draft.url,
            title: draft.title,
            outlet: draft.outlet,
            published: draft.published,
            language: fingerprint.language,
            media_type: draft.mediaType,
            raw: Buffer.from(draft.raw),
            text: draft.text,
            word_count: fingerprint.wordCount,
            minhash: Buffer.from(signatureToBytes(fingerprint.minhash)),
            near_duplicate_of: near?.id ?? null,
            near_duplicate_similarity: near?.similarity ?? null,
            ingested_at: new Date().toISOString(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (fingerprint.wordCount >= MIN_WORDS_FOR_NEAR_DUPLICATE) {
          await trx
            .insertInto("source_minhash_bands")
            .values(minhashBands(fingerprint.minhash).map((value, band) => ({ band, value, source_id: inserted.id })))
            .execute();
        }
        return { status: "stored", id: inserted.id, nearDuplicateOf: near?.id ?? null } as const;
      });
    },

    async list(options: ListSourcesOptions = {}): Promise<Source[]> {
      const rows = await db
        .selectFrom("sources")
        .select([...SOURCE_COLUMNS])
        .orderBy("id")
        .limit(options.limit ?? 1000)
        .offset(options.offset ?? 0)
        .execute();
      return rows.map(toSource);
    },

    async get(id: number): Promise<SourceWithRaw | undefined> {
      const row = await db.selectFrom("sources").select([...SOURCE_COLUMNS, "raw"]).where("id", "=", id).executeTakeFirst();
      return row ? { ...toSource(row), raw: new Uint8Array(row.raw) } : undefined;
    },

    async count(): Promise<number> {
      const row = await db.selectFrom("sources").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async search(query: string, options: { limit?: number } = {}): Promise<SearchHit[]> {
      const match = toFtsQuery(query);
      const limit = Math.min(Math.max(options.limit ?? 20, 1), 500);
      const result = await sql<{ id: number; title: string | null; origin: string; url: string | null; published: string | null; snippet: string; score: number }>`
        SELECT s.id, s.title, s.origin, s.url, s.published,
               snippet(sources_fts, 1, '[', ']', '…', 16) AS snippet,
               bm25(sources_fts, 4.0, 1.0) AS score
        FROM sources_fts JOIN sources s ON s.id = sources_fts.rowid
        WHERE sources_fts MATCH ${match}
        ORDER BY score, s.id
        LIMIT ${limit}`.execute(db);
      return result.rows.map((row) => ({ ...row, snippet: row.snippet.replaceAll("] [", " "), score: -row.score }));
    },
  };
}
