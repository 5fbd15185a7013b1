/**
 * Links sentence frames into incidents the way a coder reads a report: sentences that continue one incident
 * (same place and date, "the operation", "the blast", "resultantly") join it; a new place, a new date or
 * a cue like "in another incident" starts another; a sentence naming several provinces for one kind of
 * incident ("strikes in Khost and Kunar") opens one incident per place. Tolls are combined so that a
 * headline and the body do not double-count and "20 killed … one FC soldier among them" splits the total.
 */
import type { ActorEntry, PlaceEntry, WeaponCategory } from "../codebook/codebook-types.ts";
import type { CasualtyMention } from "./casualty-grammar.ts";
import { casualtyHeads, categoryModifiers, genericDefaults } from "./casualty-lexicon.ts";
import { numberWordValue } from "./parse-number.ts";
import type { ExtractionCodebook } from "./extraction-codebook.ts";
import { casualtyCategories, emptyCounts, type CasualtyCategory, type CasualtyCounts, type ExtractedEvent, type ExtractedEventType } from "./extraction-types.ts";
import type { PlaceHit, SentenceFrame } from "./analyze-sentence.ts";
import { addDays, formatDate, precisionOf, type DateMention, type PartialDate } from "./resolve-date.ts";
import { criminalCue, militantCue } from "./incident-cues.ts";

/** A toll one sentence states: per outcome, per category. */
interface SentenceToll {
  killed: Partial<Record<CasualtyCategory, number>>;
  injured: Partial<Record<CasualtyCategory, number>>;
  /** The rest of a total after its named parts ("17 people, including nine children" → 8). */
  remainder: { killed?: number; injured?: number };
  /** The sentence gives another side's account ("disputed", "in a separate statement"): the lead figure stands. */
  isCounterClaim: boolean;
  /** Militants counted by a phrase naming the Taliban ("one Taliban fighter"): forces where the Taliban rule. */
  taliban: { killed?: number; injured?: number };
  /** "The wounded children were taken to hospital": who all of an outcome's casualties were, where the toll says no more. */
  marksAll: { killed?: CasualtyCategory; injured?: CasualtyCategory };
  /** "Others who lost their lives included shopkeepers …": who the unknown rest of a toll were. */
  restAre: { killed?: CasualtyCategory; injured?: CasualtyCategory };
  /** Victims a sentence names after the toll ("the victims were identified as … along with a civilian driver"): no longer the unknown rest. */
  identified: { killed?: number; injured?: number };
  /** Per category, the people the words place on one state's side ("Afghan soldiers", "Pakistani troops"): two sides of a clash add up. */
  sides: Record<"killed" | "injured", Partial<Record<CasualtyCategory, Record<string, number>>>>;
  /** People the sentence adds to those told before ("three civilians were also wounded"). */
  added: Record<"killed" | "injured", Partial<Record<CasualtyCategory, number>>>;
  /** "N others" set against a group of the other camp ("two soldiers were killed and four others wounded"): not the militants counted elsewhere. */
  others: { killed?: { value: number; besideMilitants: boolean }; injured?: { value: number; besideMilitants: boolean } };
  /** Sides whose people the sentence calls martyred ("three Pakistani soldiers embraced shahadat"). */
  martyredSides: string[];
  /** "Two more soldiers died": added to the same kind counted before. */
  more: Record<"killed" | "injured", Partial<Record<CasualtyCategory, number>>>;
  /** A toll the incident reached, stated beside people added to it ("two more died, taking the toll to six"). */
  reached: { killed?: number; injured?: number };
  /** People counted among the injured who later died ("two of the wounded died", "two passengers wounded in … died"). */
  woundedDied: number;
  /** Of those, the ones only a share phrase counts ("two of the wounded died"): no other sentence adds them to the dead. */
  woundedDiedApart: number;
  /** The outcome whose toll a share phrase splits ("of the dead, three were …"). */
  shareOutcome?: "killed" | "injured";
  /** "Two were shopkeepers." after such a share: more of the same toll, its outcome that of the share before. */
  continued?: { category: CasualtyCategory; value: number };
}

/** Side of people "martyred" with no nationality named: the reporting side, folded into the side that is martyred elsewhere. */
const ownSide = "martyred";
const martyrWords = /\b(martyr(?:ed|s|dom)?|shahadat|shahadath|shaheed)\b/;

interface Draft {
  frames: SentenceFrame[];
  place: PlaceEntry | undefined;
  placeIsDateline: boolean;
  date: PartialDate | undefined;
  dateEnd: PartialDate | undefined;
  tolls: SentenceToll[];
  /** Several incidents opened by one sentence: tolls in sentences naming no place cannot be assigned. */
  splitGroup: number | undefined;
}

/** A toll that could not be given to one incident (it covers several): reported as a claim. */
export interface UnassignedToll {
  frame: SentenceFrame;
  mentions: CasualtyMention[];
}

