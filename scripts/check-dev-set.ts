// Checks the hand-written extraction development set (test-fixtures/extraction-dev): every gold file
// parses, has the shape of ../shared/EXTRACTION.md, names an existing text file, and quotes its evidence
// exactly from the text (the visible text, for HTML). Usage: npx tsx scripts/check-dev-set.ts [DIR]
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "test-fixtures/extraction-dev";
const EVENT_TYPES = new Set(["attack", "security_operation", "armed_clash", "airstrike", "weapons_seizure"]);
const CATEGORIES = ["security_forces", "civilians", "militants", "unknown"] as const;
const WEAPONS = new Set(["small_arms", "light_weapons", "ied", "suicide_vest", "vbied", "rocket", "mortar", "grenade",
  "drone", "night_vision", "ammunition", "explosives"]);
const METRICS = new Set(["killed", "injured", "attacks", "weapons", "aircraft", "vehicles", "munitions", "value_usd",
  "percent_change", "share_percent"]);
const QUALIFIERS = new Set(["exact", "at_least", "approximately", "at_most"]);
const PAKISTAN_PROVINCES = new Set(["Khyber Pakhtunkhwa", "Balochistan", "Punjab", "Sindh", "Islamabad Capital Territory",
  "Gilgit-Baltistan", "Azad Kashmir"]);
const AFGHAN_PROVINCES = new Set(["Badakhshan", "Badghis", "Baghlan", "Balkh", "Bamyan", "Daykundi", "Farah", "Faryab",
  "Ghazni", "Ghor", "Helmand", "Herat", "Jowzjan", "Kabul", "Kandahar", "Kapisa", "Khost", "Kunar", "Kunduz", "Laghman",
  "Logar", "Nangarhar", "Nimroz", "Nuristan", "Paktia", "Paktika", "Panjshir", "Parwan", "Samangan", "Sar-e Pol", "Takhar",
  "Uruzgan", "Wardak", "Zabul"]);
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const PERIOD = /^\d{4}(-\d{2})?(\/\d{4}(-\d{2})?)?$/;

/** The text a reader sees: for HTML, without head, scripts, styles, comments and tags. */
function visibleText(raw: string, isHtml: boolean): string {
  if (!isHtml) return raw;
  return raw
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>]+>/g, "\n")
    .replace(/&nbsp;/g, "\u00a0")
    .replace(/&amp;/g, "&");
}

type Json = Record<string, unknown>;
const problems: string[] = [];
const isCount = (v: unknown) => v === null || (Number.isInteger(v) && (v as number) >= 0);

function checkEvidence(where: string, evidence: unknown, text: string): void {
  if (!Array.isArray(evidence) || evidence.length === 0) { problems.push(`${where}: evidence_text must be a non-empty list`); return; }
  for (const quote of evidence) {
    if (typeof quote !== "string" || !text.includes(quote)) problems.push(`${where}: evidence not in text: ${String(quote).slice(0, 80)}`);
  }
}

function checkEvent(where: string, e: Json, text: string): void {
  if (!EVENT_TYPES.has(String(e.type))) problems.push(`${where}: bad type ${String(e.type)}`);
  for (const key of ["date", "date_end"]) {
    const v = e[key];
    if (v != null && !DATE.test(String(v))) problems.push(`${where}: bad ${key} ${String(v)}`);
  }
  if (e.country != null && !["PK", "AF", "IR"].includes(String(e.country))) problems.push(`${where}: unexpected country ${String(e.country)}`);
  if (e.admin1 != null) {
    const known = e.country === "AF" ? AFGHAN_PROVINCES : PAKISTAN_PROVINCES;
    if (!known.has(String(e.admin1))) problems.push(`${where}: admin1 ${String(e.admin1)} is not a ${String(e.country)} province name`);
  }
  for (const key of ["perpetrators", "targets"]) if (!Array.isArray(e[key])) problems.push(`${where}: ${key} must be a list`);
  for (const key of ["killed", "injured"]) {
    const figures = e[key] as Json | undefined;
    if (!figures || typeof figures !== "object") { problems.push(`${where}: ${key} missing`); continue; }
    for (const c of CATEGORIES) if (!(c in figures) || !isCount(figures[c])) problems.push(`${where}: ${key}.${c} must be a count or null`);
  }
  if (!Array.isArray(e.weapons) || e.weapons.some((w) => !WEAPONS.has(String(w)))) problems.push(`${where}: bad weapons ${JSON.stringify(e.weapons)}`);
  checkEvidence(where, e.evidence_text, text);
}

function checkClaim(where: string, c: Json, text: string): void {
  if (!METRICS.has(String(c.metric))) problems.push(`${where}: bad metric ${String(c.metric)}`);
  if (typeof c.value !== "number" || !Number.isFinite(c.value)) problems.push(`${where}: value must be a number`);
  if (!QUALIFIERS.has(String(c.qualifier))) problems.push(`${where}: bad qualifier ${String(c.qualifier)}`);
  if (c.period != null && !PERIOD.test(String(c.period))) problems.push(`${where}: bad period ${String(c.period)}`);
  checkEvidence(where, c.evidence_text, text);
}

const goldDir = join(dir, "gold");
const files = readdirSync(goldDir).filter((f) => f.endsWith(".json")).sort();
let events = 0;
let claims = 0;
for (const name of files) {
  let gold: Json;
  try {
    gold = JSON.parse(readFileSync(join(goldDir, name), "utf8")) as Json;
  } catch (error) {
    problems.push(`${name}: does not parse: ${(error as Error).message}`);
    continue;
  }
  const textPath = join(dir, "text", String(gold.file));
  if (!existsSync(textPath)) { problems.push(`${name}: text file ${String(gold.file)} missing`); continue; }
  if (String(gold.file).replace(/\.[a-z]+$/, "") !== name.replace(/\.json$/, "")) problems.push(`${name}: file ${String(gold.file)} does not match`);
  if (gold.published != null && !DATE.test(String(gold.published))) problems.push(`${name}: bad published ${String(gold.published)}`);
  const text = visibleText(readFileSync(textPath, "utf8"), /\.html?$/i.test(String(gold.file)));
  if (!Array.isArray(gold.events) || !Array.isArray(gold.claims)) { problems.push(`${name}: events and claims must be lists`); continue; }
  gold.events.forEach((e, i) => checkEvent(`${name} event ${i}`, e as Json, text));
  gold.claims.forEach((c, i) => checkClaim(`${name} claim ${i}`, c as Json, text));
  events += gold.events.length;
  claims += gold.claims.length;
}
for (const p of problems) console.error(p);
console.log(`${files.length} documents, ${events} events, ${claims} claims, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
