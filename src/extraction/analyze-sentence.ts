/**
 * Reads one sentence (or clause) into a frame: its casualty mentions, dates, places, actors, weapons,
 * incident-type cues and discourse cues. Frames are what event assembly links together.
 */
import type { PlaceEntry, WeaponCategory } from "../codebook/codebook-types.ts";
import { findCasualties, type CasualtyMention } from "./casualty-grammar.ts";
import type { CodebookScanners } from "./extraction-codebook.ts";
import type { ExtractedEventType } from "./extraction-types.ts";
import { accidentCue, aggregateCue, continuationCue, irrealisCue, newIncidentCue, typeCues } from "./incident-cues.ts";
import { keyTokens, type KeyToken, type PhraseMatch } from "./phrase-scanner.ts";
import { findDates, type DateMention, type PartialDate } from "./resolve-date.ts";
import { tokenize, type Token } from "./tokenize.ts";

export interface PlaceHit {
  entry: PlaceEntry;
  name: string;
  from: number;
  to: number;
  /** Character offsets in the document. */
  start: number;
  end: number;
  /** The report's dateline ("PESHAWAR:"): where it was filed, weak evidence of where it happened. */
  isDateline: boolean;
  /** Not where the incident happened: a destination, origin or the government named by its capital. */
  isIncidental: boolean;
}

export interface ActorHit {
  alias: string;
  from: number;
  to: number;
}

export interface SentenceFrame {
  index: number;
  start: number;
  end: number;
  paragraph: number;
  isParagraphStart: boolean;
  /** Normalised text of the sentence. */
  text: string;
  tokens: Token[];
  casualties: CasualtyMention[];
  dates: DateMention[];
  places: PlaceHit[];
  actors: ActorHit[];
  weapons: Set<WeaponCategory>;
  typeScores: Map<ExtractedEventType, number>;
  isNewIncident: boolean;
  isContinuation: boolean;
  isAggregate: boolean;
  isIrrealis: boolean;
  isAccident: boolean;
}

