import type { ActorRegistry } from "../../actors/index.ts";
import { talibanStateFrom } from "../../codebook/event-types.ts";

/**
 * ACLED writes state forces as "Military Forces of Pakistan (2018-)" and groups as "TTP: Tehreek-i-Taliban
 * Pakistan"; armtrace stores canonical registry names. These two functions translate both ways, following
 * ACLED's rule that the Taliban are Afghanistan's state forces from 15 August 2021.
 */

/** The armtrace name for an ACLED actor name, given where and when the event happened. */
export function canonicalFromAcled(name: string, context: { country: string | null; date: string | null }, registry?: ActorRegistry): string {
  const trimmed = name.trim();
  if (/^(Military|Police) Forces of Pakistan\b/i.test(trimmed)) return "Pakistan security forces";
  if (/^(Military|Police) Forces of Afghanistan \(2021-\)/i.test(trimmed)) return "Afghan Taliban";
  if (/^(Military|Police) Forces of Afghanistan \((19|20)\d\d-20(1\d|2[01])\)/i.test(trimmed)) return "Afghan National Defense and Security Forces";
  if (/^Taliban$/i.test(trimmed)) return "Afghan Taliban";
  const civilians = /^Civilians \((.+)\)$/i.exec(trimmed);
  if (civilians) return "Civilians";
  if (registry === undefined) return trimmed;
  const resolve = (text: string) => registry.resolve(text, { country: context.country, date: context.date })?.name;
  // ACLED writes groups as "ABBR: Full Name" and factions as "ABBR: Full Name - Faction".
  const abbreviated = /^([^:]{1,20}):\s*(.+?)(?:\s+-\s+(.+))?$/.exec(trimmed);
  if (abbreviated) {
    const [, abbreviation, fullName, faction] = abbreviated as unknown as [string, string, string, string | undefined];
    return (faction && resolve(faction)) || resolve(fullName) || resolve(abbreviation) || trimmed;
  }
  return resolve(trimmed) ?? trimmed;
}

/** The ACLED name for an armtrace actor name on a date in a country (names ACLED does not special-case pass through). */
export function acledFromCanonical(name: string, context: { country: string | null; date: string | null }): string {
  if (name === "Pakistan security forces") return "Military Forces of Pakistan (2018-)";
  if (name === "Afghan Taliban") return context.date !== null && context.date >= talibanStateFrom.slice(0, context.date.length) ? "Military Forces of Afghanistan (2021-)" : "Taliban";
  if (name === "Afghan National Defense and Security Forces") return "Military Forces of Afghanistan (2004-2021)";
  if (name === "Civilians") {
    const country = context.country === "AF" ? "Afghanistan" : context.country === "PK" ? "Pakistan" : null;
    return country === null ? "Civilians" : `Civilians (${country})`;
  }
  return name;
}
