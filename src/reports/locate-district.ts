import { defaultGazetteer, normalizePlaceName, type Gazetteer } from "../codebook/gazetteer.ts";
import type { LocateDistrict } from "./build-report.ts";

/** District coordinates from the gazetteer (its district centres), matched by name or alias within the province. */
export function createDistrictLocator(gazetteer: Gazetteer = defaultGazetteer()): LocateDistrict {
  const cache = new Map<string, { latitude: number; longitude: number } | undefined>();
  return (country, admin1, admin2) => {
    const key = `${country ?? ""}|${admin1 ?? ""}|${admin2}`;
    if (cache.has(key)) return cache.get(key);
    const wanted = normalizePlaceName(admin2);
    const candidates = gazetteer.districts(country ?? undefined, admin1 ?? undefined);
    let entry = candidates.find((district) => normalizePlaceName(district.name) === wanted || district.aliases.some((alias) => normalizePlaceName(alias) === wanted));
    if (!entry) {
      const resolved = gazetteer.resolve(admin2, { country, admin1 });
      entry = resolved?.level === "admin2" ? resolved : undefined;
    }
    const place = entry ? { latitude: entry.lat, longitude: entry.lon } : undefined;
    cache.set(key, place);
    return place;
  };
}
