/**
 * The casualty grammar: finds "who was killed or injured, how many" in one sentence's tokens, in the ways
 * reports write it — passive ("two soldiers were martyred", "2x civilians embraced Shahadat"), active
 * ("killing six terrorists", "claimed the lives of four children"), coordinated ("a policeman and a
 * civilian were martyred and four other policemen injured"), totals with their parts ("12 killed,
 * including three policemen"), lists ("the casualties included …") and negations ("remained safe",
 * "no casualties").
 */
import {
  auxiliaryWords,
  casualtyHeads,
  categoryModifiers,
  clauseBreakers,
  genericDefaults,
  monthWords,
  nonCountUnits,
  outcomesByFirstWord,
  phraseBreakers,
  qualifierPhrases,
  type Outcome,
  type OutcomePhrase,
} from "./casualty-lexicon.ts";
import type { CasualtyCategory } from "./extraction-types.ts";
import { numberWordValue, parseNumberAt } from "./parse-number.ts";
import type { Token } from "./tokenize.ts";

export type Qualifier = "exact" | "at_least" | "approximately" | "at_most";

/** A counted group of people in a sentence, before its outcome is known. */
export interface CountedGroup {
  value: number | null;
  qualifier: Qualifier;
  category: CasualtyCategory;
  /** True when the phrase had no noun at all ("killing five"). */
  isBare: boolean;
  /** "others", "more": the rest of an earlier count. */
  isOthers: boolean;
  from: number;
  to: number;
  /** Index of the group this one is part of ("including three policemen"). */
  partOf: number | null;
  /** The phrase names the Taliban ("Taliban fighters"): their forces where they are the state. */
  namesTaliban?: boolean;
  /** "two other members": the category of the group named just before. */
  inheritsCategory?: boolean;
  /** The state whose people these are, where the phrase says ("Afghan soldiers" → AF): sides of a clash are counted apart. */
  side?: string;
  /** "were also wounded", "also killed three civilians": people added to those counted before. */
  isAlso?: boolean;
  /** "two more soldiers", "three more people": added to the same kind counted before. */
  isMore?: boolean;
  /** "Two passengers wounded in the attack died": counted among the injured before, now among the dead. */
  diedOfWounds?: boolean;
}

export interface CasualtyMention extends CountedGroup {
  outcome: Outcome;
}

interface OutcomeMatch {
  phrase: OutcomePhrase;
  from: number;
  to: number;
}

/** Words that open the object of an active verb ("wounded his son", "injured the driver"). */
const objectStarts = new Set(["his", "her", "their", "its", "the", "a", "an"]);

/** Verbs of saying: a group right before one is who speaks ("a police official said"). */
const speechVerbs = new Set(["said", "says", "told", "added", "confirmed", "stated", "explained", "noted", "reported", "tweeted", "wrote"]);

const beVerbs = new Set(["were", "was", "is", "are", "be", "been", "being", "got", "get", "gets", "have", "has", "had"]);

/** The outcome phrase starting at token i, if any (longest match). */
export function outcomeAt(tokens: readonly Token[], i: number): OutcomeMatch | undefined {
  const first = tokens[i]?.norm;
  if (first === undefined) return undefined;
  const candidates = outcomesByFirstWord.get(first);
  if (candidates === undefined) return undefined;
  for (const p of candidates) {
    let ok = true;
    for (let k = 1; k < p.words.length; k++) {
      if (tokens[i + k]?.norm !== p.words[k]) {
        ok = false;
        break;
      }
    }
    if (ok && p.words.length === 1 && p.words[0] === "dead" && /^(body|bodies)$/.test(tokens[i + 1]?.norm ?? "")) continue;
    // "the dead were three soldiers" lists the dead; "12 injured were brought in" does not.
    if (ok && p.words.length === 2 && (p.words[1] === "were" || p.words[1] === "are") && tokens[i - 1]?.norm !== "the") continue;
    if (ok) return { phrase: p, from: i, to: i + p.words.length };
  }
  return undefined;
}

