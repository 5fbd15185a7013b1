import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ArmtraceDatabase } from "../storage/database.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Cache this GET route's 200 responses until the database changes (see registerResponseCache). */
    isCacheable?: boolean;
  }
}

export interface ResponseCacheOptions {
  /** Responses kept (least recently used go first). Default 1,000. */
  maxEntries?: number;
  /** Larger bodies are not kept. Default 2 MB. */
  maxBodyBytes?: number;
  /** Memory the kept bodies may use in all (UTF-16 string size); least recently used go first. Default 64 MB. */
  maxTotalBytes?: number;
}

interface Entry {
  generation: string;
  body: string;
  contentType: string;
}

/**
 * Serves repeated read queries (an analyst's dashboard, several people on one list) from memory, never
 * stale: each response is tagged with the database's generation — SQLite's `data_version` (commits by
 * other connections, such as a CLI import) plus `total_changes()` (writes on the server's own connection)
 * — and is used only while both are unchanged. Also answers `If-None-Match` with 304. Only routes marked
 * `config: { isCacheable: true }` take part; with accounts (a later issue) the key must include the role.
 */
export function registerResponseCache(app: FastifyInstance, database: ArmtraceDatabase, options: ResponseCacheOptions = {}): void {
  const sqlite = database.sqlite;
  if (sqlite === undefined) return;
  const maxEntries = options.maxEntries ?? 1000;
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024;
  const maxTotalBytes = options.maxTotalBytes ?? 64 * 1024 * 1024;
  let totalBytes = 0;
  const sizeOf = (entry: Entry) => entry.body.length * 2;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    totalBytes -= sizeOf(entry);
    entries.delete(key);
  };
  const totalChanges = sqlite.prepare("SELECT total_changes() AS n").pluck();
  const entries = new Map<string, Entry>();
  const generationOf = new WeakMap<FastifyRequest, string>();

  const generation = () => `${sqlite.pragma("data_version", { simple: true }) as number}.${totalChanges.get() as number}`;
  const etagOf = (current: string, url: string) => `W/"${current}-${hashOf(url)}"`;

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== "GET" || request.routeOptions.config.isCacheable !== true) return;
    const current = generation();
    generationOf.set(request, current);
    const etag = etagOf(current, request.url);
    const entry = entries.get(request.url);
    if (request.headers["if-none-match"] === etag) {
      return reply.code(304).header("etag", etag).send();
    }
    if (entry?.generation === current) {
      entries.delete(request.url);
      entries.set(request.url, entry);
      return reply.code(200).header("etag", etag).header("x-cache", "hit").type(entry.contentType).send(entry.body);
    }
  });

  app.addHook("onSend", async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const tagged = generationOf.get(request);
    if (tagged === undefined || reply.statusCode !== 200 || reply.getHeader("x-cache") === "hit") return payload;
    reply.header("etag", etagOf(tagged, request.url));
    if (typeof payload === "string" && payload.length <= maxBodyBytes) {
      remove(request.url);
      const entry = { generation: tagged, body: payload, contentType: String(reply.getHeader("content-type") ?? "application/json") };
      entries.set(request.url, entry);
      totalBytes += sizeOf(entry);
      while (entries.size > maxEntries || totalBytes > maxTotalBytes) remove(entries.keys().next().value as string);
    }
    return payload;
  });
}

/** A short, stable hash of a URL (FNV-1a), so an ETag does not echo the query string. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
