import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isArmtraceError } from "../errors.ts";
import { fingerprintDraft, type SourceDraft } from "../sources/index.ts";
import { openDatabase, type ArmtraceDatabase } from "./database.ts";
import { createSourceStore, toFtsQuery } from "./source-store.ts";

let folder: string;
let database: ArmtraceDatabase;
beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), "armtrace-sources-"));
  database = await openDatabase({ path: join(folder, "armtrace.db") });
});
afterEach(async () => {
  await database.close();
  rmSync(folder, { recursive: true, force: true });
});

const WIRE_STORY =
  "PESHAWAR: Militants attacked a police checkpoint in the Mattani area on the outskirts of the city late on Sunday night, " +
  "killing three policemen and wounding two others, police said. The attackers fled under cover of darkness and a search " +
  "operation was launched in the surrounding villages. The provincial police chief visited the injured at Lady Reading " +
  "Hospital and announced compensation for the families of the dead officers.";

function draft(text: string, overrides: Partial<SourceDraft> = {}): SourceDraft {
  return { kind: "text", origin: "test.txt", url: null, title: null, outlet: null, published: null, mediaType: "text/plain", raw: new TextEncoder().encode(text), text, ...overrides };
}
async function add(text: string, overrides: Partial<SourceDraft> = {}) {
  const value = draft(text, overrides);
  return createSourceStore(database).add(value, fingerprintDraft(value));
}

describe("source store", () => {
  it("stores a source verbatim and reads it back", async () => {
    const raw = new TextEncoder().encode(`<p>${WIRE_STORY}</p>`);
    const outcome = await add(WIRE_STORY, { kind: "html", raw, title: "Checkpoint attacked", url: "https://x.example/a", published: "2025-01-12" });
    expect(outcome).toEqual({ status: "stored", id: 1, nearDuplicateOf: null });
    const source = await createSourceStore(database).get(1);
    expect(source?.raw).toEqual(raw);
    expect(source?.text).toBe(WIRE_STORY);
    expect(source?.language).toBe("en");
    expect(source?.wordCount).toBeGreaterThan(50);
    expect(source?.title).toBe("Checkpoint attacked");
  });

  it("skips an exact copy, even with different line wrapping, and reports the stored id", async () => {
    await add(WIRE_STORY);
    const again = await add(WIRE_STORY.replace(/\. /g, ".\n"), { origin: "copy.txt" });
    expect(again).toEqual({ status: "duplicate", id: 1 });
    expect(await createSourceStore(database).count()).toBe(1);
  });

  it("flags the same story re-published with small changes as a near-duplicate of the first", async () => {
    await add(WIRE_STORY, { origin: "site-a.html" });
    const edited = WIRE_STORY.replace("late on Sunday night", "late on Sunday");
    const outcome = await add(edited, { origin: "site-b.html" });
    expect(outcome).toEqual({ status: "stored", id: 2, nearDuplicateOf: 1 });
    const third = await add(edited.replace("announced compensation", "promised compensation"), { origin: "site-c.html" });
    expect(third).toMatchObject({ nearDuplicateOf: 1 });
    const unrelated = await add(
      "KABUL: A roadside bomb struck a minibus carrying university students in the western part of the capital on Tuesday morning, " +
        "killing four of them and wounding nine, the interior ministry spokesman said, adding that an investigation had begun " +
        "and that security would be tightened around campuses across the city in the coming days.",
    );
    expect(unrelated).toMatchObject({ status: "stored", nearDuplicateOf: null });
  });

  it("ranks full-text hits with snippets and lists in a stable order", async () => {
    await add(WIRE_STORY, { title: "Checkpoint attacked in Peshawar" });
    await add("The BLA's Majeed Brigade claimed the attack on the convoy in Gwadar, which killed two guards.", { title: "Majeed Brigade claims Gwadar attack" });
    await add("A seminar in Islamabad discussed the Majeed family's history of brigade service in the army.");
    const store = createSourceStore(database);
    const hits = await store.search('"Majeed Brigade"');
    expect(hits.map((hit) => hit.id)).toEqual([2]);
    expect(hits[0]!.snippet).toContain("[Majeed Brigade]");
    const loose = await store.search("Majeed Brigade");
    expect(loose.map((hit) => hit.id)).toEqual([2, 3]);
    expect((await store.list()).map((source) => source.id)).toEqual([1, 2, 3]);
  });

  it("treats search syntax in user input as words, and refuses a query without words", async () => {
    expect(toFtsQuery('TTP AND "Fitna al-Khawarij" -x: NEAR( kill*')).toBe('"TTP" "AND" "Fitna al Khawarij" "x" "NEAR" "kill"*');
    expect(toFtsQuery("ISKP OR Daesh")).toBe('"ISKP" OR "Daesh"');
    await add(WIRE_STORY);
    await expect(createSourceStore(database).search("*** ()")).rejects.toSatisfy((error: unknown) => isArmtraceError(error, "INVALID_INPUT"));
    expect(await createSourceStore(database).search("police*")).toHaveLength(1);
  });

  it("stores nothing of a source whose write fails halfway", async () => {
    await sql`CREATE TRIGGER fail_bands BEFORE INSERT ON source_minhash_bands BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`.execute(database.db);
    await expect(add(WIRE_STORY)).rejects.toThrow(/disk trouble/);
    expect(await createSourceStore(database).count()).toBe(0);
    const fts = await sql<{ n: number }>`SELECT count(*) AS n FROM sources_fts WHERE sources_fts MATCH 'police'`.execute(database.db);
    expect(fts.rows[0]!.n).toBe(0);
  });

  it("adds a batch in one commit, and a source that fails costs only itself", async () => {
    await sql`CREATE TRIGGER refuse_bad BEFORE INSERT ON sources WHEN new.origin = 'bad.txt' BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(database.db);
    const items = ["good-1.txt", "bad.txt", "good-2.txt"].map((origin, index) => {
      const value = draft(`${WIRE_STORY} Item ${index} of the batch, from ${origin}.`, { origin });
      return { draft: value, fingerprint: fingerprintDraft(value) };
    });
    const outcomes = await createSourceStore(database).addAll(items);
    expect(outcomes[0]).toMatchObject({ status: "stored", id: 1 });
    expect(outcomes[1]).toBeInstanceOf(Error);
    expect((outcomes[1] as Error).message).toMatch(/refused/);
    expect(outcomes[2]).toMatchObject({ status: "stored", nearDuplicateOf: 1 });
    const origins = (await createSourceStore(database).list()).map((source) => source.origin);
    expect(origins).toEqual(["good-1.txt", "good-2.txt"]);
    const bands = await sql<{ n: number }>`SELECT count(DISTINCT source_id) AS n FROM source_minhash_bands`.execute(database.db);
    expect(bands.rows[0]!.n).toBe(2);
  });
});
