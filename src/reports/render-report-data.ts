import type { Report } from "./report.ts";

/**
 * The report as JSON and as CSV. Both are byte-for-byte reproducible: no timestamps, the report's own stable
 * ordering, fixed key order. The CSV is one "tidy" table — one row per figure — carrying the same tables as
 * the JSON: section, the keys that identify the row, the metric and its value.
 */

/** Pretty-printed JSON with a final newline. */
export function renderReportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export const csvColumns = ["section", "country", "admin1", "admin2", "actor", "type", "month", "event_id", "label", "metric", "value"] as const;
type CsvRow = Partial<Record<(typeof csvColumns)[number], string | number | null>>;

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  // Quote when needed; prefix cells a spreadsheet would read as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every figure of the report as rows of (section, keys…, metric, value), CRLF line ends as RFC 4180 says. */
export function renderReportCsv(report: Report): string {
  const rows: CsvRow[] = [];
  const push = (base: CsvRow, metrics: Record<string, string | number | null>): void => {
    for (const [metric, value] of Object.entries(metrics)) rows.push({ ...base, metric, value });
  };
  const casualties = (prefix: string, figures: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(figures).map(([category, value]) => [`${prefix}_${category}`, value]));

  const info = report.report;
  push(
    { section: "report", country: info.country, admin1: info.admin1.join("; ") || null, actor: info.actors.join("; ") || null },
    { from: info.from, to: info.to, days: info.days, review_states: info.review_states.join("; "), border_km: info.border_km },
  );
  push({ section: "totals" }, { incidents: report.totals.incidents, ...casualties("killed", report.totals.killed), ...casualties("injured", report.totals.injured) });
  for (const [type, count] of Object.entries(report.totals.incidents_by_type)) push({ section: "totals", type }, { incidents: count });
  const previous = report.previous_period;
  push({ section: "previous_period", label: `${previous.from} to ${previous.to}` }, {
    incidents: previous.totals.incidents,
    ...casualties("killed", previous.totals.killed),
    ...casualties("injured", previous.totals.injured),
  });
  for (const [metric, change] of Object.entries(previous.change)) {
    push({ section: "change", label: metric }, { previous: change.previous, current: change.current, change: change.change, percent_change: change.percent_change });
  }
  for (const row of report.by_admin1) {
    push({ section: "by_admin1", country: row.country, admin1: row.admin1 }, {
      incidents: row.incidents,
      killed: row.killed,
      injured: row.injured,
      ...casualties("killed", row.killed_by_category),
      share_of_killed_percent: row.share_of_killed_percent,
    });
  }
  for (const row of report.by_admin2) {
    push({ section: "by_admin2", country: row.country, admin1: row.admin1, admin2: row.admin2 }, { incidents: row.incidents, killed: row.killed, injured: row.injured });
  }
  for (const row of report.by_actor) push({ section: "by_actor", actor: row.actor, label: row.role }, { incidents: row.incidents, killed: row.killed, injured: row.injured });
  for (const row of report.by_type) push({ section: "by_type", type: row.type }, { incidents: row.incidents, killed: row.killed, injured: row.injured });
  for (const row of report.monthly) push({ section: "monthly", month: row.month }, { incidents: row.incidents, killed: row.killed, injured: row.injured });
  for (const row of report.shares) push({ section: "shares", label: row.label }, { [`${row.metric}`]: row.value, [`${row.metric}_total`]: row.total, [`${row.metric}_percent`]: row.percent });
  const border = report.near_border;
  push({ section: "near_border", label: `within ${border.border_km} km of the Durand Line` }, {
    incidents: border.incidents,
    ...casualties("killed", border.killed),
    ...casualties("injured", border.injured),
    share_of_incidents_percent: border.share_of_incidents_percent,
    share_of_killed_percent: border.share_of_killed_percent,
    events_without_coordinates: border.events_without_coordinates,
  });
  report.deadliest.forEach((event, index) => {
    push(
      { section: "deadliest", country: event.country, admin1: event.admin1, admin2: event.admin2, actor: event.perpetrators.join("; ") || null, type: event.type, month: event.date, event_id: event.event_id, label: event.location },
      { rank: index + 1, killed: event.killed, injured: event.injured, source_ids: event.source_ids.join("; "), citations: event.citations.join("; ") },
    );
  });
  push({ section: "sources" }, { event_count: report.sources.event_count, source_count: report.sources.source_count, source_ids: report.sources.source_ids.join("; ") });
  for (const event of report.evidence ?? []) {
    push(
      { section: "evidence", country: event.country, admin1: event.admin1, admin2: event.admin2, actor: event.perpetrators.join("; ") || null, type: event.type, month: event.date, event_id: event.event_id, label: event.location },
      { killed: event.killed, injured: event.injured, source_ids: event.source_ids.join("; "), citations: event.citations.join("; ") },
    );
  }
  for (const claim of report.claims) {
    push({ section: "claims", label: claim.claim, actor: claim.attributed_to }, {
      claim_id: claim.claim_id,
      metric: claim.metric,
      value: claim.value,
      period: claim.period,
      database_value: claim.database_value,
      gap: claim.gap,
      database_scope: claim.database_scope,
      claim_source_ids: claim.claim_source_ids.join("; "),
      database_event_count: claim.database_event_count,
      database_source_ids: claim.database_source_ids.join("; "),
      note: claim.note,
    });
  }
  const lines = [csvColumns.join(","), ...rows.map((row) => csvColumns.map((column) => csvField(row[column])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
