import { eventTypes, type CasualtyCategory, type EventType, type ReviewState } from "../events/event.ts";
import { ArmtraceError } from "../errors.ts";
import { readClaimScope } from "./read-claim-scope.ts";
import type {
  CasualtyFigures,
  ChangeFigure,
  ClaimReconciliation,
  EventScope,
  FigureCell,
  Figures,
  Report,
  ReportDataSource,
  ReportOptions,
} from "./report.ts";
import { boundaries } from "./svg/render-map.ts";

/**
 * Builds the period report's data from a ReportDataSource: totals, tables by province, district, actor, type
 * and month, change against the previous period, shares, the border band, deadliest incidents, the sources
 * behind the figures and the reconciliation with attributed claims. Deterministic: the same data and options
 * give the same object (stable sorting, no clock).
 */

/** Where a district's symbol goes on the map (the gazetteer's coordinates); undefined when unknown. */
export type LocateDistrict = (country: string | null, admin1: string | null, admin2: string) => { latitude: number; longitude: number } | undefined;

export interface BuildReportDependencies {
  locateDistrict?: LocateDistrict;
}

const categories: readonly CasualtyCategory[] = ["security_forces", "civilians", "militants", "unknown"];

export function emptyCasualtyFigures(): CasualtyFigures {
  return { security_forces: 0, civilians: 0, militants: 0, unknown: 0, total: 0 };
}

export function emptyFigures(): Figures {
  return { incidents: 0, killed: emptyCasualtyFigures(), injured: emptyCasualtyFigures() };
}

/** Adds `source` into `target` (in place) and returns target. */
export function addFigures(target: Figures, source: Figures): Figures {
  target.incidents += source.incidents;
  for (const category of categories) {
    target.killed[category] += source.killed[category];
    target.injured[category] += source.injured[category];
  }
  target.killed.total += source.killed.total;
  target.injured.total += source.injured.total;
  return target;
}

