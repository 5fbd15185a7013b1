import { describe, expect, it } from "vitest";
import { defaultExtractionCodebook } from "./default-codebook.ts";
import { extractDocument } from "./extract-document.ts";

const codebook = defaultExtractionCodebook();
const extract = (text: string, published = "2024-05-10") => extractDocument(text, { file: "report.txt", published, codebook });

describe("places named like a district elsewhere", () => {
  it("reads a locality inside another locality as lying in that one's district, not a namesake elsewhere", () => {
    const doc = extract("PESHAWAR: Four militants were killed when security forces raided a hideout in the Maidan area of Tirah valley, Khyber district, on Sunday, officials said.");
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0]!.admin2).toBe("Khyber");
  });
  it("drops a name shared with a district of the other country when the sentence places itself in this one", () => {
    const doc = extract(
      "ASADABAD: Afghan and Pakistani forces exchanged fire in the Dangam district of Kunar province on Sunday, officials said.\n" +
        "Three civilians were injured when shells hit houses in the Shal area, Kunar's police chief said.",
    );
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0]!.admin1).toBe("Kunar");
    expect(doc.events[0]!.injured.civilians).toBe(3);
  });
});
