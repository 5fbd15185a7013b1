/**
 * The actor registry: resolves the names reports use ("Fitna al-Khawarij", "BLA's Majeed Brigade", "troops")
 * to canonical actors. Pure: the shipped data is imported as JSON and user edits are passed in. Aliases that
 * depend on where and when an event happened (bare "Taliban", "police", "Afghan forces") are decided from the
 * country and date context; see ActorContextAlias in codebook-types.ts.
 */
import actorData from "../codebook/data/actors.json" with { type: "json" };
import type { ActorContextAlias, ActorEntry, ActorKind, CodebookFile } from "../codebook/codebook-types.ts";
import { ArmtraceError } from "../errors.ts";

/** What a resolver may know about the report an alias comes from. */
export interface ActorContext {
  /** ISO 3166-1 alpha-2 code of where the event happened ("PK", "AF"). */
  country?: string | null;
  /** Event date as ISO "YYYY", "YYYY-MM" or "YYYY-MM-DD", or a Date. */
  date?: string | Date | null;
}

/** Lookup over a set of actors: canonical names, aliases and context-dependent aliases. */
export interface ActorRegistry {
  /** The actor an alias or canonical name refers to, using country/date context for ambiguous aliases. */
  resolve(alias: string, context?: ActorContext): ActorEntry | undefined;
  /** The actor with exactly this canonical name (case- and punctuation-insensitive). */
  get(canonical: string): ActorEntry | undefined;
  /** Every actor, in registry order. */
  all(): readonly ActorEntry[];
  /**
   * Every normalized alias (canonical names included) with the actor it means when no context is known,
   * longest first, for text scanners. Ambiguous aliases appear once; re-resolve them with context.
   */
  aliases(): Iterable<[string, ActorEntry]>;
  /**
   * Every alias as written in the data with its normalized form, context-free actor and two flags for
   * scanners: `isAmbiguous` (re-resolve with context) and `isCaseSensitive` (an acronym such as "BRA" or
   * "TIP" that should only match when written in capitals). Longest normalized form first.
   */
  aliasForms(): readonly ActorAliasForm[];
  /** True when the alias can mean different actors depending on country or date. */
  isAmbiguous(alias: string): boolean;
  /** Every actor the alias may mean in some context, most likely first. */
  candidates(alias: string): ActorEntry[];
  /** Parent organisations of an actor, transitively, nearest first (Majeed Brigade → BLA → BRAS). */
  affiliatesOf(name: string): ActorEntry[];
}

/** One alias as a scanner needs it (see ActorRegistry.aliasForms). */
export interface ActorAliasForm {
  alias: string;
  normalized: string;
  entry: ActorEntry;
  isAmbiguous: boolean;
  isCaseSensitive: boolean;
}

/** True for short all-capital aliases ("BLA", "IS-K", "FC") that are ordinary words in lower case. */
export function isAcronymAlias(alias: string): boolean {
  const letters = alias.replace(/[^A-Za-z]/g, "");
  return letters.length > 0 && letters.length <= 6 && letters === letters.toUpperCase() && !/\s/.test(alias.trim());
}

/**
 * The shipped actors with a user's edits applied: an edit whose name matches an actor (normalized) replaces
 * it, any other edit is added. Pass the result to createActorRegistry.
 */
export function withActorOverrides(base: readonly ActorEntry[], edits: readonly ActorEntry[]): ActorEntry[] {
  const result = [...base];
  for (const edit of edits) {
    const index = result.findIndex((entry) => normalizeActorName(entry.name) === normalizeActorName(edit.name));
    if (index >= 0) result[index] = edit;
    else result.push(edit);
  }
  return result;
}

const actorKinds: ReadonlySet<string> = new Set<ActorKind>([
  "militant_group",
  "separatist_group",
  "sectarian_group",
  "state_force",
  "de_facto_authority",
  "foreign_force",
  "criminal_network",
  "militia",
]);

