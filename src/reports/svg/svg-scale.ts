/**
 * The few d3-scale ideas the report charts need, written out: escaping, a linear scale with "nice" ticks and
 * number formatting. Pure functions; every chart is a string of SVG built from them.
 */

/** Escapes text for XML/HTML content and attribute values (both quote kinds), so untrusted names cannot break out. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => {
    switch (character) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      default:
        return "&#39;";
    }
  });
}

/** A number fixed to at most 2 decimals without trailing zeros, for stable, compact SVG coordinates. */
export function formatCoordinate(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

/** Thousands separated with commas (1524 → "1,524"), the way the published reports print figures. */
export function formatCount(value: number): string {
  const sign = value < 0 ? "-" : "";
  const digits = String(Math.round(Math.abs(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Up to `count` round tick values from 0 to at least `maximum` (1, 2 or 5 times a power of ten apart). */
export function niceTicks(maximum: number, count = 5): number[] {
  if (!(maximum > 0)) return [0, 1];
  const rawStep = maximum / count;
  const power = 10 ** Math.floor(Math.log10(rawStep));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rawStep) ?? 10 * power;
  const ticks: number[] = [];
  for (let value = 0; value < maximum + step; value += step) {
    ticks.push(Math.round(value * 1e9) / 1e9);
    if (value >= maximum) break;
  }
  return ticks;
}

/** Maps [domainMin, domainMax] linearly onto [rangeMin, rangeMax]; a zero-width domain maps to rangeMin. */
export function linearScale(domainMin: number, domainMax: number, rangeMin: number, rangeMax: number): (value: number) => number {
  const span = domainMax - domainMin;
  return (value) => (span === 0 ? rangeMin : rangeMin + ((value - domainMin) / span) * (rangeMax - rangeMin));
}