/** The qualifier written just before token i ("at least", "nearly"), with where it starts. */
export function qualifierBefore(tokens: readonly Token[], i: number): { qualifier: Qualifier; from: number } {
  for (const q of qualifierPhrases) {
    const start = i - q.words.length;
    if (start < 0) continue;
    let ok = true;
    for (let k = 0; k < q.words.length; k++) {
      if (tokens[start + k]?.norm !== q.words[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return { qualifier: q.qualifier, from: start };
  }
  return { qualifier: "exact", from: i };
}

const isDayNumber = (tokens: readonly Token[], from: number, to: number): boolean => {
  const before = tokens[from - 1]?.norm;
  const after = tokens[to]?.norm;
  if (after !== undefined && (monthWords.has(after) || nonCountUnits.has(after))) return true;
  if (before !== undefined && monthWords.has(before)) return true;
  if (after === "-" && tokens[to + 1] !== undefined && nonCountUnits.has(tokens[to + 1]!.norm)) return true;
  if ((after === "/" || after === ":") && tokens[to + 1]?.isNumber) return true;
  if ((before === "/" || before === ":") && tokens[from - 2]?.isNumber) return true;
  const token = tokens[from]!;
  if (token.isNumber && /^(19|20)\d\d$/.test(token.norm)) return true;
  return false;
};

/** Where an active outcome ("shot dead", "killing") that ends just before token i starts, if one does. */
function activeOutcomeStartBefore(tokens: readonly Token[], i: number): number | undefined {
  for (let len = 4; len >= 1; len--) {
    const start = i - len;
    if (start < 0) continue;
    const match = outcomeAt(tokens, start);
    if (match !== undefined && match.to === i && match.phrase.voice !== "passive") return start;
  }
  return undefined;
}

/** "… was shot dead and his nephew injured": a passive outcome ("was shot dead") ends just before token i. */
function passiveOutcomeEndsAt(tokens: readonly Token[], i: number): boolean {
  for (let len = 4; len >= 1; len--) {
    const start = i - len;
    if (start < 1) continue;
    const match = outcomeAt(tokens, start);
    if (match !== undefined && match.to === i && match.phrase.voice !== "active" && beVerbs.has(tokens[start - 1]!.norm)) return true;
  }
  return false;
}

/** True when an active outcome ("shot dead", "killing") stands just before token i. */
function isActiveOutcomeBefore(tokens: readonly Token[], i: number): boolean {
  return activeOutcomeStartBefore(tokens, i) !== undefined;
}

/** Vehicles and buildings named after the people they carry or house ("passenger bus", "police van"). */
const peopleCarriers = new Set(["bus", "buses", "coach", "coaches", "van", "vans", "vehicle", "vehicles", "train", "convoy", "truck", "trucks", "station", "hostel", "camp", "picket", "checkpost", "post", "posts", "mobile", "wagon", "boat", "plane", "aircraft", "helicopter", "quarters", "colony", "barracks"]);

/** True when the token was written with "'s" ("the front's"), which the tokenizer keeps out of its norm. */
const isPossessive = (token: Token | undefined): boolean => token !== undefined && token.isWord && token.end - token.start === token.norm.length + 2;

/** True when `word` names people of a kind ("policemen") or says whose they are ("police officers", "FC personnel"). */
function namesPeople(word: string | undefined): boolean {
  if (word === undefined) return false;
  const head = casualtyHeads.get(word);
  return (head !== undefined && head !== "generic") || categoryModifiers.has(word);
}

/** Reads the noun phrase after a number; undefined when it is not a group of people. */
function readGroup(tokens: readonly Token[], numberFrom: number, numberTo: number, isArticle: boolean): Omit<CountedGroup, "value" | "qualifier" | "partOf"> | undefined {
  if (!isArticle && isDayNumber(tokens, numberFrom, numberTo)) return undefined;
  let j = numberTo;
  // "14 out of a total of 30 kidnapped passengers"
  if (tokens[j]?.norm === "out" && tokens[j + 1]?.norm === "of") {
    let k = j + 2;
    while (k < tokens.length && k < j + 8 && !tokens[k]!.isNumber) k++;
    if (tokens[k]?.isNumber) j = k + 1;
  }
  // Partitive: "two of them", "eight of those killed" — part of a group counted elsewhere.
  if (tokens[j]?.norm === "of" && tokens[j + 1]?.norm === "the" && casualtyHeads.get(tokens[j + 2]?.norm ?? "") === "militants") {
    // "one of the attackers was also killed": a count of militants, not part of a total.
    return { category: "militants", isBare: false, isOthers: false, from: numberFrom, to: j + 3 };
  }
  // "killing five of the workers", "two of her children were hurt": a count of the people the phrase names.
  if (tokens[j]?.norm === "of" && /^(?:the|his|her)$/.test(tokens[j + 1]?.norm ?? "") && namesPeople(tokens[j + 2]?.norm)) j += 2;
  // "two of the front's own fighters": people of the one the possessive names.
  else if (tokens[j]?.norm === "of" && tokens[j + 1]?.norm === "the" && isPossessive(tokens[j + 2]) && namesPeople(tokens[tokens[j + 3]?.norm === "own" ? j + 4 : j + 3]?.norm)) j += tokens[j + 3]?.norm === "own" ? 4 : 3;
  // "two more of the people wounded …": more of the people the phrase names.
  else if (tokens[j]?.norm === "more" && tokens[j + 1]?.norm === "of" && tokens[j + 2]?.norm === "the" && namesPeople(tokens[j + 3]?.norm)) j += 3;
  if (tokens[j]?.norm === "of") {
    const next = tokens[j + 1]?.norm;
    if ((next === "them" || next === "these") && isActiveOutcomeBefore(tokens, numberFrom)) {
      // "… offloaded passengers and shot dead 11 of them": a count of the people named before.
      // The verb's subject ("troops killed eight of them") did the killing: it is not who "them" are.
      let k = activeOutcomeStartBefore(tokens, numberFrom)! - 1;
      let agent: CasualtyCategory | undefined;
      while (k >= 0 && (casualtyHeads.has(tokens[k]!.norm) || categoryModifiers.has(tokens[k]!.norm) || auxiliaryWords.has(tokens[k]!.norm))) {
        const head = casualtyHeads.get(tokens[k]!.norm);
        agent ??= head === "generic" ? genericDefaults.get(tokens[k]!.norm) ?? categoryModifiers.get(tokens[k - 1]?.norm ?? "") : head ?? categoryModifiers.get(tokens[k]!.norm);
        k--;
      }
      // With no antecedent in the sentence, those whom the forces killed are the attackers.
      let category: CasualtyCategory = agent === "security_forces" ? "militants" : "unknown";
      for (; k >= 0 && k >= numberFrom - 25; k--) {
        const head = casualtyHeads.get(tokens[k]!.norm);
        if (head !== undefined && head !== "generic" && head !== agent) {
          category = head;
          break;
        }
      }
      return { category, isBare: false, isOthers: false, from: numberFrom, to: j + 2 };
    }
    // "five people, two of them policemen, …": the part names its own people after "of them".
    const partitiveHead = (next === "them" || next === "whom") && namesPeople(tokens[j + 2]?.norm);
    if (partitiveHead) j += 2;
    else if (next === "them" || next === "those" || next === "whom" || next === "the" || next === "these" || next === "its" || next === "their" || next === "his" || next === "her" || next === "which") return undefined;
  }
  let headCategory: CasualtyCategory | undefined;
  let headIsGeneric = false;
  let genericDefault: CasualtyCategory | undefined;
  let modifierCategory: CasualtyCategory | undefined;
  let end = j;
  let isOthers = false;
  let sawHead = false;
  let inOfPhrase = false;
  for (let k = j; k < tokens.length && k < j + 10; k++) {
    const t = tokens[k]!;
    const w = t.norm;
    // An age or size inside the phrase: "a 20-year-old man", "a five-member family".
    if ((t.isNumber || numberWordValue(w) !== undefined) && tokens[k + 1]?.norm === "-" && tokens[k + 2] !== undefined && (nonCountUnits.has(tokens[k + 2]!.norm) || tokens[k + 2]!.norm === "member")) {
      k += 2;
      while (tokens[k + 1]?.norm === "-" && tokens[k + 2] !== undefined && /^(old|long|strong)$/.test(tokens[k + 2]!.norm)) k += 2;
      continue;
    }
    if (w === "(") {
      let m = k + 1;
      while (m < tokens.length && tokens[m]!.norm !== ")" && m < k + 8) m++;
      if (tokens[m]?.norm === ")") {
        k = m;
        continue;
      }
      break;
    }
    if (w === "-" || w === "'" || w === "x") {
      // passers-by, sub-inspector, ex-servicemen
      if (tokens[k + 1]?.norm === "by" && sawHead) {
        end = k + 2;
        break;
      }
      continue;
    }
    const opensOfPhrase = w === "of" && (tokens[k - 1]?.norm === "sons" || tokens[k - 1]?.norm === "members" || tokens[k - 1]?.norm === "member" || tokens[k - 1]?.norm === "cadres" || tokens[k - 1]?.norm === "personnel" || tokens[k - 1]?.norm === "operatives");
    if (opensOfPhrase) {
      inOfPhrase = true;
      continue;
    }
    // "members of one family", "members of the same family": the family is who they were.
    if (inOfPhrase && /^(?:one|a|the|same|single|his|her|their)$/.test(w) && (categoryModifiers.has(tokens[k + 1]?.norm ?? "") || (/^(?:same|single)$/.test(tokens[k + 1]?.norm ?? "") && categoryModifiers.has(tokens[k + 2]?.norm ?? "")))) continue;
    if (phraseBreakers.has(w) && !(inOfPhrase && (w === "the" || w === "of"))) break;
    if (t.isNumber || numberWordValue(w) !== undefined) break;
    if (outcomeAt(tokens, k) !== undefined && !(casualtyHeads.has(w))) break;
    const head = casualtyHeads.get(w);
    // "two other GDI members": "other" qualifies the noun that follows.
    if (w === "other" && !sawHead && tokens[k + 1]?.isWord === true && !tokens[k + 1]!.isNumber && !phraseBreakers.has(tokens[k + 1]!.norm) && outcomeAt(tokens, k + 1) === undefined && !auxiliaryWords.has(tokens[k + 1]!.norm) && tokens[k + 1]!.norm !== "than") {
      isOthers = true;
      continue;
    }
    if (head !== undefined) {
      sawHead = true;
      end = k + 1;
      if (w === "others" || w === "other" || w === "more") isOthers = true;
      if (head === "generic") {
        headIsGeneric = true;
        genericDefault = genericDefaults.get(w);
        if (headCategory === undefined || headCategory === "unknown") headCategory = undefined;
      } else if (w === "sons" && tokens[k + 1]?.norm === "of" && tokens[k + 2]?.norm.startsWith("soil")) {
        headCategory = "security_forces";
        end = k + 3;
        break;
      } else if (head === "unknown" && headCategory !== undefined && headCategory !== "unknown") {
        // "family members": keep the stronger reading.
      } else {
        headCategory = head;
        headIsGeneric = false;
      }
      continue;
    }
    const modifier = categoryModifiers.get(w);
    if (modifier !== undefined) {
      if (sawHead && !headIsGeneric && headCategory !== "unknown" && !(tokens[k - 1]?.norm === "of")) {
        // A modifier after a head starts another phrase ("soldiers police"): stop.
        break;
      }
      modifierCategory ??= modifier;
      if (inOfPhrase && sawHead) end = k + 1;
      // "members of the Islamic Emirate's security forces" are forces; "of the Balochistan Liberation Army" are not.
      if (modifier === "security_forces" && !(inOfPhrase && /^(liberation|republican|nationalist|lashkar|jaish)$/.test(tokens[k - 1]?.norm ?? ""))) modifierCategory = modifier;
      continue;
    }
    if (sawHead && !inOfPhrase) break;
    if (!t.isWord) break;
  }
  if (tokens[numberTo]?.norm === "-" && tokens[numberTo + 1] !== undefined && (nonCountUnits.has(tokens[numberTo + 1]!.norm) || tokens[numberTo + 1]!.norm === "member")) return undefined;
  // "a passenger bus", "two police vans": the people noun names what the vehicle or building is for.
  if (sawHead && end < tokens.length && peopleCarriers.has(tokens[end]!.norm)) return undefined;
  // "a polio vaccination team", "the crew": a body of people, not one person.
  if (isArticle && sawHead && /^(?:team|crew)$/.test(tokens[end - 1]!.norm)) return undefined;
  if (!sawHead) {
    // An age after a name: "Lance Naik Abdul Ghaffar, 31, was injured".
    if (tokens[numberFrom - 1]?.norm === "," && tokens[numberTo]?.norm === "," && tokens[numberFrom - 2]?.isWord && !tokens[numberFrom - 2]!.isNumber) return undefined;
    const bareOne = tokens[numberFrom]?.norm === "one" && (outcomeAt(tokens, numberTo) !== undefined || (auxiliaryWords.has(tokens[numberTo]?.norm ?? "") && outcomeAt(tokens, numberTo + 1) !== undefined));
    if (isArticle && !bareOne) return undefined;
    if (isDayNumber(tokens, numberFrom, numberTo)) return undefined;
    return { category: "unknown", isBare: true, isOthers: false, from: numberFrom, to: numberTo };
  }
  let category: CasualtyCategory;
  if (headIsGeneric || headCategory === undefined) category = modifierCategory ?? genericDefault ?? "unknown";
  else if (headCategory === "unknown" && modifierCategory !== undefined && !isOthers) category = modifierCategory === "militants" ? "militants" : modifierCategory;
  else category = headCategory;
  if (isOthers && modifierCategory !== undefined) category = modifierCategory;
  // "one member of the GDI was killed and two other members wounded": more of the kind named before.
  if (isOthers && headIsGeneric && modifierCategory === undefined && genericDefault === undefined) return { category, isBare: false, isOthers, from: numberFrom, to: end, inheritsCategory: true };
  if (isOthers && modifierCategory === undefined && headCategory !== undefined && headCategory !== "unknown") category = headCategory;
  // "a tribal leader" is no civilian official (team dev decision 14); "two alleged operatives" are who the text only alleges.
  for (let k = j; k < end; k++) if ((tokens[k]!.norm === "tribal" && category === "civilians") || tokens[k]!.norm === "alleged") category = "unknown";
  return { category, isBare: false, isOthers, from: numberFrom, to: end };
}

/** Ranks written before a name ("Sepoy Arshad Mehmood", "Constable Jahanzeb"). */
const rankWords = new Set(["sepoy", "naik", "havaldar", "subedar", "sipahi", "constable", "lance", "captain", "major", "lieutenant", "sub-inspector", "inspector", "asi", "si", "sho", "dsp", "sergeant", "corporal"]);

/** True when a person noun follows within a few words ("a police officer"), before reading a phrase. */
function headAhead(tokens: readonly Token[], from: number): boolean {
  for (let k = from; k < tokens.length && k < from + 6; k++) {
    const w = tokens[k]!.norm;
    if (casualtyHeads.has(w)) return true;
    if (w === "dozen" || w === "hundred" || w === "thousand") return true;
  }
  return false;
}

/** Where the upper bound of a range starting with `number` ends ("10 to 12", "20-25", "8 and 10" after "between"), if it is one. */
function rangeEnd(tokens: readonly Token[], number: ReturnType<typeof parseNumberAt> & object): number | undefined {
  const joiner = tokens[number.to]?.norm;
  const isBetween = tokens[number.from - 1]?.norm === "between" && joiner === "and";
  if (!(joiner === "to" || joiner === "-" || joiner === "or" || isBetween) || number.value === null) return undefined;
  const second = parseNumberAt(tokens, number.to + 1);
  if (second === undefined || second.value === null || second.isArticle || second.value <= number.value) return undefined;
  // "5-10 km", "10 to 12 March" are not head counts; readGroup tests what follows the range.
  return second.to;
}

/** A word that may be part of a person's name after a title: not a number, noun of the lexicon, verb of outcome or phrase breaker. */
function isNameWord(token: Token): boolean {
  const w = token.norm;
  return token.isWord && !token.isNumber && numberWordValue(w) === undefined && !casualtyHeads.has(w) && !categoryModifiers.has(w) && !phraseBreakers.has(w) && !outcomesByFirstWord.has(w) && !auxiliaryWords.has(w) && !/^(?:a|an|the|his|her|their|its|by|of|said|says|told)$/.test(w);
}

/** Every counted group of people in the sentence, in order. */
export function findCountedGroups(tokens: readonly Token[]): CountedGroup[] {
  const groups: CountedGroup[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!.norm;
    if ((word === "a" || word === "an") && !headAhead(tokens, i + 1)) continue;
    // "… a polio vaccinator and the policeman escorting him": a definite singular in a list counts one.
    // "… and wounded his son", "killing the driver": a definite singular right after an active outcome counts one.
    const isDefinite = word === "the" || word === "his" || word === "her" || word === "their" || word === "its";
    const afterActiveVerb = isDefinite && tokens[i - 1] !== undefined && !/^(?:claimed|claiming|took|taking)$/.test(tokens[i - 1]!.norm) && isActiveOutcomeBefore(tokens, i);
    const afterPassiveAnd = tokens[i - 1]?.norm === "and" && groups.length > 0 && passiveOutcomeEndsAt(tokens, i - 1);
    if (isDefinite && ((tokens[i - 1]?.norm === "and" && groups.length > 0 && groups[groups.length - 1]!.to >= i - 1) || afterPassiveAnd || (tokens[i - 1]?.norm === "including" && groups.length > 0) || afterActiveVerb)) {
      if (parseNumberAt(tokens, i + 1) !== undefined && !parseNumberAt(tokens, i + 1)!.isArticle) continue;
      const head = casualtyHeads.get(tokens[i + 1]?.norm ?? "") ?? casualtyHeads.get(tokens[i + 2]?.norm ?? "");
      const singular = !/s$/.test(tokens[i + 1]?.norm ?? "") || /(?:ss|us)$/.test(tokens[i + 1]?.norm ?? "");
      if (head !== undefined && head !== "unknown" && singular) {
        const group = readGroup(tokens, i, i + 1, true);
        if (group !== undefined) {
          groups.push({ ...group, value: 1, qualifier: "exact", partOf: null });
          i = group.to - 1;
          continue;
        }
      }
    }
    // "gunmen killed journalist Arif Khan", "troops killed militant commander Abdullah": a title and a name after the verb.
    if ((casualtyHeads.has(word) || categoryModifiers.has(word)) && !tokens[i]!.isNumber && isActiveOutcomeBefore(tokens, i)) {
      let k = i;
      while (categoryModifiers.has(tokens[k]?.norm ?? "") && k < i + 2) k++;
      const title = casualtyHeads.get(tokens[k]?.norm ?? "");
      if (title !== undefined && title !== "generic" && title !== "unknown" && !/s$/.test(tokens[k]!.norm) && tokens[k + 1] !== undefined && isNameWord(tokens[k + 1]!)) {
        const category = categoryModifiers.get(tokens[i]!.norm) === "militants" ? "militants" : title;
        groups.push({ value: 1, qualifier: "exact", category, isBare: false, isOthers: false, from: i, to: k + 1, partOf: null });
        i = k;
        continue;
      }
    }
    // "one man was killed and another was injured": one more person; like "N others", the rest stays unknown.
    if (word === "another" && tokens[i - 1]?.norm === "and" && groups.length > 0 && (auxiliaryWords.has(tokens[i + 1]?.norm ?? "") || outcomeAt(tokens, i + 1) !== undefined)) {
      const previous = groups[groups.length - 1]!;
      if (previous.partOf === null && !previous.isBare) {
        groups.push({ value: 1, qualifier: "exact", category: "unknown", isBare: false, isOthers: true, from: i, to: i + 1, partOf: null });
        continue;
      }
    }
    const number = parseNumberAt(tokens, i);
    if (number === undefined) continue;
    // "the first", "one of the", "one another", "no one" are not counts.
    const isPeoplePartitive = tokens[i + 1]?.norm === "of" && tokens[i + 2]?.norm === "the" && namesPeople(tokens[i + 3]?.norm);
    if (number.isArticle && !isPeoplePartitive && (tokens[i + 1]?.norm === "of" || tokens[i + 1]?.norm === "another")) continue;
    if (word === "one" && (tokens[i - 1]?.norm === "no" || tokens[i - 1]?.norm === "any" || tokens[i - 1]?.norm === "every")) continue;
    // A road or code, not a count: "the N-40 highway", "N-25", "M-2 motorway", "Route 7".
    if (number.isArticle === false && tokens[i]!.isNumber && ((tokens[i - 1]?.norm === "-" && tokens[i - 2]?.isWord === true && tokens[i - 2]!.norm.length <= 2 && !tokens[i - 2]!.isNumber) || tokens[i - 1]?.norm === "route")) {
      i = number.to - 1;
      continue;
    }
    // A range ("10 to 12 people", "20-25 militants", "between 8 and 10 soldiers", "one or two"): its lower bound.
    const upper = rangeEnd(tokens, number);
    const group = readGroup(tokens, number.from, upper ?? number.to, number.isArticle && upper === undefined);
    if (group === undefined) {
      i = (upper ?? number.to) - 1;
      continue;
    }
    const stated = qualifierBefore(tokens, tokens[number.from - 1]?.norm === "between" && upper !== undefined ? number.from - 1 : number.from);
    const { from } = stated;
    const qualifier = upper !== undefined && stated.qualifier === "exact" ? "at_least" : stated.qualifier;
    if (group.inheritsCategory === true && groups.length > 0) group.category = groups[groups.length - 1]!.category;
    delete group.inheritsCategory;
    groups.push({ ...group, value: number.value, qualifier, from: Math.min(from, group.from), partOf: null });
    i = Math.max(group.to, number.to) - 1;
  }
  // One named member of the forces with no number: "Sepoy Arshad Mehmood … embraced shahadat", also before
  // the people who attacked him ("Constable Ihsanullah was shot dead by two men").
  if (groups.length === 0 || tokens.slice(0, groups[0]!.from).some((t) => rankWords.has(t.norm))) {
    for (let i = 0; i < (groups[0]?.from ?? tokens.length); i++) {
      if (!rankWords.has(tokens[i]!.norm)) continue;
      const previous = tokens[i - 1]?.norm;
      if (previous !== undefined && (rankWords.has(previous) || parseNumberAt(tokens, i - 1) !== undefined)) continue;
      const next = tokens[i + 1];
      if (next === undefined || !next.isWord || next.isNumber) continue;
      let end = i + 1;
      while (end < tokens.length && end < i + 5 && tokens[end]!.isWord && !tokens[end]!.isNumber && !phraseBreakers.has(tokens[end]!.norm) && outcomeAt(tokens, end) === undefined) end++;
      if (end === i + 1) continue;
      if (groups.length > 0 && end >= groups[0]!.from) break;
      groups.unshift({ value: 1, qualifier: "exact", category: "security_forces", isBare: false, isOthers: false, from: i, to: end, partOf: null });
      break;
    }
  }
  // A titled name coordinated with a counted group: "ANP leader Maulana Khan Zeb and a police officer were killed".
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g]!;
    if (tokens[group.from - 1]?.norm !== "and" || (g > 0 && groups[g - 1]!.to >= group.from - 1)) continue;
    let k = group.from - 2;
    let nameWords = 0;
    while (k >= 0 && nameWords < 4 && isNameWord(tokens[k]!)) {
      k--;
      nameWords++;
    }
    const title = casualtyHeads.get(tokens[k]?.norm ?? "");
    if (nameWords === 0 || title === undefined || title === "generic" || title === "unknown" || /s$/.test(tokens[k]!.norm)) continue;
    if (g > 0 && groups[g - 1]!.to > k) continue;
    groups.splice(g, 0, { value: 1, qualifier: "exact", category: title, isBare: false, isOthers: false, from: k, to: group.from - 1, partOf: null });
  }
  // Parts of a total: "15 people, including two women and a child", "20 more including an MP".
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    if (group.partOf !== null) continue;
    let k = group.to;
    // "11 injured, including four FC personnel": a bare count, its outcome, then its parts.
    if (group.isBare && outcomeAt(tokens, k) !== undefined && tokens[outcomeAt(tokens, k)!.to]?.norm === ",") k = outcomeAt(tokens, k)!.to;
    else if (!group.isBare) {
      // "Nine people were injured, including three policemen": the parts after the passive outcome.
      let a = k;
      while (a < k + 3 && auxiliaryWords.has(tokens[a]?.norm ?? "")) a++;
      const outcome = a > k ? outcomeAt(tokens, a) : undefined;
      // "… were injured, among them two policemen": the same after "among them".
      const cueAfter = tokens[outcome === undefined ? k : outcome.to + 1]?.norm;
      if (outcome !== undefined && tokens[outcome.to]?.norm === "," && (cueAfter === "including" || (cueAfter === "among" && /^(?:them|whom)$/.test(tokens[outcome.to + 2]?.norm ?? "")))) k = outcome.to;
    }
    if (tokens[k]?.norm === ",") k++;
    const cue = tokens[k]?.norm;
    // "eight people, all of them women and children": every one of the group is of the kind named.
    if (cue === "all" && tokens[k + 1]?.norm === "of" && (tokens[k + 2]?.norm === "them" || tokens[k + 2]?.norm === "whom") && group.category === "unknown") {
      const kind = casualtyHeads.get(tokens[k + 3]?.norm ?? "");
      if (kind !== undefined && kind !== "generic") group.category = kind;
      continue;
    }
    const isPartitive = groups[g + 1]?.from === k && tokens[k + 1]?.norm === "of" && (tokens[k + 2]?.norm === "them" || tokens[k + 2]?.norm === "whom");
    const isIncluding = isPartitive || cue === "including" || cue === "incl" || (cue === "among" && (tokens[k + 1]?.norm === "them" || tokens[k + 1]?.norm === "whom")) || (cue === "of" && tokens[k + 1]?.norm === "whom");
    if (!isIncluding) continue;
    for (let h = g + 1; h < groups.length; h++) {
      const part = groups[h]!;
      const between = tokens.slice(groups[h - 1]!.to, part.from).map((t) => t.norm);
      if (h > g + 1 && !between.every((w) => w === "and" || w === "," || w === "as" || w === "well")) break;
      // "…, four of them policemen, a rescue official said": the speaker is no part of the toll.
      if (h > g + 1 && speechVerbs.has(tokens[part.to]?.norm ?? "")) break;
      if (h === g + 1 && part.from - Math.max(group.to, k) > 4) break;
      part.partOf = g;
    }
  }
  // "Two policemen among five hurt", "a child was among 14 people killed": a part of the total after "among".
  for (let g = 0; g + 1 < groups.length; g++) {
    const part = groups[g]!;
    const whole = groups[g + 1]!;
    if (part.partOf !== null || whole.partOf !== null || part.category === "unknown" || whole.category !== "unknown" || part.value === null || whole.value === null || part.value > whole.value) continue;
    let k = part.to;
    while (k < whole.from && beVerbs.has(tokens[k]!.norm)) k++;
    if (tokens[k]?.norm === "among" && k + 1 === whole.from) part.partOf = g + 1;
  }
  return groups;
}