const placeContextBefore = new Set(["in", "at", "near", "of", "from", "across", "outside", "inside", "into", "on"]);
const placeContextAfter = new Set(["district", "area", "tehsil", "province", "city", "agency", "village", "town", "region", "valley", "border", "bazaar", "market", "division"]);
/** Capitalised words that may stand before a place name without making it part of a person's name. */
const placePrefixWords = new Set(["in", "at", "upper", "lower", "north", "south", "east", "west", "central", "greater", "district", "tehsil", "province", "city", "of", "and", "near", "from", "to", "the", "eastern", "western", "northern", "southern", "northwestern", "southwestern", "northeastern", "southeastern", "restive", "neighbouring", "neighboring", "pakistan", "afghanistan", "on", "across", "inside", "outside", "while", "but", "when", "after", "before", "during", "meanwhile", "separately", "earlier", "later", "today", "yesterday", "officials", "police", "residents", "kp", "balochistan", "punjab", "sindh", "frontier", "tribal", "agency", "areas", "area", "village"]);
/** Words the gazetteer may list as places but that are almost always something else in reports. */
const nonPlaceWords = new Set(["march", "may", "june", "july", "august", "april", "january", "february", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "police", "levies", "tip", "us", "a", "i", "is"]);
const incidentalBefore = new Set(["to", "towards", "toward", "via"]);
const governmentSeats = new Set(["islamabad", "kabul", "tehran", "washington", "new delhi", "delhi", "beijing", "moscow", "doha", "istanbul", "ankara"]);
const verbsAfterSeat = /^(?:'s|has|have|had|said|says|urged|claims|claimed|insists|insisted|rejected|refused|accused|wants|wanted|is|was|will|would|must|should|needs|expects|expected|fails|failed|and kabul|and islamabad|blames|blamed|denies|denied|responded|warned|asked|demanded|agreed)\b/;

const weaponHint = /suicide|borne|bomb|laden|vbied|ied|explosi|mine|device|cooker|fire|gun|shot|shoot|sniper|rifle|weapon|arms|pistol|kalashnikov|ak-?47|grenade|rocket|rpg|mortar|drone|quadcopter|uav|unmanned|detonat|ammunition|rounds|bullet|cartridge|ammo|night[- ]vision|machine|anti-aircraft/;

/** Words that make a sentence statistical even when it names a day. */
const strongStatistic = /per ?cent|percent|\d+ ?pc\b|\d ?%|a total of|statistic|\breport\b|\bdata\b|figures|recorded \d|quarter|first half|second half/;

/** A news outlet cited for an incident ("according to a Geo TV report") is not a statistical report. */
const mediaReport = /\baccording to (?:a|an|the) [\w\s.'-]{0,30}?(?:tv|news|media|newspaper|channel|agency|wire|television|radio) reports?\b/g;

/** Weapon words the taxonomy may not list, or that need context ("suicide" + vehicle). */
function weaponCues(text: string, into: Set<WeaponCategory>): void {
  if (!weaponHint.test(text)) return;
  const vehicle = /\b(vehicle|car|truck|motorcycle|motorbike|bike|rickshaw)[- ](?:borne|bomb|laden)|\b(?:vbied|car bomb|vehicle[- ]borne|explosive[- ]laden (?:vehicle|car|truck)|small vehicle was used)\b/.test(text);
  if (/\bsuicide\b/.test(text)) into.add(vehicle ? "vbied" : "suicide_vest");
  else if (vehicle) into.add("vbied");
  if (/\b(ied|improvised explosive|roadside bomb|remote[- ]controlled (?:bomb|device)|magnetic (?:mine|bomb)|landmine|planted (?:a )?bomb|bomb (?:planted|fitted|attached)|pressure[- ]cooker|bomb blast|a bomb|the bomb)\b/.test(text) && !into.has("vbied")) into.add("ied");
  if (/\b(opened fire|open fire|indiscriminate (?:fire|firing)|gunmen|gunman|shot dead|gunned down|firing|shooting|sniper|automatic (?:rifles|weapons)|sophisticated weapons|small arms|pistols?|rifles?|kalashnikovs?|ak-?47s?|guns?)\b/.test(text)) into.add("small_arms");
  if (/\bgrenades?\b/.test(text) && !/rocket[- ]propelled grenade/.test(text)) into.add("grenade");
  if (/\b(rockets?|rocket[- ]propelled|rpgs?|rocket launchers?)\b/.test(text)) into.add("rocket");
  if (/\bmortars?\b/.test(text)) into.add("mortar");
  if (/\b(drones?|quadcopters?|uavs?|unmanned aerial)\b/.test(text)) into.add("drone");
  if (/\b(explosives?|explosive material|detonators?|bomb-making)\b/.test(text) && !/improvised explosive/.test(text.replace(/explosives?\b(?! device)/g, ""))) into.add("explosives");
  if (/\b(ammunition|rounds|bullets|cartridges|ammo)\b/.test(text)) into.add("ammunition");
  if (/\bnight[- ]vision\b/.test(text)) into.add("night_vision");
  if (/\b(heavy (?:and light )?weapons|light weapons|machine guns?|heavy machine|anti-aircraft)\b/.test(text)) into.add("light_weapons");
}

const directionWords = new Set(["north", "south", "east", "west", "upper", "lower", "central"]);

/**
 * "North and South Waziristan", "Upper and Lower Dir": the first direction names a place of its own, whose
 * name the text leaves to the second. Adds that place, spanning the first direction word.
 */
function withElidedPlaces(matches: Array<PhraseMatch<PlaceEntry>>, keys: readonly KeyToken[], scanners: CodebookScanners): Array<PhraseMatch<PlaceEntry>> {
  let added: Array<PhraseMatch<PlaceEntry>> | undefined;
  for (let i = 0; i + 3 < keys.length; i++) {
    if (!directionWords.has(keys[i]!.key) || keys[i + 1]!.key !== "and" || !directionWords.has(keys[i + 2]!.key)) continue;
    const second = matches.find((m) => m.from === keys[i + 2]!.from);
    if (second === undefined) continue;
    const rest = keys.filter((k) => k.from > keys[i + 2]!.from && k.to <= second.to);
    const found = scanners.places.scan([keys[i]!, ...rest]).find((m) => m.from === keys[i]!.from && m.to === second.to);
    if (found === undefined) continue;
    (added ??= []).push({ ...found, to: keys[i]!.to });
  }
  return added === undefined ? matches : [...matches, ...added].sort((a, b) => a.from - b.from);
}

/** Words between a locality and the place that contains it: "area of", "Bazaar area in", ", … district". */
const containerGap = /^(?: [a-z]+)? (?:area|village|town|locality|tehsil|sub-?division|neighbou?rhood|mohalla|bazaar|market|valley|region|suburbs?|outskirts) (?:of|in) (?:the )?$/;

/**
 * The place a match lies in by the words that follow it ("Bagh area of Khyber district", "Datta Khel,
 * North Waziristan District"): the district or province entries of the next match, or undefined.
 */
function containerOf(match: PhraseMatch<PlaceEntry>, next: PhraseMatch<PlaceEntry> | undefined, tokens: readonly Token[], normalized: string): PlaceEntry[] | undefined {
  if (next === undefined || next.from <= match.from) return undefined;
  const gap = normalized.slice(tokens[match.to - 1]!.end, tokens[next.from]!.start);
  const afterNext = normalized.slice(tokens[next.to - 1]!.end, tokens[next.to - 1]!.end + 12);
  const isApposition = /^, (?:in )?$/.test(gap) && /^ (?:district|province)\b(?!s)/.test(afterNext);
  if (!containerGap.test(gap) && !isApposition) return undefined;
  const levels = next.values.filter((v) => v.level === "admin1" || v.level === "admin2" || (v.level === "locality" && !v.isAmbiguous));
  return levels.length > 0 ? levels : undefined;
}

/** Whether `place` lies in `container` (a district or province). */
function liesIn(place: PlaceEntry, container: PlaceEntry): boolean {
  if (place.country !== container.country || place === container) return false;
  if (container.level === "admin1") return place.admin1 === container.name;
  if (container.level === "admin2") return place.level === "locality" && place.admin2 === container.name;
  // "the Maidan area of Tirah valley": a locality inside another lies in the same district.
  if (container.level === "locality") return place.level === "locality" && container.admin2 !== null && place.admin2 === container.admin2;
  return false;
}

/** Builds the frame of the sentence text[start, end). */
export function analyzeSentence(
  originalText: string,
  normalizedDocument: string,
  start: number,
  end: number,
  meta: { index: number; paragraph: number; isParagraphStart: boolean; preferredCountry?: string; dates?: DateMention[] | undefined },
  scanners: CodebookScanners,
  published: PartialDate | undefined,
): SentenceFrame {
  const text = normalizedDocument.slice(start, end);
  const tokens = tokenize(normalizedDocument, start, end);
  const keys = keyTokens(tokens);
  const casualties = findCasualties(tokens);
  // The caller may have found this span's dates already (extract-document's clause split reads them).
  const dates = meta.dates ?? findDates(text, published);

  const actors: ActorHit[] = scanners.actors
    .scan(keys)
    .filter((m) => {
      const written = originalText.slice(tokens[m.from]!.start, tokens[m.to - 1]!.end);
      // A short acronym ("TIP", "BLA") must be written in capitals; "tip" and "bla" are words.
      if (/^[a-z]{2,4}$/i.test(written) && written !== written.toUpperCase()) return false;
      return true;
    })
    .map((m) => ({ alias: m.name, from: m.from, to: m.to }));
  const covered = (from: number, to: number): boolean => actors.some((a) => from < a.to && to > a.from);

  const places: PlaceHit[] = [];
  const placeMatches = withElidedPlaces(scanners.places.scan(keys), keys, scanners);
  const placeStarts = new Set<number>();
  for (const m of placeMatches) for (let k = m.from; k < m.to; k++) placeStarts.add(k);
  const provincesNamedBy = (except: number): Set<string> =>
    new Set(placeMatches.filter((m, i) => i !== except && m.values.some((v) => v.level === "admin1")).map((m) => m.values.find((v) => v.level === "admin1")!.name));
  const countriesNamed = new Set(placeMatches.filter((m) => m.values[0]!.level === "country").map((m) => m.values[0]!.country));
  for (const [matchIndex, match] of placeMatches.entries()) {
    // Same name in several provinces (Baharak, Nawa): prefer the one in a province the sentence names.
    const provincesNamed = provincesNamedBy(matchIndex);
    const possessive = normalizedDocument.slice(tokens[match.to - 1]!.end - 2, tokens[match.to - 1]!.end) === "'s" && placeMatches[matchIndex + 1]?.from === match.to;
    // "Spin Boldak district of Kandahar": a name that is both a province and a district is the province
    // when another place in the sentence lies in that province.
    const provinceOfOther = match.values.find((v) => v.level === "admin1" && placeMatches.some((m, i) => i !== matchIndex && m.values.some((o) => o.level !== "admin1" && o.level !== "country" && o.admin1 === v.name && o.name !== v.name)));
    // A provincial capital written bare ("in Kabul", "Herat city") is the district; "Kabul province" the province.
    const afterWords = normalizedDocument.slice(tokens[match.to - 1]!.end, tokens[match.to - 1]!.end + 12);
    const isProvinceWord = /^\s*(?:province|provincial)\b/.test(afterWords) || /\bprovinces? of $/.test(text.slice(0, tokens[match.from]!.start - start));
    const capitalDistrict =
      !possessive && provinceOfOther === undefined && !isProvinceWord && match.values.some((v) => v.level === "admin1")
        ? match.values.find((v) => v.level === "admin2" && v.name === match.values.find((a) => a.level === "admin1")!.name)
        : undefined;
    // "Mastung's Dasht area": a place after a possessive lies inside it; a namesake elsewhere is not meant.
    const owner = matchIndex > 0 ? placeMatches[matchIndex - 1]! : undefined;
    const ownerIsPossessive = owner !== undefined && owner.to === match.from && normalizedDocument.slice(tokens[owner.to - 1]!.end - 2, tokens[owner.to - 1]!.end) === "'s";
    if (ownerIsPossessive && !match.values.some((v) => owner.values.some((o) => (o.level === "admin1" ? v.admin1 === o.name : v.admin2 !== null && v.admin2 === o.admin2)))) continue;
    // "the Bagh area of Khyber district", "Khyber Bazaar in Peshawar": a locality inside the place named
    // next; a namesake elsewhere is not meant, and with none inside, the container stands for the place.
    const container = containerOf(match, placeMatches[matchIndex + 1], tokens, normalizedDocument);
    let inside: PlaceEntry | undefined;
    if (container !== undefined) {
      inside = match.values.find((v) => v.level !== "country" && v.level !== "admin1" && container.some((c) => liesIn(v, c)));
      if (inside === undefined && match.values.every((v) => v.level !== "country" && !container.some((c) => liesIn(v, c) || liesIn(c, v)))) continue;
    }
    const entry =
      inside ??
      (possessive || isProvinceWord ? match.values.find((v) => v.level === "admin1") : undefined) ??
      provinceOfOther ??
      capitalDistrict ??
      match.values.find((v) => v.level !== "admin1" && v.admin1 !== null && provincesNamed.has(v.admin1)) ??
      (countriesNamed.size === 1 ? match.values.find((v) => countriesNamed.has(v.country)) : undefined) ??
      (meta.preferredCountry !== undefined ? match.values.find((v) => v.country === meta.preferredCountry) : undefined) ??
      match.values[0]!;
    if (covered(match.from, match.to) && entry.level !== "country") continue;
    const before = tokens[match.from - 1]?.norm;
    const after = tokens[match.to]?.norm;
    const endsDateline = (w: string | undefined): boolean => w === ":" || w === "," || w === "(" || w === "-" || w === "—";
    // "HERAT/ TALUQAN (SW) –": a dateline may name two places.
    const nextMatch = placeMatches[matchIndex + 1];
    const sharedDateline = after === "/" && nextMatch !== undefined && nextMatch.from === match.to + 1 && endsDateline(tokens[nextMatch.to]?.norm);
    const previousPlace = places[places.length - 1];
    const secondOfDateline = previousPlace !== undefined && previousPlace.isDateline && previousPlace.to + 1 === match.from && before === "/" && endsDateline(after);
    const isDateline = meta.isParagraphStart && (((match.from === 0 || (match.from === 1 && !tokens[0]!.isWord)) && (endsDateline(after) || sharedDateline)) || secondOfDateline);
    if (entry.isAmbiguous && !/\b(?:district|tehsil|province|agency)\b/i.test(match.name) && !isDateline && !(before !== undefined && placeContextBefore.has(before)) && !(after !== undefined && placeContextAfter.has(after))) continue;
    // "the Shal area, Kunar's director said": a name shared with a place in another country, beside a place in this one, is local.
    const isAmbiguousName = entry.isAmbiguous === true || (entry.ambiguousAliases ?? []).some((alias) => alias.toLowerCase() === match.name.toLowerCase());
    if (isAmbiguousName && !isDateline && placeMatches.some((m, i) => i !== matchIndex && m.values.every((v) => v.level !== "country" && !v.isAmbiguous && v.country !== entry.country))) continue;
    const written = originalText.slice(tokens[match.from]!.start, tokens[match.to - 1]!.end);
    // "Kabul Bank", "Quetta Press Club", "Jaffar Express": a name, not a place.
    const nextWritten = tokens[match.to] === undefined ? "" : originalText.slice(tokens[match.to]!.start, tokens[match.to]!.end);
    if (/^(?:Bank|Hospital|University|College|Airport|Stadium|Club|Press|Express|Jail|Prison|Hotel|Mall|Chamber|Gymkhana|Cantonment|Medical|Institute|Museum|Zoo|Highway|Motorway)$/.test(nextWritten)) continue;
    if (!/[A-Z]/.test(written) || nonPlaceWords.has(written.toLowerCase())) continue;
    const previous = tokens[match.from - 1];
    if (previous !== undefined && previous.isWord && !previous.isNumber && match.from > 0) {
      const prevWritten = originalText.slice(previous.start, previous.end);
      const isSentenceStart = match.from - 1 === 0 || tokens[match.from - 2]?.norm === ":" || tokens[match.from - 2]?.norm === '"';
      if (/^[A-Z]/.test(prevWritten) && !isSentenceStart && !placePrefixWords.has(previous.norm) && !covered(match.from - 1, match.from) && !placeStarts.has(match.from - 1)) continue;
    }
    // "Sistan-Baluchestan": the second half of another compound name, not the place it spells.
    const joined = tokens[match.from - 2];
    if (previous?.norm === "-" && previous.end === tokens[match.from]!.start && joined !== undefined && joined.isWord && !joined.isNumber && joined.end === previous.start && /^[A-Z]/.test(originalText.slice(joined.start, joined.end)) && !placePrefixWords.has(joined.norm) && !placeStarts.has(match.from - 2)) continue;
    const lowerName = match.name.toLowerCase();
    const rawAfter = normalizedDocument.slice(tokens[match.to - 1]!.end - 2, tokens[match.to - 1]!.end + 24);
    const isSeat = governmentSeats.has(lowerName) && (verbsAfterSeat.test(rawAfter.slice(2).trimStart()) || rawAfter.startsWith("'s"));
    const beforeText = text.slice(0, tokens[match.from]!.start - start);
    const lowerNameEarly = match.name.toLowerCase();
    const isRoute = /\b(?:between|from)(?: the)?(?: \w+)?(?: and| to)? $/.test(beforeText) || (/\bbetween (?:the )?[\w' -]+ and $/.test(beforeText) && beforeText.length - beforeText.lastIndexOf("between") < 40);
    const isOrigin = /\b(?:(?:carried out|fired|launched|came|coming|originat(?:ed|ing)|operating|infiltrat(?:ed|ing)) from(?: across)?(?: the)?(?: \w+)? |residents? of|native of|hailing from|hails from|belonged to|belonging to|belongs to|hometown(?: of)?|home town|domiciled in|resident of district|belonged to the)(?: the)?(?: district)? $/.test(beforeText);
    const isDestination = isOrigin || /\b(?:bound|headed|heading|left|leaving|departed|travelling|traveling|en route) for $/.test(beforeText);
    const isTreatment = isDestination || /\b(?:died|succumbed|hospitali[sz]ed|treated|treatment|hospitals?|shifted|transferred|taken|airlifted|moved|rushed|referred|evacuated)(?: \w+){0,3} (?:in|to) $/.test(beforeText);
    const seatPhrase = isRoute || isTreatment || /\b(?:government|authorities|regime|rulers|administration|leadership|talks|meeting) in $/.test(beforeText) || (governmentSeats.has(lowerNameEarly) && /\b(?:embassy|mission|delegation|envoy|ambassador|officials|spokesman|spokesperson) in $/.test(beforeText));
    const speakerPlace = seatPhrase || after !== undefined && /^(said|says|confirmed|told|announced|stated|reported|added)$/.test(after);
    // "a Quetta-based newspaper", "Karachi-born": an attribute of something, not where the incident was.
    const isAttribute = /^-(?:based|born|bound|registered|headquartered|origin)\b/.test(rawAfter.slice(2));
    const isIncidental = isSeat || speakerPlace || isAttribute || (before !== undefined && incidentalBefore.has(before)) || (before === "from" && entry.level !== "country" && /\b(travel|bound|coming|going|way|route|en route)/.test(text));
    const last = places[places.length - 1];
    const followsIncidental = last !== undefined && last.isIncidental && match.from - last.to <= 1 && (match.from === last.to || tokens[last.to]?.norm === "in" || tokens[last.to]?.norm === ",");
    places.push({ entry, name: match.name, from: match.from, to: match.to, start: tokens[match.from]!.start, end: tokens[match.to - 1]!.end, isDateline, isIncidental: isIncidental || followsIncidental });
  }

  const weapons = new Set<WeaponCategory>();
  for (const match of scanners.weapons.scan(keys)) for (const category of match.values) weapons.add(category);
  weaponCues(text, weapons);

  const typeScores = new Map<ExtractedEventType, number>();
  const mentionsArms = weapons.size > 0 || /\b(arms|weapons|ammunition|cache|explosives?|arsenal)\b/.test(text);
  for (const cue of typeCues) {
    if (cue.type === "weapons_seizure" && !mentionsArms) continue;
    if (cue.re.test(text)) typeScores.set(cue.type, Math.max(typeScores.get(cue.type) ?? 0, cue.weight));
  }

  return {
    index: meta.index,
    start,
    end,
    paragraph: meta.paragraph,
    isParagraphStart: meta.isParagraphStart,
    text,
    tokens,
    casualties,
    dates,
    places,
    actors,
    weapons,
    typeScores,
    isNewIncident: newIncidentCue.test(text),
    isContinuation: continuationCue.test(text),
    isAggregate: aggregateCue.test(text.replace(mediaReport, "")) && !(dates.some((d) => !d.isReportDate && !d.isAnaphoric && d.date.day !== undefined) && !strongStatistic.test(text)),
    isIrrealis: irrealisCue.test(text),
    isAccident: accidentCue.test(text),
  };
}
