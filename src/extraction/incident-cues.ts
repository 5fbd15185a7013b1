/**
 * Words that say what kind of incident a sentence reports, with how strongly, and the discourse cues that
 * tell a new incident from the continuation of the one being described. Matched on the normalised
 * (lower-case, ASCII-punctuation) sentence text.
 */
import type { ExtractedEventType } from "./extraction-types.ts";

export interface TypeCue {
  type: ExtractedEventType;
  re: RegExp;
  /** 3: names the incident itself ("a suicide attack"); 2: clear; 1: weak on its own ("gun battle"). */
  weight: number;
}

export const typeCues: readonly TypeCue[] = [
  // Air and drone strikes by states.
  { type: "airstrike", re: /\b(air ?strikes?|air raids?|aerial (?:strikes?|bombardment|attacks?)|drone strikes?|drones? (?:struck|strike|strikes|hit|fired|bombed|targeted)|(?:jets|warplanes|aircraft|helicopters|gunships) (?:struck|bombed|pounded|targeted|hit)|precision strikes?|missile strikes?|airstrike|jets? (?:bombed|struck|pounded)|bombed the house|warplanes?|fighter jets|air force (?:struck|bombed))\b/, weight: 3 },
  { type: "airstrike", re: /\b(strikes? (?:hit|targeted|on|inside|in)|missiles? (?:fired|hit|struck)|launched missiles|further strikes|cross-border strikes?)\b/, weight: 2 },
  // Clashes between armed forces or groups.
  { type: "armed_clash", re: /\b(clash(?:es|ed)?|skirmish(?:es)?|fighting (?:between|broke out|erupted)|fought (?:off|each other|pitched)|exchang(?:e|ed|ing) (?:heavy |intense |sporadic |cross-border )?(?:fire|gunfire)|cross-border (?:firing|gunfight|fire exchange)|border (?:clash(?:es)?|skirmish(?:es)?|firing)|confronted|infighting|gunfight between|armed conflict between|tribal (?:clashes|fighting)|sectarian (?:clashes|fighting)|(?:troops|forces|posts?) (?:were|was) fired upon)\b/, weight: 3 },
  { type: "armed_clash", re: /\b(gun ?battle|gunfight|exchange of fire|fire exchange|cross fire|crossfire|firefight|fighting)\b/, weight: 1 },
  // Operations by state forces.
  { type: "security_operation", re: /\b(intelligence[- ]based operations?|ibos?|counter[- ]terrorism operations?|cto|search and strike|clearance operation|military operation|security operation|targeted operations?|operation (?:was|were) (?:conducted|carried out|launched)|conducted an? (?:operation|raid)|raids?|raided|infiltration (?:attempt|bid)|foiled (?:an? )?(?:infiltration|attempt)|sent to hell|neutrali[sz]ed|encounter with (?:police|security forces|ctd)|police encounter|hideouts? (?:was|were)? ?(?:destroyed|busted|targeted)|operation (?:late|early|on|in|against)|the operation)\b/, weight: 2 },
  { type: "security_operation", re: /\b(operation|operations|apprehended|arrested|detained|sanitisation|sanitization|search operation|combing operation)\b/, weight: 1 },
  // Seizures of arms.
  { type: "weapons_seizure", re: /\b(recover(?:ed|y|ing)|seiz(?:ed|ure|ing)|confiscat(?:ed|ion|ing)|cache|haul|uncovered|smuggling (?:bid|attempt)|foiled (?:a|an|the)? ?(?:bid|attempt) to smuggle|impounded|found (?:a )?(?:huge )?(?:cache|quantity))\b/, weight: 2 },
  // Militant attacks.
  { type: "attack", re: /\b(suicide (?:attack|bombing|bomber|blast|explosion|car bomb)|bomb(?:ing)? attack|bomb blast|(?:roadside|remote[- ]controlled|magnetic|sticky|time) (?:bomb|mine|device)|ied (?:attack|blast|explosion)|improvised explosive device|grenade attacks?|hurled (?:a )?(?:hand )?grenades?|threw (?:a )?(?:hand )?grenades?|ambush(?:ed)?|target(?:ed)? killing|gunned down|shot dead|opened fire|open fire|indiscriminate fire|(?:was|were|been) bombed|(?:killed|martyred|injured|wounded|shot dead|abducted|kidnapped) (?:\w+ ){0,6}by (?:"|\u201c)?(?:unidentified |unknown |armed |suspected )?(?:terrorists|militants|gunmen|attackers|assailants|insurgents|khwarij|khawarij|miscreants)|fired (?:up)?on|fired at|fired (?:\w+ )?(?:rockets?|mortars?|mortar shells|shells|rounds|shots|bullets|grenades?) (?:at|on|into|towards)|rammed (?:\w+ ){0,3}into|explosives?[- ](?:laden|packed|filled) (?:car|vehicle|truck|pick-?up|motorcycle|motorbike|rickshaw)|stormed|came under (?:attack|fire)|(?:was|were) targeted|attacked|attacking|terrorist attack|militant attack|armed attack|an attack|the attack|a blast|the blast|an explosion|the explosion|explosion (?:took place|occurred|went off|ripped)|blew (?:himself|herself|themselves) up|exploded (?:himself|herself)|detonated|kidnapped|abducted|beheaded|bodies (?:of|were found)|quadcopter|mortar shells? (?:fired|landed|fell|hit|struck)|mortar shell|shells? (?:landed|fell)|set (?:on )?fire|torched|(?:claimed|claims|owned|owns|took|takes|accepted|accepts|assumed|assumes) (?:the )?responsibility|(?:claimed|owned) (?:the|this|that) (?:attack|bombing|blast|killings?|assault|shooting|ambush|abduction|kidnapping)|launched (?:\w+ ){0,2}attacks|repulsed (?:\w+ ){0,2}attacks?|attacks? by (?:terrorists|militants|insurgents|gunmen|khwarij|khawarij)|(?:bomb|device|explosives?|ied|mine|grenade|shell)(?: \w+){0,6} (?:exploded|went off|detonated)|carried out (?:\w+ ){0,2}attacks? on|attacks? on (?:\w+ ){0,2}(?:posts?|check ?posts?|convoys?|police stations?)|(?:a|the) (?:suicide )?bomber|bombing|blast|explosion|assault|(?<!\b(?:planning|planned|plans?|plotting|preparing|trying|tried|bid|attempt(?:ing)?|going|want(?:ed|ing)?|intend(?:ed|ing)?|about|sought|seeking|ready) to )attack|(?:multiple|several|two|three|twin|series of|serial) (?:explosions|blasts|bombings|attacks)|explosions (?:targeted|hit|rocked))\b/, weight: 2 },
];

/** Cues that a sentence begins another incident than the one being described. */
export const newIncidentCue = /\b(in (?:another|a separate|a similar|a third|a second|a related|yet another) (?:incident|attack|development|action|news|operation|case|raid|strike)|in another|separately|elsewhere|meanwhile|in a separate|in a similar|in a related|(?:the|a) (?:second|third|fourth|fifth|another|separate) (?:attack|incident|blast|explosion|operation|strike|raid)|another (?:attack|incident|blast|explosion|operation|strike|raid|quadcopter)|the first (?:attack|incident|blast)|earlier,|earlier on|earlier in|previously|last year|previous attacks?|this is not the first|(?:^|\s)(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{4}:)/;

/** Cues that a sentence continues the incident already being described. */
export const continuationCue = /\b(the (?:operation|attack|assault|blast|explosion|incident|strike|strikes|raid|clash|clashes|ambush|bombing|gunfight|fighting|encounter|exchange of fire|shooting|killings?|firing|abduction|kidnapping)|during the|in the attack|resultantly|as a result|the injured|the bodies|the deceased|the martyred|the victims|the dead|the wounded|the attackers|the assailants|the terrorists|the militants)\b/;

/** Sentences about accidents, not violence. */
export const accidentCue = /\b(negligence|accidental(?:ly)?|gas cylinder|cylinder blast|short circuit|boiler|traffic accident|road accident|collided|collision|landslide|earthquake|flood|drowned|electrocuted)\b/;

/** Sentences that count incidents or casualties over a period: claims, not an incident. */
export const aggregateCue = /\b(this year|current year|so far this year|since (?:january|february|march|april|may|june|july|august|september|october|november|december|(?:19|20)\d\d)|since the start of|(?:first|second) half|(?:first|second|third|fourth|last|previous) quarter|quarterly|annual|per ?cent|percent|\d+ ?pc\b|\d+ ?%|(?<!out of )a total of|in total|(?<!out of a )total (?:of|number)|so far|(?:over|in|during) the (?:past|last) (?:year|years|decade|\w+ (?:weeks|years|months|decades))|during the (?:period|year|month)|past (?:year|two years|few years|decade|\d+ years)|the same period|compared (?:to|with)|(?:the|these|official|latest) figures|statistics|data (?:shows|showed|compiled)|report(?:ed)? (?:\w+ )?(?:says|said|showed|shows|reveals|revealed|released|published|records|recorded|notes|noted)|according to (?:a|an|the) (?:\w+ ){0,3}(?:report|data|study|survey|figures)|think tank|left behind|were recorded|was recorded|recorded \d|(?:deaths|fatalities|casualties|attacks|incidents) (?:rose|increased|decreased|declined|dropped|fell)|highest|lowest|in (?:two|three|four|five|six|\d+) years|across (?:pakistan|afghanistan|the country|the province|the region|the (?:[\w-]+ ){0,2}(?:provinces|districts|regions))|in (?:various |several |multiple |different )?operations (?:against|across)|^\W*(?:\w+ ){0,2}(?:attacks|bombings|violence) (?:have |has )?killed (?:more than |over |at least |nearly |about |some )?\d[\d,]*|nationwide|(?:the )?(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)) (?:such |similar |major )?(?:attack|incident|killing|blast|bombing)s? (?:on|in|against|this|since|of)|over (?:two|three|four|five|\d+) decades|each year|every year|a year|per year|months of|weeks of|days of (?:armed )?conflict)\b/;

/** A statement about the future, a demand or a generality, not a report of something that happened. */
export const irrealisCue = /\b(would|could|will|(?<!\d |in |of |since |early |late |last |this |until |by |from |mid-)may(?! \d)|might|should|must|are (?:also )?(?:engaged|conducting|carrying out)|continue to|continues to|routinely|often|usually|regularly|frequently|have been (?:targeting|attacking)|threat(?:en|ens)?|vow(?:ed|s)? to|warn(?:ed|s)?|plan(?:ned|ning|s)? to|aim(?:ed|s)? to|capable of|in order to|to launch|to carry out|to attack|to target|alleged that|accus(?:ed|es|ing)|blames?|sanctuar(?:y|ies)|safe havens?|hideouts? across|used (?:against|to)|uses)\b/;

/** Crime for gain, not political violence: a kidnapping for ransom, dacoits, robbers. */
export const criminalCue = /\b(for ransom|ransom|dacoits?|dacoity|robbers?|robbery|bandits?|gang of (?:criminals|kidnappers|robbers|dacoits)|street criminals?|car ?jack(?:ers?|ing)|extortion gang)\b/;

/** Words that put militants or a militant group in a sentence (to tell political violence from crime). */
export const militantCue = /\b(militants?|terrorists?|terror|khwarij|khawarij|insurgents?|jihadists?|taliban|ttp|daesh|separatists?|suicide|fitna)\b/;