/** Skips a parenthesis or a ", including …," aside that starts at k; returns where reading resumes. */
function skipAside(tokens: readonly Token[], k: number): number {
  const w = tokens[k]?.norm;
  if (w === "(") {
    let m = k + 1;
    while (m < tokens.length && tokens[m]!.norm !== ")" && m < k + 12) m++;
    return tokens[m]?.norm === ")" ? m + 1 : k;
  }
  if (w === "," && (tokens[k + 1]?.norm === "including" || tokens[k + 1]?.norm === "mostly" || tokens[k + 1]?.norm === "mainly" || tokens[k + 1]?.norm === "many")) {
    let m = k + 2;
    while (m < tokens.length && tokens[m]!.norm !== "," && tokens[m]!.norm !== "." && m < k + 16) m++;
    return tokens[m]?.norm === "," ? m + 1 : k;
  }
  return k;
}

/** Nationality words that say whose people a group is; the Taliban's are Afghan only where "Afghan" or "Emirate" says so. */
const sideWords: ReadonlyMap<string, string> = new Map([
  ["afghan", "AF"], ["afghanistan", "AF"], ["emirate", "AF"], ["pakistani", "PK"], ["pakistan", "PK"],
  ["iranian", "IR"], ["iran", "IR"], ["indian", "IN"], ["india", "IN"], ["chinese", "CN"],
]);

