/**
 * Words of the casualty grammar: who the dead and injured are (head nouns and the modifiers that type
 * generic heads such as "officials" or "personnel"), and the phrases that say what happened to them.
 * Categories follow EXTRACTION.md: security_forces, civilians, militants, unknown.
 */
import type { CasualtyCategory } from "./extraction-types.ts";

export type HeadReading = CasualtyCategory | "generic";

const words = (list: string): string[] => list.trim().split(/\s+/);
const headEntries: Array<[string, HeadReading]> = [
  ...words(`soldier soldiers troop troops trooper troopers policeman policemen cop cops constable constables
    jawan jawans sepoy sepoys commando commandos paramilitary paramilitaries paramilitaries guardsman guardsmen
    inspector inspectors sho dsp asi naik havaldar subedar lieutenant captain major colonel brigadier
    ranger rangers levy levies fc policewoman policewomen gendarmes cadets cadet warden wardens khasadar khasadars
    sentry sentries guardsmen`).map((w): [string, HeadReading] => [w, "security_forces"]),
  ...words(`civilian civilians passenger passengers worshipper worshippers worshiper worshipers student students
    child children kid kids boy boys girl girls infant infants toddler toddlers baby babies woman women labourer
    labourers laborer laborers worker workers journalist journalists reporter reporters cameraman cameramen photographer photographers
    passer passers passerby passersby pedestrian pedestrians teacher teachers doctor doctors nurse nurses citizen
    citizens national nationals villager villagers resident residents shopkeeper shopkeepers trader traders
    farmer farmers driver drivers pilgrim pilgrims mourner mourners devotee devotees engineer engineers tourist
    tourists vaccinator vaccinators governor minister ministers judge judges tehsildar tehsildars commissioner
    lawmaker lawmakers mp mps mna mpa legislator legislators politician politicians leader leaders councillor councillors nazim
    contractor contractors shepherd shepherds
    herder herders miner miners vendor vendors businessman businessmen daughter daughters son sons wife
    husband mother father brother brothers sister sisters relatives relative spectators spectator guests
    wedding attendees lawyer lawyers activist activists mother minors minor pupils pupil schoolchildren
    schoolboys schoolgirls bystander bystanders hostages hostage customers shoppers motorists commuters candidate
    candidates refugees migrants fishermen chowkidar barber barbers tailor tailors cook labourer porters porter
    pilgrims mourners patients voters schoolteacher schoolteachers headmaster headmistress lecturer lecturers
    professor professors shopowner shopowners nephew nephews niece nieces cousin cousins uncle uncles grandson
    grandsons granddaughter granddaughters grandfather grandmother`).map((w): [string, HeadReading] => [w, "civilians"]),
  ...words(`terrorist terrorists militant militants insurgent insurgents khwarij khawarij kharijis khariji kharji
    khwarji khawarji attacker attackers assailant assailants bomber bombers gunman gunmen fighter fighters rebel
    rebels separatist separatists miscreant miscreants jihadi jihadis jihadist jihadists extremist extremists
    commander commanders facilitator facilitators infiltrator infiltrators outlaws outlaw dacoits raiders`).map((w): [string, HeadReading] => [w, "militants"]),
  ...words(`people persons person individual individuals man men others other more victims victim bodies body
    lives youth youths locals tribesmen tribesman elder elders cleric clerics scholar scholars imam`).map((w): [string, HeadReading] => [w, "unknown"]),
  ...words(`officials official officers officer members member personnel forces force staff guards guard employees
    employee operatives operative team crew`).map((w): [string, HeadReading] => [w, "generic"]),
];

/** Head nouns of casualty noun phrases and what they count as. */
export const casualtyHeads: ReadonlyMap<string, HeadReading> = new Map(headEntries);

