/**
 * Seizures (with items, markings, custody and event links), trace requests and their answers, and the
 * rows findings are computed from. Writes go through Kysely, one transaction per use case.
 */
import { sql, type Kysely } from "kysely";
import { ArmtraceError } from "../errors.ts";
import type { WeaponCategory } from "../codebook/codebook-types.ts";
import type { AddresseeKind, FindingRow, NewTraceRequest, Marking, RequestStatus, SeizedItem, Seizure, SeizureDraft, TraceAnswer, TraceRequest } from "../tracing/index.ts";
import type { ArmtraceDatabase } from "./database.ts";
import type { Database } from "./schema.ts";

export interface TraceCaseStore {
  saveSeizure(draft: SeizureDraft): Promise<Seizure>;
  getSeizure(id: number): Promise<Seizure>;
  listSeizures(options?: { limit?: number; offset?: number }): Promise<Seizure[]>;
  getItems(ids: number[]): Promise<SeizedItem[]>;
  /** Event ids among `ids` that are not stored (every id when the events table is absent). */
  missingEvents(ids: number[]): Promise<number[]>;
  createRequest(request: NewTraceRequest): Promise<TraceRequest>;
  getRequest(id: number): Promise<TraceRequest>;
  listRequests(options?: { status?: RequestStatus }): Promise<TraceRequest[]>;
  /** Sets the status and the matching timestamp (and deadline when given). */
  updateStatus(id: number, status: RequestStatus, at: string, deadline?: string | null): Promise<TraceRequest>;
  saveAnswer(id: number, answer: TraceAnswer, at: string): Promise<TraceRequest>;
  findingRows(): Promise<FindingRow[]>;
}