/** YYYY-MM-DD `days` after `date` (negative: before). */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function periodDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Every YYYY-MM from the month of `from` to the month of `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.slice(0, 7).split("-").map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const label = `${year}-${String(month).padStart(2, "0")}`;
    if (label > last) break;
    months.push(label);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

function change(previous: number, current: number): ChangeFigure {
  return { previous, current, change: current - previous, percent_change: previous === 0 ? null : Math.round(((current - previous) / previous) * 1000) / 10 };
}

function sumCells(cells: FigureCell[]): Figures {
  return cells.reduce((sum, cell) => addFigures(sum, cell), emptyFigures());
}

function compareText(a: string | null, b: string | null): number {
  return (a ?? "").localeCompare(b ?? "");
}

/** Validates filter names the codebook did not know against the names the database holds. */
async function checkUnresolvedNames(source: ReportDataSource, options: ReportOptions): Promise<void> {
  const unresolved = options.unresolved ?? { admin1: [], actors: [] };
  if (unresolved.admin1.length === 0 && unresolved.actors.length === 0) return;
  const known = await source.knownNames();
  const problems: string[] = [];
  for (const name of unresolved.admin1) {
    const isKnown = known.admin1.some((entry) => entry.admin1.toLowerCase() === name.toLowerCase() && (options.country === null || entry.country === options.country));
    if (!isKnown) {
      const examples = boundaries.provinces.filter((province) => options.country === null || province.country === options.country).map((province) => province.admin1);
      problems.push(`unknown province ${JSON.stringify(name)}${options.country ? ` in ${options.country}` : ""} (known: ${[...new Set(examples)].join(", ")})`);
    }
  }
  for (const name of unresolved.actors) {
    if (!known.actors.some((actor) => actor.toLowerCase() === name.toLowerCase())) {
      problems.push(`unknown actor ${JSON.stringify(name)}: not in the actor registry and not named by any stored event`);
    }
  }
  if (problems.length > 0) throw new ArmtraceError("INVALID_INPUT", problems.join("; "));
}

function killedOf(figures: Figures, selected: CasualtyCategory[]): number {
  return selected.length === 0 ? figures.killed.total : selected.reduce((sum, category) => sum + figures.killed[category], 0);
}
function injuredOf(figures: Figures, selected: CasualtyCategory[]): number {
  return selected.length === 0 ? figures.injured.total : selected.reduce((sum, category) => sum + figures.injured[category], 0);
}

async function reconcileClaims(source: ReportDataSource, options: ReportOptions, reviewStates: ReviewState[]): Promise<{ isAvailable: boolean; rows: ClaimReconciliation[] }> {
  const stored = await source.claims(options.from, options.to);
  const rows: ClaimReconciliation[] = [];
  const attributed = stored.claims.filter((claim) => claim.attributed_to !== null && claim.attributed_to.trim() !== "");
  for (const claim of attributed) {
    const base = {
      claim: `${claim.attributed_to}: ${claim.metric} ${claim.qualifier && claim.qualifier !== "exact" ? `${claim.qualifier.replace("_", " ")} ` : ""}${claim.value}${claim.scope ? ` (${claim.scope})` : ""}${claim.period ? `, ${claim.period}` : ""}`,
      claim_id: claim.claim_id,
      metric: claim.metric,
      value: claim.value,
      qualifier: claim.qualifier,
      period: claim.period,
      scope: claim.scope,
      attributed_to: claim.attributed_to,
      claim_source_ids: claim.source_ids,
    };
    const isComputable = claim.metric === "killed" || claim.metric === "injured" || claim.metric === "attacks";
    const query = isComputable ? readClaimScope(claim.metric, claim.period, claim.scope) : null;
    if (query === null) {
      rows.push({
        ...base,
        database_value: null,
        gap: null,
        database_period: null,
        database_scope: "",
        database_event_count: null,
        database_source_count: null,
        database_source_ids: [],
        note: isComputable ? "the claim's period cannot be read as dates, so there is no database figure to set beside it" : `armtrace does not compute "${claim.metric}" figures from events`,
      });
      continue;
    }
    const scope: EventScope = { from: query.from, to: query.to, reviewStates, country: query.country, admin1: query.admin1, actors: [] };
    const figures = await source.periodFigures(scope, options.borderKm, "types");
    const cells = query.types.length > 0 ? figures.cells.filter((cell) => query.types.includes(cell.type)) : figures.cells;
    const total = sumCells(cells);
    const value = claim.metric === "killed" ? killedOf(total, query.categories) : claim.metric === "injured" ? injuredOf(total, query.categories) : total.incidents;
    const sources = await source.sourcesOf(scope, 50);
    const notes: string[] = [];
    if (query.from < options.from || query.to > options.to) notes.push("the claim's period extends beyond the report's period; the database figure covers the claim's period");
    if (/linked|attributed|by\b|from\b/i.test(claim.scope ?? "")) notes.push("the scope's attribution or linkage is not applied to the database figure");
    rows.push({
      ...base,
      database_value: value,
      gap: claim.value - value,
      database_period: { from: query.from, to: query.to },
      database_scope: query.description,
      database_event_count: total.incidents,
      database_source_count: sources.count,
      database_source_ids: sources.source_ids,
      note: notes.length > 0 ? notes.join("; ") : null,
    });
  }
  rows.sort((a, b) => compareText(a.period, b.period) || compareText(a.attributed_to, b.attributed_to) || a.metric.localeCompare(b.metric) || a.value - b.value || a.claim_id - b.claim_id);
  return { isAvailable: stored.isAvailable, rows };
}

/** Builds the report for validated options; throws INVALID_INPUT on unknown names and NOT_FOUND on an empty period. */
export async function buildReport(source: ReportDataSource, options: ReportOptions, dependencies: BuildReportDependencies = {}): Promise<Report> {
  await checkUnresolvedNames(source, options);
  const reviewStates: ReviewState[] = options.includeCandidates ? ["candidate", "confirmed"] : ["confirmed"];
  const scope: EventScope = { from: options.from, to: options.to, reviewStates, country: options.country, admin1: options.admin1, actors: options.actors };
  const figures = await source.periodFigures(scope, options.borderKm);
  const totals = sumCells(figures.cells);
  if (totals.incidents === 0) {
    const span = await source.dataSpan(reviewStates);
    const filters = [options.country, ...options.admin1, ...options.actors].filter((part): part is string => part !== null);
    const held = span.count === 0 ? `the database holds no ${reviewStates.join(" or ")} events at all` : `the database holds ${span.count} ${reviewStates.join(" or ")} events from ${span.first} to ${span.last}`;
    const hint = options.includeCandidates ? "" : "; unreviewed candidates are left out unless --include-candidates is given";
    throw new ArmtraceError(
      "NOT_FOUND",
      `no ${reviewStates.join(" or ")} events between ${options.from} and ${options.to}${filters.length > 0 ? ` for ${filters.join(", ")}` : ""}: ${held}${hint}. No report was produced rather than one filled with zeros.`,
    );
  }

  const days = periodDays(options.from, options.to);
  const previousTo = shiftDate(options.from, -1);
  const previousFrom = shiftDate(options.from, -days);
  const previous = sumCells((await source.periodFigures({ ...scope, from: previousFrom, to: previousTo }, options.borderKm, "types")).cells);

  const incidentsByType = Object.fromEntries(eventTypes.map((type) => [type, 0])) as Record<EventType, number>;
  const byType = new Map<EventType, Figures>();
  const byAdmin1 = new Map<string, { country: string | null; admin1: string | null; figures: Figures }>();
  const byAdmin2 = new Map<string, { country: string | null; admin1: string | null; admin2: string | null; figures: Figures }>();
  const byMonth = new Map<string, Figures>(monthsBetween(options.from, options.to).map((month) => [month, emptyFigures()]));
  for (const row of figures.months) addFigures(byMonth.get(row.month) ?? byMonth.set(row.month, emptyFigures()).get(row.month)!, row);
  for (const cell of figures.cells) {
    incidentsByType[cell.type] = (incidentsByType[cell.type] ?? 0) + cell.incidents;
    addFigures(byType.get(cell.type) ?? byType.set(cell.type, emptyFigures()).get(cell.type)!, cell);
    const provinceKey = `${cell.country ?? ""}|${cell.admin1 ?? ""}`;
    if (!byAdmin1.has(provinceKey)) byAdmin1.set(provinceKey, { country: cell.country, admin1: cell.admin1, figures: emptyFigures() });
    addFigures(byAdmin1.get(provinceKey)!.figures, cell);
    const districtKey = `${provinceKey}|${cell.admin2 ?? ""}`;
    if (!byAdmin2.has(districtKey)) byAdmin2.set(districtKey, { country: cell.country, admin1: cell.admin1, admin2: cell.admin2, figures: emptyFigures() });
    addFigures(byAdmin2.get(districtKey)!.figures, cell);
  }

  const byFiguresDescending = (a: Figures, b: Figures): number => b.killed.total - a.killed.total || b.incidents - a.incidents || b.injured.total - a.injured.total;
  const by_admin1 = [...byAdmin1.values()]
    .sort((a, b) => byFiguresDescending(a.figures, b.figures) || compareText(a.country, b.country) || compareText(a.admin1, b.admin1))
    .map((row) => ({
      country: row.country,
      admin1: row.admin1,
      incidents: row.figures.incidents,
      killed: row.figures.killed.total,
      injured: row.figures.injured.total,
      killed_by_category: row.figures.killed,
      share_of_killed_percent: percent(row.figures.killed.total, totals.killed.total),
    }));
  const by_admin2 = [...byAdmin2.values()]
    .sort((a, b) => byFiguresDescending(a.figures, b.figures) || compareText(a.country, b.country) || compareText(a.admin1, b.admin1) || compareText(a.admin2, b.admin2))
    .map((row) => {
      const place = row.admin2 === null ? undefined : dependencies.locateDistrict?.(row.country, row.admin1, row.admin2);
      return {
        country: row.country,
        admin1: row.admin1,
        admin2: row.admin2,
        incidents: row.figures.incidents,
        killed: row.figures.killed.total,
        injured: row.figures.injured.total,
        latitude: place?.latitude ?? null,
        longitude: place?.longitude ?? null,
      };
    });
  const by_type = eventTypes
    .filter((type) => byType.has(type))
    .map((type) => ({ type, incidents: byType.get(type)!.incidents, killed: byType.get(type)!.killed.total, injured: byType.get(type)!.injured.total }));
  const monthly = [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, row]) => ({ month, incidents: row.incidents, killed: row.killed.total, injured: row.injured.total }));
  const by_actor = [...figures.perpetrators]
    .sort((a, b) => b.killed - a.killed || b.incidents - a.incidents || a.actor.localeCompare(b.actor))
    .map((row) => ({ ...row, role: "perpetrator" as const }));

  const shares: Report["shares"] = [];
  const kpAndBalochistan = by_admin1.filter((row) => row.country === "PK" && (row.admin1 === "Khyber Pakhtunkhwa" || row.admin1 === "Balochistan"));
  if (kpAndBalochistan.length > 0 && by_admin1.length > 1) {
    const killed = kpAndBalochistan.reduce((sum, row) => sum + row.killed, 0);
    const incidents = kpAndBalochistan.reduce((sum, row) => sum + row.incidents, 0);
    shares.push({ label: "Khyber Pakhtunkhwa and Balochistan", metric: "killed", value: killed, total: totals.killed.total, percent: percent(killed, totals.killed.total) });
    shares.push({ label: "Khyber Pakhtunkhwa and Balochistan", metric: "incidents", value: incidents, total: totals.incidents, percent: percent(incidents, totals.incidents) });
  }
  const top = by_admin1[0];
  if (top && by_admin1.length > 1 && top.admin1 !== null) {
    shares.push({ label: `${top.admin1} (deadliest province)`, metric: "killed", value: top.killed, total: totals.killed.total, percent: percent(top.killed, totals.killed.total) });
  }
  for (const country of ["PK", "AF"]) {
    const rows = by_admin1.filter((row) => row.country === country);
    if (rows.length === 0 || rows.length === by_admin1.length) continue;
    const killed = rows.reduce((sum, row) => sum + row.killed, 0);
    shares.push({ label: country === "PK" ? "Pakistan" : "Afghanistan", metric: "killed", value: killed, total: totals.killed.total, percent: percent(killed, totals.killed.total) });
  }

  const deadliest = options.deadliestLimit > 0 ? await source.deadliest(scope, options.deadliestLimit, totals.incidents) : [];
  const sourceSummary = await source.sourcesOf(scope, 200);
  const evidence = await source.evidence(scope, options.evidenceLimit, totals.incidents);
  const claims = await reconcileClaims(source, options, reviewStates);

  const notes = [
    options.includeCandidates
      ? "Counts include unreviewed candidate events as well as confirmed ones."
      : "Only confirmed events are counted; unreviewed candidates and rejected, merged or deleted events are left out.",
    "An event counts in the period when every day it may have happened on (its date at the precision the sources give, through its end date) lies within the period; the monthly trend places it in the month of its first possible day.",
    "Killed and injured are the sums of the event's casualty categories (security forces, civilians, militants, unknown); a category no source gives counts as 0.",
    `"Near the border" means within ${options.borderKm} km of an approximate trace of the Durand Line (accurate to several km); events without coordinates are not placed (${figures.withoutCoordinates} in this period).`,
    "Change is against the previous period of the same length, with the same filters.",
    ...boundaries.notes.filter((note) => !note.startsWith("Simplified")),
    evidence === null
      ? `The per-event evidence table is left out because the period holds more than ${options.evidenceLimit} events; list the events with the same filters to drill down.`
      : "The evidence table lists every counted event with the sources that report it; every figure can be recomputed from it.",
    claims.isAvailable ? "Claims are attributed figures stored by extraction whose period overlaps the report's; each is set beside the database's figure for the claim's own period and scope." : "No claims storage is available in this database yet, so no claims are reconciled.",
  ];

  const title = `Militant violence ${options.country === "PK" ? "in Pakistan" : options.country === "AF" ? "in Afghanistan" : "in Pakistan and Afghanistan"}${options.admin1.length > 0 ? ` (${options.admin1.join(", ")})` : ""}, ${options.from} to ${options.to}`;
  return {
    report: {
      title,
      from: options.from,
      to: options.to,
      days,
      country: options.country,
      admin1: options.admin1,
      actors: options.actors,
      review_states: reviewStates,
      border_km: options.borderKm,
      notes,
    },
    totals: { ...totals, incidents_by_type: incidentsByType },
    previous_period: {
      from: previousFrom,
      to: previousTo,
      totals: previous,
      change: {
        incidents: change(previous.incidents, totals.incidents),
        killed: change(previous.killed.total, totals.killed.total),
        injured: change(previous.injured.total, totals.injured.total),
      },
    },
    by_admin1,
    by_admin2,
    by_actor,
    by_type,
    monthly,
    shares,
    near_border: {
      ...figures.nearBorder,
      border_km: options.borderKm,
      share_of_incidents_percent: percent(figures.nearBorder.incidents, totals.incidents),
      share_of_killed_percent: percent(figures.nearBorder.killed.total, totals.killed.total),
      events_without_coordinates: figures.withoutCoordinates,
    },
    deadliest,
    sources: { event_count: totals.incidents, source_count: sourceSummary.count, source_ids: sourceSummary.source_ids, source_ids_truncated: sourceSummary.count > sourceSummary.source_ids.length },
    evidence,
    claims: claims.rows,
  };
}