/** Modifiers that give a generic head ("officials", "personnel") its category. */
export const categoryModifiers: ReadonlyMap<string, CasualtyCategory> = new Map<string, CasualtyCategory>([
  ...words(`police security army military paramilitary levies fc frontier corps rangers ctd border law
    enforcement defence defense navy naval air policemen soldiers intelligence customs emirate`).map((w): [string, CasualtyCategory] => [w, "security_forces"]),
  ...words(`militant militants terrorist terrorists taliban ttp daesh isis is iskp bla blf insurgent khwarij
    khawarij group outfit banned proscribed islamic khorasan lashkar jaish tehreek tehrik liberation fitna`).map((w): [string, CasualtyCategory] => [w, "militants"]),
  ...words(`civilian civilians family government civil district polio election health aid political tribal
    school hospital municipal revenue local parliament parliamentary assembly provincial`).map((w): [string, CasualtyCategory] => [w, "civilians"]),
]);

/** Generic heads that default to security forces when nothing else says otherwise ("three personnel"). */
export const genericDefaults: ReadonlyMap<string, CasualtyCategory> = new Map<string, CasualtyCategory>([
  ["personnel", "security_forces"],
  ["officers", "security_forces"],
  ["officer", "security_forces"],
  ["forces", "security_forces"],
  ["force", "security_forces"],
  ["guards", "security_forces"],
  ["guard", "security_forces"],
]);

export type Outcome = "killed" | "injured" | "casualties";

export interface OutcomePhrase {
  words: string[];
  outcome: Outcome;
  /** passive: follows the victims ("were martyred"); active: precedes them ("killing six"); both. */
  voice: "passive" | "active" | "both";
}

const phrase = (text: string, outcome: Outcome, voice: OutcomePhrase["voice"]): OutcomePhrase => ({
  words: text.split(" "),
  outcome,
  voice,
});

