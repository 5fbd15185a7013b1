import type BetterSqlite3 from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import { ArmtraceError } from "../errors.ts";
import { estimatedSimilarity, MINHASH_BANDS, minhashBands, NEAR_DUPLICATE_MIN_SIMILARITY, signatureFromBytes, signatureToBytes } from "../sources/fingerprint.ts";
import type { ListSourcesOptions, SourceFingerprint, SourceLibrary } from "../sources/source-library.ts";
import { MIN_WORDS_FOR_NEAR_DUPLICATE, type SearchHit, type Source, type SourceDraft, type SourceWithRaw, type StoreOutcome } from "../sources/source.ts";
import type { ArmtraceDatabase } from "./database.ts";
import type { Database } from "./schema.ts";
import type { SourcesTable } from "./tables/sources.ts";

type SourceRow = Omit<SourcesTable, "id" | "raw" | "minhash" | "reliability_set_by" | "reliability_set_at"> & { id: number };

const SOURCE_COLUMNS = [
  "id", "content_hash", "kind", "origin", "url", "title", "outlet", "published", "language", "media_type", "text",
  "word_count", "near_duplicate_of", "near_duplicate_similarity", "ingested_at", "reliability_source", "reliability_information",
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
    grade: row.reliability_source && row.reliability_information ? `${row.reliability_source}${row.reliability_information}` : null,
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

type NearDuplicate = { id: number; similarity: number } | null;

function toRow(draft: SourceDraft, fingerprint: SourceFingerprint, near: NearDuplicate) {
  return {
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
  };
}

/** Picks the closest earlier story among LSH candidates, pointing at the first of a family of near-duplicates. */
function closestNearDuplicate(candidates: Array<{ id: number; minhash: Uint8Array; near_duplicate_of: number | null }>, signature: Uint32Array): NearDuplicate {
  let best: NearDuplicate = null;
  for (const candidate of candidates) {
    const similarity = estimatedSimilarity(signatureFromBytes(candidate.minhash), signature);
    if (similarity < NEAR_DUPLICATE_MIN_SIMILARITY) continue;
    const original = candidate.near_duplicate_of ?? candidate.id;
    if (!best || similarity > best.similarity || (similarity === best.similarity && original < best.id)) best = { id: original, similarity };
  }
  return best;
}

/**
 * The same writes as the Kysely path, through prepared statements in synchronous SQLite transactions:
 * ingest is the hottest write path, and per-statement async overhead dominated it.
 */
function createSqliteWrites(sqlite: BetterSqlite3.Database) {
  const findByHash = sqlite.prepare<[string], { id: number }>("SELECT id FROM sources WHERE content_hash = ?");
  const bandClauses = Array.from({ length: MINHASH_BANDS }, () => "(b.band = ? AND b.value = ?)").join(" OR ");
  const findCandidates = sqlite.prepare<number[], { id: number; minhash: Uint8Array; near_duplicate_of: number | null }>(
    `SELECT DISTINCT s.id, s.minhash, s.near_duplicate_of FROM source_minhash_bands b JOIN sources s ON s.id = b.source_id WHERE ${bandClauses}`,
  );
  const insertSource = sqlite.prepare(
    `INSERT INTO sources (content_hash, kind, origin, url, title, outlet, published, language, media_type, raw, text, word_count, minhash, near_duplicate_of, near_duplicate_similarity, ingested_at)
     VALUES (@content_hash, @kind, @origin, @url, @title, @outlet, @published, @language, @media_type, @raw, @text, @word_count, @minhash, @near_duplicate_of, @near_duplicate_similarity, @ingested_at)`,
  );
  const insertBand = sqlite.prepare("INSERT INTO source_minhash_bands (band, value, source_id) VALUES (?, ?, ?)");
  const add = sqlite.transaction((draft: SourceDraft, fingerprint: SourceFingerprint): StoreOutcome => {
    const existing = findByHash.get(fingerprint.contentHash);
    if (existing) return { status: "duplicate", id: existing.id };
    const isLongEnough = fingerprint.wordCount >= MIN_WORDS_FOR_NEAR_DUPLICATE;
    const bands = isLongEnough ? minhashBands(fingerprint.minhash) : [];
    const near = isLongEnough ? closestNearDuplicate(findCandidates.all(...bands.flatMap((value, band) => [band, value])), fingerprint.minhash) : null;
    const id = Number(insertSource.run(toRow(draft, fingerprint, near)).lastInsertRowid);
    bands.forEach((value, band) => insertBand.run(band, value, id));
    return { status: "stored", id, nearDuplicateOf: near?.id ?? null };
  });
  // Inside this outer transaction each `add` runs as a savepoint: a failure undoes that source only.
  const addAll = sqlite.transaction((items: Array<{ draft: SourceDraft; fingerprint: SourceFingerprint }>): Array<StoreOutcome | Error> =>
    items.map(({ draft, fingerprint }) => {
      try {
        return add(draft, fingerprint);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
  return { add, addAll };
}

/** The source library on an armtrace database. */
export function createSourceStore(database: ArmtraceDatabase): SourceLibrary {
  const { db } = database;

  async function findNearDuplicate(executor: Kysely<Database>, fingerprint: SourceFingerprint): Promise<NearDuplicate> {
    if (fingerprint.wordCount < MIN_WORDS_FOR_NEAR_DUPLICATE) return null;
    const bands = minhashBands(fingerprint.minhash);
    const candidates = await executor
      .selectFrom("source_minhash_bands as b")
      .innerJoin("sources as s", "s.id", "b.source_id")
      .select(["s.id", "s.minhash", "s.near_duplicate_of"])
      .distinct()
      .where((eb) => eb.or(bands.map((value, band) => eb.and([eb("b.band", "=", band), eb("b.value", "=", value)]))))
      .execute();
    return closestNearDuplicate(candidates, fingerprint.minhash);
  }

  const sqliteWrites = database.sqlite ? createSqliteWrites(database.sqlite) : undefined;

  return {
    async add(draft: SourceDraft, fingerprint: SourceFingerprint): Promise<StoreOutcome> {
      if (sqliteWrites) return sqliteWrites.add(draft, fingerprint);
      return db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom("sources").select("id").where("content_hash", "=", fingerprint.contentHash).executeTakeFirst();
        if (existing) return { status: "duplicate", id: existing.id } as const;
        const near = await findNearDuplicate(trx, fingerprint);
        const inserted = await trx.insertInto("sources").values(toRow(draft, fingerprint, near)).returning("id").executeTakeFirstOrThrow();
        if (fingerprint.wordCount >= MIN_WORDS_FOR_NEAR_DUPLICATE) {
          await trx
            .insertInto("source_minhash_bands")
            .values(minhashBands(fingerprint.minhash).map((value, band) => ({ band, value, source_id: inserted.id })))
            .execute();
        }
        return { status: "stored", id: inserted.id, nearDuplicateOf: near?.id ?? null } as const;
      });
    },

    async addAll(items) {
      if (sqliteWrites) return sqliteWrites.addAll(items);
      const outcomes: Array<StoreOutcome | Error> = [];
      for (const { draft, fingerprint } of items) outcomes.push(await this.add(draft, fingerprint).catch((error: Error) => error));
      return outcomes;
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
      // Rank first, touching only the index; snippets are then made for the few rows shown, not for every match.
      const ranked = await sql<{ id: number; score: number }>`
        SELECT rowid AS id, rank AS score FROM sources_fts WHERE sources_fts MATCH ${match} ORDER BY rank, rowid LIMIT ${limit}`.execute(db);
      if (ranked.rows.length === 0) return [];
      const ids = ranked.rows.map((row) => row.id);
      const details = await sql<{ id: number; title: string | null; origin: string; url: string | null; published: string | null; snippet: string }>`
        SELECT s.id, s.title, s.origin, s.url, s.published, snippet(sources_fts, 1, '[', ']', '…', 16) AS snippet
        FROM sources_fts JOIN sources s ON s.id = sources_fts.rowid
        WHERE sources_fts MATCH ${match} AND sources_fts.rowid IN (${sql.join(ids)})`.execute(db);
      const byId = new Map(details.rows.map((row) => [row.id, row]));
      return ranked.rows.flatMap((row) => {
        const detail = byId.get(row.id);
        return detail ? [{ ...detail, snippet: detail.snippet.replaceAll("] [", " "), score: -row.score }] : [];
      });
    },

  };
}
