import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import placesAf from "./data/places-af.json" with { type: "json" };
import placesPk from "./data/places-pk.json" with { type: "json" };
import durandLineData from "./data/durand-line.json" with { type: "json" };
import townsData from "./data/towns.json" with { type: "json" };
import type { CodebookFile, PlaceEntry } from "./codebook-types.ts";
import {
  ADMIN1_NAMES,
  createGazetteer,
  defaultGazetteer,
  distanceToPolylineKm,
  haversineKm,
  normalizePlaceName,
  shippedPlaces,
  validatePlaces,
  type TownEntry,
} from "./gazetteer.ts";

const BOUNDS = {
  PK: { minLat: 23.6, maxLat: 37.1, minLon: 60.8, maxLon: 77.9 },
  AF: { minLat: 29.3, maxLat: 38.5, minLon: 60.4, maxLon: 74.9 },
} as const;

const written = [
  ...(placesPk as CodebookFile<PlaceEntry>).entries,
  ...(placesAf as CodebookFile<PlaceEntry>).entries,
];
const gazetteer = defaultGazetteer();

describe("normalizePlaceName", () => {
  it("lowercases, strips diacritics and unifies punctuation", () => {
    expect(normalizePlaceName("D.I. Khan")).toBe("di khan");
    expect(normalizePlaceName("DI  Khan")).toBe("di khan");
    expect(normalizePlaceName("Kandahār")).toBe("kandahar");
    expect(normalizePlaceName("Khyber-Pakhtunkhwa")).toBe("khyber pakhtunkhwa");
    expect(normalizePlaceName("K-P")).toBe("kp");
    expect(normalizePlaceName("Sar-e-Pol")).toBe("sar e pol");
    expect(normalizePlaceName("Qal‘ah-ye Kuhnah")).toBe("qalah ye kuhnah");
    expect(normalizePlaceName("Azad Jammu & Kashmir")).toBe("azad jammu and kashmir");
    expect(normalizePlaceName("Mastung’s Dasht area")).toBe("mastung dasht area");
    expect(normalizePlaceName("Kurram's")).toBe("kurram");
  });
});

describe("shipped data", () => {
  it("every data file names its source and licence", () => {
    for (const file of [placesPk, placesAf, townsData, durandLineData]) {
      expect(file.source.length).toBeGreaterThan(40);
      expect(file.licence.length).toBeGreaterThan(3);
    }
  });

  it("is valid: known levels and provinces, districts for every locality, no duplicate ids", () => {
    expect(validatePlaces(shippedPlaces())).toEqual([]);
  });

  it("puts every written place inside its country's bounding box", () => {
    const outside = written.filter((e) => {
      const b = BOUNDS[e.country];
      return e.lat < b.minLat || e.lat > b.maxLat || e.lon < b.minLon || e.lon > b.maxLon;
    });
    expect(outside.map((e) => e.id)).toEqual([]);
  });

  it("gives every district a province and every province its canonical name", () => {
    for (const country of ["PK", "AF"] as const) {
      const provinces = gazetteer.provinces(country).map((p) => p.name);
      expect([...provinces].sort()).toEqual([...ADMIN1_NAMES[country]].sort());
      for (const d of gazetteer.districts(country)) {
        expect(ADMIN1_NAMES[country]).toContain(d.admin1);
        expect(gazetteer.admin1For(d)?.name).toBe(d.admin1);
      }
    }
  });

  it("has the expected number of districts per Pakistani province", () => {
    const expected: Record<string, [number, number]> = {
      "Khyber Pakhtunkhwa": [34, 40],
      Balochistan: [34, 40],
      Punjab: [36, 42],
      Sindh: [29, 31],
      "Islamabad Capital Territory": [1, 1],
      "Gilgit-Baltistan": [10, 14],
      "Azad Kashmir": [10, 10],
    };
    for (const [province, [min, max]] of Object.entries(expected)) {
      const count = gazetteer.districts("PK", province).length;
      expect(count, province).toBeGreaterThanOrEqual(min);
      expect(count, province).toBeLessThanOrEqual(max);
    }
    expect(gazetteer.districts("PK").length).toBeGreaterThanOrEqual(160);
  });

  it("has districts for every Afghan province and the conflict-heavy ones in full", () => {
    for (const province of ADMIN1_NAMES.AF) expect(gazetteer.districts("AF", province).length, province).toBeGreaterThan(4);
    const atLeast: Record<string, number> = {
      Nangarhar: 22, Kunar: 15, Khost: 13, Paktika: 19, Paktia: 14, Kandahar: 16, Helmand: 13, Zabul: 11,
      Ghazni: 19, Kabul: 15, Herat: 16, Kunduz: 7, Badakhshan: 28, Jowzjan: 11, Baghlan: 14, Logar: 7, Wardak: 9,
    };
    for (const [province, min] of Object.entries(atLeast))
      expect(gazetteer.districts("AF", province).length, province).toBeGreaterThanOrEqual(min);
  });

  it("keeps every written locality within reach of its district centre", () => {
    for (const e of written) {
      if (e.level !== "locality" || e.isRegion) continue;
      const district = gazetteer.admin2For(e);
      expect(district, e.id).toBeDefined();
      if (district) expect(haversineKm(e.lat, e.lon, district.lat, district.lon), e.id).toBeLessThan(200);
    }
  });

  it("maps every town to a district of its own country", () => {
    const towns = (townsData as CodebookFile<TownEntry>).entries;
    expect(towns.length).toBeGreaterThan(700);
    const outside = towns.filter((t) => {
      const b = BOUNDS[t.country];
      return t.lat < b.minLat || t.lat > b.maxLat || t.lon < b.minLon || t.lon > b.maxLon;
    });
    expect(outside.map((t) => t.name)).toEqual([]);
    for (const town of towns) {
      const district = gazetteer.lookup(town.admin2).find((e) => e.level === "admin2" && e.admin1 === town.admin1);
      expect(district?.country, town.name).toBe(town.country);
    }
  });
});

