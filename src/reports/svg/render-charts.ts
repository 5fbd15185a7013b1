import { escapeXml, formatCoordinate as c, formatCount, linearScale, niceTicks } from "./svg-scale.ts";

/**
 * Inline-SVG charts for the report: pure functions from figures to markup, no script, no external reference.
 * Every label is escaped; every chart carries a <title> and <desc> so screen readers and PDF text keep it.
 */

/** Colours for stacked series, in order (colour-blind-safe Okabe–Ito palette). */
export const seriesColours = ["#0072B2", "#D55E00", "#009E73", "#999999", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442"] as const;

const font = `font-family="Helvetica, Arial, sans-serif"`;

export interface TrendChartInput {
  title: string;
  /** One label per period, in order (e.g. "2023-01"). */
  labels: string[];
  /** Drawn as bars against the left axis. */
  bars: { name: string; values: number[] };
  /** Drawn as a line against the right axis. */
  line?: { name: string; values: number[] };
  width?: number;
  height?: number;
}

/** A monthly trend: bars (e.g. incidents) with an optional line (e.g. killed) on its own right-hand axis. */
export function renderTrendChart(input: TrendChartInput): string {
  const width = input.width ?? 720;
  const height = input.height ?? 280;
  const margin = { top: 36, right: 56, bottom: 56, left: 56 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const count = Math.max(input.labels.length, 1);
  const barTicks = niceTicks(Math.max(0, ...input.bars.values));
  const barMax = barTicks[barTicks.length - 1] ?? 1;
  const y = linearScale(0, barMax, margin.top + plotHeight, margin.top);
  const slot = plotWidth / count;
  const barWidth = Math.max(1, slot * 0.7);
  const x = (index: number): number => margin.left + slot * index + slot / 2;
  const parts: string[] = [];
  parts.push(`<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="chart">`);
  parts.push(`<title>${escapeXml(input.title)}</title>`);
  parts.push(`<desc>${escapeXml(`${input.bars.name}${input.line ? ` and ${input.line.name}` : ""} by period, ${input.labels[0] ?? ""} to ${input.labels[input.labels.length - 1] ?? ""}`)}</desc>`);
  parts.push(`<text x="${margin.left}" y="20" ${font} font-size="14" font-weight="bold">${escapeXml(input.title)}</text>`);
  for (const tick of barTicks) {
    parts.push(`<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${c(y(tick))}" y2="${c(y(tick))}" stroke="#e0e0e0"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${c(y(tick) + 4)}" ${font} font-size="10" text-anchor="end">${formatCount(tick)}</text>`);
  }
  input.bars.values.forEach((value, index) => {
    const top = y(value);
    parts.push(
      `<rect x="${c(x(index) - barWidth / 2)}" y="${c(top)}" width="${c(barWidth)}" height="${c(margin.top + plotHeight - top)}" fill="${seriesColours[0]}"><title>${escapeXml(`${input.labels[index] ?? ""}: ${formatCount(value)} ${input.bars.name}`)}</title></rect>`,
    );
  });
  if (input.line) {
    const lineTicks = niceTicks(Math.max(0, ...input.line.values));
    const lineMax = lineTicks[lineTicks.length - 1] ?? 1;
    const yLine = linearScale(0, lineMax, margin.top + plotHeight, margin.top);
    for (const tick of lineTicks) {
      parts.push(`<text x="${margin.left + plotWidth + 6}" y="${c(yLine(tick) + 4)}" ${font} font-size="10" fill="${seriesColours[1]}">${formatCount(tick)}</text>`);
    }
    const points = input.line.values.map((value, index) => `${c(x(index))},${c(yLine(value))}`).join(" ");
    parts.push(`<polyline points="${points}" fill="none" stroke="${seriesColours[1]}" stroke-width="2"/>`);
    input.line.values.forEach((value, index) => {
      parts.push(`<circle cx="${c(x(index))}" cy="${c(yLine(value))}" r="2.5" fill="${seriesColours[1]}"><title>${escapeXml(`${input.labels[index] ?? ""}: ${formatCount(value)} ${input.line!.name}`)}</title></circle>`);
    });
  }
  const labelEvery = Math.max(1, Math.ceil(count / 12));
  input.labels.forEach((label, index) => {
    if (index % labelEvery !== 0) return;
    parts.push(`<text x="${c(x(index))}" y="${margin.top + plotHeight + 14}" ${font} font-size="10" text-anchor="middle">${escapeXml(label)}</text>`);
  });
  const legendY = height - 14;
  parts.push(`<rect x="${margin.left}" y="${legendY - 9}" width="10" height="10" fill="${seriesColours[0]}"/>`);
  parts.push(`<text x="${margin.left + 14}" y="${legendY}" ${font} font-size="11">${escapeXml(input.bars.name)} (left axis)</text>`);
  if (input.line) {
    parts.push(`<line x1="${margin.left + 200}" x2="${margin.left + 214}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${seriesColours[1]}" stroke-width="2"/>`);
    parts.push(`<text x="${margin.left + 218}" y="${legendY}" ${font} font-size="11">${escapeXml(input.line.name)} (right axis)</text>`);
  }
  parts.push(`</svg>`);
  return parts.join("");
}

export interface BarChartRow {
  label: string;
  /** One value per series, stacked left to right. */
  values: number[];
}

export interface BarChartInput {
  title: string;
  seriesNames: string[];
  rows: BarChartRow[];
  width?: number;
}

/** Horizontal bars, one row per province / actor / type, stacked by series (e.g. killed by category). */
export function renderBarChart(input: BarChartInput): string {
  const width = input.width ?? 720;
  const rowHeight = 22;
  const labelWidth = 220;
  const margin = { top: 36, right: 70, bottom: 40 };
  const plotWidth = width - labelWidth - margin.right;
  const height = margin.top + Math.max(1, input.rows.length) * rowHeight + margin.bottom;
  const totals = input.rows.map((row) => row.values.reduce((sum, value) => sum + value, 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const max = ticks[ticks.length - 1] ?? 1;
  const x = linearScale(0, max, labelWidth, labelWidth + plotWidth);
  const parts: string[] = [];
  parts.push(`<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="chart">`);
  parts.push(`<title>${escapeXml(input.title)}</title>`);
  parts.push(`<desc>${escapeXml(`${input.seriesNames.join(", ")} for ${input.rows.length} rows`)}</desc>`);
  parts.push(`<text x="8" y="20" ${font} font-size="14" font-weight="bold">${escapeXml(input.title)}</text>`);
  const plotBottom = margin.top + input.rows.length * rowHeight;
  for (const tick of ticks) {
    parts.push(`<line x1="${c(x(tick))}" x2="${c(x(tick))}" y1="${margin.top}" y2="${plotBottom}" stroke="#e0e0e0"/>`);
    parts.push(`<text x="${c(x(tick))}" y="${plotBottom + 12}" ${font} font-size="10" text-anchor="middle">${formatCount(tick)}</text>`);
  }
  if (input.rows.length === 0) {
    parts.push(`<text x="${labelWidth}" y="${margin.top + 14}" ${font} font-size="11">No data in this period</text>`);
  }
  input.rows.forEach((row, rowIndex) => {
    const top = margin.top + rowIndex * rowHeight + 3;
    parts.push(`<text x="${labelWidth - 6}" y="${top + 12}" ${font} font-size="11" text-anchor="end">${escapeXml(row.label)}</text>`);
    let offset = 0;
    row.values.forEach((value, seriesIndex) => {
      if (value <= 0) return;
      const left = x(offset);
      offset += value;
      parts.push(
        `<rect x="${c(left)}" y="${top}" width="${c(x(offset) - left)}" height="${rowHeight - 6}" fill="${seriesColours[seriesIndex % seriesColours.length]}"><title>${escapeXml(`${row.label}: ${formatCount(value)} ${input.seriesNames[seriesIndex] ?? ""}`)}</title></rect>`,
      );
    });
    parts.push(`<text x="${c(x(offset) + 4)}" y="${top + 12}" ${font} font-size="10">${formatCount(totals[rowIndex] ?? 0)}</text>`);
  });
  let legendX = labelWidth;
  if (input.seriesNames.length > 1) {
    input.seriesNames.forEach((name, index) => {
      parts.push(`<rect x="${legendX}" y="${height - 16}" width="10" height="10" fill="${seriesColours[index % seriesColours.length]}"/>`);
      parts.push(`<text x="${legendX + 14}" y="${height - 7}" ${font} font-size="11">${escapeXml(name)}</text>`);
      legendX += 24 + name.length * 6.5;
    });
  }
  parts.push(`</svg>`);
  return parts.join("");
}