/** Lower-cases, strips diacritics, apostrophes and dots, and treats hyphens/underscores as spaces. */
export function normalizeActorName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’‘`´.]/g, "")
    .replace(/[-‐‑‒–—_/()]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The actor entries shipped in src/codebook/data/actors.json. */
export function shippedActors(): ActorEntry[] {
  return (actorData as unknown as CodebookFile<ActorEntry>).entries;
}

interface Reading {
  entry: ActorEntry;
  rule: ActorContextAlias | undefined;
  order: number;
}

type Verdict = "match" | "unknown" | "reject";

function dateString(date: string | Date): string {
  return typeof date === "string" ? date : date.toISOString().slice(0, 10);
}

/** Compares an event date to a cut-off at the event date's precision; undefined when it cannot tell. */
function compareDate(date: string, cutoff: string): number | undefined {
  const length = Math.min(date.length, cutoff.length);
  const a = date.slice(0, length);
  const b = cutoff.slice(0, length);
  if (a < b) return -1;
  if (a > b) return 1;
  return date.length >= cutoff.length ? 0 : undefined;
}

function judge(rule: ActorContextAlias | undefined, context: ActorContext | undefined): { verdict: Verdict; matches: number } {
  if (rule === undefined) return { verdict: "unknown", matches: 0 };
  let matches = 0;
  const country = context?.country?.toUpperCase();
  if (rule.countries !== undefined && country) {
    if (!rule.countries.includes(country)) return { verdict: "reject", matches };
    matches += 1;
  }
  const date = context?.date ? dateString(context.date) : undefined;
  if (date !== undefined && (rule.from !== undefined || rule.before !== undefined)) {
    if (rule.from !== undefined) {
      const order = compareDate(date, rule.from);
      if (order !== undefined && order < 0) return { verdict: "reject", matches };
      if (order !== undefined) matches += 1;
    }
    if (rule.before !== undefined) {
      const order = compareDate(date, rule.before);
      if (order !== undefined && order >= 0) return { verdict: "reject", matches };
      if (order !== undefined) matches += 1;
    }
  }
  return { verdict: matches > 0 ? "match" : "unknown", matches };
}

function checkEntries(entries: readonly ActorEntry[]): void {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const entry of entries) {
    if (typeof entry.name !== "string" || entry.name.trim() === "") problems.push("an actor has no name");
    else if (names.has(normalizeActorName(entry.name))) problems.push(`actor "${entry.name}" is listed twice`);
    names.add(normalizeActorName(entry.name ?? ""));
    if (!actorKinds.has(entry.kind)) problems.push(`actor "${entry.name}" has unknown kind "${entry.kind}"`);
    if (!Array.isArray(entry.aliases) || !Array.isArray(entry.affiliations)) {
      problems.push(`actor "${entry.name}" needs aliases and affiliations arrays`);
    }
  }
  for (const entry of entries) {
    for (const parent of entry.affiliations ?? []) {
      if (!names.has(normalizeActorName(parent))) problems.push(`actor "${entry.name}" is affiliated to unknown "${parent}"`);
    }
  }
  if (problems.length > 0) throw new ArmtraceError("INVALID_INPUT", `Invalid actor registry: ${problems.join("; ")}`, problems);
}

/**
 * Builds a registry over the given actors (default: the shipped ones). Throws INVALID_INPUT listing every
 * problem when entries are malformed (unknown kind, duplicate name, affiliation to an unknown actor).
 */
export function createActorRegistry(entries: readonly ActorEntry[] = shippedActors()): ActorRegistry {
  checkEntries(entries);
  const byName = new Map<string, ActorEntry>();
  const readings = new Map<string, Reading[]>();
  let order = 0;
  const add = (alias: string, entry: ActorEntry, rule: ActorContextAlias | undefined): void => {
    const key = normalizeActorName(alias);
    if (key === "") return;
    const list = readings.get(key) ?? [];
    if (!list.some((reading) => reading.entry === entry && reading.rule === rule)) {
      if (rule === undefined && list.some((reading) => reading.entry === entry && reading.rule === undefined)) return;
      list.push({ entry, rule, order: order++ });
    }
    readings.set(key, list);
  };
  for (const entry of entries) {
    byName.set(normalizeActorName(entry.name), entry);
    add(entry.name, entry, undefined);
    for (const alias of entry.aliases) add(alias, entry, undefined);
    for (const rule of entry.contextAliases ?? []) add(rule.alias, entry, rule);
  }

  const choose = (key: string, context: ActorContext | undefined): ActorEntry | undefined => {
    const list = readings.get(key);
    if (list === undefined) return undefined;
    let best: { reading: Reading; matches: number; plain: boolean } | undefined;
    for (const reading of list) {
      const { verdict, matches } = judge(reading.rule, context);
      if (verdict === "reject") continue;
      const plain = reading.rule === undefined;
      const priority = reading.rule?.priority ?? 0;
      if (
        best === undefined ||
        (plain && !best.plain) ||
        (plain === best.plain &&
          (matches > best.matches || (matches === best.matches && priority > (best.reading.rule?.priority ?? 0))))
      ) {
        best = { reading, matches, plain };
      }
    }
    return best?.reading.entry;
  };

  let sortedAliases: Array<[string, ActorEntry]> | undefined;
  let forms: ActorAliasForm[] | undefined;
  const isAmbiguousKey = (key: string): boolean =>
    new Set((readings.get(key) ?? []).map((reading) => reading.entry)).size > 1;
  const parentsOf = (entry: ActorEntry): ActorEntry[] =>
    entry.affiliations.flatMap((parent) => {
      const found = byName.get(normalizeActorName(parent));
      return found === undefined ? [] : [found];
    });

  return {
    resolve: (alias, context) => choose(normalizeActorName(alias), context),
    get: (canonical) => byName.get(normalizeActorName(canonical)),
    all: () => entries,
    aliases() {
      if (sortedAliases === undefined) {
        sortedAliases = [];
        for (const key of readings.keys()) {
          const entry = choose(key, undefined);
          if (entry !== undefined) sortedAliases.push([key, entry]);
        }
        sortedAliases.sort((a, b) => b[0].length - a[0].length || a[0].localeCompare(b[0]));
      }
      return sortedAliases;
    },
    aliasForms() {
      if (forms === undefined) {
        const seen = new Set<string>();
        forms = [];
        for (const entry of entries) {
          const written = [entry.name, ...entry.aliases, ...(entry.contextAliases ?? []).map((rule) => rule.alias)];
          for (const alias of written) {
            const normalized = normalizeActorName(alias);
            const resolved = choose(normalized, undefined);
            if (normalized === "" || resolved === undefined || seen.has(`${alias}\u0000${normalized}`)) continue;
            seen.add(`${alias}\u0000${normalized}`);
            forms.push({
              alias,
              normalized,
              entry: resolved,
              isAmbiguous: isAmbiguousKey(normalized),
              isCaseSensitive: isAcronymAlias(alias),
            });
          }
        }
        forms.sort((a, b) => b.normalized.length - a.normalized.length || a.normalized.localeCompare(b.normalized));
      }
      return forms;
    },
    isAmbiguous: (alias) => isAmbiguousKey(normalizeActorName(alias)),
    candidates(alias) {
      const list = [...(readings.get(normalizeActorName(alias)) ?? [])];
      list.sort(
        (a, b) =>
          Number(b.rule === undefined) - Number(a.rule === undefined) ||
          (b.rule?.priority ?? 0) - (a.rule?.priority ?? 0) ||
          a.order - b.order,
      );
      return [...new Set(list.map((reading) => reading.entry))];
    },
    affiliatesOf(name) {
      const start = byName.get(normalizeActorName(name)) ?? choose(normalizeActorName(name), undefined);
      if (start === undefined) return [];
      const seen = new Set<ActorEntry>([start]);
      const result: ActorEntry[] = [];
      let frontier = parentsOf(start);
      while (frontier.length > 0) {
        const next: ActorEntry[] = [];
        for (const parent of frontier) {
          if (seen.has(parent)) continue;
          seen.add(parent);
          result.push(parent);
          next.push(...parentsOf(parent));
        }
        frontier = next;
      }
      return result;
    },
  };
}

let defaultRegistry: ActorRegistry | undefined;

/** The registry over the shipped actors, built once on first use. */
export function defaultActorRegistry(): ActorRegistry {
  defaultRegistry ??= createActorRegistry();
  return defaultRegistry;
}

const acledStateForce = /^(?:Military|Police|Naval|Air|Border|Paramilitary) Forces of (?:the )?(.+?)(?:\s*\((\d{4})-(\d{4})?\))?$/i;
const acledCountryActors: Record<string, (startYear: number | undefined, date: string | undefined) => string> = {
  pakistan: () => "Pakistan security forces",
  afghanistan: (startYear, date) =>
    (startYear !== undefined ? startYear >= 2021 : date === undefined || date >= "2021-08-15")
      ? "Afghan Taliban"
      : "Afghan National Defense and Security Forces",
  iran: () => "Iran",
  "united states": () => "United States",
  india: () => "India",
};

/**
 * Resolves an actor name as ACLED writes it ("Military Forces of Pakistan (2018-2022)", "BLA: Balochistan
 * Liberation Army", "Police Forces of Afghanistan (2021-)", "Taliban (Pakistan)") to a registry actor.
 */
export function resolveAcledActorName(registry: ActorRegistry, name: string, context: ActorContext = {}): ActorEntry | undefined {
  const trimmed = name.trim();
  const date = context.date ? dateString(context.date) : undefined;
  const state = acledStateForce.exec(trimmed);
  if (state !== null) {
    const pick = acledCountryActors[(state[1] ?? "").toLowerCase()];
    const startYear = state[2] === undefined ? undefined : Number(state[2]);
    return pick === undefined ? undefined : registry.get(pick(startYear, date));
  }
  const place = /^(.*?)\s*\((Pakistan|Afghanistan|Iran|India|International)\)$/i.exec(trimmed);
  const bare = place?.[1] ?? trimmed;
  const countryCodes: Record<string, string> = { pakistan: "PK", afghanistan: "AF", iran: "IR", india: "IN" };
  const country = countryCodes[(place?.[2] ?? "").toLowerCase()] ?? context.country ?? undefined;
  const scoped: ActorContext = { country, date: context.date ?? null };
  const colon = bare.indexOf(":");
  if (colon > 0) {
    return registry.resolve(bare.slice(colon + 1), scoped) ?? registry.resolve(bare.slice(0, colon), scoped);
  }
  return registry.resolve(bare, scoped);
}