describe("lookup and resolve", () => {
  it("resolves the spellings news reports use", () => {
    const diKhan = gazetteer.resolve("D.I. Khan");
    expect(diKhan?.name).toBe("Dera Ismail Khan");
    expect(diKhan?.admin1).toBe("Khyber Pakhtunkhwa");
    expect(gazetteer.resolve("DIK")?.name).toBe("Dera Ismail Khan");
    for (const alias of ["KPK", "KP", "NWFP", "Pakhtunkhwa", "Khyber-Pakhtunkhwa"])
      expect(gazetteer.resolve(alias)?.name, alias).toBe("Khyber Pakhtunkhwa");
    expect(gazetteer.resolve("Baluchistan")?.name).toBe("Balochistan");
    expect(gazetteer.resolve("AJK")?.name).toBe("Azad Kashmir");
    expect(gazetteer.resolve("G-B")?.name).toBe("Gilgit-Baltistan");
    expect(gazetteer.resolve("ICT")?.name).toBe("Islamabad Capital Territory");
    expect(gazetteer.resolve("Kandahār")?.name).toBe("Kandahar");
    expect(gazetteer.resolve("Kandahār")?.level).toBe("admin1");
    expect(gazetteer.resolve("Paktiya")?.name).toBe("Paktia");
    expect(gazetteer.resolve("Maidan Wardak")?.name).toBe("Wardak");
    expect(gazetteer.resolve("Hilmand")?.name).toBe("Helmand");
  });

  it("maps former FATA agencies and frontier regions to the districts they became", () => {
    const nwa = gazetteer.resolve("North Waziristan Agency");
    expect(nwa?.name).toBe("North Waziristan");
    expect(nwa?.level).toBe("admin2");
    expect(gazetteer.resolve("Khyber Agency")?.name).toBe("Khyber");
    expect(gazetteer.resolve("Frontier Region Bannu")?.name).toBe("Bannu");
    expect(gazetteer.resolve("South Waziristan")?.isFormer).toBe(true);
  });

  it("resolves localities to their district and province", () => {
    const miranshah = gazetteer.resolve("Miranshah");
    expect(miranshah?.level).toBe("locality");
    expect(miranshah?.admin2).toBe("North Waziristan");
    expect(miranshah && gazetteer.admin1For(miranshah)?.name).toBe("Khyber Pakhtunkhwa");
    expect(miranshah && gazetteer.admin2For(miranshah)?.name).toBe("North Waziristan");
    expect(gazetteer.resolve("Wana")?.admin2).toBe("Lower South Waziristan");
    expect(gazetteer.resolve("Parachinar")?.admin2).toBe("Kurram");
    expect(gazetteer.resolve("Turbat")?.admin2).toBe("Kech");
    const spinBoldak = gazetteer.resolve("Spin Boldak");
    expect(spinBoldak?.admin1).toBe("Kandahar");
    expect(spinBoldak?.country).toBe("AF");
  });

  it("ranks provinces before districts before localities unless told otherwise", () => {
    expect(gazetteer.lookup("Kandahar").map((e) => e.level)).toEqual(["admin1", "admin2"]);
    const chaman = gazetteer.lookup("Chaman");
    expect(chaman[0]?.level).toBe("admin2");
    expect(chaman.some((e) => e.level === "locality")).toBe(true);
    expect(gazetteer.lookup("Chaman", { levels: ["locality", "admin2"] })[0]?.level).toBe("locality");
  });

  it("names the district a report of its date would use, before and after a split", () => {
    const wana = gazetteer.resolve("Wana");
    expect(wana && gazetteer.admin2At(wana, "2021-11-26")).toBe("South Waziristan");
    expect(wana && gazetteer.admin2At(wana, "2024-03")).toBe("Lower South Waziristan");
    expect(wana && gazetteer.admin2At(wana)).toBe("Lower South Waziristan");
    const chaman = gazetteer.lookup("Chaman", { levels: ["locality"] })[0];
    expect(chaman && gazetteer.admin2At(chaman, "2019")).toBe("Killa Abdullah");
    const miranshah = gazetteer.resolve("Miranshah");
    expect(miranshah && gazetteer.admin2At(miranshah, "2010")).toBe("North Waziristan");
    expect(gazetteer.resolve("Chitral")?.name).toBe("Chitral");
  });

  it("uses the hint to choose between places of the same name", () => {
    expect(gazetteer.resolve("Musa Khel", { country: "AF" })?.admin1).toBe("Khost");
    expect(gazetteer.resolve("Musakhel", { country: "PK" })?.admin1).toBe("Balochistan");
    expect(gazetteer.resolve("Arghandab", { admin1: "Zabul" })?.admin1).toBe("Zabul");
    expect(gazetteer.resolve("Arghandab", { admin1: "Kandahār" })?.admin1).toBe("Kandahar");
    expect(gazetteer.resolve("Torkham", { country: "AF" })?.country).toBe("AF");
    expect(gazetteer.resolve("Torkham", { country: "PK" })?.country).toBe("PK");
  });

  it("marks names that are also common words as ambiguous", () => {
    expect(gazetteer.resolve("Tank")?.isAmbiguous).toBe(true);
    expect(gazetteer.resolve("Khyber")?.isAmbiguous).toBe(true);
    expect(gazetteer.resolve("Bannu")?.isAmbiguous).toBeFalsy();
    expect(gazetteer.isAmbiguous("Khyber")).toBe(true);
    expect(gazetteer.isAmbiguous("Khyber Agency")).toBe(false);
    expect(gazetteer.isAmbiguous("Lakki")).toBe(true);
    expect(gazetteer.isAmbiguous("Lakki Marwat")).toBe(false);
    expect(gazetteer.isAmbiguous("Mir Ali")).toBe(true);
    expect(gazetteer.isAmbiguous("North Waziristan")).toBe(false);
  });

  it("returns nothing for unknown names", () => {
    expect(gazetteer.lookup("Atlantis")).toEqual([]);
    expect(gazetteer.resolve("Atlantis", { country: "PK" })).toBeUndefined();
  });
});