/** The state a group's own words place it on ("two Afghan border guards" → AF), if any. */
function sideOf(words: readonly string[]): string | undefined {
  for (const w of words) {
    const side = sideWords.get(w);
    if (side !== undefined) return side;
  }
  return undefined;
}

/** "Three civilians were also wounded", "also killed two passers-by": added to a toll told before, not part of it. */
function isAdded(tokens: readonly Token[], group: CountedGroup): boolean {
  for (let k = Math.max(0, group.from - 3); k < tokens.length && k < group.to + 4; k++) {
    const w = tokens[k]!.norm;
    if (w === "among" || w === "including") return false;
    if (w === "also" && (k < group.from || k >= group.to)) {
      // "… were also among the dead" restates; only a plain outcome adds.
      const after = tokens.slice(k + 1, k + 4).map((t) => t.norm);
      return !after.includes("among");
    }
    if (k >= group.to && (w === "." || w === ";")) return false;
  }
  return false;
}

/** True when the sentence has a word that can say what happened to people (a cheap pre-check). */
function hasOutcomeWord(tokens: readonly Token[]): boolean {
  for (const token of tokens) if (outcomesByFirstWord.has(token.norm)) return true;
  return false;
}

/** Finds casualty mentions: counted groups with what happened to them. */
export function findCasualties(tokens: readonly Token[]): CasualtyMention[] {
  if (!hasOutcomeWord(tokens)) return [];
  const groups = findCountedGroups(tokens);
  const startsGroup = new Map<number, number>();
  groups.forEach((g, index) => startsGroup.set(g.from, index));
  const outcomes: Array<Outcome | undefined> = new Array(groups.length).fill(undefined);

  const isActiveUse = (match: OutcomeMatch): boolean => {
    // "militants killed two soldiers": the outcome is followed by its victims.
    let k = match.to;
    const { from } = qualifierBefore(tokens, k);
    void from;
    while (tokens[k] !== undefined && ["at", "least", "more", "than", "over", "nearly", "about", "around", "some", "all", "the"].includes(tokens[k]!.norm)) k++;
    return startsGroup.has(k) || (groups.some((g) => g.from <= k && k < g.to));
  };

  /** "a boy who was passing by was wounded", "the guard, who was also shot, …": the first passive outcome after "who". */
  const relativeOutcome = (g: number): Outcome | undefined => {
    let k = groups[g]!.to;
    if (tokens[k]?.norm === ",") k++;
    if (tokens[k]?.norm !== "who") return undefined;
    for (let m = k + 1; m < tokens.length && m < k + 16; m++) {
      const w = tokens[m]!.norm;
      if (w === "." || w === ";" || w === "who" || w === "said" || startsGroup.has(m) || tokens[m]!.isNumber) return undefined;
      const match = outcomeAt(tokens, m);
      if (match === undefined) continue;
      const isPassive = match.phrase.voice !== "active" && (beVerbs.has(tokens[m - 1]?.norm ?? "") || (/^(?:also|later|then|subsequently|critically|seriously|badly)$/.test(tokens[m - 1]?.norm ?? "") && beVerbs.has(tokens[m - 2]?.norm ?? "")));
      return isPassive && !isActiveUse(match) ? match.phrase.outcome : undefined;
    }
    return undefined;
  };

  /** "Two passengers wounded in Saturday's attack died on Monday": the participle describes them, the verb that follows tells what happened. */
  const diedLater = (from: number): boolean => {
    for (let m = from; m < tokens.length && m < from + 20; m++) {
      const w = tokens[m]!.norm;
      if (clauseBreakers.has(w) || w === "," || startsGroup.has(m)) return false;
      if (w === "died" || w === "succumbed" || w === "perished") return true;
    }
    return false;
  };

  const rightOutcome = (g: number, farSearch: boolean): Outcome | undefined => {
    let far = farSearch;
    let k = groups[g]!.to;
    const limit = far ? 18 : 8;
    let steps = 0;
    while (k < tokens.length && steps < limit) {
      const skipped = skipAside(tokens, k);
      if (skipped !== k) {
        k = skipped;
        continue;
      }
      if (tokens[k]!.norm === "including" && !far) {
        far = true;
        k++;
        continue;
      }
      const match = outcomeAt(tokens, k);
      if (match !== undefined) {
        if (match.phrase.voice === "active") return undefined;
        if (isActiveUse(match)) return undefined;
        // "… shot dead a scholar and wounded his son": a second verb with its own object.
        if (tokens[k - 1]?.norm === "and" && objectStarts.has(tokens[match.to]?.norm ?? "") && isActiveOutcomeBefore(tokens, groups[g]!.from)) return undefined;
        if (match.phrase.outcome === "injured" && k === groups[g]!.to && diedLater(match.to)) {
          groups[g]!.diedOfWounds = true;
          return "killed";
        }
        return match.phrase.outcome;
      }
      const w = tokens[k]!.norm;
      const groupAt = startsGroup.get(k);
      if (groupAt !== undefined && groupAt > g) {
        // Coordination: "7x civilians and 3x soldiers got injured".
        const between = tokens.slice(groups[g]!.to, k).map((t) => t.norm);
        if (!between.every((x) => x === "and" || x === "," || x === "as" || x === "well" || x === "(" || x === ")" || auxiliaryWords.has(x)) && !far) return undefined;
        if (groups[groupAt]!.partOf === null && groups[g]!.partOf === null && between.includes(",") && !between.includes("and")) {
          // a list: keep going
        }
        k = groups[groupAt]!.to;
        steps++;
        continue;
      }
      if (w === "and" || w === "," || w === "'" || w === '"' || auxiliaryWords.has(w)) {
        k++;
        steps++;
        continue;
      }
      if (!far) return undefined;
      const isAge = tokens[k]!.isNumber && tokens[k - 1]?.norm === "," && tokens[k + 1]?.norm === ",";
      if (clauseBreakers.has(w) || (tokens[k]!.isNumber && !isAge)) return undefined;
      k++;
      steps++;
    }
    return undefined;
  };

  const leftOutcome = (g: number): Outcome | undefined => {
    let k = groups[g]!.from - 1;
    let steps = 0;
    while (k >= 0 && steps < 8) {
      const w = tokens[k]!.norm;
      // An outcome phrase ending at k.
      for (let len = 5; len >= 1; len--) {
        const start = k - len + 1;
        if (start < 0) continue;
        const match = outcomeAt(tokens, start);
        if (match !== undefined && match.to === k + 1 && match.phrase.voice !== "passive") {
          const before = tokens[start - 1]?.norm;
          // "were killed" is passive; "have killed five" is active.
          if (match.phrase.voice === "both" && before !== undefined && beVerbs.has(before) && !/^(?:have|has|had)$/.test(before)) return undefined;
          if ((match.phrase.words[0] === "claimed" || match.phrase.words[0] === "claiming" || match.phrase.words[0] === "took") && match.phrase.words.length === 1 && !/^(lives|life)$/.test(tokens[groups[g]!.to - 1]?.norm ?? "")) return undefined;
          return match.phrase.outcome;
        }
      }
      const owner = groups.findIndex((x) => x.from <= k && k < x.to);
      if (owner >= 0 && owner < g) {
        k = groups[owner]!.from - 1;
        steps++;
        continue;
      }
      if (w === "and" || w === "," || w === "the" || w === "a" || w === "also" || w === "at" || w === "least" || w === "another" || w === "of" || w === "his" || w === "her" || w === "their" || w === "all") {
        k--;
        steps++;
        continue;
      }
      return undefined;
    }
    return undefined;
  };

  for (let g = 0; g < groups.length; g++) {
    if (groups[g]!.partOf !== null) continue;
    // "…, a provincial official said": the speaker, not a victim.
    if (speechVerbs.has(tokens[groups[g]!.to]?.norm ?? "") && !groups[g]!.isBare) continue;
    // "the bodies of seven people and 15 injured …": an active outcome right before the group is its own.
    const ownActive = isActiveOutcomeBefore(tokens, groups[g]!.from) ? leftOutcome(g) : undefined;
    outcomes[g] = ownActive ?? rightOutcome(g, false) ?? leftOutcome(g) ?? rightOutcome(g, true) ?? relativeOutcome(g);
    // "five bodies were recovered": counted bodies are dead.
    if (outcomes[g] === undefined && /^(?:bodies|body)$/.test(tokens[groups[g]!.to - 1]?.norm ?? "") && groups[g]!.value !== null) outcomes[g] = "killed";
  }
  // "Two passengers were killed and five were injured": a bare count joined to a counted group keeps its people.
  for (let g = 1; g < groups.length; g++) {
    const group = groups[g]!;
    const previous = groups[g - 1]!;
    if (!group.isBare || group.isOthers || group.partOf !== null || group.category !== "unknown" || previous.isBare || previous.partOf !== null || previous.category === "unknown") continue;
    if (groups.some((part) => part.partOf === g)) continue;
    if (outcomes[g] === undefined || outcomes[g - 1] === undefined || outcomes[g] === outcomes[g - 1]) continue;
    // "killed seven militants and wounded four": the second verb's bare count is more of the same people.
    const verbFrom = activeOutcomeStartBefore(tokens, group.from);
    if (verbFrom !== undefined && tokens[verbFrom - 1]?.norm === "and" && verbFrom - 1 === previous.to) {
      group.category = previous.category;
      continue;
    }
    if (tokens[group.from - 1]?.norm !== "and") continue;
    if (!auxiliaryWords.has(tokens[group.to]?.norm ?? "") && outcomeAt(tokens, group.to) === undefined) continue;
    group.category = previous.category;
  }
  const mentions: CasualtyMention[] = [];
  const mentionIndex = new Map<number, number>();
  groups.forEach((group, index) => {
    const outcome = group.partOf !== null ? outcomes[group.partOf] : outcomes[index];
    if (outcome === undefined) return;
    if (group.isBare && group.value === null) return;
    mentionIndex.set(index, mentions.length);
    const words = tokens.slice(group.from, group.to).map((t) => t.norm);
    if ((words.includes("taliban") || words.includes("emirate")) && !words.some((w) => w === "pakistani" || w === "ttp" || w === "tehreek" || w === "tehrik")) group.namesTaliban = true;
    const side = sideOf(words);
    if (side !== undefined) group.side = side;
    if (isAdded(tokens, group)) group.isAlso = true;
    // "two more soldiers succumbed": more of a kind already counted.
    if (words.includes("more") && tokens[group.from]?.norm !== "more") group.isMore = true;
    mentions.push({ ...group, outcome, partOf: group.partOf });
  });
  // partOf points at the whole's position among the mentions, not among all groups (a whole may come after its part).
  for (const mention of mentions) if (mention.partOf !== null) mention.partOf = mentionIndex.get(mention.partOf) ?? null;
  return mentions;
}
