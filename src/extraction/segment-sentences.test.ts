import { describe, expect, it } from "vitest";
import { segmentSentences } from "./segment-sentences.ts";

const sentencesOf = (text: string): string[] => segmentSentences(text).map((s) => text.slice(s.start, s.end));

describe("segmentSentences", () => {
  it("splits plain lines at full stops before a capital, and every line on its own", () => {
    const text = "BANNU: Two soldiers were martyred on Monday. Police said the attackers fled.\nThe injured were shifted to hospital.";
    expect(sentencesOf(text)).toEqual(["BANNU: Two soldiers were martyred on Monday.", "Police said the attackers fled.", "The injured were shifted to hospital."]);
  });

  it("keeps decimals, amounts and abbreviations inside their sentence", () => {
    expect(sentencesOf("A 7.2 per cent rise was recorded over 1,200.5 kilometres of road. Officials confirmed it.")).toEqual([
      "A 7.2 per cent rise was recorded over 1,200.5 kilometres of road.",
      "Officials confirmed it.",
    ]);
    expect(sentencesOf("A suspected U.S. drone strike killed four militants. Officials said so.")).toEqual(["A suspected U.S. drone strike killed four militants.", "Officials said so."]);
    expect(sentencesOf("Lt. Col. Khan said the post was attacked. Gen. Asim visited the wounded.")).toEqual(["Lt. Col. Khan said the post was attacked.", "Gen. Asim visited the wounded."]);
  });

  it("reads curly quotes, questions and exclamations as news prints them", () => {
    const text = "“Own troops engaged the khwarij. Resultantly, five were killed,” the ISPR said. Was it over? No!";
    expect(sentencesOf(text)).toEqual(["“Own troops engaged the khwarij.", "Resultantly, five were killed,” the ISPR said.", "Was it over?", "No!"]);
  });

  it("counts paragraphs by line breaks, whatever their kind, and gives offsets into the text", () => {
    const text = "QUETTA:\r\n\r\nFour personnel were martyred. Eight were injured.\n\n• Levies returned fire.";
    const sentences = segmentSentences(text);
    expect(sentences.map((s) => [text.slice(s.start, s.end), s.paragraph, s.isParagraphStart])).toEqual([
      ["QUETTA:", 0, true],
      ["Four personnel were martyred.", 1, true],
      ["Eight were injured.", 1, false],
      ["• Levies returned fire.", 2, true],
    ]);
  });

  it("cuts a very long line into windows without losing text", () => {
    const sentence = "Security forces killed two militants in Bannu district on Monday. ";
    const text = sentence.repeat(1_000);
    const sentences = sentencesOf(text);
    expect(sentences).toHaveLength(1_000);
    expect(new Set(sentences)).toEqual(new Set([sentence.trim()]));
  });
});