describe("hierarchy and geometry", () => {
  it("lists districts by country and province alias", () => {
    const kp = gazetteer.districts("PK", "KPK");
    expect(kp.map((d) => d.name)).toContain("North Waziristan");
    expect(kp.map((d) => d.name)).not.toContain("South Waziristan");
    expect(gazetteer.districts("AF", "Kandahār").map((d) => d.name)).toContain("Spin Boldak");
  });

  it("finds the nearest district centre", () => {
    expect(gazetteer.nearestDistrict(33.0, 70.07)?.name).toBe("North Waziristan");
    expect(gazetteer.nearestDistrict(31.6, 65.7, "AF")?.name).toBe("Kandahar");
    expect(gazetteer.nearestDistrict(34.0, 71.0, "AF")?.country).toBe("AF");
  });

  it("measures distance to the Durand Line", () => {
    const torkham = gazetteer.resolve("Torkham", { country: "PK" });
    const chaman = gazetteer.lookup("Chaman", { levels: ["locality"] })[0];
    expect(torkham && gazetteer.distanceToBorderKm(torkham.lat, torkham.lon)).toBeLessThan(15);
    expect(chaman && gazetteer.distanceToBorderKm(chaman.lat, chaman.lon)).toBeLessThan(15);
    const lahore = gazetteer.resolve("Lahore");
    expect(lahore && gazetteer.distanceToBorderKm(lahore.lat, lahore.lon)).toBeGreaterThan(200);
    const kabul = gazetteer.resolve("Kabul");
    expect(kabul && gazetteer.distanceToBorderKm(kabul.lat, kabul.lon)).toBeGreaterThan(80);
  });

  it("measures distance to a segment, not only to its vertices", () => {
    const line = [[70, 30], [72, 30]] as const;
    expect(distanceToPolylineKm(30.1, 71, line)).toBeCloseTo(11.1, 0);
    expect(distanceToPolylineKm(30, 73, line)).toBeCloseTo(96.3, 0);
  });
});

