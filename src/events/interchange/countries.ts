/**
 * Countries armtrace's interchange formats may name, with the codes each format uses: ACLED writes the
 * English name and the ISO 3166-1 numeric code, GTD the English name, armtrace the alpha-2 code.
 */
export interface CountryCodes {
  alpha2: string;
  numeric: number;
  name: string;
  /** ACLED's region for the country. */
  acledRegion: string;
}

export const countries: readonly CountryCodes[] = [
  { alpha2: "PK", numeric: 586, name: "Pakistan", acledRegion: "Southern Asia" },
  { alpha2: "AF", numeric: 4, name: "Afghanistan", acledRegion: "Caucasus and Central Asia" },
  { alpha2: "IN", numeric: 356, name: "India", acledRegion: "Southern Asia" },
  { alpha2: "IR", numeric: 364, name: "Iran", acledRegion: "Middle East" },
  { alpha2: "CN", numeric: 156, name: "China", acledRegion: "East Asia" },
  { alpha2: "TJ", numeric: 762, name: "Tajikistan", acledRegion: "Caucasus and Central Asia" },
  { alpha2: "UZ", numeric: 860, name: "Uzbekistan", acledRegion: "Caucasus and Central Asia" },
  { alpha2: "TM", numeric: 795, name: "Turkmenistan", acledRegion: "Caucasus and Central Asia" },
];

const byName = new Map(countries.map((country) => [country.name.toLowerCase(), country]));
const byAlpha2 = new Map(countries.map((country) => [country.alpha2, country]));

/** The country with this English name (case-insensitive). */
export function countryByName(name: string): CountryCodes | undefined {
  return byName.get(name.trim().toLowerCase());
}

/** The country with this alpha-2 code. */
export function countryByAlpha2(code: string): CountryCodes | undefined {
  return byAlpha2.get(code);
}
