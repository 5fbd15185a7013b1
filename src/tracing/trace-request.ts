/**
 * Trace requests: the lifecycle (draft → sent → acknowledged → answered → closed), deadlines and the
 * overdue flag, the answer (custody steps, last legal holder, diversion point), and the printable request
 * carrying what the International Tracing Instrument and ISACS 05.31 ask for. Pure.
 */
import { z } from "zod";
import { ArmtraceError } from "../errors.ts";
import type { Seizure, SeizedItem } from "./seizure.ts";

export const REQUEST_STATUSES = ["draft", "sent", "acknowledged", "answered", "closed"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const ADDRESSEE_KINDS = ["state", "manufacturer", "exporter"] as const;
export type AddresseeKind = (typeof ADDRESSEE_KINDS)[number];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, "a date as YYYY-MM-DD");

export const createRequestSchema = z.object({
  addresseeKind: z.enum(ADDRESSEE_KINDS),
  addressee: z.string().trim().min(1, "say who the request goes to"),
  seizureId: z.number().int().positive().optional(),
  itemIds: z.array(z.number().int().positive()).default([]),
  reference: z.string().trim().min(1).optional(),
  legalBasis: z.string().trim().min(1, "give the legal basis (e.g. ITI paragraphs 14–19)"),
  intendedUse: z.string().trim().min(1, "say what the information will be used for"),
  circumstances: z.string().trim().min(1).optional(),
  deadline: isoDay.optional(),
});
export type CreateRequestInput = z.input<typeof createRequestSchema>;

export const answerSchema = z.object({
  answeredOn: isoDay,
  originCountry: z.string().trim().min(1).optional(),
  lastLegalHolder: z.string().trim().min(1).optional(),
  diversionPlace: z.string().trim().min(1).optional(),
  diversionTime: z.string().trim().min(1).optional(),
  notes: z.string().trim().min(1).optional(),
  steps: z
    .array(
      z.object({
        holder: z.string().trim().min(1),
        role: z.string().trim().min(1).optional(),
        place: z.string().trim().min(1).optional(),
        from: z.string().trim().min(1).optional(),
        to: z.string().trim().min(1).optional(),
        document: z.string().trim().min(1).optional(),
      }),
    )
    .default([]),
});
export type AnswerInput = z.input<typeof answerSchema>;
export type TraceAnswer = z.output<typeof answerSchema>;

/** A trace request as stored, with its items, seizure and answer when there is one. */
export interface TraceRequest {
  id: number;
  status: RequestStatus;
  addresseeKind: AddresseeKind;
  addressee: string;
  reference: string | null;
  seizureId: number | null;
  legalBasis: string;
  intendedUse: string;
  circumstances: string | null;
  deadline: string | null;
  createdAt: string;
  sentAt: string | null;
  acknowledgedAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  itemIds: number[];
  answer: TraceAnswer | null;
}

export type RequestAction = "send" | "acknowledge" | "answer" | "close";

const TRANSITIONS: Record<RequestAction, { from: readonly RequestStatus[]; to: RequestStatus }> = {
  send: { from: ["draft"], to: "sent" },
  acknowledge: { from: ["sent"], to: "acknowledged" },
  answer: { from: ["sent", "acknowledged"], to: "answered" },
  close: { from: ["draft", "sent", "acknowledged", "answered"], to: "closed" },
};

const PAST_TENSE: Record<RequestAction, string> = { send: "sent", acknowledge: "acknowledged", answer: "answered", close: "closed" };

/** The status after `action`, or a CONFLICT error saying which statuses allow it. */
export function nextStatus(request: Pick<TraceRequest, "id" | "status">, action: RequestAction): RequestStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(request.status)) {
    throw new ArmtraceError(
      "CONFLICT",
      `trace request ${request.id} is ${request.status}; it can be ${PAST_TENSE[action]} only when ${transition.from.join(" or ")}`,
    );
  }
  return transition.to;
}

/** True when an unanswered, sent request has passed its deadline on `today` (YYYY-MM-DD). */
export function isOverdue(request: Pick<TraceRequest, "status" | "deadline">, today: string): boolean {
  return request.deadline !== null && (request.status === "sent" || request.status === "acknowledged") && request.deadline < today;
}

/** Adds `days` to an ISO day. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Everything the printable request shows. */
export interface RequestDocument {
  request: TraceRequest;
  seizure: Seizure | null;
  items: SeizedItem[];
  today: string;
}

interface Section {
  title: string;
  lines: string[];
}

