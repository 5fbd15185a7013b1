import { describe, expect, it } from "vitest";
import { normalizeManufacturer, normalizeModel } from "./maker-model.ts";

describe("normalizeManufacturer", () => {
  it("meets corporate and possessive forms", () => {
    expect(normalizeManufacturer("Colt's Manufacturing")).toBe("colt");
    expect(normalizeManufacturer("Colt's Manufacturing Company LLC")).toBe("colt");
    expect(normalizeManufacturer("COLT")).toBe("colt");
    expect(normalizeManufacturer("FN Herstal")).toBe(normalizeManufacturer("Fabrique Nationale"));
    expect(normalizeManufacturer("Heckler and Koch GmbH")).toBe("heckler & koch");
  });

  it("keeps unknown makers apart and empty as empty", () => {
    expect(normalizeManufacturer("Darra Adam Khel workshop")).not.toBe(normalizeManufacturer("Colt"));
    expect(normalizeManufacturer(undefined)).toBe("");
    expect(normalizeManufacturer("  ")).toBe("");
  });
});

describe("normalizeModel", () => {
  it("drops maker names and generic words", () => {
    expect(normalizeModel("Colt M4A1 carbine")).toBe("M4A1");
    expect(normalizeModel("M4A1")).toBe("M4A1");
    expect(normalizeModel("M-4A1", "Colt")).toBe("M4A1");
    expect(normalizeModel("M16 A2 rifle")).toBe("M16A2");
    expect(normalizeModel("AK-47")).toBe("AK47");
  });

  it("does not merge different models", () => {
    expect(normalizeModel("M4")).not.toBe(normalizeModel("M4A1"));
    expect(normalizeModel("Type 56")).toBe("TYPE56");
  });
});
