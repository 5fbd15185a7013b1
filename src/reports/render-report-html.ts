import { durandLine } from "../codebook/gazetteer.ts";
import type { ChangeFigure, EventSummary, Report } from "./report.ts";
import { renderBarChart, renderTrendChart } from "./svg/render-charts.ts";
import { renderMap } from "./svg/render-map.ts";
import { escapeXml as e, formatCount } from "./svg/svg-scale.ts";

/**
 * The report as one self-contained HTML file: inline CSS and SVG, no script, no external URL (so it opens
 * offline, prints to PDF and can be mailed as is). Every value from the database is escaped.
 */

const style = `
body{font-family:Georgia,"Times New Roman",serif;color:#1a1a1a;max-width:860px;margin:24px auto;padding:0 16px;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:2px solid #0072B2;padding-bottom:2px;margin-top:1.8em}
.lead{font-size:1.15em}.meta{color:#555;font-size:.9em}
table{border-collapse:collapse;width:100%;font-size:.85em;margin:.6em 0}th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
td:nth-child(2){white-space:nowrap}th{background:#f3f6f9}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.figures{display:flex;gap:12px;flex-wrap:wrap}.figure{flex:1 1 150px;border:1px solid #ddd;padding:8px}.figure b{display:block;font-size:1.5em}
.up{color:#b2182b}.down{color:#1a7f37}ul.notes{font-size:.85em;color:#444}svg{max-width:100%;height:auto;display:block;margin:.5em 0}
section{page-break-inside:auto}h2{page-break-after:avoid}.figure,svg{page-break-inside:avoid}
`;

function changeText(figure: ChangeFigure): string {
  if (figure.percent_change === null) return figure.current === 0 ? "none in either period" : `none in the previous period`;
  const direction = figure.change > 0 ? "up" : figure.change < 0 ? "down" : "unchanged";
  return `<span class="${direction === "up" ? "up" : direction === "down" ? "down" : ""}">${direction === "unchanged" ? "unchanged" : `${direction} ${Math.abs(figure.percent_change)}%`}</span> (${formatCount(figure.previous)} → ${formatCount(figure.current)})`;
}