export function createTraceCaseStore(database: ArmtraceDatabase): TraceCaseStore {
  const { db } = database;

  async function loadItems(executor: Kysely<Database>, where: { seizureIds?: number[]; itemIds?: number[] }): Promise<SeizedItem[]> {
    let query = executor.selectFrom("trace_items").selectAll();
    if (where.seizureIds) query = query.where("seizure_id", "in", where.seizureIds.length ? where.seizureIds : [-1]);
    if (where.itemIds) query = query.where("id", "in", where.itemIds.length ? where.itemIds : [-1]);
    const rows = await query.orderBy("id").execute();
    const markings = rows.length
      ? await executor.selectFrom("trace_markings").selectAll().where("item_id", "in", rows.map((row) => row.id)).orderBy("id").execute()
      : [];
    return rows.map((row) => ({
      id: row.id,
      seizureId: row.seizure_id,
      category: row.category as WeaponCategory | null,
      manufacturer: row.manufacturer,
      model: row.model,
      calibre: row.calibre,
      serial: row.serial,
      serialNormalized: row.serial_norm,
      countryOfManufacture: row.country_of_manufacture,
      year: row.year,
      isSuspectedCopy: row.is_suspected_copy === 1,
      copyNote: row.copy_note,
      markings: markings
        .filter((marking) => marking.item_id === row.id)
        .map(
          (marking): Marking => ({
            kind: marking.kind as Marking["kind"],
            location: marking.location ?? undefined,
            text: marking.text ?? undefined,
            legibility: marking.legibility as Marking["legibility"],
            isObliterated: marking.is_obliterated === 1,
            photoRefs: JSON.parse(marking.photo_refs_json) as string[],
          }),
        ),
    }));
  }

  async function loadSeizures(ids: number[] | undefined, limit = 1000, offset = 0): Promise<Seizure[]> {
    let query = db.selectFrom("trace_seizures").selectAll();
    if (ids) query = query.where("id", "in", ids.length ? ids : [-1]);
    const rows = await query.orderBy("id").limit(limit).offset(offset).execute();
    const seizureIds = rows.map((row) => row.id);
    const items = await loadItems(db, { seizureIds });
    const custody = seizureIds.length ? await db.selectFrom("trace_custody_steps").selectAll().where("seizure_id", "in", seizureIds).orderBy("seq").execute() : [];
    const events = seizureIds.length ? await db.selectFrom("trace_seizure_events").selectAll().where("seizure_id", "in", seizureIds).orderBy("event_id").execute() : [];
    return rows.map((row) => ({
      id: row.id,
      seizedOn: row.seized_on,
      placeId: row.place_id,
      placeName: row.place_name,
      agency: row.agency,
      caseRef: row.case_ref,
      circumstances: row.circumstances,
      possessor: row.possessor_actor,
      custody: custody.filter((step) => step.seizure_id === row.id).map((step) => ({ holder: step.holder, receivedOn: step.received_on, note: step.note })),
      eventIds: events.filter((link) => link.seizure_id === row.id).map((link) => link.event_id),
      items: items.filter((item) => item.seizureId === row.id),
    }));
  }

  async function loadRequest(id: number): Promise<TraceRequest> {
    const row = await db.selectFrom("trace_requests").selectAll().where("id", "=", id).executeTakeFirst();
    if (row === undefined) throw new ArmtraceError("NOT_FOUND", `no trace request ${id}`);
    const items = await db.selectFrom("trace_request_items").select("item_id").where("request_id", "=", id).orderBy("item_id").execute();
    const answer = await db.selectFrom("trace_answers").selectAll().where("request_id", "=", id).executeTakeFirst();
    const steps = answer ? await db.selectFrom("trace_answer_steps").selectAll().where("request_id", "=", id).orderBy("seq").execute() : [];
    const optional = (value: string | null) => value ?? undefined;
    return {
      id: row.id,
      status: row.status as RequestStatus,
      addresseeKind: row.addressee_kind as AddresseeKind,
      addressee: row.addressee,
      reference: row.reference,
      seizureId: row.seizure_id,
      legalBasis: row.legal_basis,
      intendedUse: row.intended_use,
      circumstances: row.circumstances,
      deadline: row.deadline,
      createdAt: row.created_at,
      sentAt: row.sent_at,
      acknowledgedAt: row.acknowledged_at,
      answeredAt: row.answered_at,
      closedAt: row.closed_at,
      itemIds: items.map((item) => item.item_id),
      answer: answer
        ? {
            answeredOn: answer.answered_on,
            originCountry: optional(answer.origin_country),
            lastLegalHolder: optional(answer.last_legal_holder),
            diversionPlace: optional(answer.diversion_place),
            diversionTime: optional(answer.diversion_time),
            notes: optional(answer.notes),
            steps: steps.map((step) => ({
              holder: step.holder,
              role: optional(step.role),
              place: optional(step.place),
              from: optional(step.from_date),
              to: optional(step.to_date),
              document: optional(step.document),
            })),
          }
        : null,
    };
  }

  return {
    async saveSeizure(draft) {
      const id = await db.transaction().execute(async (trx) => {
        const now = new Date().toISOString();
        const seizure = await trx
          .insertInto("trace_seizures")
          .values({
            seized_on: draft.seizedOn, place_id: draft.placeId, place_name: draft.placeName, agency: draft.agency, case_ref: draft.caseRef,
            circumstances: draft.circumstances, possessor_actor: draft.possessor, created_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const [seq, step] of draft.custody.entries()) {
          await trx.insertInto("trace_custody_steps").values({ seizure_id: seizure.id, seq, holder: step.holder, received_on: step.receivedOn, note: step.note }).execute();
        }
        for (const eventId of new Set(draft.eventIds)) await trx.insertInto("trace_seizure_events").values({ seizure_id: seizure.id, event_id: eventId }).execute();
        for (const item of draft.items) {
          const inserted = await trx
            .insertInto("trace_items")
            .values({
              seizure_id: seizure.id, category: item.category, manufacturer: item.manufacturer, manufacturer_key: item.manufacturerKey, model: item.model,
              model_key: item.modelKey, calibre: item.calibre, serial: item.serial, serial_norm: item.serialNormalized,
              country_of_manufacture: item.countryOfManufacture, year: item.year, is_suspected_copy: item.isSuspectedCopy ? 1 : 0, copy_note: item.copyNote, created_at: now,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          for (const marking of item.markings) {
            await trx
              .insertInto("trace_markings")
              .values({
                item_id: inserted.id, kind: marking.kind, location: marking.location, text: marking.text, legibility: marking.legibility,
                is_obliterated: marking.isObliterated ? 1 : 0, photo_refs_json: JSON.stringify(marking.photoRefs),
              })
              .execute();
          }
        }
        return seizure.id;
      });
      return (await loadSeizures([id]))[0]!;
    },
    async getSeizure(id) {
      const [seizure] = await loadSeizures([id]);
      if (seizure === undefined) throw new ArmtraceError("NOT_FOUND", `no seizure ${id}`);
      return seizure;
    },
    listSeizures(options = {}) {
      return loadSeizures(undefined, options.limit ?? 1000, options.offset ?? 0);
    },
    getItems(ids) {
      return loadItems(db, { itemIds: ids });
    },
    async missingEvents(ids) {
      if (ids.length === 0) return [];
      const table = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'`.execute(db);
      if (table.rows.length === 0) return ids;
      const found = await sql<{ id: number }>`SELECT id FROM events WHERE id IN (${sql.join(ids)})`.execute(db);
      const present = new Set(found.rows.map((row) => row.id));
      return ids.filter((id) => !present.has(id));
    },
    async createRequest(request) {
      const id = await db.transaction().execute(async (trx) => {
        if (request.seizureId !== null) {
          const seizure = await trx.selectFrom("trace_seizures").select("id").where("id", "=", request.seizureId).executeTakeFirst();
          if (seizure === undefined) throw new ArmtraceError("NOT_FOUND", `no seizure ${request.seizureId}`);
        }
        let itemIds = request.itemIds;
        if (itemIds.length === 0 && request.seizureId !== null) {
          itemIds = (await trx.selectFrom("trace_items").select("id").where("seizure_id", "=", request.seizureId).execute()).map((row) => row.id);
        }
        if (itemIds.length === 0) throw new ArmtraceError("INVALID_INPUT", "a trace request needs at least one item (give --item or a seizure with items)");
        const found = await trx.selectFrom("trace_items").select("id").where("id", "in", itemIds).execute();
        const missing = itemIds.filter((itemId) => !found.some((row) => row.id === itemId));
        if (missing.length > 0) throw new ArmtraceError("NOT_FOUND", `no seized item ${missing.join(", ")}`);
        const inserted = await trx
          .insertInto("trace_requests")
          .values({
            status: "draft", addressee_kind: request.addresseeKind, addressee: request.addressee, reference: request.reference, seizure_id: request.seizureId,
            legal_basis: request.legalBasis, intended_use: request.intendedUse, circumstances: request.circumstances, deadline: request.deadline,
            created_at: new Date().toISOString(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const itemId of new Set(itemIds)) await trx.insertInto("trace_request_items").values({ request_id: inserted.id, item_id: itemId }).execute();
        return inserted.id;
      });
      return loadRequest(id);
    },
    getRequest: loadRequest,
    async listRequests(options = {}) {
      let query = db.selectFrom("trace_requests").select("id");
      if (options.status) query = query.where("status", "=", options.status);
      const rows = await query.orderBy("id").execute();
      const requests: TraceRequest[] = [];
      for (const row of rows) requests.push(await loadRequest(row.id));
      return requests;
    },
    async updateStatus(id, status, at, deadline) {
      const column = ({ draft: "created_at", sent: "sent_at", acknowledged: "acknowledged_at", answered: "answered_at", closed: "closed_at" } as const)[status];
      await db
        .updateTable("trace_requests")
        .set({ status, [column]: at, ...(deadline !== undefined ? { deadline } : {}) })
        .where("id", "=", id)
        .execute();
      return loadRequest(id);
    },
    async saveAnswer(id, answer, at) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("trace_answers")
          .values({
            request_id: id, answered_on: answer.answeredOn, origin_country: answer.originCountry ?? null, last_legal_holder: answer.lastLegalHolder ?? null,
            diversion_place: answer.diversionPlace ?? null, diversion_time: answer.diversionTime ?? null, notes: answer.notes ?? null, recorded_at: at,
          })
          .execute();
        for (const [seq, step] of answer.steps.entries()) {
          await trx
            .insertInto("trace_answer_steps")
            .values({
              request_id: id, seq, holder: step.holder, role: step.role ?? null, place: step.place ?? null, from_date: step.from ?? null,
              to_date: step.to ?? null, document: step.document ?? null,
            })
            .execute();
        }
        await trx.updateTable("trace_requests").set({ status: "answered", answered_at: at }).where("id", "=", id).execute();
      });
      return loadRequest(id);
    },
    async findingRows() {
      // Each seized item with the answer of its most recently answered request, if any.
      const rows = await sql<{
        item_id: number;
        place_name: string | null;
        place_id: string | null;
        country_of_manufacture: string | null;
        origin_country: string | null;
        last_legal_holder: string | null;
        diversion_place: string | null;
        diversion_time: string | null;
        answered: number | null;
      }>`SELECT i.id AS item_id, s.place_name, s.place_id, i.country_of_manufacture,
            a.origin_country, a.last_legal_holder, a.diversion_place, a.diversion_time, a.request_id AS answered
          FROM trace_items i
          LEFT JOIN trace_seizures s ON s.id = i.seizure_id
          LEFT JOIN trace_answers a ON a.request_id = (
            SELECT ri.request_id FROM trace_request_items ri JOIN trace_answers aa ON aa.request_id = ri.request_id
            WHERE ri.item_id = i.id ORDER BY aa.answered_on DESC, aa.request_id DESC LIMIT 1)
          WHERE i.seizure_id IS NOT NULL
          ORDER BY i.id`.execute(db);
      return rows.rows.map((row) => ({
        itemId: row.item_id,
        seizurePlace: row.place_name,
        seizurePlaceId: row.place_id,
        origin: row.origin_country ?? row.country_of_manufacture,
        lastLegalHolder: row.last_legal_holder,
        diversionPlace: row.diversion_place,
        diversionTime: row.diversion_time,
        isTraced: row.answered !== null,
      }));
    },
  };
}
