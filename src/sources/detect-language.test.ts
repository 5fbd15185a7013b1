import { describe, expect, it } from "vitest";
import { detectLanguage } from "./detect-language.ts";

describe("detectLanguage", () => {
  it("recognises short English headlines and longer English text", () => {
    expect(detectLanguage("Levies post attacked in Kalat")).toBe("en");
    expect(detectLanguage("Gunmen attacked a Levies post in Kalat district late on Monday, killing two Levies personnel, officials said.")).toBe("en");
  });
  it("recognises Urdu and gives up on too little text", () => {
    expect(detectLanguage("پاکستان میں سیکیورٹی فورسز نے شمالی وزیرستان میں کارروائی کی اور چھ دہشت گرد مارے گئے")).toBe("ur");
    expect(detectLanguage("12 3")).toBeNull();
  });
});