function table(headers: Array<[string, boolean]>, rows: Array<Array<string | number | null>>): string {
  const head = headers.map(([label, isNumber]) => `<th${isNumber ? ' class="n"' : ""}>${e(label)}</th>`).join("");
  const body = rows
    .map((row) => `<tr>${row.map((cell, index) => `<td${headers[index]?.[1] ? ' class="n"' : ""}>${cell === null ? "" : typeof cell === "number" ? formatCount(cell) : e(cell)}</td>`).join("")}</tr>`)
    .join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function eventRows(events: EventSummary[]): Array<Array<string | number | null>> {
  return events.map((event) => [
    event.event_id,
    event.date_end ? `${event.date ?? ""} – ${event.date_end}` : event.date,
    event.type.replace(/_/g, " "),
    [event.location, event.admin2, event.admin1, event.country].filter((part) => part !== null && part !== "").join(", "),
    event.perpetrators.join("; "),
    event.killed,
    event.injured,
    [...event.source_ids.map((id) => `#${id}`), ...event.citations].join("; "),
  ]);
}

const eventHeaders: Array<[string, boolean]> = [
  ["Event", true],
  ["Date", false],
  ["Type", false],
  ["Place", false],
  ["Perpetrators", false],
  ["Killed", true],
  ["Injured", true],
  ["Sources", false],
];

/** The full report page. `evidenceRowLimit` caps the evidence table in the page (the JSON/CSV keep all rows). */
export function renderReportHtml(report: Report, options: { evidenceRowLimit?: number; mapFigure?: "killed" | "incidents" | "injured" } = {}): string {
  const info = report.report;
  const totals = report.totals;
  const mapFigure = options.mapFigure ?? "killed";
  const kpBalochistan = report.shares.find((share) => share.metric === "killed" && share.label === "Khyber Pakhtunkhwa and Balochistan");
  const lead = `${formatCount(totals.killed.total)} people were killed and ${formatCount(totals.injured.total)} injured in ${formatCount(totals.incidents)} incidents between ${e(info.from)} and ${e(info.to)}${kpBalochistan ? `; Khyber Pakhtunkhwa and Balochistan account for ${kpBalochistan.percent}% of deaths` : ""}.`;
  const categoryNames = ["Security forces", "Civilians", "Militants", "Unknown"];
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${e(info.title)}</title><style>${style}</style></head><body>`);
  parts.push(`<header><h1>${e(info.title)}</h1><p class="meta">armtrace period report · ${e(info.from)} to ${e(info.to)} (${info.days} days) · ${e(info.review_states.join(" and "))} events${info.actors.length > 0 ? ` · actors: ${e(info.actors.join(", "))}` : ""}</p><p class="lead">${lead}</p></header>`);

  parts.push(`<section><h2>Key figures</h2><div class="figures">`);
  parts.push(`<div class="figure"><b>${formatCount(totals.incidents)}</b>incidents<br><small>${changeText(report.previous_period.change.incidents)}</small></div>`);
  parts.push(`<div class="figure"><b>${formatCount(totals.killed.total)}</b>killed<br><small>${changeText(report.previous_period.change.killed)}</small></div>`);
  parts.push(`<div class="figure"><b>${formatCount(totals.injured.total)}</b>injured<br><small>${changeText(report.previous_period.change.injured)}</small></div>`);
  parts.push(`<div class="figure"><b>${formatCount(report.near_border.incidents)}</b>incidents within ${report.near_border.border_km} km of the border<br><small>${report.near_border.share_of_incidents_percent}% of incidents, ${report.near_border.share_of_killed_percent}% of deaths</small></div>`);
  parts.push(`</div>`);
  parts.push(`<p class="meta">Change against the previous period of the same length, ${e(report.previous_period.from)} to ${e(report.previous_period.to)}.</p>`);
  parts.push(
    table(
      [
        ["", false],
        ["Security forces", true],
        ["Civilians", true],
        ["Militants", true],
        ["Unknown", true],
        ["Total", true],
      ],
      [
        ["Killed", totals.killed.security_forces, totals.killed.civilians, totals.killed.militants, totals.killed.unknown, totals.killed.total],
        ["Injured", totals.injured.security_forces, totals.injured.civilians, totals.injured.militants, totals.injured.unknown, totals.injured.total],
      ],
    ),
  );
  if (report.shares.length > 0) {
    parts.push(`<ul>${report.shares.map((share) => `<li>${e(share.label)}: ${share.percent}% of ${share.metric === "killed" ? "deaths" : "incidents"} (${formatCount(share.value)} of ${formatCount(share.total)})</li>`).join("")}</ul>`);
  }
  parts.push(`</section>`);

  parts.push(`<section><h2>Map</h2>`);
  parts.push(
    renderMap({
      title: `${mapFigure === "killed" ? "Killed" : mapFigure === "injured" ? "Injured" : "Incidents"} by province; circles: incidents by district`,
      figureName: mapFigure,
      provinces: report.by_admin1.filter((row) => row.country !== null && row.admin1 !== null).map((row) => ({ country: row.country!, admin1: row.admin1!, value: row[mapFigure] })),
      symbolName: "incidents",
      districts: report.by_admin2
        .filter((row) => row.latitude !== null && row.longitude !== null)
        .map((row) => ({ label: `${row.admin2 ?? ""}, ${row.admin1 ?? ""}`, latitude: row.latitude!, longitude: row.longitude!, value: row.incidents })),
      line: { name: "Durand Line (approximate)", points: durandLine().map(([lon, lat]) => [lon, lat] as [number, number]) },
    }),
  );
  const unplaced = report.by_admin2.filter((row) => row.admin2 !== null && row.latitude === null).length;
  if (unplaced > 0) parts.push(`<p class="meta">${unplaced} districts could not be placed on the map (not in the gazetteer).</p>`);
  parts.push(`</section>`);

  parts.push(`<section><h2>Monthly trend</h2>`);
  parts.push(
    renderTrendChart({
      title: "Incidents and deaths per month",
      labels: report.monthly.map((row) => row.month),
      bars: { name: "incidents", values: report.monthly.map((row) => row.incidents) },
      line: { name: "killed", values: report.monthly.map((row) => row.killed) },
    }),
  );
  parts.push(`</section>`);

  parts.push(`<section><h2>By province</h2>`);
  parts.push(
    renderBarChart({
      title: "Killed by province and category",
      seriesNames: categoryNames,
      rows: report.by_admin1.map((row) => ({
        label: `${row.admin1 ?? "Province unknown"} (${row.country ?? "?"})`,
        values: [row.killed_by_category.security_forces, row.killed_by_category.civilians, row.killed_by_category.militants, row.killed_by_category.unknown],
      })),
    }),
  );
  parts.push(
    table(
      [
        ["Country", false],
        ["Province", false],
        ["Incidents", true],
        ["Killed", true],
        ["Injured", true],
        ["Share of deaths", true],
      ],
      report.by_admin1.map((row) => [row.country, row.admin1 ?? "unknown", row.incidents, row.killed, row.injured, `${row.share_of_killed_percent}%`]),
    ),
  );
  const districts = report.by_admin2.slice(0, 25);
  parts.push(`<h3>Districts${report.by_admin2.length > districts.length ? ` (deadliest ${districts.length} of ${report.by_admin2.length})` : ""}</h3>`);
  parts.push(
    table(
      [
        ["District", false],
        ["Province", false],
        ["Incidents", true],
        ["Killed", true],
        ["Injured", true],
      ],
      districts.map((row) => [row.admin2 ?? "unknown", row.admin1 ?? "unknown", row.incidents, row.killed, row.injured]),
    ),
  );
  parts.push(`</section>`);

  parts.push(`<section><h2>By perpetrator</h2>`);
  const actors = report.by_actor.slice(0, 15);
  parts.push(renderBarChart({ title: "Incidents by perpetrator", seriesNames: ["incidents"], rows: actors.map((row) => ({ label: row.actor, values: [row.incidents] })) }));
  parts.push(
    table(
      [
        ["Perpetrator", false],
        ["Incidents", true],
        ["Killed", true],
        ["Injured", true],
      ],
      report.by_actor.map((row) => [row.actor, row.incidents, row.killed, row.injured]),
    ),
  );
  parts.push(`<p class="meta">An incident with several perpetrators counts for each; the rows do not add up to the total.</p></section>`);

  parts.push(`<section><h2>By type of incident</h2>`);
  parts.push(renderBarChart({ title: "Incidents by type", seriesNames: ["incidents"], rows: report.by_type.map((row) => ({ label: row.type.replace(/_/g, " "), values: [row.incidents] })) }));
  parts.push(
    table(
      [
        ["Type", false],
        ["Incidents", true],
        ["Killed", true],
        ["Injured", true],
      ],
      report.by_type.map((row) => [row.type.replace(/_/g, " "), row.incidents, row.killed, row.injured]),
    ),
  );
  parts.push(`</section>`);

  parts.push(`<section><h2>Near the Pakistan–Afghanistan border</h2>`);
  const border = report.near_border;
  parts.push(
    `<p>${formatCount(border.incidents)} incidents (${border.share_of_incidents_percent}%) with ${formatCount(border.killed.total)} killed (${border.share_of_killed_percent}% of deaths) and ${formatCount(border.injured.total)} injured happened within ${border.border_km} km of the Durand Line. ${border.events_without_coordinates > 0 ? `${formatCount(border.events_without_coordinates)} incidents have no coordinates and are not placed.` : ""}</p></section>`,
  );

  parts.push(`<section><h2>Deadliest incidents</h2>`);
  parts.push(report.deadliest.length > 0 ? table(eventHeaders, eventRows(report.deadliest)) : `<p>None listed.</p>`);
  parts.push(`</section>`);

  parts.push(`<section><h2>Claims set beside the database</h2>`);
  if (report.claims.length === 0) {
    parts.push(`<p>No attributed claims stored for this period.</p>`);
  } else {
    parts.push(
      table(
        [
          ["Claim", false],
          ["Claimed", true],
          ["Database", true],
          ["Gap", true],
          ["Database scope", false],
          ["Sources (claim | database)", false],
        ],
        report.claims.map((claim) => [
          claim.claim + (claim.note ? ` — ${claim.note}` : ""),
          claim.value,
          claim.database_value,
          claim.gap,
          claim.database_scope,
          `${claim.claim_source_ids.map((id) => `#${id}`).join(", ") || "—"} | ${claim.database_source_count === null ? "—" : `${claim.database_event_count ?? 0} events, ${claim.database_source_count} sources${claim.database_source_ids.length > 0 ? ` (${claim.database_source_ids.slice(0, 10).map((id) => `#${id}`).join(", ")}${claim.database_source_ids.length > 10 ? ", …" : ""})` : ""}`}`,
        ]),
      ),
    );
  }
  parts.push(`</section>`);

  parts.push(`<section><h2>Sources</h2><p>The figures rest on ${formatCount(report.sources.event_count)} events reported by ${formatCount(report.sources.source_count)} stored sources${report.sources.source_ids.length > 0 ? ` (${report.sources.source_ids.map((id) => `#${id}`).join(", ")}${report.sources.source_ids_truncated ? ", …" : ""})` : ""}.</p>`);
  if (report.evidence !== null) {
    const limit = options.evidenceRowLimit ?? 1000;
    const shown = report.evidence.slice(0, limit);
    parts.push(`<h3>Every counted event${report.evidence.length > shown.length ? ` (first ${shown.length} of ${report.evidence.length}; the JSON and CSV list all)` : ""}</h3>`);
    parts.push(table(eventHeaders, eventRows(shown)));
  }
  parts.push(`</section>`);

  parts.push(`<section><h2>Method</h2><ul class="notes">${info.notes.map((note) => `<li>${e(note)}</li>`).join("")}</ul></section>`);
  parts.push(`</body></html>\n`);
  return parts.join("\n");
}
