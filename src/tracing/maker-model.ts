/**
 * Manufacturer and model names reduced to comparison keys, so "Colt's Manufacturing Company" and "Colt"
 * meet, and "Colt M4A1 carbine" and "M4A1" meet. Serials repeat across makers, so a record's key is
 * manufacturer key + model key + serial.
 */

const CORPORATE_WORDS = new Set([
  "the", "manufacturing", "mfg", "manufacturer", "company", "co", "inc", "incorporated", "corp", "corporation",
  "llc", "ltd", "limited", "gmbh", "ag", "sa", "spa", "plc", "jsc", "oao", "ojsc", "concern", "group", "industries",
  "industry", "firearms", "arms", "defense", "defence", "factory", "factories", "works", "international", "usa", "us",
]);

/** Known makers and the names they appear under in transfer lists and reports (keys are lower case). */
const MANUFACTURER_ALIASES: Record<string, string[]> = {
  colt: ["colt", "colts", "colt defense", "colts manufacturing", "colt firearms"],
  "fn herstal": ["fn", "fnh", "fn herstal", "fn america", "fabrique nationale", "fabrique nationale de herstal", "fnmi"],
  "heckler & koch": ["hk", "h&k", "h & k", "heckler koch", "heckler & koch", "heckler and koch"],
  kalashnikov: ["kalashnikov", "izhmash", "izhevsk mechanical plant", "izhevsk"],
  norinco: ["norinco", "china north industries"],
  "pakistan ordnance factories": ["pof", "pakistan ordnance factories", "pakistan ordnance factory"],
  remington: ["remington", "remington arms"],
  "sig sauer": ["sig", "sig sauer", "sigsauer"],
  beretta: ["beretta", "pietro beretta", "fabbrica d armi pietro beretta"],
  glock: ["glock"],
  "general dynamics": ["general dynamics", "gd"],
  "us ordnance": ["us ordnance"],
  "smith & wesson": ["smith & wesson", "smith and wesson", "s&w"],
  "barrett": ["barrett", "barrett firearms"],
};

const aliasIndex = new Map<string, string>();
for (const [key, aliases] of Object.entries(MANUFACTURER_ALIASES)) {
  for (const alias of aliases) aliasIndex.set(simplifyName(alias), key);
  aliasIndex.set(simplifyName(key), key);
}

/** Words that name a class of weapon rather than a model ("Colt M4A1 carbine" → "M4A1"). */
const GENERIC_MODEL_WORDS = new Set([
  "carbine", "rifle", "assault", "automatic", "semi", "semiautomatic", "pistol", "handgun", "revolver",
  "machine", "machinegun", "gun", "light", "heavy", "sniper", "submachine", "smg", "lmg", "hmg", "weapon",
  "service", "battle", "model", "mod", "series", "grenade", "launcher", "system",
]);

/** Record lists repeat the same few names millions of times; keys are remembered (bounded). */
const manufacturerKeys = new Map<string, string>();
const modelKeys = new Map<string, string>();
const MAX_REMEMBERED = 10_000;

function remember(cache: Map<string, string>, key: string, value: string): string {
  if (cache.size >= MAX_REMEMBERED) cache.clear();
  cache.set(key, value);
  return value;
}

/** A comparison key for a manufacturer, or "" when none was given. */
export function normalizeManufacturer(name: string | null | undefined): string {
  if (name === null || name === undefined) return "";
  return manufacturerKeys.get(name) ?? remember(manufacturerKeys, name, manufacturerKey(name));
}

function manufacturerKey(name: string): string {
  const simple = simplifyName(name);
  if (simple === "") return "";
  const direct = aliasIndex.get(simple);
  if (direct !== undefined) return direct;
  const words = simple.split(" ").filter((word) => !CORPORATE_WORDS.has(word));
  const stripped = words.join(" ");
  const viaStripped = aliasIndex.get(stripped);
  if (viaStripped !== undefined) return viaStripped;
  for (let length = words.length; length > 0; length -= 1) {
    const lead = aliasIndex.get(words.slice(0, length).join(" "));
    if (lead !== undefined) return lead;
  }
  return stripped === "" ? simple : stripped;
}

/**
 * A comparison key for a model: maker names and generic words removed, separators dropped, upper case
 * ("Colt M4A1 carbine" → "M4A1", "AK-47" → "AK47"); "" when none was given.
 */
export function normalizeModel(model: string | null | undefined, manufacturer?: string | null): string {
  if (model === null || model === undefined) return "";
  const cacheKey = `${manufacturer ?? ""}\u0000${model}`;
  return modelKeys.get(cacheKey) ?? remember(modelKeys, cacheKey, modelKey(model, manufacturer));
}

function modelKey(model: string, manufacturer: string | null | undefined): string {
  let words = simplifyName(model).split(" ").filter((word) => word !== "");
  const makerKey = normalizeManufacturer(manufacturer);
  // Drop leading words that name the maker ("Colt", "FN", "H&K").
  for (let length = Math.min(words.length - 1, 3); length > 0; length -= 1) {
    const lead = words.slice(0, length).join(" ");
    const known = aliasIndex.get(lead);
    if (known !== undefined && (makerKey === "" || known === makerKey)) {
      words = words.slice(length);
      break;
    }
  }
  const kept = words.filter((word) => !GENERIC_MODEL_WORDS.has(word) && !CORPORATE_WORDS.has(word));
  const key = (kept.length > 0 ? kept : words).join("").replace(/[^a-z0-9]/gu, "").toUpperCase();
  return key;
}

/** Lower case, accents and possessive 's dropped, punctuation to spaces except "&". */
function simplifyName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/gu, "")
    .toLowerCase()
    .replace(/['’]s\b/gu, "s")
    .replace(/['’]/gu, "")
    .replace(/\band\b/gu, "&")
    .replace(/[^a-z0-9&]+/gu, " ")
    .replace(/\s*&\s*/gu, " & ")
    .trim()
    .replace(/\s+/gu, " ");
}
