/**
 * Who states a figure: "according to a report by the Centre for Research and Security Studies", "the ISPR
 * said", "Interior Minister Mohsin Naqvi told the Senate", "PIPS recorded", "…, the report said". Names are
 * read from the original (cased) sentence; abbreviations the document spells out ("(PICSS)") resolve to
 * the full name, and "the report", "the think tank", "he", "the minister" to the source or speaker named
 * before.
 */

/** What the document has named so far: its sources and speakers, and the abbreviations it spelled out. */
export interface AttributionState {
  /** The organisation whose report or data the figures come from. */
  source: string | null;
  /** The last person or office quoted. */
  speaker: string | null;
  abbreviations: Map<string, string> | null;
  /** Names of people and bodies quoted so far, to complete a bare surname. */
  names: string[];
}

export function newAttributionState(): AttributionState {
  return { source: null, speaker: null, abbreviations: null, names: [] };
}

const word = "[A-Z][\\w.-]*(?:[’'](?!s\\b)[\\w.-]+)?";
const namePart = `(?:${word}|of|for|and|the|on|in|al|de)`;
const name = `((?:${word})(?:\\s+${namePart}){0,9}(?:[’']s\\s+(?:[a-z-]+\\s+){0,3}(?:team|committee|panel|mission|office|department|wing|unit|cell|directorate))?(?:\\s+(?:government|ministry|police|army|military|authorities|officials?|office|department|watchdog|spokesman|spokesperson))?)`;
const docWords = "(?:[\\w-]+\\s+){0,4}?(?:report|data|figures|statistics|study|survey|tally|count|estimates?|records?|assessment|review)";
const accordingToDocument = new RegExp(`\\b[Aa]ccording to (?:an? |the )?${docWords}(?:\\s+(?:released|issued|published|compiled|presented|prepared|shared|seen|made public|of|from|by))?(?:\\s+(?:on|in|last|this)\\s+\\w+)?\\s+(?:by|of|from)\\s+(?:the\\s+)?(?:(?:think[- ]tank|watchdog|research (?:group|organisation|organization|institute))\\s+)?${name}`);
const accordingTo = /\b[Aa]ccording to (?:the |a |an )?([\w’'.-]+(?:\s+[\w’'.-]+){0,7}?)(?=[,.;:)]|\s+(?:on|in|at|who|which|that|while|released|issued|published|and the)\b|$)/;
const documentBy = new RegExp(`\\b(?:report|data|figures|statistics|study|survey)\\s+(?:issued|released|published|compiled|presented|prepared)\\s+by\\s+(?:the\\s+)?(?:(?:think[- ]tank|watchdog)\\s+)?${name}`);
const speechVerbs = "said|says|told|noted|stated|added|reported|recorded|documented|claimed|announced|estimated|revealed|disclosed|informed|confirmed|warned|observed";
const subjectSaid = new RegExp(`${name}(?:\\s*\\([A-Z][\\w-]*\\))?(?:,\\s*([A-Z][\\w.’'-]*(?:\\s+[A-Z][\\w.’'-]*){0,5}),)?\\s+(?:(?:has|had|also|further|on \\w+)\\s+)*(?:${speechVerbs})\\b`, "g");
const inverted = new RegExp(`,\\s*(?:the\\s+)?([\\w\\s’'-]{2,60}?)\\s+(?:${speechVerbs})\\s*[.,]?\\s*$`);