describe("names for text scanners", () => {
  it("yields every alias, longest first, with the places it may mean", () => {
    const names = [...gazetteer.names()];
    const keys = names.map(([key]) => key);
    expect(keys).toContain("north waziristan");
    expect(keys).toContain("waziristan");
    expect(keys.indexOf("north waziristan")).toBeLessThan(keys.indexOf("waziristan"));
    for (let i = 1; i < keys.length; i++) expect((keys[i - 1] ?? "").length).toBeGreaterThanOrEqual((keys[i] ?? "").length);
    const diKhan = names.find(([key]) => key === "di khan")?.[1];
    expect(diKhan?.[0]?.name).toBe("Dera Ismail Khan");
  });

  it("works over a custom set of places", () => {
    const small = createGazetteer(written.filter((e) => e.country === "PK"));
    expect(small.lookup("Kandahar")).toEqual([]);
    expect(small.resolve("KPK")?.name).toBe("Khyber Pakhtunkhwa");
  });
});

describe("places in gold annotations", () => {
  const goldDirs = [
    new URL("../../test-fixtures/extraction-dev/gold/", import.meta.url),
    new URL("../../../shared/dev/gold/", import.meta.url),
  ].filter((dir) => existsSync(dir));
  const events = goldDirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((file) => file.endsWith(".json"))
      .flatMap((file) => {
        const doc = JSON.parse(readFileSync(new URL(file, dir), "utf8")) as {
          events?: { country: string | null; admin1: string | null; admin2: string | null }[];
        };
        return (doc.events ?? []).map((event) => ({ file, ...event }));
      }),
  );

  it.skipIf(events.length === 0)("knows every province and district the gold annotations name", () => {
    for (const event of events) {
      if (event.country !== "PK" && event.country !== "AF") continue;
      if (event.admin1 !== null) {
        const province = gazetteer.resolve(event.admin1, { country: event.country });
        expect(province?.level, `${event.file}: ${event.admin1}`).toBe("admin1");
        expect(province?.name, `${event.file}: ${event.admin1}`).toBe(event.admin1);
      }
      if (event.admin2 !== null) {
        const district = gazetteer
          .lookup(event.admin2)
          .find((e) => e.level === "admin2" && e.country === event.country && e.admin1 === event.admin1);
        expect(district, `${event.file}: ${event.admin2}, ${event.admin1}`).toBeDefined();
      }
    }
  });
});