const strongNewIncident = /^\W*(?:however|meanwhile),? (?:an?|another) (?:[\w-]+ ){0,3}(?:attack|blast|explosion|ambush|raid|clash|bombing|strike)\b|\b(in (?:another|a separate|a similar|a third|a second|a related|yet another)|separately|elsewhere|(?:the|a) (?:second|third|fourth|fifth|separate) (?:hand )?(?:grenade )?(?:attack|incident|blast|explosion|operation|strike|raid)\b|another (?:attack|incident|blast|explosion|operation|strike|raid|quadcopter attack)\b|(?:^|\s)(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{4}:)/;

/** An earlier incident recalled by its distance from this one ("came days after", "weeks after"). */
const recalledIncident = /\b(?:came|comes|happened|occurred|follows|followed|took place)(?: just| only)? (?:a few |several |two |three |four |\d+ )?(?:days|weeks|months|hours) (?:after|before)\b/;

/** Another side's account of the same incident. */
const counterClaim = /(?:^|["“]\s*)we (?:attacked|targeted|ambushed|struck)\b|\b(?:dismissed|rejected|denounced) (?:\w+ ){0,3}as (?:propaganda|baseless|false|fabricated|exaggerated)\b|\b(?:exaggerated|inflated) (?:figures?|claims?|toll|numbers?)\b|\bour (?:fighters|mujahideen|mujahidin|sarmachars)\b|\b(spokes(?:person|man|men) (?:for|of) (?:the )?(?:banned |proscribed |outlawed )?(?:bla|blf|bras|ttp|tehreek-e-taliban pakistan|tehrik-i-taliban pakistan|balochistan liberation|baloch liberation|jamaat-ul-ahrar|daesh|iskp|islamic state)\b|disputed|denied|contradict(?:ed|ing)?|rejected the|on the other hand|for (?:its|their) part|countered|in a separate statement|a different account|put (?:its|their) (?:own )?(?:losses|toll|casualties)|could not be (?:independently )?(?:verified|confirmed)|not (?:be )?independently (?:verified|confirmed)|puts (?:its|their) (?:own )?(?:losses|toll|casualties)|on condition of anonymity|claimed (?:that )?(?:more than|over|at least) \d|\b(?:ttp|bla|blf|bras|taliban|tehreek|tehrik|daesh|iskp|islamic state|the group|the outfit|militant group|insurgent group)\b[^.;]{0,40}?\b(?:claim(?:ed|s|ing)?|said|says)\b[^.;]{0,30}?\b(?:it|they|its (?:\w+ )?(?:fighters|militants|men|members)|their (?:\w+ )?(?:fighters|men)) (?:had |has |have )?(?:killed|wounded|injured|inflicted|martyred)\b|\bclaim(?:ed|s|ing)? to have (?:killed|wounded|injured)\b(?=.*\b(?:not|unverified|no independent)\b))/;

/** True when a sentence gives another side's account of an incident (its figures are neither the toll nor a claim). */
export function isCounterClaim(text: string): boolean {
  return counterClaim.test(text);
}

/** A sentence summing up several incidents ("11 khwarij killed in two IBOs"): its toll belongs to none of them alone. */
const multiIncidentSummary = /\b(?:two|three|four|five|several|multiple|separate|series of|twin|a spate of|\d[\d,]*)\b (?:[\w-]+ ){0,3}(?:ibos|operations|attacks|incidents|strikes|raids|blasts|explosions|bombings|ambushes)\b/;

/** Meetings, speeches, condemnations and funerals: not incidents unless they state a toll. */
const statementCue = /\b(chaired|chairing|apex committee|meeting|was briefed|were briefed|press conference|summit|seminar|conference|condoled|condolences|paid tribute|funeral|reviewed the|directed the|vowed|pledged)\b/;

const negationZero = /\b(no (?:one|body) (?:was|were|has been|had been) (?:killed|hurt|injured|harmed|wounded)|no casualt(?:y|ies)|no (?:loss of life|loss of lives|fatalities|deaths|injuries)|caused no (?:casualties|damage)|without (?:any )?(?:casualties|loss))\b/;
const negatedGroup = /\bno (?:casualt(?:y|ies)|loss of li(?:fe|ves)|fatalities|deaths|injuries) (?:of|among|to|for) (?:own |our |the )?(troops|soldiers|security forces|personnel|police|policemen|forces|civilians|residents|passengers)\b/;
/** "No CTD official was hurt", "no soldier was injured": none of the people the words name. */
const negatedPeople = /\bno ([a-z]+ )?([a-z]+) (?:was|were|has been|had been|got) (hurt|harmed|injured|wounded|killed)\b/;
/** A passenger vehicle the sentence says was attacked ("ambushed four passenger buses", "a bomb tore through a passenger coach"). */
const passengerVehicle = /\b(?:ambush(?:ed|ing)?|attack(?:ed|ing)?|struck|hit|tore through|targeted|targeting|opened fire on|fired (?:up)?on|stormed|stopped|blew up)\b[^.;]{0,40}?\b(?:passenger (?:bus|buses|coach|coaches|van|vans|vehicle|vehicles|train)|(?:a|an|the) (?:[a-z]+-bound )?(?:bus|coach|train))\b/;
/** "Of the dead, three were policemen", "two of the injured were children": a share of a toll told before. */
const tollShare = /\b(?:of the (dead|killed|injured|wounded|deceased|victims),? ([a-z]+|\d+)|([a-z]+|\d+) of the (dead|killed|injured|wounded|deceased|victims)) (?:were|was) (?:all |also )?((?:a |an )?[a-z-]+(?: [a-z-]+)?)/g;
const hasTollShare = (text: string): boolean => {
  tollShare.lastIndex = 0;
  const found = tollShare.test(text);
  tollShare.lastIndex = 0;
  return found;
};
/** "Of the dead, three were policemen. Two were shopkeepers.": a sentence that goes on with the shares of a toll. */
const continuedShare = /^\W*(two|three|four|five|six|seven|eight|nine|ten|one|\d+) (?:others? )?(?:were|was) (?:all )?((?:a |an )?[a-z-]+(?: [a-z-]+)?)[.;,]/;
/** "Two of the wounded later died", "one of the injured succumbed": moved from the injured to the dead. */
const woundedWhoDied = /\b([a-z]+|\d+) of the (?:injured|wounded)(?: \w+)? (?:later |also |subsequently |have |had |has )?(?:died|succumbed|passed away)\b/;
const victimsIdentified = /\b(?:the )?(victims|deceased|dead|martyrs|martyred|killed|injured|wounded)(?: \w+){0,2} (?:were|was|have been|had been|has been) (?:identified|named) as\b/;
/** The attacker counted among the dead ("the bomber, who was also killed", "the gunman … was shot dead by police", "the blast also killed the bomber"). */
const attackerKilled = /\bthe (?:lone |suicide )?(?:bomber|gunman|attacker|assailant)(?:,? who|, [^,;]{0,90},)? (?:was|had been|has been|was later|was also) (?:also |later |subsequently |himself )?(?:killed|shot dead|gunned down|neutrali[sz]ed)\b|\b(?:also )?kill(?:ed|ing) the (?:suicide )?bomber\b|\bthe (?:lone |suicide )?(?:bomber|gunman|attacker|assailant) (?:also |himself |later )?(?:died|perished|was among the dead)\b/;
/** "The wounded children were …", "all the dead were civilians": every casualty of that outcome was a civilian. */
const allVictimsAre = /^\W*(?:all )?the (injured|wounded|dead|deceased) (?:civilians|children|women|students|passengers|worshippers|labourers|laborers|villagers|pilgrims|schoolchildren)\b (?:were|have been|had been)\b(?! (?:among|including))/;
/** A running total over several days with the part one day added ("…, including 10 hurt in Friday's clashes, … in four days of fighting"). */
const runningTotal = /\bincluding (\d[\d,]*|[a-z]+(?:-[a-z]+)?) (?:people |persons )?(hurt|injured|wounded|killed|dead) (?:in|on|during) [^,;.]{3,40}, [^.;]*?\b(?:(?:in|over|during) the (?:past |last )?(?:[a-z]+|\d+) days|days of|so far|since)\b/;
/** A list of who the dead or the injured were ("the dead included", "among those killed were"). */
const listOfDead = /\b(?:the )?(?:dead|deceased|killed|victims|martyred) (?:included|include|were identified as)\b|\bamong (?:the|those) (?:dead|killed|victims|martyred)\b/;
const listOfInjured = /\b(?:the )?(?:injured|wounded) (?:included|include)\b|\bamong (?:the|those) (?:injured|wounded)\b/;
/**
 * "Others who lost their lives included shopkeepers", "the other injured, all labourers, …", "the rest were
 * employees", "the other three injured were customers": who the rest of a toll were.
 */
const restOfToll = /\b(?:the )?(?:others?|rest(?: of the (dead|killed|injured|wounded|victims))?)(?: (?:two|three|four|five|six|seven|eight|nine|ten|\d+))?(?: (who (?:lost their lives|died|were killed|were injured|were wounded)|injured|wounded|dead|killed|victims))?\b,? (?:(?:were|was|included|include|all|mostly|mainly)\s+)+(?:(?:a|an) )?(\w+)(?: (\w+))?/;
/** The people a word of a rest-of-toll phrase names, with "employees" and "staff" read as civilians. */
const restKind = (word: string | undefined): CasualtyCategory | undefined => {
  const head = casualtyHeads.get(word ?? "");
  return head === "generic" ? (/^(?:employees?|staff)$/.test(word!) ? "civilians" : undefined) : head;
};
const safeSubject = /\b(remained safe|remain safe|were safe|was safe|escaped unhurt|escaped unharmed|unhurt|unharmed|escaped (?:the area )?unharmed)\b/;

/** "the death toll rose to 14", "officials put the toll at nine", "the number of injured climbed to 40". */
const tollUpdate = /\b((?:death )?toll|number of (?:the )?(?:dead|deaths|fatalities|killed|injured|wounded|casualties))\b[^.;]{0,80}?\b(?:rose|risen|rises|rising|climbed|climbs|reached|reaches|jumped|jumps|increased|mounted|went up|gone up|stands|stood|soared|put|puts|placed|is|was|has)\b[^.;]{0,20}?\b(?:to|at) (?:least |over |more than )?(\d[\d,]*|[a-z]+(?:-[a-z]+)?)\b/;

/** "… raising the death toll to three", "taking the number of injured to 40". */
const tollRaise = /\b(?:raising|raised|taking|took|bringing|brought|pushing|pushed|increasing|increased)\b (?:the )?((?:death )?toll|number of (?:the )?(?:dead|deaths|fatalities|killed|injured|wounded|casualties))\b(?: [a-z]+){0,3}? to (?:at least |over |more than )?(\d[\d,]*|[a-z]+(?:-[a-z]+)?)\b/;

function numberFromText(word: string): number | undefined {
  if (/^\d/.test(word)) return Number(word.replace(/,/g, ""));
  const [first, second] = word.split("-");
  const base = numberWordValue(first!);
  if (base === undefined) return undefined;
  return second === undefined ? base : base + (numberWordValue(second) ?? 0);
}

function sentenceToll(frame: SentenceFrame): SentenceToll {
  const toll: SentenceToll = { killed: {}, injured: {}, remainder: {}, taliban: {}, identified: {}, marksAll: {}, sides: { killed: {}, injured: {} }, added: { killed: {}, injured: {} }, others: {}, martyredSides: [], more: { killed: {}, injured: {} }, reached: {}, restAre: {}, woundedDied: 0, woundedDiedApart: 0, isCounterClaim: counterClaim.test(frame.text) };
  const isMartyrSentence = martyrWords.test(frame.text);
  const add = (outcome: "killed" | "injured", category: CasualtyCategory, value: number): void => {
    toll[outcome][category] = (toll[outcome][category] ?? 0) + value;
  };
  // "Two of the dead were policemen", "Of the injured, four were children": who part of a toll told before was.
  const shares: Array<{ outcome: "killed" | "injured"; category: CasualtyCategory; value: number }> = [];
  tollShare.lastIndex = 0;
  for (const match of frame.text.matchAll(tollShare)) {
    const noun = match[1] ?? match[4]!;
    const value = numberFromText(match[2] ?? match[3]!);
    const kind = (match[5] ?? "").split(" ").map((w) => casualtyHeads.get(w)).find((c) => c !== undefined && c !== "generic" && c !== "unknown");
    if (value !== undefined && kind !== undefined) shares.push({ outcome: /injur|wound/.test(noun) ? "injured" : "killed", category: kind, value });
  }
  for (const share of shares) add(share.outcome, share.category, share.value);
  if (shares.length > 0) toll.shareOutcome = shares[shares.length - 1]!.outcome;
  const more = frame.casualties.length === 0 ? continuedShare.exec(frame.text) : null;
  const moreKind = more === null ? undefined : more[2]!.split(" ").map((w) => casualtyHeads.get(w)).find((c) => c !== undefined && c !== "generic" && c !== "unknown");
  const moreValue = more === null ? undefined : numberFromText(more[1]!);
  if (moreKind !== undefined && moreValue !== undefined) toll.continued = { category: moreKind, value: moreValue };
  const died = frame.text.includes(" of the ") ? woundedWhoDied.exec(frame.text) : null;
  if (died !== null) toll.woundedDiedApart = numberFromText(died[1]!) ?? 0;
  // "… ambushed a passenger bus, killing 18 people and injuring eight others": the people of an attacked
  // passenger vehicle are its passengers, civilians (EXTRACTION.md: marked by where they were).
  const onAttackedBus = passengerVehicle.test(frame.text);
  const partsAllCivilians = frame.casualties.every((o) => o.partOf === null || o.category === "civilians");
  const mentions = frame.casualties.filter((m) => !(m.isBare && m.category === "unknown" && shares.some((s) => s.value === m.value))).map((m) => (onAttackedBus && m.category === "unknown" && m.partOf === null && partsAllCivilians ? { ...m, category: "civilians" as const } : m));
  // "Seven people were killed …, adding that the dead included two children": the list names parts of the total before it.
  for (const [outcome, list] of [["killed", listOfDead], ["injured", listOfInjured]] as const) {
    if (!(frame.text.includes("includ") || frame.text.includes("among") || frame.text.includes("identified")) || !list.test(frame.text)) continue;
    const ofOutcome = mentions.flatMap((m, i) => ((m.outcome === "injured") === (outcome === "injured") && m.partOf === null && m.value !== null ? [i] : []));
    const [whole, ...listed] = ofOutcome;
    if (whole === undefined || listed.length === 0 || mentions[whole]!.category !== "unknown") continue;
    if (listed.some((i) => mentions[i]!.category === "unknown") || listed.reduce((sum, i) => sum + mentions[i]!.value!, 0) > mentions[whole]!.value!) continue;
    for (const i of listed) mentions[i] = { ...mentions[i]!, partOf: whole };
  }
  mentions.forEach((mention, index) => {
    if (mention.partOf !== null || mention.value === null) return;
    const outcome = mention.outcome === "injured" ? "injured" : "killed";
    const parts = mentions.filter((m) => m.partOf === index && m.value !== null);
    if (mention.category === "unknown" && parts.length > 0) {
      let partSum = 0;
      for (const part of parts) {
        add(outcome, part.category, part.value!);
        partSum += part.value!;
      }
      if (mention.value - partSum > 0) {
        add(outcome, "unknown", mention.value - partSum);
        toll.remainder[outcome] = Math.max(toll.remainder[outcome] ?? 0, mention.value - partSum);
      }
    } else {
      add(outcome, mention.category, mention.value);
      if (mention.category === "militants" && mention.namesTaliban === true) toll.taliban[outcome] = (toll.taliban[outcome] ?? 0) + mention.value;
      const side = mention.side ?? (mention.category === "security_forces" && isMartyrSentence ? ownSide : undefined);
      if (side !== undefined && mention.category !== "unknown") {
        const bySide = (toll.sides[outcome][mention.category] ??= {});
        bySide[side] = (bySide[side] ?? 0) + mention.value;
        if (isMartyrSentence && side !== ownSide && !toll.martyredSides.includes(side)) toll.martyredSides.push(side);
      }
      if (mention.diedOfWounds === true) toll.woundedDied += mention.value;
      if (mention.isMore === true) toll.more[outcome][mention.category] = (toll.more[outcome][mention.category] ?? 0) + mention.value;
      else if (mention.isAlso === true && mention.category !== "unknown") toll.added[outcome][mention.category] = (toll.added[outcome][mention.category] ?? 0) + mention.value;
      const beside = mentions.slice(0, index).reverse().find((m) => m.partOf === null && m.category !== "unknown");
      if (mention.isOthers && mention.category === "unknown" && beside !== undefined) {
        toll.others[outcome] = { value: (toll.others[outcome]?.value ?? 0) + mention.value, besideMilitants: beside.category === "militants" };
      }
    }
  });
  // "The victims were identified as …, along with a civilian driver": one civilian among the dead.
  const naming = victimsIdentified.exec(frame.text);
  if (naming !== null && mentions.length === 0) {
    const outcome = /injur|wound/.test(naming[1]!) ? "injured" : "killed";
    const civilians = (frame.text.slice(naming.index).match(/\b(?:a|an|one) civilian\b/g) ?? []).length;
    if (civilians > 0) {
      add(outcome, "civilians", civilians);
      toll.identified[outcome] = civilians;
    }
  }
  if (toll.killed.militants === undefined && attackerKilled.test(frame.text)) add("killed", "militants", 1);
  const all = allVictimsAre.exec(frame.text);
  if (all !== null && mentions.length === 0) toll.marksAll[/injur|wound/.test(all[1]!) ? "injured" : "killed"] = "civilians";
  // "23 people, including 10 hurt in Friday's clashes, had been injured in four days of fighting": the incident's own part.
  const running = frame.text.includes("including") ? runningTotal.exec(frame.text) : null;
  if (running !== null) {
    const part = numberFromText(running[1]!);
    const outcome = /injur|wound|hurt/.test(running[2]!) ? "injured" : "killed";
    if (part !== undefined) {
      toll[outcome] = { unknown: part };
      delete toll.remainder[outcome];
    }
  }
  const rest = frame.text.includes("other") || frame.text.includes("rest") ? restOfToll.exec(frame.text) : null;
  if (rest !== null && (restKind(rest[3]) === "civilians" || restKind(rest[4]) === "civilians")) {
    // The outcome the phrase names, else the one its sentence names before it ("the dead included …; the rest were …").
    const named = rest[1] ?? rest[2] ?? /\b(?:injur|wound|dead|killed|died|martyr)/.exec(frame.text.slice(0, rest.index))?.[0] ?? "killed";
    toll.restAre[/injur|wound/.test(named) ? "injured" : "killed"] = "civilians";
  }
  const update = tollUpdate.exec(frame.text) ?? tollRaise.exec(frame.text);
  if (update !== null) {
    const value = numberFromText(update[2]!);
    const outcome = /injur|wound/.test(update[1]!) ? "injured" : "killed";
    if (value !== undefined && Object.keys(toll.more[outcome]).length > 0) toll.reached[outcome] = value;
    else if (value !== undefined) toll[outcome].unknown = Math.max(toll[outcome].unknown ?? 0, value - Object.entries(toll[outcome]).filter(([c]) => c !== "unknown").reduce((sum, [, v]) => sum + (v ?? 0), 0));
  }
  const negated = negatedGroup.exec(frame.text);
  const noneOf = negated === null && frame.text.includes("no ") ? negatedPeople.exec(frame.text) : null;
  const noneHead = noneOf === null ? undefined : casualtyHeads.get(noneOf[2]!);
  const noneKind = noneHead === "generic" ? categoryModifiers.get((noneOf![1] ?? "").trim()) ?? genericDefaults.get(noneOf![2]!) : noneHead;
  if (noneOf !== null && noneKind !== undefined && noneKind !== "unknown") {
    if (/hurt|harmed/.test(noneOf[3]!)) {
      toll.killed[noneKind] ??= 0;
      toll.injured[noneKind] ??= 0;
    } else if (/killed/.test(noneOf[3]!)) toll.killed[noneKind] ??= 0;
    else toll.injured[noneKind] ??= 0;
  } else if (negated !== null) {
    const category: CasualtyCategory = /civilians|residents|passengers/.test(negated[1]!) ? "civilians" : "security_forces";
    if (/casualt|loss/.test(negated[0])) {
      toll.killed[category] ??= 0;
      toll.injured[category] ??= 0;
    } else if (/injur/.test(negated[0])) toll.injured[category] ??= 0;
    else toll.killed[category] ??= 0;
  } else if (negationZero.test(frame.text)) {
    const says = (w: RegExp): boolean => w.test(frame.text);
    if (says(/casualt|loss of li|harmed|\bhurt\b/)) {
      toll.killed.unknown ??= 0;
      toll.injured.unknown ??= 0;
    } else if (says(/killed|fatalit|deaths/)) toll.killed.unknown ??= 0;
    else toll.injured.unknown ??= 0;
  }
  const safe = safeSubject.exec(frame.text);
  if (safe !== null) {
    const before = frame.text.slice(Math.max(0, safe.index - 80), safe.index);
    let category: CasualtyCategory = "unknown";
    if (/\b(police|policemen|personnel|officials|cops|soldiers|troops|levies|fc|officers|guards|security)\b/.test(before)) category = "security_forces";
    else if (/\b(fighters|militants|attackers|terrorists)\b/.test(before)) category = "militants";
    else if (/\b(civilians|passengers|residents|family|people)\b/.test(before)) category = category === "unknown" && /\bpeople\b/.test(before) ? "unknown" : "civilians";
    toll.killed[category] ??= 0;
    toll.injured[category] ??= 0;
  }
  return toll;
}

/** Combines the tolls of an incident's sentences (see the module comment). */
export function combineTolls(given: readonly SentenceToll[], talibanAreForces = false): { killed: CasualtyCounts; injured: CasualtyCounts } {
  // "Of the dead, three were policemen. Two were shopkeepers.": the second sentence's share joins the first's toll.
  let shareOutcome: "killed" | "injured" | undefined;
  const tolls = given.map((toll) => {
    if (toll.continued === undefined || shareOutcome === undefined) {
      shareOutcome = toll.shareOutcome ?? (toll.continued === undefined ? undefined : shareOutcome);
      return toll;
    }
    const { category, value } = toll.continued;
    return { ...toll, [shareOutcome]: { ...toll[shareOutcome], [category]: (toll[shareOutcome][category] ?? 0) + value } };
  });
  const combine = (outcome: "killed" | "injured"): CasualtyCounts => {
    const counts = emptyCounts();
    let total: number | undefined;
    let sawUnknown = false;
    const stated = tolls.filter((t) => Object.keys(t[outcome]).length > 0);
    const counted = tolls.filter((t) => !(t.isCounterClaim && stated[0] !== undefined && stated[0] !== t));
    // Per category: the largest figure given without a side, and per side the largest figure for that side.
    const unmarked = new Map<CasualtyCategory, number>();
    const sided = new Map<CasualtyCategory, Map<string, number>>();
    const martyredSides = new Set<string>();
    const moreByCategory = new Map<CasualtyCategory, number>();
    /** "More" in the first sentence that tells a toll: people added to a toll the report tells after it. */
    const leadMore = new Map<CasualtyCategory, number>();
    let sawToll = false;
    const sums = new Map<SentenceToll, number>();
    for (const toll of counted) {
      for (const side of toll.martyredSides) martyredSides.add(side);
      let part = toll[outcome];
      const moved = toll.taliban[outcome] ?? 0;
      if (talibanAreForces && moved > 0) {
        part = { ...part, militants: (part.militants ?? 0) - moved, security_forces: (part.security_forces ?? 0) + moved };
        if (part.militants === 0) delete part.militants;
      }
      let sum = 0;
      let any = false;
      // "More" adds only to a toll told before in this report; a lead's "seven more lives" counts from earlier days.
      const isAfterToll = sawToll;
      if (Object.keys(toll[outcome]).length > 0) sawToll = true;
      for (const category of casualtyCategories) {
        if (!isAfterToll) leadMore.set(category, (leadMore.get(category) ?? 0) + (toll.more[outcome][category] ?? 0));
        const more = isAfterToll ? toll.more[outcome][category] ?? 0 : 0;
        const stated = part[category];
        if (stated === undefined) continue;
        any = true;
        moreByCategory.set(category, (moreByCategory.get(category) ?? 0) + more);
        const value = stated - more;
        sum += value - (toll.added[outcome][category] ?? 0);
        if (value <= 0 && more > 0) continue;
        if (category === "unknown") {
          sawUnknown = true;
          continue;
        }
        const bySide = moved > 0 && talibanAreForces ? undefined : toll.sides[outcome][category];
        const sideTotal = bySide === undefined ? 0 : Object.values(bySide).reduce((a, b) => a + b, 0);
        if (value - sideTotal > 0 || bySide === undefined) unmarked.set(category, Math.max(unmarked.get(category) ?? 0, value - sideTotal));
        if (bySide !== undefined) {
          const sides = sided.get(category) ?? new Map<string, number>();
          for (const [side, n] of Object.entries(bySide)) sides.set(side, Math.max(sides.get(side) ?? 0, n));
          sided.set(category, sides);
        }
      }
      if (any) {
        total = Math.max(total ?? 0, sum);
        sums.set(toll, sum);
      }
    }
    for (const category of casualtyCategories) {
      if (category === "unknown") continue;
      const sides = sided.get(category);
      let value = unmarked.get(category);
      if (sides !== undefined) {
        // "Martyred" with no nationality is the side martyred elsewhere in the report, if one is.
        const own = sides.get(ownSide);
        const named = [...sides.keys()].filter((k) => k !== ownSide);
        if (own !== undefined && named.length === 0) value = Math.max(value ?? 0, own);
        else {
          if (own !== undefined) {
            const home = named.find((k) => martyredSides.has(k));
            if (home !== undefined) {
              sides.set(home, Math.max(sides.get(home)!, own));
              sides.delete(ownSide);
            }
          }
          value = Math.max(value ?? 0, [...sides.values()].reduce((a, b) => a + b, 0));
        }
      }
      const more = moreByCategory.get(category) ?? 0;
      if (value !== undefined || more > 0) counts[category] = (value ?? 0) + more;
    }
    if (total !== undefined && tolls.some((t) => t.marksAll[outcome] !== undefined) && casualtyCategories.every((c) => c === "unknown" || counts[c] == null)) {
      // Only unknown so far, and a later sentence says who they all were.
      counts[tolls.find((t) => t.marksAll[outcome] !== undefined)!.marksAll[outcome]!] = total;
      return counts;
    }
    if (total !== undefined) {
      // People a sentence adds ("were also wounded") whose kind no other sentence counted.
      let added = 0;
      if (counted.some((t) => Object.keys(t.added[outcome]).length > 0)) {
        // How many sentences count each kind and each figure, to tell whether another sentence told them.
        const kindCount = new Map<string, number>();
        const figureCount = new Map<number, number>();
        for (const toll of counted) {
          for (const key of Object.keys(toll[outcome])) kindCount.set(key, (kindCount.get(key) ?? 0) + 1);
          for (const figure of new Set(Object.values(toll[outcome]))) figureCount.set(figure, (figureCount.get(figure) ?? 0) + 1);
        }
        // Added to the largest toll told before the sentence that adds them; a total told after includes them.
        let before = 0;
        let addedSoFar = 0;
        for (const toll of counted) {
          const own = toll[outcome];
          for (const [category, value] of Object.entries(toll.added[outcome]) as Array<[CasualtyCategory, number]>) {
            const kindElsewhere = (kindCount.get(category) ?? 0) - (own[category] !== undefined ? 1 : 0) > 0;
            const figureElsewhere = (figureCount.get(value) ?? 0) - (Object.values(own).includes(value) ? 1 : 0) > 0;
            if (!kindElsewhere && !figureElsewhere) {
              addedSoFar += value;
              added = Math.max(added, before + addedSoFar);
            }
          }
          before = Math.max(before, sums.get(toll) ?? 0);
        }
      }
      const specific = casualtyCategories.filter((c) => c !== "unknown").reduce((s, c) => s + (counts[c] ?? 0), 0);
      const identified = tolls.reduce((s, t) => s + (t.identified[outcome] ?? 0), 0);
      const remainder = Math.max(0, ...tolls.map((t) => t.remainder[outcome] ?? 0)) - identified;
      // "Four others" beside soldiers are not the militants another sentence counts (and the other way round).
      let others = 0;
      if (counted.some((t) => t.others[outcome] !== undefined)) {
        const campOf = (toll: SentenceToll): "militants" | "others" | "mixed" | undefined => {
          const keys = Object.keys(toll[outcome]);
          if (keys.length === 0) return undefined;
          if (keys.every((c) => c === "militants")) return "militants";
          return keys.every((c) => c !== "unknown" && c !== "militants") ? "others" : "mixed";
        };
        const camps = counted.map(campOf);
        const stating = camps.filter((c) => c !== undefined).length;
        const militantOnly = camps.filter((c) => c === "militants").length;
        const othersOnly = camps.filter((c) => c === "others").length;
        counted.forEach((toll, index) => {
          const rest = toll.others[outcome];
          if (rest === undefined) return;
          const own = camps[index];
          const elsewhere = stating - (own !== undefined ? 1 : 0);
          const sameCampElsewhere = rest.besideMilitants ? othersOnly - (own === "others" ? 1 : 0) : militantOnly - (own === "militants" ? 1 : 0);
          if (elsewhere > 0 && sameCampElsewhere === elsewhere) others = Math.max(others, rest.value);
        });
      }
      const moreUnknown = moreByCategory.get("unknown") ?? 0;
      const reached = Math.max(0, ...counted.map((t) => t.reached[outcome] ?? 0));
      if (reached > 0 && specific > reached) {
        // People added by "more" beyond the toll the report states: the stated toll stands.
        for (const category of casualtyCategories) {
          const more = moreByCategory.get(category) ?? 0;
          if (category !== "unknown" && more > 0 && counts[category] != null) counts[category] = counts[category]! - Math.min(more, specific - reached);
        }
      }
      const whole = Math.max(total + moreUnknown, added + moreUnknown, specific + others, reached);
      if (Math.max(whole - specific, remainder) > 0) counts.unknown = Math.max(whole - specific, remainder);
      else if (sawUnknown && specific === 0) counts.unknown = 0;
      // "Two more passengers died, raising the toll to 12" before "… killing ten passengers": the rest of the toll reached are those two.
      const leadKind = casualtyCategories.find((c) => c !== "unknown" && (leadMore.get(c) ?? 0) > 0);
      if (reached > 0 && leadKind !== undefined && (counts.unknown ?? 0) > 0 && counts.unknown! <= leadMore.get(leadKind)!) {
        counts[leadKind] = (counts[leadKind] ?? 0) + counts.unknown!;
        counts.unknown = null;
      }
      const restAre = tolls.find((t) => t.restAre[outcome] !== undefined)?.restAre[outcome];
      if (restAre !== undefined && (counts.unknown ?? 0) > 0) {
        counts[restAre] = (counts[restAre] ?? 0) + counts.unknown!;
        counts.unknown = null;
      }
    }
    return counts;
  };
  const killed = combine("killed");
  const injured = combine("injured");
  // The wounded who later died are counted once, among the dead: a restatement ("two of the wounded died") is not a second pair.
  const died = Math.max(0, ...tolls.map((t) => Math.max(t.woundedDied, t.woundedDiedApart)));
  const kind = casualtyCategories.reduce<CasualtyCategory | undefined>((best, c) => ((injured[c] ?? 0) > (best === undefined ? 0 : injured[best] ?? 0) ? c : best), undefined);
  if (died > 0 && kind !== undefined && injured[kind]! >= died) {
    injured[kind] = injured[kind]! - died;
    // Only a share phrase told them: the dead told elsewhere do not yet include them.
    const toldElsewhere = tolls.some((t) => t.woundedDied > 0 || t.reached.killed !== undefined || Object.keys(t.more.killed).length > 0);
    if (!toldElsewhere) killed[kind] = (killed[kind] ?? 0) + died;
  }
  return { killed, injured };
}

const maxScore = (frame: SentenceFrame): number => Math.max(0, ...frame.typeScores.values());

/** A place that only names a road ("the Quetta-Karachi highway", "the Bannu road"): where the road leads, not where it happened. */
const roadAfter = /^(?:\s*[-/]\s*[a-z][\w.' ]{0,24}?)?\s+(?:highway|road|motorway|expressway|bypass|railway)\b/;

function incidentPlaces(frame: SentenceFrame): PlaceHit[] {
  const all = frame.places.filter((p) => !p.isIncidental && !p.isDateline && p.entry.level !== "country" && !namePart.test(frame.text.slice(Math.max(0, p.start - frame.start - 40), p.start - frame.start)));
  const offRoad = all.filter((p) => !roadAfter.test(frame.text.slice(p.end - frame.start, p.end - frame.start + 40)));
  return offRoad.length > 0 ? offRoad : all;
}

/** A place inside an institution's name ("the Collectorate of Customs Peshawar", "CTD Police Station Dera Ghazi Khan") or a destination ("meant to be delivered in Peshawar"). */
const namePart = /\b(?:collectorate|directorate|department|customs|police station|headquarters|command|university|hospital|press club|high court|court|bench|registry) (?:of [a-z]+ )?$|\b(?:delivered|smuggled|transported|taken|shifted|bound|destined|headed|sent) (?:in|to|into|for) (?:the )?$/;

/** "the Maidan area of Tirah", "Angoor Adda crossing in Lower South Waziristan": the second place contains the first. */
const placeContainment = /^(?:\s+[a-z]+)?\s*,\s*(?:district|tehsil)\s+$|^[\s,]*(?:(?:area|areas|locality|village|town|bazaar|market|crossing|valley|tehsil|subdivision|sub-division|outskirts|suburbs)\s+)?(?:of|in)\s+(?:the\s+)?(?:(?:southern|northern|eastern|western|central|south-?eastern|south-?western|north-?eastern|north-?western|restive|neighbouring|neighboring)\s+)?$/;

/** Words that may stand between coordinated places ("Khost and Kunar provinces", "Kalat, Kech districts"). */
const placeCoordination = /^[\s,]*(?:(?:and|&|as well as|the|in|of|southern|northern|eastern|western|central|south-?eastern|south-?western|north-?eastern|north-?western|provinces?|districts?|areas?|cities|city)\b[\s,]*)*$/;

/** Distinct incident places of a frame, most specific per branch, in text order. */
function distinctPlaces(frame: SentenceFrame): PlaceEntry[] {
  const all = incidentPlaces(frame);
  // Places that are not listed together belong to one incident: keep the first and those inside it.
  const hits: PlaceHit[] = [];
  for (const hit of all) {
    const previous = hits[hits.length - 1];
    const between = previous === undefined ? "" : frame.text.slice(previous.end - frame.start, hit.start - frame.start);
    // A namesake elsewhere gives way to the larger place the text puts it in.
    if (previous !== undefined && !sameBranch(previous.entry, hit.entry) && placeContainment.test(between)) hits[hits.length - 1] = hit;
    else if (previous === undefined || sameBranch(previous.entry, hit.entry) || placeCoordination.test(between)) hits.push(hit);
  }
  const out: PlaceEntry[] = [];
  for (const hit of hits) {
    const e = hit.entry;
    // Skip a province when a place inside it is also named; replace a province by a place inside it.
    const insideIndex = out.findIndex((o) => o.level === "admin1" && o.country === e.country && o.admin1 === e.admin1 && e.level !== "admin1");
    if (insideIndex >= 0) {
      out[insideIndex] = e;
      continue;
    }
    if (e.level === "admin1" && out.some((o) => o.country === e.country && o.admin1 === e.admin1)) continue;
    if (out.some((o) => sameBranch(o, e))) {
      // A locality and the district the text names: keep the district as written, else the more specific.
      const i = out.findIndex((o) => sameBranch(o, e));
      const kept = out[i]!;
      if (kept.level === "admin2" && e.level === "locality") continue;
      if (rank(e) > rank(kept) && !(e.level === "locality" && kept.level === "admin2")) out[i] = e;
      else if (e.level === "admin2" && kept.level === "locality") out[i] = e;
      continue;
    }
    out.push(e);
  }
  return out;
}

const rank = (e: PlaceEntry): number => (e.level === "locality" ? 3 : e.level === "admin2" ? 2 : e.level === "admin1" ? 1 : 0);
/** A district and its successors share a branch ("South Waziristan", "Lower South Waziristan"). */
const districtStem = (name: string | null): string | null => (name === null ? null : name.replace(/^(?:upper|lower)\s+|^(?:central|north|south|east|west)\s+(?=\w+\s+\w)/i, "").toLowerCase());

function sameBranch(a: PlaceEntry, b: PlaceEntry): boolean {
  if (a.country !== b.country) return false;
  if (a.admin1 !== b.admin1) return false;
  if (a.level === "admin1" || b.level === "admin1") return true;
  if (a.admin2 === null || b.admin2 === null) return false;
  if (a.admin2 === b.admin2) return true;
  const split = /^(?:upper|lower) /i;
  return (split.test(a.admin2) || split.test(b.admin2)) && (districtStem(a.admin2) === b.admin2.toLowerCase() || districtStem(b.admin2) === a.admin2.toLowerCase());
}

/**
 * "… in the Shal area, Kunar's culture director said": beside a place in the country of the incident being
 * told, a name the gazetteer knows only by an alias in the other country is a local namesake.
 */
function withoutForeignNamesakes(places: PlaceEntry[], frame: SentenceFrame, current: Draft | undefined): PlaceEntry[] {
  const home = current?.place?.country;
  if (home === undefined || places.length < 2 || !places.some((p) => p.country === home) || strongNewIncident.test(frame.text)) return places;
  const aliasOnly = (entry: PlaceEntry): boolean => frame.places.some((h) => h.entry === entry && h.name !== entry.name.toLowerCase() && entry.ambiguousAliases?.some((a) => a.toLowerCase() === h.name) === true);
  return places.filter((p) => p.country === home || !aliasOnly(p));
}

/** True when a frame's place cannot be where the draft's incident happened. */
function placeConflicts(draft: Draft, place: PlaceEntry | undefined): boolean {
  if (place === undefined || draft.place === undefined) return false;
  return !sameBranch(draft.place, place) && !(draft.placeIsDateline);
}

function dateConflicts(a: PartialDate | undefined, b: PartialDate | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a.year !== b.year) return true;
  if (a.month !== undefined && b.month !== undefined && a.month !== b.month) return true;
  if (a.day !== undefined && b.day !== undefined && a.day !== b.day) return true;
  return false;
}

function frameDate(frame: SentenceFrame, anchor: PartialDate | undefined): { date: PartialDate; end?: PartialDate } | undefined {
  // An explicit date beats "a day earlier" in the same sentence.
  // The most precise explicit date of the sentence leads ("abducted last week … found on Saturday").
  const precision = (d: DateMention): number => (d.date.day !== undefined ? 3 : d.date.month !== undefined ? 2 : 1);
  const explicit = frame.dates.filter((d) => !d.isAnaphoric).sort((a, b) => precision(b) - precision(a));
  const ordered = [...explicit, ...frame.dates.filter((d) => d.isAnaphoric)];
  for (const mention of ordered) {
    if (mention.isReportDate) continue;
    // "… which continued till Saturday": the end of something already dated.
    // "By Tuesday morning the clashes had claimed seven lives": the time a toll was counted, not the incident's.
    if (/\b(?:till|until|through|by|lasted (?:till|until))(?: the)?\s*$/.test(frame.text.slice(Math.max(0, mention.start - 16), mention.start))) continue;
    if (mention.isAnaphoric) {
      if (anchor === undefined) continue;
      if (anchor.day === undefined) return { date: anchor };
      return { date: addDays(anchor, mention.anchorOffsetDays ?? 0) };
    }
    return mention.end !== undefined ? { date: mention.date, end: mention.end } : { date: mention.date };
  }
  return undefined;
}

function hasOwnDate(frame: SentenceFrame): boolean {
  return frame.dates.some((d: DateMention) => !d.isReportDate);
}

export interface AssembledIncidents {
  drafts: Draft[];
  unassigned: UnassignedToll[];
}

/** Links frames (in document order) into incident drafts. */
export function assembleIncidents(frames: readonly SentenceFrame[], published?: PartialDate): AssembledIncidents {
  const publishedMonth = published === undefined ? undefined : published.month === undefined ? { year: published.year } : { year: published.year, month: published.month };
  const drafts: Draft[] = [];
  const unassigned: UnassignedToll[] = [];
  let current: Draft | undefined;
  let splitCounter = 0;

  const open = (frame: SentenceFrame, place: PlaceEntry | undefined, isDateline: boolean, splitGroup: number | undefined, anchor: PartialDate | undefined): Draft => {
    const dated = frameDate(frame, anchor);
    const draft: Draft = {
      frames: [frame],
      place,
      placeIsDateline: isDateline,
      date: dated?.date ?? summaryDate,
      dateEnd: dated?.end,
      tolls: splitGroup === undefined && !multiIncidentSummary.test(frame.text) ? [sentenceToll(frame)] : [],
      splitGroup,
    };
    drafts.push(draft);
    return draft;
  };

  const join = (draft: Draft, frame: SentenceFrame, place: PlaceEntry | undefined, withToll: boolean): void => {
    if (!draft.frames.includes(frame)) draft.frames.push(frame);
    // The more specific place of the same branch wins, and a district's Upper or Lower successor its parent's name.
    const isFiner = (a: PlaceEntry, b: PlaceEntry): boolean => rank(a) > rank(b) || (a.level === "admin2" && b.level === "admin2" && /^(?:upper|lower) /i.test(a.name) && !/^(?:upper|lower) /i.test(b.name));
    if (place !== undefined && (draft.place === undefined || draft.placeIsDateline || (sameBranch(draft.place, place) && isFiner(place, draft.place)))) {
      draft.place = place;
      draft.placeIsDateline = false;
    } else if (draft.place === undefined) {
      // A headline's incident whose body lead gives only the dateline: filed there, the best place known.
      const dateline = frame.places.find((p) => p.isDateline);
      if (dateline !== undefined) {
        draft.place = dateline.entry;
        draft.placeIsDateline = true;
      }
    }
    const dated = frameDate(frame, previousDate(draft));
    if (dated !== undefined && (draft.date === undefined || (precisionRank(dated.date) > precisionRank(draft.date) && !dateConflicts(draft.date, dated.date)))) {
      draft.date = dated.date;
      if (dated.end !== undefined) draft.dateEnd = dated.end;
    }
    if (withToll && !multiIncidentSummary.test(frame.text)) draft.tolls.push(sentenceToll(frame));
  };

  const previousDate = (draft: Draft | undefined): PartialDate | undefined => {
    const index = draft === undefined ? drafts.length : drafts.indexOf(draft);
    for (let i = (index < 0 ? drafts.length : index) - 1; i >= 0; i--) if (drafts[i]!.date !== undefined) return drafts[i]!.date;
    return undefined;
  };

  const effectiveDate = (draft: Draft): PartialDate | undefined => draft.date ?? publishedMonth;
  let datelinePlace: PlaceHit | undefined;
  let lastPlace: PlaceEntry | undefined;
  let lastMentionedDate: PartialDate | undefined;
  /** The day of a sentence summing up several incidents ("seven killed in two attacks on Monday"): the day of those told next. */
  let summaryDate: PartialDate | undefined;
  let inAccident = false;
  const told = new Set<string>();
  for (const frame of frames) {
    // Web pages repeat the lead under the byline: a sentence told word for word before adds nothing.
    const said = frame.text.trim();
    if (said.length >= 40 && told.has(said)) continue;
    told.add(said);
    const ownDated = frameDate(frame, lastMentionedDate);
    if (frame.index === 0 || frame.isParagraphStart) {
      const dl = frame.places.find((p) => p.isDateline);
      if (dl !== undefined && datelinePlace === undefined) datelinePlace = dl;
    }
    const namedHere = frame.places.filter((p) => !p.isIncidental && p.entry.level !== "country" && p.entry.level !== "admin1");
    // The last place the body names; a dateline naming two places ("HERAT/ TALUQAN") leads with the first.
    const bodyPlaces = namedHere.filter((p) => !p.isDateline);
    if (bodyPlaces.length > 0) lastPlace = bodyPlaces[bodyPlaces.length - 1]!.entry;
    else if (namedHere.length > 0) lastPlace = namedHere[0]!.entry;
    if (ownDated !== undefined && precisionOf(ownDated.date) === "day") lastMentionedDate = ownDated.date;
    if (ownDated !== undefined) summaryDate = multiIncidentSummary.test(frame.text) && !frame.isAggregate && precisionOf(ownDated.date) === "day" ? ownDated.date : undefined;
    if (frame.isAccident) {
      if (current !== undefined && frame.isContinuation) current.frames.push(frame);
      else inAccident = true;
      continue;
    }
    if (inAccident) {
      // The sentences after an accident describe it ("the blast occurred while the cook …") until a new incident.
      if (frame.isContinuation && !strongNewIncident.test(frame.text) && !hasOwnDate(frame) && frame.casualties.length === 0) continue;
      inAccident = false;
    }
    if (frame.isAggregate) continue;
    // "The attack came days after two soldiers were martyred in Bannu": an earlier incident recalled with
    // no time of its own; it neither belongs to this incident nor dates one.
    if (recalledIncident.test(frame.text) && !frame.dates.some((d) => !d.isReportDate && !d.isAnaphoric)) continue;
    const score = maxScore(frame);
    const hasToll = frame.casualties.some((m) => m.value !== null) || negationZero.test(frame.text) || safeSubject.test(frame.text) || tollUpdate.test(frame.text) || tollRaise.test(frame.text) || (victimsIdentified.test(frame.text) && /\b(?:a|an|one) civilian\b/.test(frame.text)) || attackerKilled.test(frame.text) || allVictimsAre.test(frame.text) || restOfToll.test(frame.text) || hasTollShare(frame.text) || (frame.text.includes(" of the ") && woundedWhoDied.test(frame.text)) || continuedShare.test(frame.text) || (frame.text.includes("no ") && negatedPeople.test(frame.text));
    const places = withoutForeignNamesakes(distinctPlaces(frame), frame, current).filter((p) => {
      if (p.level !== "locality" || current?.place === undefined || current.placeIsDateline) return true;
      const own = frameDate(frame, current.date)?.date;
      if (frame.isNewIncident || (own !== undefined && dateConflicts(current.date, own)) || (own !== undefined && own.day !== undefined && current.date === undefined)) return true;
      const hasDistrict = frame.places.some((h) => !h.isIncidental && (h.entry.level === "admin2" || h.entry.level === "admin1"));
      return hasDistrict || sameBranch(current.place, p) || strongNewIncident.test(frame.text) || drafts.some((d) => d.place !== undefined && sameBranch(d.place, p));
    });
    const ownDate = hasOwnDate(frame);
    // "Two more soldiers succumbed on Sunday, taking the toll to six": a later day, the same incident.
    const isTollUpdate = (): boolean => tollUpdate.test(frame.text) || tollRaise.test(frame.text) || frame.casualties.some((m) => m.isMore === true) || /\bsuccumbed\b/.test(frame.text);
    // A toll with no word for an incident is one only where it has its own place or day ("Last month, 46 people were
    // killed in the region" counts deaths over a month).
    const isTentative = (score === 1 && !hasToll && ownDate && places.length > 0) || (score === 0 && frame.casualties.some((m) => m.value !== null && m.outcome === "killed") && ownDate && (places.length > 0 || (ownDated !== undefined && precisionOf(ownDated.date) === "day")) && current !== undefined && dateConflicts(effectiveDate(current), ownDated?.date) && !isTollUpdate());
    const isStatement = !hasToll && statementCue.test(frame.text);
    // "Security forces killed 12 militants in Bannu on Thursday": a report that opens with a toll and a place or a day
    // reports an incident even with no word for its kind.
    const hasPeopleHurt = frame.casualties.some((m) => m.value !== null && m.value > 0 && m.partOf === null);
    const isBareToll = score === 0 && hasPeopleHurt && !frame.isIrrealis && (places.length > 0 || frame.places.some((p) => p.isDateline) || (ownDated !== undefined && precisionOf(ownDated.date) === "day")) && drafts.every(isHeadlineDraft) && places.length <= 1 && !multiIncidentSummary.test(frame.text) && /[.!?]["'”]?$/.test(frame.text);
    const isEventful = (score >= 2 || (score >= 1 && hasToll) || isTentative || isBareToll) && !(frame.isIrrealis && !hasToll && !ownDate) && !isStatement;
    if (!isEventful) {
      const samePlace = current !== undefined && places.length > 0 && (current.place === undefined || current.placeIsDateline || places.every((p) => sameBranch(current!.place!, p)));
      const dateFits = current !== undefined && !dateConflicts(effectiveDate(current), frameDate(frame, current.date)?.date);
      const nightOfUndated = current !== undefined && current.date === undefined && places.length === 0 && ownDated !== undefined && /\b(?:throughout the night|during the night|overnight|last night|late (?:on )?\w+ night|night of|on night)\b/.test(frame.text);
      if (current !== undefined && !hasToll && dateFits && !strongNewIncident.test(frame.text) && (samePlace || nightOfUndated || (places.length === 0 && hasOwnDate(frame) && frame.isContinuation))) {
        join(current, frame, places[0], false);
        continue;
      }
      const earlier = hasToll && places.length > 0 && current !== undefined && places.some((p) => placeConflicts(current!, p)) ? drafts.find((d) => d.place !== undefined && places.every((p) => sameBranch(d.place!, p))) : undefined;
      if (earlier !== undefined && !strongNewIncident.test(frame.text)) {
        // "In Kunar, officials said six people were killed": the toll of the incident named there before.
        join(earlier, frame, places[0], true);
        current = earlier;
      } else if (current !== undefined && hasToll && !strongNewIncident.test(frame.text) && places.every((p) => !placeConflicts(current!, p)) && !(ownDated !== undefined && !isTollUpdate() && dateConflicts(effectiveDate(current), ownDated.date))) {
        if (current.splitGroup !== undefined && places.length === 0) unassigned.push({ frame, mentions: frame.casualties });
        else join(current, frame, places[0], true);
      } else if (current !== undefined && frame.isContinuation && frame.actors.length > 0 && /\b(claimed|owned|carried out|responsib|blamed|behind)\b/.test(frame.text)) {
        current.frames.push(frame);
      }
      continue;
    }
    const isAnaphoricDate = frame.dates.some((d) => d.isAnaphoric) && !frame.dates.some((d) => !d.isAnaphoric && !d.isReportDate);
    const currentIsHeadline = current !== undefined && current.frames.every((f) => f.index === 0 && !/[.!?]["'”]?$/.test(f.text));
    const isStrongNew = (strongNewIncident.test(frame.text) && !currentIsHeadline) || (isAnaphoricDate && ownDated !== undefined && current !== undefined && dateConflicts(current.date, ownDated.date)) || (current !== undefined && isSequel(frame, current));
    const isWeakNew = frame.isNewIncident && !isStrongNew;
    const anchorDate = lastMentionedDate ?? previousDate(undefined);
    const dated = ownDated;
    const isAirstrike = (frame.typeScores.get("airstrike") ?? 0) >= 2;

    // Several places for one kind of incident: one draft per place.
    if (places.length > 1) {
      const matched: Draft[] = [];
      const group = ++splitCounter;
      for (const place of places) {
        const existing = drafts.find((d) => d.place !== undefined && sameBranch(d.place, place) && !dateConflicts(d.date, dated?.date) && isAirstrikeDraft(d) === isAirstrike);
        if (existing !== undefined) {
          join(existing, frame, place, false);
          matched.push(existing);
        } else matched.push(open(frame, place, false, group, anchorDate));
      }
      if (hasToll && drafts.length > matched.length) unassigned.push({ frame, mentions: frame.casualties });
      current = matched[matched.length - 1];
      continue;
    }
    const place = places[0];
    let target: Draft | undefined;
    if (current !== undefined && !isStrongNew) {
      const isPlainContinuation = frame.isContinuation && place === undefined && !hasToll && !isWeakNew;
      const conflict =
        (isPlainContinuation ? false : placeConflicts(current, place)) ||
        (!isPlainContinuation && dateConflicts(effectiveDate(current), dated?.date)) ||
        isAirstrikeDraft(current) !== isAirstrike ||
        (isWeakNew && (place !== undefined || ownDate) && (place === undefined || !sameBranch(current.place ?? place, place) || dateConflicts(current.date, dated?.date) || current.date === undefined));
      // "The operation, launched on August 6, …": the same operation, whose start the sentence gives.
      const restatesCurrent =
        (/^\W*the (?:operation|attack|raid|strike|strikes|clash|clashes|fighting|assault|offensive|siege)\b/.test(frame.text) ||
          (place !== undefined && current.place !== undefined && sameBranch(current.place, place) && !frame.isNewIncident && /\b(?:operation|offensive|raid)\b/.test(frame.text))) &&
        !placeConflicts(current, place) &&
        !hasToll;
      if (conflict && restatesCurrent && dated !== undefined && current.date !== undefined && toDays(dated.date) < toDays(current.date) && toDays(current.date) - toDays(dated.date) <= 10 && dated.date.day !== undefined) {
        // Only a sentence about "the operation" itself moves the start; a mention elsewhere keeps the report's day.
        if (/^\W*the (?:operation|attack|raid|strike|strikes|clash|clashes|fighting|assault|offensive|siege)\b/.test(frame.text)) {
          current.dateEnd = current.dateEnd ?? current.date;
          current.date = dated.date;
        }
        current.frames.push(frame);
        continue;
      }
      if (!conflict) target = current;
      // "… claimed responsibility for the attack" after a paragraph of background: the report's main incident.
      const main = drafts[0];
      if (target === current && main !== undefined && main !== current && place === undefined && !ownDate && frame.isContinuation && current.date !== undefined && main.date !== undefined && current.date.year !== main.date.year) target = main;
    }
    if (target === undefined && place !== undefined) {
      // A headline that named this place already opened its incident.
      target = drafts.find((d) => d.place !== undefined && sameBranch(d.place, place) && d.frames.every((f) => f.index === 0 && !/[.!?]["'”]?$/.test(f.text)));
    }
    if (target === undefined && !isStrongNew) {
      // An incident described earlier, picked up again ("The North Waziristan operation …", "in the district today").
      target = drafts.find(
        (d) =>
          d !== current &&
          isAirstrikeDraft(d) === isAirstrike &&
          ((place !== undefined && d.place !== undefined && sameBranch(d.place, place) && !dateConflicts(d.date, dated?.date) && (frame.isContinuation || d.splitGroup !== undefined || (d.date !== undefined && dated !== undefined && !dateConflicts(d.date, dated.date) && precisionOf(dated.date) === "day"))) ||
            (place === undefined && d.date !== undefined && dated !== undefined && precisionOf(dated.date) === "day" && !dateConflicts(d.date, dated.date) && precisionOf(d.date) === "day")),
      );
    }
    if (target !== undefined) {
      if (target.splitGroup !== undefined && place === undefined && hasToll) {
        target.frames.push(frame);
        unassigned.push({ frame, mentions: frame.casualties });
      } else join(target, frame, place, true);
      current = target;
      continue;
    }
    // "However, a militant attack on a tanker in the same area …": a new incident announced after one already told.
    const isAnnouncedAfterAnother = isStrongNew && score >= 2 && drafts.length > 0;
    const isAnchored = hasToll || place !== undefined || ownDate || frame.places.some((p) => p.isDateline) || isAnnouncedAfterAnother;
    if (!isAnchored) continue;
    const anaphoricPlace = place === undefined && /\b(?:there|in the (?:same )?(?:district|area|province|city|region|town|tehsil|agency|locality|village))\b/.test(frame.text) ? lastPlace : undefined;
    const dl = place === undefined && anaphoricPlace === undefined ? frame.places.find((p) => p.isDateline) ?? (drafts.length === 0 ? datelinePlace : undefined) : undefined;
    // With no place of its own, an incident is most likely where the report's last named place is (a weak guess).
    const guessed = place === undefined && anaphoricPlace === undefined && dl === undefined ? lastPlace : undefined;
    current = open(frame, place ?? anaphoricPlace ?? dl?.entry ?? guessed, place === undefined && anaphoricPlace === undefined, undefined, anchorDate);
  }
  // A headline ("Three policemen martyred in KP attack") opens a draft before the body's dateline places
  // the incident: the body's first incident is the headline's when nothing sets them apart.
  const headline = drafts[0];
  const body = drafts[1];
  if (
    headline !== undefined &&
    body !== undefined &&
    headline.frames.every((f) => f.index === 0 && !/[.!?]["'”]?$/.test(f.text)) &&
    !multiIncidentSummary.test(headline.frames[0]!.text) &&
    !drafts.slice(2).some((d) => d.place !== undefined && headline.place !== undefined && sameBranch(d.place, headline.place)) &&
    // A headline names the city or district readers know ("in Karachi"); the body a locality of it or beside it.
    (headline.place === undefined || body.place === undefined || sameBranch(headline.place, body.place) || (headline.place.level !== "admin1" && headline.place.country === body.place.country && headline.place.admin1 === body.place.admin1)) &&
    !dateConflicts(headline.date, body.date) &&
    isAirstrikeDraft(headline) === isAirstrikeDraft(body) &&
    headline.splitGroup === undefined
  ) {
    body.frames.unshift(...headline.frames);
    body.tolls.unshift(...headline.tolls);
    if (body.place === undefined || (body.placeIsDateline && headline.place !== undefined && headline.place.level !== "admin1")) {
      body.place = headline.place ?? body.place;
      body.placeIsDateline = headline.place === undefined ? body.placeIsDateline : headline.placeIsDateline;
    }
    body.date ??= headline.date;
    drafts.shift();
  }
  return { drafts, unassigned };
}

/** "Within hours", "hours later", "the next day": what follows happened after the incident just told. */
const succession = /^\W*(?:within (?:hours|minutes|a day)|(?:hours|minutes|a day|a few hours|two days) later|later (?:that|the same) (?:day|night|evening)|the (?:next|following) (?:day|morning|night))\b/;

/** "Within hours, armed men from rival tribes exchanged fire": a sequel (or an earlier incident) of another kind is its own incident. */
function isSequel(frame: SentenceFrame, current: Draft): boolean {
  const follows = succession.test(frame.text);
  if (frame.isContinuation || !(follows || frame.isNewIncident)) return false;
  const [kind, weight] = [...frame.typeScores].reduce<[ExtractedEventType | undefined, number]>((best, [k, w]) => (w > best[1] ? [k, w] : best), [undefined, 0]);
  // "Earlier in the week, the administration initiated an operation": a cue for another incident and another kind.
  if (kind === undefined || weight < (follows ? 3 : 2)) return false;
  return current.frames.every((f) => (f.typeScores.get(kind) ?? 0) < 2);
}

/** A draft opened by a headline alone (the first line, no closing stop). */
const isHeadlineDraft = (draft: Draft): boolean => draft.frames.every((f) => f.index === 0 && !/[.!?]["'”]?$/.test(f.text));

const toDays = (d: PartialDate): number => Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1) / 86_400_000;

const precisionRank = (d: PartialDate): number => ({ year: 1, month: 2, day: 3 })[precisionOf(d)];

function isAirstrikeDraft(draft: Draft): boolean {
  return draft.frames.some((f) => (f.typeScores.get("airstrike") ?? 0) >= 2);
}

/** Type of an incident from the cues of all its sentences. */
export function decideType(draft: Draft): ExtractedEventType {
  const sum = (type: ExtractedEventType): number => draft.frames.reduce((s, f) => s + (f.typeScores.get(type) ?? 0), 0);
  const strong = (type: ExtractedEventType, min: number): boolean => draft.frames.some((f) => (f.typeScores.get(type) ?? 0) >= min);
  const tolls = combineTolls(draft.tolls);
  const killedAny = casualtyCategories.some((c) => (tolls.killed[c] ?? 0) > 0);
  const injuredAny = casualtyCategories.some((c) => (tolls.injured[c] ?? 0) > 0);
  const onlyMilitantsKilled = killedAny && (tolls.killed.militants ?? 0) > 0 && (tolls.killed.civilians ?? 0) === 0 && (tolls.killed.unknown ?? 0) === 0;
  const stateActs = draft.frames.some((f) => /\b(security forces|troops|soldiers|army|police|ctd|fc|frontier corps|levies|rangers|forces)\b (?:\w+ ){0,4}(?<!were |was |been |are |is )(?:killed|shot dead|gunned down|neutrali[sz]ed|eliminated|foiled|raided|conducted|carried out an? (?:intelligence|operation|raid|search|counter)|arrested|recovered|seized)/.test(f.text));
  let op = sum("security_operation") + (onlyMilitantsKilled && stateActs ? 2 : 0);
  const attack = sum("attack");
  if (strong("airstrike", 3) || (strong("airstrike", 2) && attack < 4)) return "airstrike";
  const opStrong = strong("security_operation", 2);
  if (strong("armed_clash", 3) && !(opStrong && op >= sum("armed_clash"))) return "armed_clash";
  if (sum("weapons_seizure") >= 2 && !killedAny && !injuredAny && attack < 2 + op) return "weapons_seizure";
  // A militant group claiming its "operation" reports an attack.
  const claimedByGroup = draft.frames.some((f) => /\b(?:claim(?:ed|s)?|owned|took|accepted|assumed) (?:the )?responsibility\b/.test(f.text) && !/\bno (?:one|group)\b/.test(f.text));
  if (claimedByGroup && attack >= 2) return "attack";
  // "Militants stormed a check post, martyring six; troops later killed four attackers in a clearance
  // operation": the operation answers the attack the report leads with.
  const lead = draft.frames[0]!;
  if ((lead.typeScores.get("attack") ?? 0) >= 2 && (lead.typeScores.get("security_operation") ?? 0) < 2 && (tolls.killed.security_forces ?? 0) > 0 && lead.casualties.some((m) => m.category === "security_forces" && m.outcome === "killed")) return "attack";
  if (opStrong && op >= attack) return "security_operation";
  // Forces killing militants is an operation, unless militants attacked and forces died too ("attacked a post, two policemen were martyred; police killed two attackers").
  const forcesDied = (tolls.killed.security_forces ?? 0) > 0;
  if (onlyMilitantsKilled && stateActs && (forcesDied ? attack < 2 : attack <= op + 2)) return "security_operation";
  // Forces and militants killed in a firefight with no attack named: the forces' operation.
  if (attack < 2 && (tolls.killed.militants ?? 0) > 0 && !strong("armed_clash", 3)) return "security_operation";
  if (attack >= 2) return "attack";
  if (op >= 1) return "security_operation";
  if (sum("armed_clash") >= 1) return "armed_clash";
  op = 0;
  return "attack";
}

const arrestWords = /\b(?:arrest(?:ed|ing|s)?|detain(?:ed|ing)|apprehend(?:ed|ing)|taken into custody|rounded up|held (?:\w+ )?suspects)\b/;
const fightingOrHaul = /\b(?:killed|shot|martyred|injured|wounded|exchange of fire|fire|firing|clash|gunfight|encounter|recover(?:ed|y)|seiz(?:ed|ure)|confiscat|explosives?|weapons|arms|ammunition|hideouts? (?:was|were) destroyed|destroyed)\b/;

/** Canonical actor name as the contract compares it (state units roll up to their state force). */
function canonicalActor(entry: ActorEntry, codebook: ExtractionCodebook): string {
  if (entry.kind === "state_force") {
    const parents = codebook.actors.affiliatesOf(entry.name).filter((p) => p.kind === "state_force");
    const top = parents[parents.length - 1];
    if (top !== undefined) return top.name;
  }
  const foreign = foreignStates[entry.name];
  return foreign ?? entry.name;
}

/** Foreign state forces are coded by the state's name. */
const foreignStates: Record<string, string> = {
  "United States forces": "United States",
  "Iranian forces": "Iran",
  "Indian forces": "India",
};

/** A country's bare name says where, not who. */
const countryNames = new Set(["pakistan", "afghanistan", "iran", "india", "china", "united states", "us", "usa"]);

const stateKinds = new Set(["state_force", "de_facto_authority", "foreign_force"]);
const armedGroupKinds = new Set(["militant_group", "separatist_group", "sectarian_group", "militia", "criminal_network"]);

function defaultStateForce(country: string | null, date: PartialDate | undefined): string | undefined {
  if (country === "PK") return "Pakistan security forces";
  if (country === "AF") {
    if (date === undefined) return "Afghan Taliban";
    const after = date.year > 2021 || (date.year === 2021 && (date.month ?? 12) >= 8);
    return after ? "Afghan Taliban" : "Afghan National Defense and Security Forces";
  }
  return undefined;
}

/** The state that struck: the country word nearest before a strike word, or "by Pakistani forces". */
function strikerIn(text: string): string | undefined {
  const by = strikerByPattern.exec(text);
  const strikeWord = /\b(?:air ?strikes?|strikes?|drone strikes?|missiles?|bombed|bombing|bombardment|shelling)\b/g;
  let m: RegExpExecArray | null;
  while ((m = strikeWord.exec(text)) !== null) {
    const window = text.slice(Math.max(0, m.index - 45), m.index);
    const countries = [...window.matchAll(/\b(pakistan|pakistani|iran|iranian|u\.s\.?|us|united states|american|afghan|afghanistan|indian|india)\b/g)];
    const last = countries[countries.length - 1];
    if (last !== undefined && !/\b(?:inside|in|on|into|across|against|targeting|targeted)\s+$/.test(window.slice(0, last.index))) {
      const name = strikerNames[last[1]!.replace(/\.$/, "")];
      if (name !== undefined) return name;
    }
  }
  return by === null ? undefined : strikerNames[by[1]!.replace(/\.$/, "")];
}

const strikerByPattern = /\b(?:by|from) (pakistani|iranian|u\.?s|american|afghan|indian) (?:forces|jets|drones|military|aircraft)/;
const strikerNames: Record<string, string> = {
  pakistan: "Pakistan security forces", pakistani: "Pakistan security forces", iran: "Iran", iranian: "Iran",
  us: "United States", "u.s": "United States", "united states": "United States", american: "United States",
  afghan: "Afghan Taliban", afghanistan: "Afghan Taliban", indian: "India", india: "India",
};

/** Turns drafts into contract events. */
export function finishEvents(
  drafts: readonly Draft[],
  codebook: ExtractionCodebook,
  published: PartialDate | undefined,
  documentCountry: string | null,
): ExtractedEvent[] {
  const events: ExtractedEvent[] = [];
  const documentText = drafts.flatMap((d) => d.frames.map((f) => f.text)).join(" ");
  for (const draft of drafts) {
    const noToll = draft.tolls.every((t) => Object.keys(t.killed).length === 0 && Object.keys(t.injured).length === 0);
    if (draft.frames.every((f) => f.isIrrealis) && noToll && draft.date === undefined) continue;
    if (noToll && draft.frames.every((f) => Math.max(0, ...f.typeScores.values()) < 2)) continue;
    // An incident recalled by its year alone, with no place or toll of its own ("after the suicide attack on a similar
    // convoy in 2021"), is one the report already told more precisely that year.
    const ownPlace = draft.frames.some((f) => f.places.some((p) => !p.isIncidental && p.entry.level !== "country"));
    const recalled = draft.date !== undefined && precisionOf(draft.date) === "year" && drafts.some((d) => d !== draft && d.date !== undefined && d.date.year === draft.date!.year && precisionOf(d.date) !== "year");
    if (noToll && !ownPlace && recalled) continue;
    if (draft.frames.some((f) => f.isAccident)) continue;
    // A kidnapping for ransom or a robbery by a gang is crime, not an incident of political violence.
    const draftText = draft.frames.map((f) => f.text).join(" ");
    if (criminalCue.test(draftText) && !militantCue.test(draftText)) continue;
    let type = decideType(draft);
    // Suspects arrested or detained with no toll, nothing recovered and no fighting: not an incident (team dev decision 10).
    if (type === "security_operation" && noToll && draft.frames.every((f) => f.weapons.size === 0) && arrestWords.test(draftText) && !fightingOrHaul.test(draftText)) continue;
    const sides = stateSides(draft, codebook);
    if ((type === "attack" || type === "security_operation") && sides.size >= 2 && draft.frames.some((f) => /\b(fir(?:ed|ing)|shell(?:ed|ing)|clash|fighting|retaliat|exchange|attacked|gunfight)/.test(f.text))) type = "armed_clash";
    // A weak place (dateline or guess) gives way to the country the incident's own words name.
    const cueCountry = countryFromCues(draft);
    const place = draft.place !== undefined && draft.placeIsDateline && cueCountry !== null && cueCountry !== draft.place.country ? undefined : draft.place;
    let country: string | null = place?.country ?? null;
    if (country === null) country = cueCountry ?? documentCountry;
    let admin1: string | null = null;
    let admin2: string | null = null;
    if (place !== undefined) {
      admin1 = place.level === "admin1" ? place.name : place.admin1;
      if (place.level === "admin2") admin2 = place.name;
      else if (place.level === "locality") admin2 = place.admin2 ?? ((place as PlaceEntry & { isRegion?: boolean }).isRegion ? place.name : null);
    }
    let date = draft.date;
    if (date === undefined) {
      const index = drafts.indexOf(draft);
      for (let i = index - 1; i >= 0; i--) {
        const earlier = drafts[i]!.date;
        if (earlier !== undefined) {
          date = earlier;
          break;
        }
      }
    }
    if (date === undefined && published !== undefined) date = published;
    const actorContext = { country, date: formatDate(date) };
    const talibanRule = country === "AF" && (date === undefined || date.year > 2021 || (date.year === 2021 && (date.month ?? 12) >= 8));
    const { killed, injured } = combineTolls(draft.tolls, talibanRule);
    const states: string[] = [];
    const groups: string[] = [];
    const specificStates = new Set<string>();
    for (const frame of draft.frames) {
      const negation = /\bno (?:one|group|organi[sz]ation)\b[^.,;]*\b(claimed|responsib)/.exec(frame.text);
      const blameAt = frame.text.search(/\b(blamed|blames|accused|attributed)\b/);
      for (const hit of frame.actors) {
        if (countryNames.has(hit.alias)) continue;
        const isAfghanRegime = hit.alias === "taliban" && /\b(returned to power|took power|takeover|seized power|came to power|taliban-led|taliban regime|taliban government|islamic emirate)\b/.test(frame.text);
        const entry = isAfghanRegime ? codebook.actors.get("Afghan Taliban") : codebook.actors.resolve(hit.alias, actorContext);
        if (entry === undefined) continue;
        const name = canonicalActor(entry, codebook);
        if (stateKinds.has(entry.kind)) {
          if (!states.includes(name)) states.push(name);
          if (!/^(security forces|troops|police|soldiers|security personnel|policemen|forces|army troops|police personnel|security officials)$/.test(hit.alias)) specificStates.add(name);
        } else if (armedGroupKinds.has(entry.kind) && (negation === null || (blameAt >= 0 && hit.from >= 0 && frame.text.indexOf(hit.alias) > blameAt))) {
          if (!groups.includes(name)) groups.push(name);
        }
      }
    }
    const eventText = draft.frames.map((f) => f.text).join(" ");
    // Customs officials acting alone are not "security forces" in the contract's sense.
    if (states.includes("Pakistan Customs") && !/\b(security forces|fc|frontier corps|army|police|levies|troops|soldiers|rangers)\b/.test(eventText)) {
      const index = states.indexOf("Pakistan security forces");
      if (index >= 0) states.splice(index, 1);
    }
    // Keep the most specific of a group and its parent (Majeed Brigade, not also the BLA).
    for (const name of [...groups]) for (const parent of codebook.actors.affiliatesOf(name)) {
      const index = groups.indexOf(parent.name);
      if (index >= 0) groups.splice(index, 1);
    }
    // "Baloch separatists" stands in only when no specific group is named (EXTRACTION.md).
    if (groups.includes("Baloch separatists") && groups.some((g) => g !== "Baloch separatists" && codebook.actors.get(g)?.kind === "separatist_group")) groups.splice(groups.indexOf("Baloch separatists"), 1);
    let perpetrators: string[] = [];
    let targets: string[] = [];
    const stateDefault = defaultStateForce(country, date);
    if (type === "security_operation" || type === "weapons_seizure") {
      const own = states.filter((s) => s === stateDefault || s === "Pakistan Customs" || (country === "PK" && s === "Pakistan security forces") || country === null);
      perpetrators = own.length > 0 ? own : stateDefault !== undefined ? [stateDefault] : states.slice(0, 1);
      targets = groups;
    } else if (type === "airstrike") {
      const text = draft.frames.map((f) => f.text).join(" ");
      const striker = strikerIn(text) ?? strikerIn(documentText);
      perpetrators = striker !== undefined ? [striker] : states.slice(0, 1);
      targets = groups;
    } else if (type === "armed_clash") {
      perpetrators = [...states, ...groups];
      if (groups.length >= 2 || (groups.length >= 1 && states.some((s) => s !== stateDefault))) perpetrators = perpetrators.filter((p) => !(p === stateDefault && !specificStates.has(p)));
      const text = draft.frames.map((f) => f.text).join(" ");
      if (/\b(?:pakistani?|pakistan's) and afghan(?:istan's)? (?:militar(?:y|ies)|forces|troops|border forces|soldiers|security forces)/.test(text)) {
        const afghan = defaultStateForce("AF", date) ?? "Afghan Taliban";
        for (const name of ["Pakistan security forces", afghan]) if (!perpetrators.includes(name)) perpetrators.push(name);
        perpetrators = perpetrators.filter((p) => p !== "Tehrik-i-Taliban Pakistan" || /\b(ttp|tehreek|tehrik|pakistani taliban|khwarij|khawarij)\b/.test(text));
      }
    } else {
      perpetrators = groups;
      const victimsAreForces = (killed.security_forces ?? 0) > 0 || (injured.security_forces ?? 0) > 0 || draft.frames.some((f) => /\b(police (?:station|post|picket|check ?post|vehicle|van|mobile|party|patrol)|check ?posts?|checkpoints?|convoy of (?:security|the security)|security forces'? convoy|military (?:convoy|post|checkpoint)|(?:fc|levies|frontier corps) (?:vehicle|post|check ?post|convoy)|security compound|police|soldiers|troops|personnel)\b/.test(f.text));
      if (victimsAreForces && stateDefault !== undefined) targets = [stateDefault];
    }
    const weapons = new Set<WeaponCategory>();
    for (const frame of draft.frames) for (const w of frame.weapons) weapons.add(w);
    if (weapons.has("vbied")) weapons.delete("suicide_vest");
    const evidence = [...new Set(draft.frames)].sort((a, b) => a.start - b.start).map((f) => ({ start: f.start, end: f.end }));
    events.push({
      type,
      date: formatDate(date),
      date_end: formatDate(draft.dateEnd) ?? null,
      country,
      admin1,
      admin2,
      perpetrators,
      targets,
      killed,
      injured,
      weapons: [...weapons],
      evidence,
    });
  }
  return events;
}

/** The states whose forces act in an incident (Pakistan, Afghanistan, Iran …), by the actors named. */
function stateSides(draft: Draft, codebook: ExtractionCodebook): Set<string> {
  const sides = new Set<string>();
  for (const frame of draft.frames) {
    for (const hit of frame.actors) {
      const entry = codebook.actors.resolve(hit.alias);
      if (entry === undefined || !stateKinds.has(entry.kind)) continue;
      if (/^(security forces|troops|police|soldiers|security personnel|policemen|forces|army troops)$/.test(hit.alias)) continue;
      if (!/\b(forces?|army|military|troops|soldiers|fighters|guards|police|taliban|emirate|regime|corps|fc|levies|rangers|militar(?:y|ies)|personnel)\b/.test(hit.alias)) continue;
      const country = entry.kind === "foreign_force" ? entry.name : entry.countries[0] ?? entry.name;
      sides.add(country);
    }
  }
  return sides;
}

function countryFromCues(draft: Draft): string | null {
  const text = draft.frames.map((f) => f.text).join(" ");
  // The first cue the incident's words give: "in Pakistan's Bajaur district … from Afghan soil" happened in Pakistan.
  const afghan = /\b(?:inside|in|across) afghanistan\b|\b(?<!from )afghan (?:territory|soil|province)/.exec(text);
  const pakistani = /\b(?:pakistani|pakistan's) (?:border )?(?:posts?|check ?posts?|territory|soil)\b|\bin pakistan\b|\bin pakistan's (?:[\w-]+ ){0,2}(?:district|province|city|town|area|region)\b/.exec(text);
  if (afghan !== null && !/\bfrom afghanistan\b/.test(text) && (pakistani === null || afghan.index < pakistani.index)) return "AF";
  if (pakistani !== null) return "PK";
  const countries = draft.frames.flatMap((f) => f.places.filter((p) => p.entry.level === "country" && !p.isIncidental).map((p) => p.entry.country));
  return countries[0] ?? null;
}
