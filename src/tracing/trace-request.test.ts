import { describe, expect, it } from "vitest";
import { isArmtraceError } from "../errors.ts";
import { addDays, escapeHtml, isOverdue, nextStatus, renderRequestHtml, renderRequestText, type TraceRequest } from "./trace-request.ts";

const request: TraceRequest = {
  id: 3,
  status: "sent",
  addresseeKind: "manufacturer",
  addressee: 'Colt\'s <Manufacturing> & "Co"',
  reference: "PK-TR-9",
  seizureId: null,
  legalBasis: "ITI paras 14–19",
  intendedUse: "prosecution",
  circumstances: "found in a cache </p><img src=x onerror=alert(1)>",
  deadline: "2024-06-01",
  createdAt: "2024-05-01T10:00:00.000Z",
  sentAt: "2024-05-02",
  acknowledgedAt: null,
  answeredAt: null,
  closedAt: null,
  itemIds: [1],
  answer: null,
};

describe("the request lifecycle", () => {
  it("allows only the documented steps", () => {
    expect(nextStatus({ id: 1, status: "draft" }, "send")).toBe("sent");
    expect(nextStatus({ id: 1, status: "sent" }, "answer")).toBe("answered");
    expect(nextStatus({ id: 1, status: "acknowledged" }, "answer")).toBe("answered");
    expect(nextStatus({ id: 1, status: "answered" }, "close")).toBe("closed");
    expect(() => nextStatus({ id: 1, status: "closed" }, "send")).toThrow("trace request 1 is closed; it can be sent only when draft");
    try {
      nextStatus({ id: 2, status: "draft" }, "answer");
    } catch (error) {
      expect(isArmtraceError(error, "CONFLICT")).toBe(true);
      expect((error as Error).message).toContain("answered only when sent or acknowledged");
    }
  });

  it("flags a request overdue only while waiting for a reply", () => {
    expect(isOverdue(request, "2024-06-01")).toBe(false);
    expect(isOverdue(request, "2024-06-02")).toBe(true);
    expect(isOverdue({ ...request, status: "answered" }, "2024-07-01")).toBe(false);
    expect(isOverdue({ ...request, deadline: null }, "2030-01-01")).toBe(false);
    expect(addDays("2024-02-20", 10)).toBe("2024-03-01");
  });
});

describe("the printable request", () => {
  it("carries what the ITI asks and escapes every value in HTML", () => {
    const document = {
      request,
      seizure: null,
      items: [
        {
          id: 1, seizureId: null, category: "small_arms" as const, manufacturer: "Colt", model: "M4A1", calibre: "5.56x45mm", serial: "W 1004321",
          serialNormalized: "W1004321", countryOfManufacture: "United States", year: 2010, isSuspectedCopy: false, copyNote: null,
          markings: [{ kind: "import" as const, location: "receiver", text: "AF <import>", legibility: "partial" as const, isObliterated: true, photoRefs: ["p1.jpg"] }],
        },
      ],
      today: "2024-06-10",
    };
    const text = renderRequestText(document);
    expect(text).toContain("OVERDUE");
    expect(text).toContain("normalised W1004321");
    expect(text).toContain("Marking (import) on receiver: AF <import> — partial, obliterated; photos p1.jpg");
    expect(text).toContain("LEGAL BASIS\n  ITI paras 14–19");
    const html = renderRequestHtml(document);
    expect(html).not.toMatch(/<img|<import>|<Manufacturing>/u);
    expect(html).toContain("&#60;img src=x onerror=alert(1)&#62;");
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });
});
