import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isArmtraceError } from "../errors.ts";
import { advanceTraceRequest, answerTraceRequest, createTraceRequest, isOverdue, recordSeizure, renderRequestHtml, renderRequestText, summarizeFindings, type SeizureDependencies } from "../tracing/index.ts";
import { openDatabase, type ArmtraceDatabase } from "./database.ts";
import { createTraceCaseStore, type TraceCaseStore } from "./tracing-case-store.ts";

const folders: string[] = [];
const opened: ArmtraceDatabase[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function freshStore(): Promise<TraceCaseStore> {
  const folder = mkdtempSync(join(tmpdir(), "armtrace-cases-"));
  folders.push(folder);
  const database = await openDatabase({ path: join(folder, "armtrace.db") });
  opened.push(database);
  return createTraceCaseStore(database);
}

function deps(store: TraceCaseStore): SeizureDependencies {
  return {
    resolvePlace: (name) => (name.toLowerCase() === "bannu" ? { id: "PK-KP-bannu", name: "Bannu" } : undefined),
    resolveActor: (name) => (/^ttp$/iu.test(name) ? "Tehreek-e-Taliban Pakistan" : undefined),
    categorize: (term) => (/m4|m16/iu.test(term) ? "small_arms" : undefined),
    missingEvents: (ids) => store.missingEvents(ids),
    save: (draft) => store.saveSeizure(draft),
  };
}

const seizureInput = {
  seizedOn: "2024-05-02",
  place: "Bannu",
  agency: "Counter Terrorism Department",
  caseRef: "FIR 112/2024",
  circumstances: "Recovered after an intelligence-based operation <script>alert(1)</script>",
  possessor: "TTP",
  custody: [{ holder: "CTD Bannu malkhana", receivedOn: "2024-05-03" }],
  items: [
    {
      manufacturer: "Colt's Manufacturing",
      model: "M4A1 carbine",
      calibre: "5.56x45mm",
      serial: "W 100-4321",
      countryOfManufacture: "United States",
      markings: [
        { kind: "manufacturer" as const, location: "left side of receiver", text: "COLT M4A1 CAL 5.56MM", photoRefs: ["IMG_0012.jpg"] },
        { kind: "government" as const, location: "magazine well", text: "PROPERTY OF U.S. GOVT", legibility: "partial" as const },
      ],
    },
    { model: "Darra copy of M16", isSuspectedCopy: true, copyNote: "false Colt marks, crude machining", markings: [{ kind: "other" as const, isObliterated: true, legibility: "illegible" as const }] },
  ],
};

describe("seizures", () => {
  it("stores items, markings, custody and resolved names; keeps unresolved ones with a warning", async () => {
    const store = await freshStore();
    const { seizure, warnings } = await recordSeizure({ ...seizureInput, place: "Bannu" }, deps(store));
    expect(seizure).toMatchObject({ placeId: "PK-KP-bannu", placeName: "Bannu", possessor: "Tehreek-e-Taliban Pakistan" });
    expect(seizure.items).toHaveLength(2);
    expect(seizure.items[0]).toMatchObject({ serialNormalized: "W1004321", category: "small_arms" });
    expect(seizure.items[0]!.markings[0]).toMatchObject({ kind: "manufacturer", photoRefs: ["IMG_0012.jpg"], isObliterated: false, legibility: "clear" });
    expect(seizure.items[1]).toMatchObject({ isSuspectedCopy: true });
    expect(seizure.items[1]!.markings[0]).toMatchObject({ isObliterated: true });
    expect(seizure.custody).toEqual([{ holder: "CTD Bannu malkhana", receivedOn: "2024-05-03", note: null }]);
    expect(warnings).toEqual([]);
    const second = await recordSeizure({ ...seizureInput, place: "Nowhere Kalay", possessor: "Unknown gang" }, deps(store));
    expect(second.seizure).toMatchObject({ placeId: null, placeName: "Nowhere Kalay", possessor: "Unknown gang" });
    expect(second.warnings.join(" ")).toContain("not in the gazetteer");
    expect((await store.listSeizures()).map((item) => item.id)).toEqual([1, 2]);
  });

  it("rejects bad input and links to missing events with clear errors", async () => {
    const store = await freshStore();
    await expect(recordSeizure({ ...seizureInput, items: [] }, deps(store))).rejects.toThrow("at least one item");
    await expect(recordSeizure({ ...seizureInput, seizedOn: "May 2024" }, deps(store))).rejects.toThrow("seizedOn");
    await expect(recordSeizure({ ...seizureInput, eventIds: [999] }, deps(store))).rejects.toSatisfy((error) => isArmtraceError(error, "EVENT_NOT_FOUND"));
  });
});

describe("trace requests", () => {
  it("runs draft → sent → acknowledged → answered → closed, flags overdue and feeds findings", async () => {
    const store = await freshStore();
    const { seizure } = await recordSeizure(seizureInput, deps(store));
    const draft = await createTraceRequest(
      { addresseeKind: "state", addressee: "United States", seizureId: seizure.id, legalBasis: "ITI paras 14–19", intendedUse: "criminal investigation FIR 112/2024", reference: "PK-TR-2024-7" },
      store,
    );
    expect(draft).toMatchObject({ status: "draft", itemIds: seizure.items.map((item) => item.id) });
    await expect(advanceTraceRequest(draft.id, "acknowledge", { at: "2024-05-10" }, store)).rejects.toThrow("only when sent");
    await expect(answerTraceRequest(draft.id, { answeredOn: "2024-06-01" }, "2024-06-01", store)).rejects.toSatisfy((error) => isArmtraceError(error, "CONFLICT"));
    const sent = await advanceTraceRequest(draft.id, "send", { at: "2024-05-10", respondWithinDays: 30 }, store);
    expect(sent).toMatchObject({ status: "sent", deadline: "2024-06-09", sentAt: "2024-05-10" });
    expect(isOverdue(sent, "2024-06-09")).toBe(false);
    expect(isOverdue(sent, "2024-06-10")).toBe(true);
    await advanceTraceRequest(draft.id, "acknowledge", { at: "2024-05-20" }, store);
    const answered = await answerTraceRequest(
      draft.id,
      {
        answeredOn: "2024-06-20",
        originCountry: "United States",
        lastLegalHolder: "Afghan National Army, 205th Corps",
        diversionPlace: "Kandahar",
        diversionTime: "2021-08",
        steps: [
          { holder: "Colt's Manufacturing", role: "manufacturer", from: "2010", to: "2011-03-14" },
          { holder: "Afghan National Army", role: "end user", place: "Kandahar", from: "2011-04-02", to: "2021-08", document: "FMS AF-B-UAA" },
        ],
      },
      "2024-06-20",
      store,
    );
    expect(answered.status).toBe("answered");
    expect(isOverdue(answered, "2024-07-01")).toBe(false);
    expect(answered.answer?.steps).toHaveLength(2);
    await expect(answerTraceRequest(draft.id, { answeredOn: "2024-06-21" }, "2024-06-21", store)).rejects.toThrow("is answered");
    const findings = summarizeFindings(await store.findingRows());
    expect(findings).toMatchObject({ seizedItems: 2, tracedItems: 2 });
    expect(findings.byOrigin[0]).toEqual({ key: "United States", items: 2 });
    expect(findings.byLastLegalHolder[0]).toEqual({ key: "Afghan National Army, 205th Corps", items: 2 });
    expect(findings.byDiversionPoint[0]).toEqual({ key: "Kandahar (2021-08)", items: 2 });
    expect(findings.flows[0]).toMatchObject({ origin: "United States", seizurePlace: "Bannu", seizurePlaceId: "PK-KP-bannu", items: 2 });
    const closed = await advanceTraceRequest(draft.id, "close", { at: "2024-07-01" }, store);
    expect(closed.status).toBe("closed");

    const document = { request: closed, seizure: await store.getSeizure(seizure.id), items: await store.getItems(closed.itemIds), today: "2024-07-02" };
    const text = renderRequestText(document);
    for (const expected of ["ITI paras 14–19", "criminal investigation", "W1004321", "left side of receiver", "SUSPECTED COPY", "CTD Bannu malkhana", "last legal holder Afghan National Army"]) {
      expect(text).toContain(expected);
    }
    const html = renderRequestHtml(document);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;");
  });

  it("answers for an unknown request with a clear error", async () => {
    const store = await freshStore();
    await expect(answerTraceRequest(42, { answeredOn: "2024-06-01" }, "2024-06-01", store)).rejects.toThrow("no trace request 42");
    await expect(createTraceRequest({ addresseeKind: "state", addressee: "X", itemIds: [5], legalBasis: "ITI", intendedUse: "x" }, store)).rejects.toThrow("no seized item 5");
    await expect(createTraceRequest({ addresseeKind: "broker" as "state", addressee: "X", legalBasis: "ITI", intendedUse: "x" }, store)).rejects.toThrow("addresseeKind");
  });
});