function sections({ request, seizure, items, today }: RequestDocument): Section[] {
  const out: Section[] = [];
  out.push({
    title: "Request",
    lines: [
      `Trace request ${request.reference ?? `#${request.id}`} — status ${request.status}${isOverdue(request, today) ? " (OVERDUE)" : ""}`,
      `Addressed to (${request.addresseeKind}): ${request.addressee}`,
      `Created ${request.createdAt.slice(0, 10)}${request.sentAt ? `, sent ${request.sentAt.slice(0, 10)}` : ""}${request.deadline ? `, reply requested by ${request.deadline}` : ""}`,
    ],
  });
  out.push({
    title: "Identifying data of the weapons (ITI para. 17; ISACS 05.31)",
    lines: items.flatMap((item, index) => [
      `${index + 1}. ${[item.manufacturer, item.model].filter(Boolean).join(" ") || "make/model unknown"}${item.calibre ? `, calibre ${item.calibre}` : ""}${item.category ? ` [${item.category}]` : ""}`,
      `   Serial (frame/receiver): ${item.serial ?? "none read"}${item.serialNormalized && item.serialNormalized !== item.serial ? ` (normalised ${item.serialNormalized})` : ""}`,
      `   Country of manufacture: ${item.countryOfManufacture ?? "unknown"}; year: ${item.year ?? "unknown"}${item.isSuspectedCopy ? `; SUSPECTED COPY${item.copyNote ? `: ${item.copyNote}` : ""}` : ""}`,
      ...item.markings.map(
        (marking) =>
          `   Marking (${marking.kind}) ${marking.location ? `on ${marking.location}` : ""}: ${marking.text ?? "(no text)"} — ${marking.legibility}${marking.isObliterated ? ", obliterated" : ""}${marking.photoRefs.length ? `; photos ${marking.photoRefs.join(", ")}` : ""}`,
      ),
    ]),
  });
  out.push({
    title: "Circumstances of the find",
    lines: [
      request.circumstances ?? seizure?.circumstances ?? "not stated",
      ...(seizure
        ? [
            `Seized ${seizure.seizedOn ?? "on an unknown date"} at ${seizure.placeName ?? "an unknown place"} by ${seizure.agency ?? "an unknown agency"}${seizure.caseRef ? `, case ${seizure.caseRef}` : ""}`,
            `Possessor: ${seizure.possessor ?? "unknown"}`,
            ...seizure.custody.map((step, index) => `Custody ${index + 1}: ${step.holder}${step.receivedOn ? ` from ${step.receivedOn}` : ""}${step.note ? ` (${step.note})` : ""}`),
          ]
        : []),
    ],
  });
  out.push({ title: "Legal basis", lines: [request.legalBasis] });
  out.push({ title: "Intended use of the information", lines: [request.intendedUse] });
  out.push({
    title: "Information requested",
    lines: [
      "Confirmation that the weapons above were manufactured, exported or held by you, and each transfer since:",
      "dates shipped and received, exporter, importer, end user, licence or contract references,",
      "the last legal holder known to you, and where and when the weapons may have left legal custody.",
    ],
  });
  if (request.answer) {
    const answer = request.answer;
    out.push({
      title: "Answer",
      lines: [
        `Answered ${answer.answeredOn}; origin ${answer.originCountry ?? "not stated"}; last legal holder ${answer.lastLegalHolder ?? "not stated"}`,
        `Diversion point: ${answer.diversionPlace ?? "unknown place"}, ${answer.diversionTime ?? "unknown time"}`,
        ...answer.steps.map(
          (step, index) =>
            `Step ${index + 1}: ${step.holder}${step.role ? ` (${step.role})` : ""}${step.place ? ` at ${step.place}` : ""}${step.from || step.to ? `, ${step.from ?? "?"} – ${step.to ?? "?"}` : ""}${step.document ? `; document ${step.document}` : ""}`,
        ),
        ...(answer.notes ? [answer.notes] : []),
      ],
    });
  }
  return out;
}

/** The request as plain text for printing or e-mail. */
export function renderRequestText(document: RequestDocument): string {
  return `${sections(document)
    .map((section) => `${section.title.toUpperCase()}\n${section.lines.map((line) => `  ${line}`).join("\n")}`)
    .join("\n\n")}\n`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/gu, (char) => `&#${char.charCodeAt(0)};`);
}

/** The request as a standalone HTML page; every stored value is escaped. */
export function renderRequestHtml(document: RequestDocument): string {
  const title = escapeHtml(`Trace request ${document.request.reference ?? `#${document.request.id}`}`);
  const body = sections(document)
    .map((section) => `<section><h2>${escapeHtml(section.title)}</h2>\n${section.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n")}</section>`)
    .join("\n");
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title>\n<style>body{font-family:serif;max-width:48rem;margin:2rem auto}h2{font-size:1.1rem;border-bottom:1px solid #999}p{margin:.2rem 0;white-space:pre-wrap}</style></head>\n<body><h1>${title}</h1>\n${body}\n</body></html>\n`;
}