/** Outcome phrases, longest first within each first word. */
export const outcomePhrases: readonly OutcomePhrase[] = [
  // Killed, either voice.
  phrase("killed", "killed", "both"),
  phrase("martyred", "killed", "both"),
  phrase("shot dead", "killed", "both"),
  phrase("gunned down", "killed", "both"),
  phrase("shot down", "killed", "active"),
  phrase("neutralised", "killed", "both"),
  phrase("neutralized", "killed", "both"),
  phrase("eliminated", "killed", "both"),
  phrase("slain", "killed", "passive"),
  phrase("beheaded", "killed", "both"),
  phrase("executed", "killed", "passive"),
  phrase("dead", "killed", "passive"),
  phrase("died", "killed", "passive"),
  phrase("die", "killed", "passive"),
  phrase("perished", "killed", "passive"),
  phrase("sent to hell", "killed", "passive"),
  // "troops sent three terrorists to hell": the victims stand between the verb and its end.
  phrase("to hell", "killed", "passive"),
  phrase("embraced shahadat", "killed", "passive"),
  phrase("embraced shahadath", "killed", "passive"),
  phrase("embraced martyrdom", "killed", "passive"),
  phrase("embrace shahadat", "killed", "passive"),
  phrase("embrace martyrdom", "killed", "passive"),
  phrase("achieved martyrdom", "killed", "passive"),
  phrase("attained martyrdom", "killed", "passive"),
  phrase("laid down their lives", "killed", "passive"),
  phrase("laid down his life", "killed", "passive"),
  phrase("lost their lives", "killed", "passive"),
  phrase("lost his life", "killed", "passive"),
  phrase("lost her life", "killed", "passive"),
  phrase("lost their life", "killed", "passive"),
  phrase("lost lives", "killed", "passive"),
  phrase("succumbed to their injuries", "killed", "passive"),
  phrase("succumbed to his injuries", "killed", "passive"),
  phrase("succumbed to her injuries", "killed", "passive"),
  phrase("succumbed to injuries", "killed", "passive"),
  phrase("succumbed to their wounds", "killed", "passive"),
  phrase("succumbed to his wounds", "killed", "passive"),
  phrase("succumbed", "killed", "passive"),
  phrase("were among the dead", "killed", "passive"),
  phrase("among the dead", "killed", "passive"),
  phrase("among those killed", "killed", "passive"),
  phrase("among the killed", "killed", "passive"),
  phrase("among the martyred", "killed", "passive"),
  phrase("among the martyrs", "killed", "passive"),
  phrase("fell martyr", "killed", "passive"),
  phrase("were found dead", "killed", "passive"),
  phrase("found dead", "killed", "passive"),
  phrase("killing", "killed", "active"),
  phrase("kills", "killed", "active"),
  phrase("martyrs", "killed", "active"),
  phrase("wounds", "injured", "active"),
  phrase("injures", "injured", "active"),
  phrase("martyring", "killed", "active"),
  phrase("killing of", "killed", "active"),
  phrase("killings of", "killed", "active"),
  phrase("death of", "killed", "active"),
  phrase("deaths of", "killed", "active"),
  phrase("martyrdom of", "killed", "active"),
  phrase("claimed the lives of", "killed", "active"),
  phrase("claimed", "killed", "active"),
  phrase("claiming", "killed", "active"),
  phrase("took", "killed", "active"),
  phrase("claiming the lives of", "killed", "active"),
  phrase("claimed lives of", "killed", "active"),
  phrase("claimed the life of", "killed", "active"),
  phrase("took the lives of", "killed", "active"),
  phrase("taking the lives of", "killed", "active"),
  phrase("neutralising", "killed", "active"),
  phrase("neutralizing", "killed", "active"),
  phrase("eliminating", "killed", "active"),
  phrase("shooting dead", "killed", "active"),
  phrase("gunning down", "killed", "active"),
  phrase("bodies of", "killed", "active"),
  // Injured.
  phrase("injured", "injured", "both"),
  phrase("wounded", "injured", "both"),
  phrase("hurt", "injured", "passive"),
  phrase("sustained injuries", "injured", "passive"),
  phrase("sustained wounds", "injured", "passive"),
  phrase("received injuries", "injured", "passive"),
  phrase("suffered injuries", "injured", "passive"),
  phrase("suffered wounds", "injured", "passive"),
  ...["sustained", "suffered", "received"].flatMap((verb) =>
    ["bullet", "gunshot", "serious", "critical", "minor", "severe", "multiple", "splinter", "shrapnel", "burn"].flatMap((kind) => [
      phrase(`${verb} ${kind} injuries`, "injured", "passive"),
      phrase(`${verb} ${kind} wounds`, "injured", "passive"),
    ]),
  ),
  phrase("were among the injured", "injured", "passive"),
  phrase("among the injured", "injured", "passive"),
  phrase("among the wounded", "injured", "passive"),
  phrase("among those injured", "injured", "passive"),
  phrase("among those wounded", "injured", "passive"),
  phrase("injuring", "injured", "active"),
  phrase("wounding", "injured", "active"),
  phrase("injuries to", "injured", "active"),
  // Inverted: "Among the injured were five children".
  phrase("among the injured were", "injured", "active"),
  phrase("among the injured was", "injured", "active"),
  phrase("among the wounded were", "injured", "active"),
  phrase("among the dead were", "killed", "active"),
  // "The dead are three soldiers and two civilians", "the injured were mostly labourers".
  phrase("dead are", "killed", "active"),
  phrase("dead were", "killed", "active"),
  phrase("killed were", "killed", "active"),
  phrase("deceased were", "killed", "active"),
  phrase("injured are", "injured", "active"),
  phrase("injured were", "injured", "active"),
  phrase("wounded are", "injured", "active"),
  phrase("wounded were", "injured", "active"),
  phrase("among the dead was", "killed", "active"),
  phrase("among those killed were", "killed", "active"),
  phrase("among those killed was", "killed", "active"),
  phrase("among the martyred were", "killed", "active"),
  phrase("among the victims were", "casualties", "active"),
  // Lists after "the casualties included …".
  phrase("casualties included", "casualties", "active"),
  phrase("casualties include", "casualties", "active"),
  phrase("dead included", "killed", "active"),
  phrase("dead include", "killed", "active"),
  phrase("killed included", "killed", "active"),
  phrase("killed include", "killed", "active"),
  phrase("martyred included", "killed", "active"),
  phrase("martyred include", "killed", "active"),
  phrase("martyrs included", "killed", "active"),
  phrase("injured included", "injured", "active"),
  phrase("injured include", "injured", "active"),
  phrase("wounded included", "injured", "active"),
  phrase("wounded include", "injured", "active"),
].sort((a, b) => b.words.length - a.words.length);