const titleWords = /^(?:(?:The|Interior|Foreign|Defence|Defense|Federal|Provincial|Prime|Chief|Deputy|Senior|Minister|Ministry spokesman|Spokesman|Spokesperson|Ambassador|Envoy|Senator|Lt|Lieutenant|Gen|General|Maj|Major|Col|Colonel|Brig|Brigadier|Capt|Captain|Director|Inspector|Superintendent|Police|Officer|DPO|SSP|SP|DIG|IGP|IG|DG|Mr|Ms|Dr|Justice|President|Secretary|Commissioner|Governor|Adviser|Advisor|Special|Representative|Home|Information|State|Minister’s|Minister's|spokesman|spokesperson|research|fellow|senior)\s+)+/;
const notNames = /^(?:He|She|They|It|The|This|That|These|Those|We|I|But|And|However|Meanwhile|Separately|Officials|Police|Sources|Residents)$/;
const anaphoricSource = /^(?:the\s+)?(?:report|data|study|survey|think[- ]tank|mission|monitoring team|research centre|institute|document|figures|statistics|it|they|organisation|organization|body|watchdog)$/i;
const anaphoricSpeaker = /^(?:the\s+)?(?:he|she|official|minister|spokesman|spokesperson|officer|envoy|ambassador|senator|chief|general|director|commander|governor|adviser)$/i;

/** Reads the abbreviations a document spells out: "Pakistan Institute for Conflict and Security Studies (PICSS)". */
export function readAbbreviations(original: string): Map<string, string> {
  const map = new Map<string, string>();
  const abbreviation = /\(([A-Z][A-Za-z]{1,9})\)/g;
  const fullName = /((?:[A-Z][\w’'-]*)(?:\s+(?:[A-Z][\w’'-]*|of|for|and|on|in|the)){1,9})\s*$/;
  let m: RegExpExecArray | null;
  while ((m = abbreviation.exec(original)) !== null) {
    const name = fullName.exec(original.slice(Math.max(0, m.index - 160), m.index));
    if (name === null) continue;
    const full = name[1]!.replace(/^(?:The|the)\s+/, "").replace(/\s+(?:of|for|and|on|in|the)$/, "");
    map.set(m[1]!, full);
  }
  return map;
}

function clean(raw: string, state: AttributionState): string | null {
  let s = raw.trim().replace(/[.,;:]+$/, "").replace(/[’']s\s+(?=[a-z])/, " ").replace(/\s*\([A-Z][\w-]*\)\s*$/, "").replace(/[’']s$/, "");
  s = s.replace(/\s+(?:on|in|of|for|and|the|at)$/i, "").replace(/\s+(?:on|in|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year)$/i, "");
  s = s.replace(/^(?:[\w-]+-based|an?|the)\s+/i, "").replace(/^[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*[’']s\s+(?=[A-Z])/, "");
  const untitled = s.replace(titleWords, "").trim();
  if (untitled !== s && /^[A-Z]/.test(untitled) && !/^(?:of|for|and|the)\b/.test(untitled)) s = untitled;
  s = s.replace(/^([A-Z].*?)\s+(?:officials?|spokesman|spokesperson)$/, "$1").trim();
  s = s.replace(/^(?!official\b)([\w-]+)\s+(?:data|figures|statistics|records|report|survey|study)$/i, "$1").trim();
  if (/^(?:Officials|Police|Sources|Residents|Authorities)$/.test(s)) return s.toLowerCase();
  if (s.length < 2 || notNames.test(s) || /^(?:report|data|study|survey|statement)$/i.test(s)) return null;
  const expanded = state.abbreviations?.get(s);
  if (expanded !== undefined) return expanded;
  // "DPO Kulachi said" after "Saleem Abbas Kulachi told …": the full name seen before.
  if (/^[A-Z][\w’'-]+$/.test(s)) for (const known of state.names) if (known.endsWith(` ${s}`)) return known;
  return s;
}

/**
 * The source of the figures in one sentence (original text), or null when the sentence names none; updates
 * the state so that later "the report said" or "he said" resolve.
 */
export function findAttribution(sentence: string, state: AttributionState, isPlace: (name: string) => boolean = () => false): string | null {
  let m = accordingToDocument.exec(sentence) ?? documentBy.exec(sentence);
  if (m !== null) {
    const found = clean(m[1]!, state);
    if (found !== null) {
      state.source = found;
      return found;
    }
  }
  m = accordingTo.exec(sentence);
  if (m !== null) {
    const phrase = m[1]!.trim();
    if (anaphoricSource.test(phrase) && state.source !== null) return state.source;
    const found = clean(phrase, state);
    if (found !== null) {
      if (/^[A-Z]/.test(found)) state.source = found;
      return found;
    }
  }
  subjectSaid.lastIndex = 0;
  let best: string | null = null;
  while ((m = subjectSaid.exec(sentence)) !== null) {
    const appositive = m[2] !== undefined ? clean(m[2], state) : null;
    // "Balochistan reported 75 incidents": a place is counted, not quoted; "… for Afghanistan Asif Ali Durrani said": the name after it.
    let raw = m[1]!;
    const words = raw.split(/\s+/);
    if (isPlace(raw)) continue;
    while (words.length > 2 && isPlace(words[0]!)) words.shift();
    raw = words.join(" ");
    const subject = clean(raw, state);
    const found = appositive ?? subject;
    if (found === null) continue;
    best = found;
    break;
  }
  if (best !== null) {
    if (best.includes(" ") && !state.names.includes(best)) state.names.push(best);
    if (/\b(?:Ministry|Department|Institute|Centre|Center|Mission|Council|Office|Commission|Government|Police|Bureau|Agency|Organisation|Organization|Union|Forum|Studies|Nations|ISPR|Army|Inspector)\b/.test(best) || /^[A-Z]{2,}$/.test(best)) state.source = best;
    else state.speaker = best;
    return best;
  }
  const inv = inverted.exec(sentence.replace(/[.”"]+\s*$/, ""));
  if (inv !== null) {
    const who = inv[1]!.trim();
    if (anaphoricSource.test(who)) return state.source;
    if (anaphoricSpeaker.test(who)) return state.speaker ?? state.source;
    const found = clean(who, state);
    if (found !== null && /^[A-Z]/.test(found)) return found;
    if (found !== null && /^(?:officials|police|sources|security sources|local officials|residents|local residents)$/i.test(found)) return found.toLowerCase();
  }
  if (/\b(?:he|she|the (?:official|minister|spokesman|spokesperson|officer|envoy|ambassador|commander)) (?:said|told|added|noted)\b/i.test(sentence)) return state.speaker ?? state.source;
  if (/\bthe (?:report|data|think tank|mission) (?:said|says|noted|added|showed|shows|recorded|reveals|revealed)\b/i.test(sentence) || /^\s*(?:The|Its) (?:report|data|think tank)\b/.test(sentence)) return state.source;
  return null;
}