/** Index of outcome phrases by first word. */
export const outcomesByFirstWord: ReadonlyMap<string, OutcomePhrase[]> = (() => {
  const map = new Map<string, OutcomePhrase[]>();
  for (const p of outcomePhrases) {
    const list = map.get(p.words[0]!) ?? [];
    list.push(p);
    map.set(p.words[0]!, list);
  }
  return map;
})();

/** Words that may stand between victims and a passive outcome ("were reportedly", "got", "have been"). */
export const auxiliaryWords = new Set(words(`were was is are be been being have has had got get gets also reportedly
  all both later subsequently allegedly seriously critically severely grievously badly slightly mildly fatally
  gravely initially then too either reported confirmed feared believed`));

/** Qualifiers before a number. */
export const qualifierPhrases: ReadonlyArray<{ words: string[]; qualifier: "at_least" | "approximately" | "at_most" }> = [
  { words: ["at", "least"], qualifier: "at_least" },
  { words: ["more", "than"], qualifier: "at_least" },
  { words: ["over"], qualifier: "at_least" },
  { words: ["above"], qualifier: "at_least" },
  { words: ["upwards", "of"], qualifier: "at_least" },
  { words: ["no", "fewer", "than"], qualifier: "at_least" },
  { words: ["no", "less", "than"], qualifier: "at_least" },
  { words: ["as", "many", "as"], qualifier: "at_least" },
  { words: ["in", "excess", "of"], qualifier: "at_least" },
  { words: ["nearly"], qualifier: "approximately" },
  { words: ["about"], qualifier: "approximately" },
  { words: ["around"], qualifier: "approximately" },
  { words: ["approximately"], qualifier: "approximately" },
  { words: ["approx"], qualifier: "approximately" },
  { words: ["almost"], qualifier: "approximately" },
  { words: ["roughly"], qualifier: "approximately" },
  { words: ["some"], qualifier: "approximately" },
  { words: ["close", "to"], qualifier: "approximately" },
  { words: ["an", "estimated"], qualifier: "approximately" },
  { words: ["estimated"], qualifier: "approximately" },
  { words: ["up", "to"], qualifier: "at_most" },
  { words: ["at", "most"], qualifier: "at_most" },
  { words: ["less", "than"], qualifier: "at_most" },
  { words: ["fewer", "than"], qualifier: "at_most" },
  { words: ["under"], qualifier: "at_most" },
  { words: ["maximum", "of"], qualifier: "at_most" },
];

/** Tokens that end a casualty noun phrase. */
export const phraseBreakers = new Set(words(`were was is are be been being have has had got get and or but while when
  as after before in on at by from to with for during near including who which that said , . ; : ( ) " ? ! also
  reportedly whereas where whom whose of among were amid into inside outside across along per`));

/** Tokens that end a clause when looking far for an outcome. */
export const clauseBreakers = new Set(words(`. ; ? ! while whereas but when after before because since which who
  said says told added according whom where although though however adding saying noting stating claiming`));

/** Month names, to keep day numbers out of casualty counts. */
export const monthWords = new Set(words(`january february march april may june july august september october november
  december jan feb mar apr jun jul aug sep sept oct nov dec`));

/** Units after a number that make it something other than a head count. */
export const nonCountUnits = new Set(words(`am pm hours hour hrs minutes minute km kms kilometres kilometers kilometre
  kilometer miles mile metres meters metre meter kg kgs kilogram kilograms tonnes tons percent per pc % years year
  days day weeks week months month times time st nd rd th rupees rs pkr usd dollars afghanis million billion
  feet ft o'clock gmt pst pkt local`));
